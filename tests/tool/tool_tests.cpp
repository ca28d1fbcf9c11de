// SPDX-License-Identifier: BSL-1.0
// The livemsg command-line tool, run as a user runs it.
#include "run_tool.hpp"

#include <catch2/catch.hpp>

#include <livemsg/signing.hpp>
#include <livemsg/version.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <utility>

namespace json = boost::json;

TEST_CASE("list names every operation", "[tool]") {
    auto r = run_tool("list");
    CHECK(r.exit_code == 0);
    CHECK(r.out == "alibaba.SendLiveMessageUser\nalibaba.SendLiveMessageGroup\nalibaba.SendMessageToGroup\n"
                   "tencent.send_text_msg\nvolcengine.P2PSendMessage\n");
}

TEST_CASE("validate: the built-in page example is valid", "[tool][validate]") {
    for (const char* op : {"alibaba.SendLiveMessageUser", "alibaba.SendLiveMessageGroup", "alibaba.SendMessageToGroup",
                           "tencent.send_text_msg", "volcengine.P2PSendMessage"}) {
        INFO(op);
        auto r = run_tool(std::string("validate ") + op);
        CHECK(r.exit_code == 0);
        CHECK(r.out == "{\"valid\":true}\n");
    }
}

TEST_CASE("validate: every violation, from standard input", "[tool][validate]") {
    auto r = run_tool("validate alibaba.SendLiveMessageUser -",
                      R"({"AppId":"demo","ReceiverId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","SenderId":"uid-1","Body":"x"})");
    CHECK(r.exit_code == 1);
    auto out = json::parse(r.out).as_object();
    CHECK(out["valid"] == false);
    auto& errors = out["errors"].as_array();
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].at("field") == "ReceiverId");
    CHECK(errors[0].at("code") == "too_long");
    CHECK(errors[0].at("message") == "must be at most 64 bytes, got 65");
    CHECK(errors[1].at("field") == "SenderId");
    CHECK(errors[1].at("code") == "not_alphanumeric");
}

TEST_CASE("validate: a file argument, and input that is not JSON", "[tool][validate]") {
    char path[] = "/tmp/livemsg-input-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    const std::string body = R"({"AppId":"demo","GroupId":"g","SenderId":"u1","MsgType":"one"})";
    REQUIRE(write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()));
    close(fd);
    auto r = run_tool(std::string("validate alibaba.SendLiveMessageGroup ") + path);
    std::remove(path);
    CHECK(r.exit_code == 1);
    CHECK(json::parse(r.out).at("errors").at(0).at("code") == "wrong_type");

    auto misspelled = run_tool("validate alibaba.SendLiveMessageUser -",
                               R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Bdy":"hello"})");
    CHECK(misspelled.exit_code == 1);
    CHECK(json::parse(misspelled.out).at("errors").at(0) ==
          json::parse(R"({"field":"Bdy","code":"unknown_field","message":"is not a field of SendLiveMessageUser"})"));

    auto garbage = run_tool("validate alibaba.SendLiveMessageUser -", "{not json");
    CHECK(garbage.exit_code == 1);
    CHECK(json::parse(garbage.out).at("errors").at(0).at("code") == "not_json");

    auto missing = run_tool("validate alibaba.SendLiveMessageUser /nonexistent/file.json");
    CHECK(missing.exit_code == 2);
}

TEST_CASE("render --format json: the exact shape", "[tool][render]") {
    auto r = run_tool("render alibaba.SendMessageToGroup --format json");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("not signed") != std::string::npos);
    auto out = json::parse(r.out).as_object();
    CHECK(out.size() == 7);
    CHECK(out["method"] == "POST");
    CHECK(out["url"] == "https://live.aliyuncs.com/?Action=SendMessageToGroup&Version=2016-11-01&SkipAudit=true");
    CHECK(out["host"] == "live.aliyuncs.com");
    CHECK(out["path"] == "/");
    CHECK(out["query"] == json::parse(R"([["Action","SendMessageToGroup"],["Version","2016-11-01"],["SkipAudit","true"]])"));
    CHECK(out["headers"] == json::parse(R"([["Host","live.aliyuncs.com"],["Content-Type","application/x-www-form-urlencoded"]])"));
    CHECK(out["body"] == "AppId=VKL3%2A%2A%2A&GroupId=AE35-%2A%2A%2A%2A-T95F&OperatorUserId=de1%2A%2Aa0&Type=12000"
                         "&Data=%7B%22text%22%3A%22test%22%7D");

    auto no_body = run_tool("render alibaba.SendLiveMessageUser --format json");
    CHECK(json::parse(no_body.out).at("body") == "");
    CHECK(json::parse(no_body.out).at("query").at(4) == json::parse(R"(["SenderId","uid1"])"));
}

TEST_CASE("render: signed with V1 and V3, reproducibly", "[tool][render]") {
    const std::string creds = "--access-key-id LTAI5tExample --access-key-secret s3cr3t-value "
                              "--timestamp 2025-01-02T03:04:05Z --nonce n1";
    auto v3 = run_tool("render alibaba.SendLiveMessageUser --format json " + creds);
    CHECK(v3.exit_code == 0);
    CHECK(v3.err.empty());
    auto again = run_tool("render alibaba.SendLiveMessageUser --format json " + creds);
    CHECK(again.out == v3.out);
    auto headers = json::parse(v3.out).at("headers").as_array();
    CHECK(headers.back().at(0) == "Authorization");
    CHECK(headers.back().at(1).as_string().starts_with("ACS3-HMAC-SHA256 Credential=LTAI5tExample,SignedHeaders="));
    CHECK(v3.out.find("s3cr3t-value") == std::string::npos);

    auto v1 = run_tool("render alibaba.SendLiveMessageUser --format json --signature-version v1 " + creds);
    CHECK(v1.exit_code == 0);
    auto query = json::parse(v1.out).at("query").as_array();
    CHECK(query.back().at(0) == "Signature");
    CHECK(v1.out.find(R"(["Timestamp","2025-01-02T03:04:05Z"])") != std::string::npos);
    CHECK(v1.out.find("s3cr3t-value") == std::string::npos);

    auto from_env = run_tool("render alibaba.SendLiveMessageUser --format json --timestamp 2025-01-02T03:04:05Z --nonce n1", "",
                             "ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tExample ALIBABA_CLOUD_ACCESS_KEY_SECRET=s3cr3t-value");
    CHECK(from_env.out == v3.out);
}

