// SPDX-License-Identifier: BSL-1.0
// `livemsg send`'s transport and command line, against a server the test scripts: keep-alive,
// a server that closes between requests, no answer, TLS with the peer verified, refusals before
// sending. tests/tool/send_with_serve.sh sends to `livemsg serve`, which checks what it gets.
#include "run_tool.hpp"
#include "scripted_server.hpp"

#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using tool_test::reply;
using tool_test::scripted_server;

const std::string alibaba_creds = " --access-key-id LTAI5tExample --access-key-secret s3cr3t-value";

std::string user_message(const std::string& body) {
    return R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":")" + body + R"("})";
}

std::string send_user(unsigned short port, const std::string& more = {}) {
    return "send alibaba.SendLiveMessageUser --endpoint http://127.0.0.1:" + std::to_string(port) + alibaba_creds +
           more;
}

std::vector<json::object> lines_of(const std::string& out) {
    std::vector<json::object> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line).as_object());
    return lines;
}

// The value of the first header called `name` that reached the server.
std::string header(const tool_test::received& r, const std::string& name) {
    for (const auto& [n, v] : r.headers)
        if (n == name) return v;
    return {};
}

}  // namespace

TEST_CASE("send: several requests on one connection kept alive, in order, each signed afresh", "[tool][send]") {
    scripted_server server([](int) { return reply::answer; });
    const std::string input = user_message("one") + "\n" + user_message("two") + "\n  " + user_message("three");
    auto r = run_tool(send_user(server.port()), input);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    for (int i = 0; i < 3; ++i) {
        INFO(i);
        CHECK(lines[i].at("outcome") == "sent");
        CHECK(lines[i].at("RequestId") == json::value("R" + std::to_string(i)));
    }
    CHECK(server.connections() == 1);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 3);
    std::set<std::string> nonces;
    const char* bodies[] = {"Body=one", "Body=two", "Body=three"};
    for (int i = 0; i < 3; ++i) {
        CHECK(requests[i].target.find(bodies[i]) != std::string::npos);
        CHECK(header(requests[i], "Authorization").starts_with("ACS3-HMAC-SHA256 Credential=LTAI5tExample,"));
        nonces.insert(header(requests[i], "x-acs-signature-nonce"));
    }
    CHECK(nonces.size() == 3);
}

TEST_CASE("send: a server that closes the connection between requests is connected to again", "[tool][send]") {
    // Connection: close on every answer.
    scripted_server closing([](int) { return reply::answer_and_close; });
    auto r = run_tool(send_user(closing.port()), user_message("a") + user_message("b") + user_message("c"));
    CHECK(r.exit_code == 0);
    CHECK(lines_of(r.out).size() == 3);
    CHECK(closing.connections() == 3);

    // Closed without a word while the tool waits for its next request: seen before reusing it.
    scripted_server dropping([](int) { return reply::answer_then_drop; });
    const std::string feed = "printf '%s\\n' '" + user_message("a") + "'; sleep 0.3; printf '%s\\n' '" +
                             user_message("b") + "'; sleep 0.3; printf '%s\\n' '" + user_message("c") + "'";
    auto fed = run_tool(send_user(dropping.port()), feed, "", stdin_from::command);
    CHECK(fed.exit_code == 0);
    const auto lines = lines_of(fed.out);
    REQUIRE(lines.size() == 3);
    for (const auto& line : lines) CHECK(line.at("outcome") == "sent");
    CHECK(dropping.connections() == 3);
    CHECK(dropping.requests().size() == 3);
}

TEST_CASE("send: no answer within --timeout may have been delivered, and the next request goes on", "[tool][send]") {
    scripted_server server([](int n) { return n == 0 ? reply::hold_and_drop : reply::answer; });
    const auto started = std::chrono::steady_clock::now();
    auto r = run_tool(send_user(server.port(), " --timeout 1"), user_message("lost") + user_message("next"));
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(r.exit_code == 0);  // the last request's
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].at("outcome") == "transport_error");
    CHECK(lines[0].at("stage") == "maybe_delivered");
    CHECK(lines[0].at("retryable") == false);
    CHECK(lines[0].at("message").as_string().find("no answer from http://127.0.0.1:") != std::string::npos);
    CHECK(lines[1].at("outcome") == "sent");
    CHECK(server.connections() == 2);
    CHECK(took < std::chrono::milliseconds(2900));  // the server held the first for 3 s

    // The last one lost: exit 5.
    scripted_server silent([](int) { return reply::hold_and_drop; }, nullptr, std::chrono::milliseconds(0));
    auto dropped = run_tool(send_user(silent.port()), user_message("x"));
    CHECK(dropped.exit_code == 5);
    CHECK(lines_of(dropped.out).at(0).at("stage") == "maybe_delivered");
}

TEST_CASE("send: nothing listening, not sent", "[tool][send]") {
    auto r = run_tool("send alibaba.SendLiveMessageUser --endpoint http://127.0.0.1:1" + alibaba_creds,
                      user_message("x") + user_message("y"));
    CHECK(r.exit_code == 5);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 2);
    for (const auto& line : lines) {
        CHECK(line.at("outcome") == "transport_error");
        CHECK(line.at("stage") == "not_sent");
        CHECK(line.at("retryable") == true);
        CHECK(line.at("message").as_string().starts_with("connecting to http://127.0.0.1:1: "));
    }
}

TEST_CASE("send: https, the server's certificate checked against the CA certificates and the host name", "[tool][send][tls]") {
    const auto certificate = tool_test::test_certificate::make();
    char dir_template[] = "/tmp/livemsg-tls-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    std::ofstream(dir + "/ca.pem") << certificate.certificate;
    // OpenSSL's default paths: this file instead of the system's certificates.
    const std::string trust = "SSL_CERT_FILE=" + dir + "/ca.pem SSL_CERT_DIR=" + dir;

    scripted_server server([](int) { return reply::answer; }, &certificate);
    const std::string at = std::to_string(server.port());
    auto ok = run_tool("send alibaba.SendLiveMessageUser --endpoint https://localhost:" + at + alibaba_creds,
                       user_message("a") + user_message("b"), trust);
    CHECK(ok.exit_code == 0);
    const auto lines = lines_of(ok.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[1].at("outcome") == "sent");
    CHECK(server.connections() == 1);
    CHECK(server.server_name() == "localhost");  // SNI
    CHECK(header(server.requests().at(0), "Host") == "localhost:" + at);

    // The certificate names localhost, not 127.0.0.1.
    auto wrong_name = run_tool("send alibaba.SendLiveMessageUser --endpoint https://127.0.0.1:" + at + alibaba_creds,
                               user_message("a"), trust);
    CHECK(wrong_name.exit_code == 5);
    CHECK(lines_of(wrong_name.out).at(0).at("stage") == "not_sent");
    CHECK(lines_of(wrong_name.out).at(0).at("message").as_string().find("certificate verify failed") != std::string::npos);

    // Not among the trusted certificates.
    auto untrusted = run_tool("send alibaba.SendLiveMessageUser --endpoint https://localhost:" + at + alibaba_creds,
                              user_message("a"), "SSL_CERT_FILE=/nonexistent SSL_CERT_DIR=" + dir + "/none");
    CHECK(untrusted.exit_code == 5);
    CHECK(lines_of(untrusted.out).at(0).at("message").as_string().find("certificate verify failed") != std::string::npos);
    CHECK(server.requests().size() == 2);  // the refused handshakes sent nothing
    std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("send: the answer as parse prints it, Alibaba's retry-after with it", "[tool][send]") {
    scripted_server server([](int) { return reply::throttle; });
    auto r = run_tool(send_user(server.port()), user_message("x"));
    CHECK(r.exit_code == 4);
    CHECK(json::parse(r.out) == json::parse(R"({"outcome":"error","http_status":400,"code":"Throttling.User",)"
                                            R"("message":"Request was denied due to user flow control.",)"
                                            R"("request_id":"R0","retryable":true,"retry_after_ms":1500})"));
}

TEST_CASE("send: refused before sending: invalid requests, and input that is not JSON", "[tool][send]") {
    scripted_server server([](int) { return reply::answer; });
    const std::string input = user_message("first") + "\n" +
                              R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid-1","Body":"bad"})" "\n" +
                              R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Bdy":"typo"})" "\n" +
                              user_message("last");
    auto r = run_tool(send_user(server.port()), input);
    CHECK(r.exit_code == 0);  // the last one was sent
    auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 4);
    CHECK(lines[1] == json::parse(R"({"outcome":"refused","errors":[{"field":"SenderId","code":"not_alphanumeric",)"
                                  R"("message":"must contain only ASCII letters and digits; found '-' at byte 3"}]})"));
    CHECK(lines[2].at("errors").at(0).at("code") == "unknown_field");
    CHECK(lines[3].at("outcome") == "sent");
    REQUIRE(server.requests().size() == 2);
    CHECK(server.requests()[1].target.find("Body=last") != std::string::npos);

    // What cannot be JSON ends the input: nothing after it is sent.
    auto broken = run_tool(send_user(server.port()), user_message("before") + "\n{\"AppId\":,\n" + user_message("after"));
    CHECK(broken.exit_code == 1);
    lines = lines_of(broken.out);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].at("outcome") == "sent");
    CHECK(lines[1].at("outcome") == "refused");
    CHECK(lines[1].at("errors").at(0).at("code") == "not_json");
    CHECK(server.requests().size() == 3);

    auto last_invalid = run_tool(send_user(server.port()), user_message("ok") + R"({"AppId":""})");
    CHECK(last_invalid.exit_code == 1);
    CHECK(server.requests().size() == 4);
}