TEST_CASE("render --format http and curl", "[tool][render]") {
    auto http = run_tool("render alibaba.SendMessageToGroup");
    CHECK(http.exit_code == 0);
    CHECK(http.out.starts_with("POST /?Action=SendMessageToGroup&Version=2016-11-01&SkipAudit=true HTTP/1.1\r\n"
                               "Host: live.aliyuncs.com\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: 123\r\n\r\nAppId="));
    CHECK(http.out.size() - http.out.find("\r\n\r\n") - 4 == 123);

    auto curl = run_tool("render alibaba.SendMessageToGroup --format curl");
    CHECK(curl.out == "curl -X POST 'https://live.aliyuncs.com/?Action=SendMessageToGroup&Version=2016-11-01&SkipAudit=true'"
                      " -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "
                      "'AppId=VKL3%2A%2A%2A&GroupId=AE35-%2A%2A%2A%2A-T95F&OperatorUserId=de1%2A%2Aa0&Type=12000"
                      "&Data=%7B%22text%22%3A%22test%22%7D'\n");
}

TEST_CASE("render --endpoint: every vendor's request goes to the base URL, signed for its host", "[tool][render][endpoint]") {
    const std::string at = " --format json --endpoint http://127.0.0.1:8080 --timestamp 2025-01-02T03:04:05Z ";
    const std::string alibaba_creds = "--access-key-id LTAI5tExample --access-key-secret s3cr3t-value --nonce n1";
    const std::string user = R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":"hello"})";

    // V3 signs the Host: the tool's Authorization is the library's for the same base URL.
    auto v3 = run_tool("render alibaba.SendLiveMessageUser -" + at + alibaba_creds, user);
    REQUIRE(v3.exit_code == 0);
    const auto v3_json = json::parse(v3.out);
    CHECK(v3_json.at("url").as_string().starts_with("http://127.0.0.1:8080/?"));
    CHECK(v3_json.at("headers").at(0) == json::array{"Host", "127.0.0.1:8080"});
    using namespace livemsg::alibaba;
    const SendLiveMessageUser op{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello"};
    auto expected = render(op, livemsg::endpoint_url::parse("http://127.0.0.1:8080").value()).value();
    using namespace std::chrono;
    const auto when = sys_days{year{2025} / 1 / 2} + hours{3} + minutes{4} + seconds{5};
    REQUIRE(sign_v3(expected, {"LTAI5tExample", livemsg::secret("s3cr3t-value"), {}}, {when, "n1"}).ok());
    CHECK(v3_json.at("headers").as_array().back().at(1).as_string() == *expected.headers.find("Authorization"));
    auto public_host = run_tool("render alibaba.SendLiveMessageUser - --format json --timestamp 2025-01-02T03:04:05Z " +
                                    alibaba_creds, user);
    CHECK(json::parse(public_host.out).at("headers").as_array().back() != v3_json.at("headers").as_array().back());

    auto v1 = run_tool("render alibaba.SendMessageToGroup --signature-version v1" + at + alibaba_creds);
    CHECK(v1.exit_code == 0);
    CHECK(json::parse(v1.out).at("url").as_string().starts_with("http://127.0.0.1:8080/?Action=SendMessageToGroup&"));

    auto volc = run_tool("render volcengine.P2PSendMessage --region ap-singapore-1 --access-key-id AKLTExample "
                         "--access-key-secret s3cr3t-value" + at);
    CHECK(volc.exit_code == 0);
    const auto volc_json = json::parse(volc.out);
    CHECK(volc_json.at("url") == "http://127.0.0.1:8080/?Action=P2PSendMessage&Version=2020-12-01");
    CHECK(volc_json.at("headers").at(0) == json::array{"Host", "127.0.0.1:8080"});
    CHECK(volc.out.find("/ap-singapore-1/rtc/request") != std::string::npos);  // the region's scope is kept

    // Tencent: the endpoint wins over --region.
    auto tencent = run_tool("render tencent.send_text_msg --region singapore --random 7" + at);
    CHECK(tencent.exit_code == 0);
    CHECK(json::parse(tencent.out).at("url") == "http://127.0.0.1:8080/v4/live_engine_http_srv/send_text_msg"
                                                "?sdkappid=88888888&identifier=admin&usersig=xxx&random=7&contenttype=json");

    for (const char* bad : {"127.0.0.1:8080", "ftp://host", "http://host/path", "http://host:0", "http://user@host"}) {
        INFO(bad);
        auto r = run_tool(std::string("render alibaba.SendLiveMessageUser --endpoint '") + bad + "'");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--endpoint takes a base URL") != std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK(run_tool("render tencent.send_text_msg --endpoint http://[::1").exit_code == 2);
    CHECK(run_tool("render volcengine.P2PSendMessage --endpoint https://").exit_code == 2);
}

TEST_CASE("serve: what it refuses before it listens", "[tool][serve]") {
    const std::string help = run_tool("serve --help").out;
    for (const char* option : {"--listen", "--credentials", "--keep", "--read-timeout", "--rate-limits",
                               "--tencent-webhook", "--tencent-webhook-token"})
        CHECK(help.find(std::string("\n  ") + option + " ") != std::string::npos);
    CHECK(help.find("/_livemsg/messages") != std::string::npos);

    for (const char* listen : {"127.0.0.1", ":80", "127.0.0.1:65536", "127.0.0.1:x", "[::1]:", "1.2.3:4"}) {
        INFO(listen);
        auto r = run_tool(std::string("serve --listen '") + listen + "'");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--listen takes ADDR:PORT") != std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK(run_tool("serve --credentials /nonexistent/credentials.json").exit_code == 2);
    CHECK(run_tool("serve --keep -1").exit_code == 2);
    CHECK(run_tool("serve --read-timeout 0").exit_code == 2);
    CHECK(run_tool("serve --rate-limits maybe").exit_code == 2);
    for (const char* webhook : {"https://example.com/hook", "example.com", "http://:80/", "http://host:99999/"}) {
        INFO(webhook);
        auto r = run_tool(std::string("serve --tencent-webhook '") + webhook + "'");
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("--tencent-webhook takes an http:// URL") != std::string::npos);
    }
    CHECK(run_tool("serve --tencent-webhook-token abc").err.find("needs --tencent-webhook") != std::string::npos);
    CHECK(run_tool("serve --tencent-webhook http://127.0.0.1:9/ --tencent-webhook-token " + std::string(129, 't'))
              .err.find("1 to 128 bytes") != std::string::npos);
    CHECK(run_tool("serve extra").exit_code == 2);

    char path[] = "/tmp/livemsg-credentials-XXXXXX";
    const int fd = mkstemp(path);
    REQUIRE(fd >= 0);
    const std::string body = R"({"alibaba":[{"access_key_id":"a","access_key_secret":"s3cr3t"}],"tencent":[{"sdkappid":0}]})";
    REQUIRE(write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()));
    close(fd);
    auto bad = run_tool(std::string("serve --credentials ") + path);
    std::remove(path);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("tencent[0].sdkappid") != std::string::npos);
    CHECK(bad.err.find("tencent[0].secret_key") != std::string::npos);
    CHECK(bad.err.find("s3cr3t") == std::string::npos);
}

TEST_CASE("render: invalid input and bad options", "[tool][render]") {
    auto invalid = run_tool("render alibaba.SendLiveMessageUser -", R"({"AppId":"demo","ReceiverId":"u 2","SenderId":"u1"})");
    CHECK(invalid.exit_code == 1);
    CHECK(json::parse(invalid.out).at("errors").at(0).at("field") == "ReceiverId");

    CHECK(run_tool("render alibaba.SendLiveMessageUser --format yaml").exit_code == 2);
    CHECK(run_tool("render alibaba.SendLiveMessageUser --access-key-id only").exit_code == 2);
    CHECK(run_tool("render alibaba.SendLiveMessageUser --access-key-id a --access-key-secret b --signature-version v2").exit_code == 2);
    CHECK(run_tool("render alibaba.SendLiveMessageUser --access-key-id a --access-key-secret b --timestamp yesterday").exit_code == 2);
    auto bad_token = run_tool("render alibaba.SendLiveMessageUser --access-key-id a --access-key-secret b",
                              "", "ALIBABA_CLOUD_SECURITY_TOKEN=\"$(printf 'x\\ny')\"");
    CHECK(bad_token.exit_code == 1);
    CHECK(json::parse(bad_token.out).at("errors").at(0).at("code") == "control_character");
}

TEST_CASE("parse: sent, vendor error, unreadable", "[tool][parse]") {
    auto sent = run_tool("parse alibaba.SendMessageToGroup -",
                         R"({"RequestId":"16A96B9A-****-CB92E68F4CD8","Result":{"MessageId":"qt***"},"New":1})");
    CHECK(sent.exit_code == 0);
    CHECK(json::parse(sent.out) ==
          json::parse(R"({"outcome":"sent","RequestId":"16A96B9A-****-CB92E68F4CD8","Result":{"MessageId":"qt***"}})"));

    auto error = run_tool("parse alibaba.SendLiveMessageGroup - --status 400",
                          R"({"Code":"ErrorTooManyMsgTypes","Message":"too many.","RequestId":"R9"})");
    CHECK(error.exit_code == 4);
    CHECK(json::parse(error.out) == json::parse(R"({"outcome":"error","http_status":400,"code":"ErrorTooManyMsgTypes",)"
                                                R"("message":"too many.","request_id":"R9","retryable":false})"));

    auto server = run_tool("parse alibaba.SendLiveMessageUser - --status=503", R"({"Code":"ServiceUnavailable","Message":"x"})");
    CHECK(server.exit_code == 4);
    CHECK(json::parse(server.out).at("retryable") == true);

    auto html = run_tool("parse alibaba.SendLiveMessageUser - --status 502", "<html>Bad Gateway</html>");
    CHECK(html.exit_code == 4);  // a failed status is a vendor error, even with a gateway's page
    CHECK(json::parse(html.out).at("outcome") == "error");
    CHECK(json::parse(html.out).at("code") == "");
    CHECK(json::parse(html.out).at("http_status") == 502);
    CHECK(json::parse(html.out).at("retryable") == true);

    CHECK(run_tool("parse alibaba.SendLiveMessageUser - --status abc", "{}").exit_code == 2);
    CHECK(run_tool("parse alibaba.SendLiveMessageUser").exit_code == 2);  // no FILE, nothing piped
}

TEST_CASE("usage errors exit 2, help exits 0", "[tool]") {
    for (const char* args : {"", "frobnicate", "validate", "validate no.SuchOp", "list extra", "validate alibaba.SendLiveMessageUser a b",
                             "render alibaba.SendLiveMessageUser --format"}) {
        INFO(args);
        auto r = run_tool(args);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("usage: livemsg") != std::string::npos);
    }
    for (const char* args : {"--help", "list --help", "validate --help", "render --help", "parse --help"}) {
        INFO(args);
        auto r = run_tool(args);
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("usage: livemsg") == 0);
    }
}

TEST_CASE("an unknown option is a usage error that names it, and the option meant", "[tool][options]") {
    auto misspelled = run_tool("render alibaba.SendLiveMessageUser --acces-key-id X");
    CHECK(misspelled.exit_code == 2);
    CHECK(misspelled.out.empty());
    CHECK(misspelled.err.find("unknown option '--acces-key-id'") != std::string::npos);
    CHECK(misspelled.err.find("did you mean '--access-key-id'?") != std::string::npos);
    CHECK(misspelled.err.find("usage: livemsg") != std::string::npos);

    auto with_equals = run_tool("parse alibaba.SendLiveMessageUser - --stauts=400", R"({"RequestId":"R"})");
    CHECK(with_equals.exit_code == 2);
    CHECK(with_equals.err.find("did you mean '--status'?") != std::string::npos);

    auto far_off = run_tool("render alibaba.SendLiveMessageUser --frobnicate 1");
    CHECK(far_off.exit_code == 2);
    CHECK(far_off.err.find("unknown option '--frobnicate'") != std::string::npos);
    CHECK(far_off.err.find("did you mean") == std::string::npos);

    // Each command takes only its own options.
    const std::pair<const char*, const char*> foreign[] = {
        {"render alibaba.SendLiveMessageUser --status 400", "'--status'"},
        {"parse alibaba.SendLiveMessageUser - --format json", "'--format'"},
        {"validate alibaba.SendLiveMessageUser --format json", "'--format'"},
        {"list --format json", "'--format'"},
        {"render alibaba.SendLiveMessageUser -x", "'-x'"},
        {"--verison", "'--verison'"},
    };
    for (const auto& [args, named] : foreign) {
        INFO(args);
        auto r = run_tool(args, "{}");
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find(named) != std::string::npos);
    }
    CHECK(run_tool("--verison").err.find("did you mean '--version'?") != std::string::npos);
    CHECK(run_tool("rendr alibaba.SendLiveMessageUser").err.find("did you mean 'render'?") != std::string::npos);
}