TEST_CASE("send: its options, and what it refuses before reading a request", "[tool][send][options]") {
    const std::string help = run_tool("send --help").out;
    for (const char* option : {"--endpoint", "--access-key-id", "--access-key-secret", "--security-token",
                               "--signature-version", "--session-token", "--region", "--sdkappid", "--identifier",
                               "--secret-key", "--expire", "--usersig", "--limits", "--limits-account", "--limits-fail",
                               "--limits-timeout", "--limits-instances", "--limits-wait", "--connect-timeout",
                               "--timeout"}) {
        INFO(option);
        CHECK(help.find(std::string("\n  ") + option + " ") != std::string::npos);
    }
    CHECK(help.find("transport_error") != std::string::npos);
    CHECK(run_tool("--help").out.find("livemsg send OP") != std::string::npos);

    const std::pair<const char*, const char*> refused[] = {
        {"send alibaba.SendLiveMessageUser --format json", "unknown option '--format'"},
        {"send alibaba.SendLiveMessageUser --nonce n1", "unknown option '--nonce'"},
        {"send alibaba.SendLiveMessageUser --timestamp 2025-01-02T03:04:05Z", "unknown option '--timestamp'"},
        {"send tencent.send_text_msg --random 7", "unknown option '--random'"},
        {"send alibaba.SendLiveMessageUser --limits-fail open", "--limits-fail needs --limits"},
        {"send alibaba.SendLiveMessageUser --limits-account a", "--limits-account needs --limits"},
        {"send alibaba.SendLiveMessageUser --limits memcached://x", "--limits takes local, redis://"},
        {"send alibaba.SendLiveMessageUser --limits local --limits-fail open", "--limits-fail is for a Redis --limits"},
        {"send alibaba.SendLiveMessageUser --limits local --limits-timeout 10", "--limits-timeout is for a Redis"},
        {"send alibaba.SendLiveMessageUser --limits local --limits-instances 0", "--limits-instances takes a whole number"},
        {"send alibaba.SendLiveMessageUser --limits redis://h --limits-fail maybe", "--limits-fail takes closed or open"},
        {"send alibaba.SendLiveMessageUser --timeout 0", "--timeout takes a whole number"},
        {"send alibaba.SendLiveMessageUser --connect-timeout x", "--connect-timeout takes a whole number"},
        {"send alibaba.SendLiveMessageUser /nonexistent/requests.json", "cannot read /nonexistent/requests.json"},
        {"send", "send takes OP and an optional FILE"},
    };
    for (const auto& [args, why] : refused) {
        INFO(args);
        auto r = run_tool(args, user_message("x"));
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(why) != std::string::npos);
    }
#if !LIVEMSG_TOOL_HAS_REDIS
    auto redis = run_tool("send alibaba.SendLiveMessageUser --limits redis://127.0.0.1:6379", user_message("x"));
    CHECK(redis.exit_code == 2);
    CHECK(redis.err.find("built without Redis support") != std::string::npos);
#endif

    // No request: a terminal or /dev/null is nothing to send, and neither is an empty pipe.
    auto none = run_tool("send alibaba.SendLiveMessageUser --endpoint http://127.0.0.1:1", "", "", stdin_from::dev_null);
    CHECK(none.exit_code == 2);
    CHECK(none.err.find("send needs requests") != std::string::npos);
    auto empty = run_tool("send alibaba.SendLiveMessageUser --endpoint http://127.0.0.1:1", " \n", "", stdin_from::pipe);
    CHECK(empty.exit_code == 2);
    CHECK(empty.err.find("found no request") != std::string::npos);
    CHECK(empty.out.empty());
}

TEST_CASE("send --limits local: the pace, a process's share of it, and a bounded wait", "[tool][send][limits]") {
    scripted_server server([](int) { return reply::answer; });
    std::string ten;
    for (int i = 0; i < 10; ++i)
        ten += R"({"AppId":"demo","GroupId":"g","SenderId":"uid1","Body":"m)" + std::to_string(i) + R"(","MsgType":1})" "\n";
    const std::string group = "send alibaba.SendLiveMessageGroup --endpoint http://127.0.0.1:" +
                              std::to_string(server.port()) + alibaba_creds + " --limits local";
    const auto timed = [&](const std::string& more) {
        const auto started = std::chrono::steady_clock::now();
        auto r = run_tool(group + more, ten);
        CHECK(r.exit_code == 0);
        CHECK(lines_of(r.out).size() == 10);
        return std::chrono::steady_clock::now() - started;
    };
    // 45 calls per second (90% of 50): nine intervals of 22 ms; a fifth of that, 9 per second: 111 ms.
    CHECK(timed("") >= std::chrono::milliseconds(190));
    CHECK(timed(" --limits-instances 5") >= std::chrono::milliseconds(990));

    // No wait accepted: the first goes, the next two find no slot and are refused unsent.
    auto hurried = run_tool(group + " --limits-instances 5 --limits-wait 0", ten.substr(0, ten.find('\n') + 1) +
                                                                              ten.substr(0, ten.find('\n') + 1) +
                                                                              ten.substr(0, ten.find('\n') + 1));
    CHECK(hurried.exit_code == 1);
    const auto lines = lines_of(hurried.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].at("outcome") == "sent");
    for (int i : {1, 2}) {
        CHECK(lines[i].at("outcome") == "refused");
        CHECK(lines[i].at("errors").at(0).at("code") == "rate_limited");
        CHECK(lines[i].at("errors").at(0).at("message").as_string().starts_with(
            "no slot for SendLiveMessageGroup of account 'LTAI5tExample' within 0 s"));
    }
    CHECK(server.requests().size() == 21);
}

TEST_CASE("send: each request is signed when it goes, after its wait for a slot", "[tool][send][limits]") {
    scripted_server server([](int) { return reply::answer; });
    // A hundredth of 50 calls per second: a slot every 2 s, so the second request waits 2 s.
    const std::string group = R"({"AppId":"demo","GroupId":"g","SenderId":"uid1","Body":"m","MsgType":1})" "\n";
    auto r = run_tool("send alibaba.SendLiveMessageGroup --endpoint http://127.0.0.1:" + std::to_string(server.port()) +
                          alibaba_creds + " --limits local --limits-instances 90",
                      group + group);
    CHECK(r.exit_code == 0);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 2);
    CHECK(requests[1].at - requests[0].at >= std::chrono::milliseconds(1900));
    for (const auto& request : requests) {
        // x-acs-date has whole seconds: signed on sending, it is less than a second before arrival;
        // signed before the wait, it would be 2 s or more.
        const std::string date = header(request, "x-acs-date");
        int y, mo, d, h, mi, sec;
        REQUIRE(std::sscanf(date.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &sec) == 6);
        using namespace std::chrono;
        const sys_seconds signed_at = sys_days{year{y} / mo / d} + hours{h} + minutes{mi} + seconds{sec};
        INFO(date);
        CHECK(request.at - signed_at < milliseconds(1500));
        CHECK(request.at - signed_at >= milliseconds(0));
    }
}