TEST_CASE("render accepts, and its help lists, every option it reads", "[tool][options]") {
    const std::pair<const char*, const char*> options[] = {
        {"--format", "json"},           {"--timestamp", "2025-01-02T03:04:05Z"}, {"--nonce", "n1"},
        {"--access-key-id", "id"},      {"--access-key-secret", "key"},          {"--security-token", "token"},
        {"--signature-version", "v1"},  {"--session-token", "token"},            {"--region", "china"},
        {"--sdkappid", "1400000000"},   {"--identifier", "admin"},               {"--secret-key", "key"},
        {"--expire", "60"},             {"--usersig", "sig"},                    {"--random", "7"},
        {"--endpoint", "http://127.0.0.1:8080"},
    };
    const std::string help = run_tool("render --help").out;
    for (const auto& [name, value] : options) {
        INFO(name);
        CHECK(help.find(std::string("\n  ") + name + " ") != std::string::npos);
        auto r = run_tool(std::string("render tencent.send_text_msg ") + name + " " + value);
        CHECK(r.err.find("unknown option") == std::string::npos);
    }
}

TEST_CASE("a request piped in without - is read, not replaced by the example", "[tool][input]") {
    const std::string request = R"({"AppId":"piped","ReceiverId":"uid2","SenderId":"uid1","Body":"hi"})";
    for (auto from : {stdin_from::pipe, stdin_from::file}) {
        INFO(static_cast<int>(from));
        auto rendered = run_tool("render alibaba.SendLiveMessageUser --format json", request, "", from);
        CHECK(rendered.exit_code == 0);
        CHECK(json::parse(rendered.out).at("query").at(2) == json::parse(R"(["AppId","piped"])"));

        auto invalid = run_tool("validate alibaba.SendLiveMessageUser", R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid-1"})",
                                "", from);
        CHECK(invalid.exit_code == 1);
        CHECK(json::parse(invalid.out).at("errors").at(0).at("field") == "SenderId");

        auto sent = run_tool("parse alibaba.SendMessageToGroup --status 200",
                             R"({"RequestId":"R1","Result":{"MessageId":"m1"}})", "", from);
        CHECK(sent.exit_code == 0);
        CHECK(json::parse(sent.out).at("RequestId") == "R1");
    }
}

TEST_CASE("without a request on standard input, the page's example", "[tool][input]") {
    // Empty or blank input, a terminal-less /dev/null, or a closed descriptor: nothing was meant to be read.
    const std::pair<stdin_from, std::string> nothing[] = {
        {stdin_from::pipe, ""}, {stdin_from::pipe, " \n\t\r\n"}, {stdin_from::file, "\n"},
        {stdin_from::dev_null, ""}, {stdin_from::closed, ""}};
    for (const auto& [from, input] : nothing) {
        INFO(static_cast<int>(from) << " " << json::serialize(json::string(input)));
        auto valid = run_tool("validate alibaba.SendLiveMessageUser", input, "", from);
        CHECK(valid.exit_code == 0);
        CHECK(valid.out == "{\"valid\":true}\n");
        auto rendered = run_tool("render alibaba.SendLiveMessageUser --format json", input, "", from);
        CHECK(rendered.exit_code == 0);
        CHECK(json::parse(rendered.out).at("query").at(2) == json::parse(R"(["AppId","demo"])"));

        auto no_body = run_tool("parse alibaba.SendLiveMessageUser", input, "", from);
        CHECK(no_body.exit_code == 2);
        CHECK(no_body.err.find("parse needs a response body") != std::string::npos);
    }
    // An explicit - reads standard input even when it is empty.
    auto empty = run_tool("validate alibaba.SendLiveMessageUser -", "", "", stdin_from::pipe);
    CHECK(empty.exit_code == 1);
    CHECK(json::parse(empty.out).at("errors").at(0).at("code") == "not_json");
}

TEST_CASE("the tool prints the build's version for --version", "[tool]") {
    auto r = run_tool("--version");
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "livemsg " LIVEMSG_VERSION_STRING "\n");
    CHECK(run_tool("--help").out.find("livemsg --version") != std::string::npos);
}

TEST_CASE("tencent: the page's example request and URL shape", "[tool][tencent]") {
    auto r = run_tool("render tencent.send_text_msg --format json --random 99999999");
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("not signed") != std::string::npos);
    auto out = json::parse(r.out).as_object();
    CHECK(out["url"] == "https://console.tim.qq.com/v4/live_engine_http_srv/send_text_msg?sdkappid=88888888"
                        "&identifier=admin&usersig=xxx&random=99999999&contenttype=json");
    CHECK(out["body"] == R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"msg","ExtensionInfo":"{\"data\":1,\"value\":2}"})");

    auto singapore = run_tool("render tencent.send_text_msg --format json --region singapore");
    CHECK(json::parse(singapore.out).at("host") == "adminapisgp.im.qcloud.com");
    auto random1 = json::parse(singapore.out).at("query").at(3).at(1);
    auto random2 = json::parse(run_tool("render tencent.send_text_msg --format json --region singapore").out).at("query").at(3).at(1);
    CHECK(random1 != random2);  // fresh for each request: a 2^-32 chance of a false failure

    auto domain = run_tool("render tencent.send_text_msg --format json --region im.example.com:8443");
    CHECK(json::parse(domain.out).at("url").as_string().starts_with("https://im.example.com:8443/v4/"));
    auto bad_domain = run_tool("render tencent.send_text_msg --region 'evil.com/x'");
    CHECK(bad_domain.exit_code == 1);
    CHECK(json::parse(bad_domain.out).at("errors").at(0).at("field") == "domain");
}

TEST_CASE("tencent: a UserSig generated from the secret key", "[tool][tencent]") {
    // The worked example of VENDOR-NOTES: TLS.sig LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=.
    auto r = run_tool("render tencent.send_text_msg --format json --sdkappid 1400000000 --identifier xiaojun "
                      "--timestamp 2023-11-14T22:13:20Z --expire 15552000", "",
                      "TENCENT_IM_SECRET_KEY=5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto query = json::parse(r.out).at("query").as_array();
    REQUIRE(query.at(2).at(0) == "usersig");
    auto decoded = livemsg::tencent::decode_usersig(std::string(query.at(2).at(1).as_string()));
    REQUIRE(decoded.ok());
    CHECK(decoded->sig == "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=");
    CHECK(r.out.find("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e") == std::string::npos);

    auto both = run_tool("render tencent.send_text_msg --usersig abc --secret-key k");
    CHECK(both.exit_code == 2);
}

TEST_CASE("tencent: parse sent, dropped, error", "[tool][tencent][parse]") {
    auto sent = run_tool("parse tencent.send_text_msg -",
                         R"({"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK","RequestId":"Id-1","Response":{"MsgTime":1750074420,"MsgSeq":25}})");
    CHECK(sent.exit_code == 0);
    CHECK(json::parse(sent.out).at("outcome") == "sent");
    CHECK(json::parse(sent.out).at("Response").at("MsgSeq") == 25);

    auto dropped = run_tool("parse tencent.send_text_msg -",
                            R"({"ErrorCode": 0,"ErrorInfo": "","ActionStatus": "OK","RequestId": "Id-ec3xxxxxxxxxxxxxxxxxxxxxxxxed-O-Seq-2433650","Response": {"MsgTime": 1750074420,"MsgSeq": 25,"MsgDropReason" : "MsgFreqCtrl"}})");
    CHECK(dropped.exit_code == 4);
    CHECK(json::parse(dropped.out).at("outcome") == "dropped");
    CHECK(json::parse(dropped.out).at("drop_reason") == "MsgFreqCtrl");

    auto error = run_tool("parse tencent.send_text_msg -",
                          R"({"ActionStatus":"FAIL","ErrorCode":100602,"ErrorInfo":"freq limit","RequestId":"Id-2"})");
    CHECK(error.exit_code == 4);
    CHECK(json::parse(error.out) == json::parse(R"({"outcome":"error","http_status":200,"code":100602,)"
                                                R"("message":"freq limit","request_id":"Id-2","retryable":true})"));

    CHECK(run_tool("parse tencent.send_text_msg -", R"({"ErrorCode":0,"Respon)").exit_code == 3);
}

TEST_CASE("volcengine: the page's example with its exact 64-bit ID, signed", "[tool][volcengine]") {
    auto r = run_tool("render volcengine.P2PSendMessage --format json");
    CHECK(r.exit_code == 0);
    auto out = json::parse(r.out).as_object();
    CHECK(out["url"] == "https://rtc.volcengineapi.com/?Action=P2PSendMessage&Version=2020-12-01");
    CHECK(out["body"].as_string().find(R"("ConversationShortId":7221856821303361536)") != json::string::npos);

    const std::string creds = "--access-key-id AKLTexample --access-key-secret c2VjcmV0 --timestamp 2024-06-19T07:13:06Z";
    auto signed_ = run_tool("render volcengine.P2PSendMessage --format json " + creds);
    CHECK(signed_.exit_code == 0);
    CHECK(signed_.err.empty());
    CHECK(signed_.out.find(R"(["X-Date","20240619T071306Z"])") != std::string::npos);
    CHECK(signed_.out.find("Credential=AKLTexample/20240619/cn-north-1/rtc/request") != std::string::npos);
    CHECK(signed_.out.find("c2VjcmV0") == std::string::npos);
    auto singapore = run_tool("render volcengine.P2PSendMessage --format json --region ap-singapore-1 " + creds);
    CHECK(json::parse(singapore.out).at("host") == "open-ap-singapore-1.volcengineapi.com");
    CHECK(singapore.out.find("/ap-singapore-1/rtc/request") != std::string::npos);
    CHECK(run_tool("render volcengine.P2PSendMessage --region mars-1").exit_code == 2);

    auto both = run_tool("validate volcengine.P2PSendMessage -",
                         R"({"AppId":1,"Sender":2,"ConversationShortId":3,"MsgType":4,"Content":"x","ReceiverUserId":[5],"IgnoreUserIds":[6]})");
    CHECK(both.exit_code == 1);
    CHECK(json::parse(both.out).at("errors").at(0).at("code") == "conflict");
}

TEST_CASE("volcengine: parse the page's sample and an error", "[tool][volcengine][parse]") {
    auto sent = run_tool("parse volcengine.P2PSendMessage -", R"({
        "ResponseMetadata": {"RequestId": "20240604150611EC00A9D1A0E4F0DF98AB", "Action": "P2PSendMessage",
                             "Version": "2020-12-01", "Service": "", "Region": ""},
        "Result": {"P2PResult": [{"UserId": 10008, "Code": "NOT_ONLINE", "DevicePlatform": "Default"},
                                 {"UserId": 10001, "Code": "SUCCESS", "DevicePlatform": "Web"}]}})");
    CHECK(sent.exit_code == 0);
    auto out = json::parse(sent.out);
    CHECK(out.at("outcome") == "sent");
    CHECK(out.at("Result").at("P2PResult").at(0).at("Code") == "NOT_ONLINE");

    auto error = run_tool("parse volcengine.P2PSendMessage - --status 401", R"({"ResponseMetadata":{"RequestId":"R1",)"
                          R"("Action":"P2PSendMessage","Version":"2020-12-01","Service":"rtc","Region":"cn-north-1",)"
                          R"("Error":{"Code":"SignatureDoesNotMatch","CodeN":100010,"Message":"bad signature"}}})");
    CHECK(error.exit_code == 4);
    CHECK(json::parse(error.out) == json::parse(R"({"outcome":"error","http_status":401,"code":"SignatureDoesNotMatch",)"
                                                R"("message":"bad signature","request_id":"R1","retryable":false})"));
}

namespace {

// Tencent's worked example: token xxxxyyyy, RequestTime 1669872112.
const std::string webhook_query = "SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterSendMsg&contenttype=json"
                                  "&ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112";
const std::string webhook_sign = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
const std::string webhook_url = "https://hook.example.com/im?" + webhook_query + "&Sign=" + webhook_sign;
const std::string page_body =
    R"({"CloudCustomData":"{\"data\":1,\"value\":2}","MsgBody":[{"MsgContent":{"Text":"msg"},"MsgType":"TIMTextElem"}]})";

std::string webhook_args(const std::string& url, const std::string& rest = "--token xxxxyyyy --now 1669872112") {
    return "webhook tencent - --url '" + url + "' " + rest;
}

}  // namespace

TEST_CASE("webhook: the page's body, signed as in the worked example", "[tool][webhook]") {
    auto r = run_tool(webhook_args(webhook_url), page_body);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    auto out = json::parse(r.out).as_object();
    CHECK(out["authentic"] == true);
    CHECK(!out.contains("reason"));
    CHECK(out["command"] == "Group.CallbackAfterSendMsg");  // from the URL: the body has none
    CHECK(out["sdkappid"] == 1400000000);
    CHECK(out["platform"] == "RESTAPI");
    CHECK(out["texts"] == json::parse(R"(["msg"])"));
    CHECK(out["cloud_custom_data"] == R"({"data":1,"value":2})");
    CHECK(!out.contains("msg_seq"));
    CHECK(r.out.find("xxxxyyyy") == std::string::npos);  // the token is never printed

    // Within 60 s either way; the query alone, without the URL's start, reads too.
    CHECK(run_tool(webhook_args(webhook_query + "&Sign=" + webhook_sign, "--token xxxxyyyy --now 1669872172"),
                   page_body).exit_code == 0);
    CHECK(run_tool(webhook_args(webhook_url, "--token=xxxxyyyy --now=1669872052"), page_body).exit_code == 0);
}

TEST_CASE("webhook: refused when late, wrongly signed, or signed with another token", "[tool][webhook]") {
    auto late = run_tool(webhook_args(webhook_url, "--token xxxxyyyy --now 1669872173"), page_body);
    CHECK(late.exit_code == 1);
    auto out = json::parse(late.out).as_object();
    CHECK(out["authentic"] == false);
    CHECK(!out["reason"].as_string().empty());
    CHECK(out["texts"] == json::parse(R"(["msg"])"));  // still read, for the log

    std::string wrong = webhook_url;
    wrong.replace(wrong.find("&Sign=") + 6, 1, "2");
    auto forged = run_tool(webhook_args(wrong), page_body);
    CHECK(forged.exit_code == 1);
    CHECK(json::parse(forged.out).at("authentic") == false);
    CHECK(!json::parse(forged.out).at("reason").as_string().empty());

    CHECK(run_tool(webhook_args(webhook_url, "--token xxxxyyyz --now 1669872112"), page_body).exit_code == 1);
    auto unsigned_ = run_tool(webhook_args("https://hook.example.com/im?" + webhook_query), page_body);
    CHECK(unsigned_.exit_code == 1);  // a token was given, so a Sign is required
    CHECK(json::parse(unsigned_.out).at("authentic") == false);
}

TEST_CASE("webhook: without --token, read but not authenticated", "[tool][webhook]") {
    auto r = run_tool("webhook tencent - --url '" + webhook_url + "'", page_body);
    CHECK(r.exit_code == 0);
    auto out = json::parse(r.out).as_object();
    CHECK(out["authentic"].is_null());
    CHECK(!out.contains("reason"));
    CHECK(out["texts"] == json::parse(R"(["msg"])"));
}

TEST_CASE("webhook: a live room's Before and After bodies", "[tool][webhook]") {
    const std::string before = R"({"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"room1","Type":"Live",)"
                               R"("From_Account":"user1","Operator_Account":"admin","Random":123456,)"
                               R"("MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}},)"
                               R"({"MsgType":"TIMCustomElem","MsgContent":{"Data":"x"}}],"CloudCustomData":"cc"})";
    auto r = run_tool("webhook tencent --url '" + webhook_url + "'", before, "", stdin_from::pipe);  // piped, no -
    CHECK(r.exit_code == 0);
    auto out = json::parse(r.out).as_object();
    CHECK(out["command"] == "Group.CallbackBeforeSendMsg");  // the body's, over the URL's
    CHECK(out["room"] == "room1");
    CHECK(out["sender"] == "user1");
    CHECK(out["texts"] == json::parse(R"(["hello"])"));
    CHECK(out["cloud_custom_data"] == "cc");
    CHECK(!out.contains("msg_seq"));

    const std::string after = R"({"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"room1","Type":"Live",)"
                              R"("From_Account":"user1","Operator_Account":"","Random":123456,"MsgSeq":25,)"
                              R"("MsgTime":1669872110,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]})";
    auto a = run_tool(webhook_args(webhook_url), after);
    CHECK(a.exit_code == 0);
    auto out_after = json::parse(a.out).as_object();
    CHECK(out_after["authentic"] == true);
    CHECK(out_after["msg_seq"] == 25);
    CHECK(out_after["msg_time"] == 1669872110);
    CHECK(out_after["cloud_custom_data"].is_null());
}

TEST_CASE("webhook: an unreadable body, and usage errors", "[tool][webhook]") {
    auto truncated = run_tool(webhook_args(webhook_url), page_body.substr(0, page_body.size() / 2));
    CHECK(truncated.exit_code == 3);
    auto out = json::parse(truncated.out).as_object();
    CHECK(out["outcome"] == "unreadable");
    CHECK(!out["errors"].as_array().empty());

    for (const std::string& args : {std::string("webhook tencent -"), webhook_args("not a webhook url"),
                                   webhook_args(webhook_url, "--now yesterday"), webhook_args(webhook_url, "--status 200"),
                                   "webhook alibaba - --url '" + webhook_url + "'", std::string("webhook"),
                                   webhook_args(webhook_url, "--now")}) {
        INFO(args);
        auto r = run_tool(args, page_body);
        CHECK(r.exit_code == 2);
        CHECK(r.out.empty());
        CHECK(r.err.find("usage: livemsg") != std::string::npos);
    }
    CHECK(run_tool("webhook tencent - --token xxxxyyyy", page_body).err.find("--url") != std::string::npos);
    CHECK(run_tool("parse tencent.send_text_msg - --url '" + webhook_url + "'", "{}").exit_code == 2);

    // Not authentic comes first, even when the body cannot be read.
    auto forged_and_cut = run_tool(webhook_args(webhook_url, "--token other --now 1669872112"), "{\"MsgBody\":[");
    CHECK(forged_and_cut.exit_code == 1);
    CHECK(json::parse(forged_and_cut.out).at("authentic") == false);
    auto no_body = run_tool("webhook tencent --url '" + webhook_url + "'", "", "", stdin_from::dev_null);
    CHECK(no_body.exit_code == 2);
    CHECK(no_body.err.find("webhook needs a body") != std::string::npos);

    auto help = run_tool("webhook --help");
    CHECK(help.exit_code == 0);
    for (const char* option : {"--url", "--token", "--now"}) CHECK(help.out.find(std::string("\n  ") + option + " ") != std::string::npos);
    CHECK(run_tool("--help").out.find("livemsg webhook tencent") != std::string::npos);
}

namespace {

// A home directory for the tool, with the vendors' profile files in it, removed at the end.
class tool_home {
public:
    tool_home() {
        char dir_template[] = "/tmp/livemsg-home-XXXXXX";
        dir_ = mkdtemp(dir_template);
    }
    ~tool_home() { std::system(("rm -rf " + dir_).c_str()); }
    tool_home(const tool_home&) = delete;
    tool_home& operator=(const tool_home&) = delete;

    void write(const std::string& relative, const std::string& contents) const {
        const std::string path = dir_ + "/" + relative;
        std::system(("mkdir -p " + path.substr(0, path.rfind('/'))).c_str());
        std::ofstream(path, std::ios::binary) << contents;
    }
    // The environment to run the tool with: this HOME, then `more`.
    std::string env(const std::string& more = {}) const { return "HOME=" + dir_ + " " + more; }
    const std::string& dir() const { return dir_; }

private:
    std::string dir_;
};

const std::string aliyun_config =
    R"({"current":"default","profiles":[)"
    R"({"name":"default","mode":"AK","access_key_id":"LTAI5tExample","access_key_secret":"s3cr3t-value","sts_token":""},)"
    R"({"name":"sts","mode":"StsToken","access_key_id":"STS.NExample","access_key_secret":"sts-s3cr3t","sts_token":"CAIS-t0ken"},)"
    R"({"name":"role","mode":"RamRoleArn","access_key_id":"LTAI5tRole","access_key_secret":"role-s3cr3t"}]})";

const std::string alibaba_render = "render alibaba.SendLiveMessageUser --format json --timestamp 2025-01-02T03:04:05Z --nonce n1";

}  // namespace

TEST_CASE("credentials: Alibaba's from ~/.aliyun/config.json, as if given as options", "[tool][credentials]") {
    const tool_home home;
    home.write(".aliyun/config.json", aliyun_config);
    auto from_options = run_tool(alibaba_render + " --access-key-id LTAI5tExample --access-key-secret s3cr3t-value", "",
                                 tool_home().env());
    auto from_file = run_tool(alibaba_render, "", home.env());
    CHECK(from_file.exit_code == 0);
    CHECK(from_file.err.empty());
    CHECK(from_file.out == from_options.out);
    CHECK(from_file.out.find("s3cr3t-value") == std::string::npos);

    auto sts = run_tool(alibaba_render, "", home.env("ALIBABA_CLOUD_PROFILE=sts"));
    CHECK(sts.exit_code == 0);
    CHECK(sts.out.find(R"(["x-acs-security-token","CAIS-t0ken"])") != std::string::npos);
    CHECK(sts.out.find("Credential=STS.NExample,") != std::string::npos);

    // Options win over the file, and so do the variables.
    auto option = run_tool(alibaba_render + " --access-key-id LTAI5tOption --access-key-secret other", "", home.env());
    CHECK(option.out.find("Credential=LTAI5tOption,") != std::string::npos);
    auto variables = run_tool(alibaba_render, "",
                              home.env("ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tVariable ALIBABA_CLOUD_ACCESS_KEY_SECRET=other"));
    CHECK(variables.out.find("Credential=LTAI5tVariable,") != std::string::npos);

    // Without a file, unsigned as before.
    auto none = run_tool(alibaba_render, "", tool_home().env());
    CHECK(none.exit_code == 0);
    CHECK(none.err.find("not signed") != std::string::npos);
    CHECK(none.out.find("Authorization") == std::string::npos);
}

TEST_CASE("credentials: an unusable profile or a partial set exits 2 and says why", "[tool][credentials]") {
    const tool_home home;
    home.write(".aliyun/config.json", aliyun_config);
    auto role = run_tool(alibaba_render, "", home.env("ALIBABA_CLOUD_PROFILE=role"));
    CHECK(role.exit_code == 2);
    CHECK(role.err.find("mode 'RamRoleArn'") != std::string::npos);
    CHECK(role.err.find("role-s3cr3t") == std::string::npos);

    const tool_home broken;
    broken.write(".aliyun/config.json", R"({"current":"default","profiles":[)");
    auto malformed = run_tool(alibaba_render, "", broken.env());
    CHECK(malformed.exit_code == 2);
    CHECK(malformed.err.find(broken.dir() + "/.aliyun/config.json: failed (is not valid JSON") != std::string::npos);
    CHECK(malformed.out.empty());

    auto partial = run_tool("render volcengine.P2PSendMessage", "", home.env("VOLC_ACCESSKEY=AKLTexample"));
    CHECK(partial.exit_code == 2);
    CHECK(partial.err.find("VOLC_SECRETKEY is not set, but VOLC_ACCESSKEY is") != std::string::npos);
    auto option_only = run_tool("render volcengine.P2PSendMessage --access-key-secret c2VjcmV0", "", home.env());
    CHECK(option_only.exit_code == 2);
    CHECK(option_only.err.find("VOLC_ACCESSKEY is not set") != std::string::npos);
    CHECK(option_only.err.find("--access-key-id stands for VOLC_ACCESSKEY") != std::string::npos);
    CHECK(option_only.err.find("c2VjcmV0") == std::string::npos);
}

TEST_CASE("credentials: Volcengine's from ~/.volc/config", "[tool][credentials]") {
    const std::string render = "render volcengine.P2PSendMessage --format json --timestamp 2024-06-19T07:13:06Z";
    const tool_home home;
    home.write(".volc/config", R"({"ak":"AKLTexample","sk":"c2VjcmV0"})");
    auto from_file = run_tool(render, "", home.env());
    CHECK(from_file.exit_code == 0);
    CHECK(from_file.err.empty());
    CHECK(from_file.out == run_tool(render + " --access-key-id AKLTexample --access-key-secret c2VjcmV0", "",
                                    tool_home().env()).out);
    CHECK(from_file.out.find("Credential=AKLTexample/20240619/cn-north-1/rtc/request") != std::string::npos);
    CHECK(from_file.out.find("c2VjcmV0") == std::string::npos);

    // A half-set VOLC_* pair falls through to the file, as volc-sdk-golang's NewClient does
    // (base/client.go), and stderr says what was passed over.
    auto partial = run_tool(render, "", home.env("VOLC_ACCESSKEY=AKLTtypo"));
    CHECK(partial.exit_code == 0);
    CHECK(partial.out == from_file.out);
    CHECK(partial.err.find("passed over: environment (VOLC_*): incomplete (VOLC_SECRETKEY is not set, but "
                           "VOLC_ACCESSKEY is)") != std::string::npos);
    CHECK(partial.err.find("c2VjcmV0") == std::string::npos);
}

TEST_CASE("credentials: Volcengine's VOLCENGINE_* variables, after VOLC_* and the options", "[tool][credentials]") {
    // volcengine-go-sdk, volcengine/credentials/env_provider.go: VOLCENGINE_ACCESS_KEY,
    // VOLCENGINE_SECRET_KEY, VOLCENGINE_SESSION_TOKEN.
    const std::string render = "render volcengine.P2PSendMessage --format json --timestamp 2024-06-19T07:13:06Z";
    const std::string go_sdk = "VOLCENGINE_ACCESS_KEY=AKLTgo VOLCENGINE_SECRET_KEY=Z28 VOLCENGINE_SESSION_TOKEN=STS2go";
    auto r = run_tool(render, "", tool_home().env(go_sdk));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("Credential=AKLTgo/20240619/cn-north-1/rtc/request") != std::string::npos);
    CHECK(r.out.find(R"(["X-Security-Token","STS2go"])") != std::string::npos);

    auto option = run_tool(render + " --access-key-id AKLTopt --access-key-secret b3B0", "", tool_home().env(go_sdk));
    CHECK(option.out.find("Credential=AKLTopt/") != std::string::npos);
    CHECK(option.out.find("STS2go") == std::string::npos);  // the families are not mixed
}

TEST_CASE("credentials: ALIBABA_CLOUD_CONFIG_FILE names Alibaba's profile file", "[tool][credentials]") {
    // aliyun/credentials-go, credentials/providers/cli_profile.go: ALIBABA_CLOUD_CONFIG_FILE
    // before $HOME/.aliyun/config.json.
    const tool_home home;
    home.write("elsewhere.json", aliyun_config);
    auto r = run_tool(alibaba_render, "", home.env("ALIBABA_CLOUD_CONFIG_FILE=" + home.dir() + "/elsewhere.json"));
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("Credential=LTAI5tExample,") != std::string::npos);
}

TEST_CASE("credentials: Tencent's admin from the variables, options winning", "[tool][credentials]") {
    const std::string render = "render tencent.send_text_msg --format json --timestamp 2023-11-14T22:13:20Z --expire 15552000";
    const std::string key = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    auto r = run_tool(render, "", "TENCENT_IM_SDKAPPID=1400000000 TENCENT_IM_IDENTIFIER=xiaojun TENCENT_IM_SECRET_KEY=" + key);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    const auto query = json::parse(r.out).at("query").as_array();
    CHECK(query.at(0).at(1) == "1400000000");
    CHECK(query.at(1).at(1) == "xiaojun");
    auto decoded = livemsg::tencent::decode_usersig(std::string(query.at(2).at(1).as_string()));
    REQUIRE(decoded.ok());
    CHECK(decoded->sig == "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=");

    auto usersig = run_tool("render tencent.send_text_msg --format json --usersig eJyrVgrxCdYrSy1SslIy", "",
                            "TENCENT_IM_SDKAPPID=1400000000 TENCENT_IM_IDENTIFIER=admin TENCENT_IM_SECRET_KEY=" + key);
    CHECK(usersig.exit_code == 2);  // a UserSig and a key: which one was meant?
    CHECK(usersig.err.find("TENCENT_IM_SECRET_KEY and TENCENT_IM_USERSIG are both set") != std::string::npos);

    auto sig_only = run_tool("render tencent.send_text_msg --format json --usersig eJyrVgrxCdYrSy1SslIy", "",
                             "TENCENT_IM_SDKAPPID=1400000001 TENCENT_IM_IDENTIFIER=admin");
    CHECK(sig_only.exit_code == 0);
    CHECK(json::parse(sig_only.out).at("query").at(0).at(1) == "1400000001");
    CHECK(json::parse(sig_only.out).at("query").at(2).at(1) == "eJyrVgrxCdYrSy1SslIy");

    auto partial = run_tool(render, "", "TENCENT_IM_SECRET_KEY=" + key);
    CHECK(partial.exit_code == 2);
    CHECK(partial.err.find("TENCENT_IM_SDKAPPID is not set") != std::string::npos);
    CHECK(partial.err.find(key) == std::string::npos);
}
