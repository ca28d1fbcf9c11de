// SPDX-License-Identifier: BSL-1.0
// The emulator's Tencent webhooks: each accepted send_text_msg goes to the app as a Before
// webhook the library's own reader authenticates and reads, and the answer is honoured: allow
// (with a replacement), refuse (10016 to the sender, or the app's own code in [10100, 10200]
// with its ErrorInfo), discard (told it was sent, nothing kept);
// a failed or unreadable answer delivers the message as sent. A delivered message is followed by
// an After webhook carrying its sequence number.
#include "received.hpp"
#include "serve/tencent_verifier.hpp"
#include "serve/webhook_client.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace tencent_webhooks_test {

using namespace livemsg::tencent;
using livemsg::serve::handled;
using livemsg::serve::tencent_verifier;
using livemsg::serve::tencent_webhook_options;
using livemsg::serve::webhook_call;
using serve_test::received;

namespace {

const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:8080").value();
const auto signed_at = std::chrono::floor<std::chrono::seconds>(serve_test::signed_at);
const auto now = signed_at + std::chrono::minutes(1);
constexpr std::string_view token = "callback-token";
constexpr std::string_view hook_url = "http://127.0.0.1:9/hooks/tencent?app=live#ignored";
const send_text_msg text{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "hello", .ExtensionInfo = R"({"level":3})"};

livemsg::serve::received_request request(const send_text_msg& op = text, std::string key = "tencent-secret-key") {
    const usersig_grant grant{.sdkappid = 1400000000, .identifier = "administrator", .expire = 86400};
    const auto sig = generate_usersig(grant, livemsg::secret(key), signed_at).value();
    const rest_caller caller{.domain = endpoint(url), .sdkappid = 1400000000, .identifier = "administrator", .usersig = sig};
    auto r = received(render(op, caller, 7).value());
    r.client_ip = "10.1.2.3";
    return r;
}

// An app that answers every Before webhook with `before_answer` (nothing: the call failed) and
// records what it was sent.
struct app_backend {
    std::optional<std::string> before_answer = std::string(after_send_ack);
    std::vector<webhook_call> calls{};

    tencent_webhook_options options(std::string_view with_token = token) {
        return {std::string(hook_url), std::string(with_token), [this](const webhook_call& call) -> std::optional<std::string> {
                    calls.push_back(call);
                    if (calls.size() == 1) return before_answer;
                    return std::string(after_send_ack);
                }};
    }
};

webhook_query query_of(const webhook_call& call) { return read_webhook_query(call.url).value(); }
group_message_webhook body_of(const webhook_call& call) { return read_group_message_webhook(call.body).value(); }

send_text_msg kept(const handled& h) {
    REQUIRE(h.message);
    return livemsg::decode_json<send_text_msg>(boost::json::serialize(h.message->fields)).value();
}

}  // namespace

TEST_CASE("tencent webhooks: Before and After reach the app as Tencent sends them", "[serve][tencent][webhook]") {
    const auto accounts = serve_test::accounts();
    app_backend app;
    tencent_verifier verifier(accounts, true, app.options());
    const handled h = verifier.verify(request(), now);

    auto outcome = parse_response<send_text_msg>(h.reply.status, h.reply.body);
    REQUIRE(outcome.result());
    REQUIRE(outcome.result()->sent());
    CHECK(livemsg::to_json(kept(h)) == livemsg::to_json(text));
    REQUIRE(app.calls.size() == 2);

    // The URL: the app's own, its query kept, the fragment dropped, Tencent's parameters added.
    for (const auto& call : app.calls) {
        CHECK(call.url.starts_with("http://127.0.0.1:9/hooks/tencent?app=live&SdkAppid=1400000000&CallbackCommand="));
        CHECK(call.url.find('#') == std::string::npos);
        const webhook_query q = query_of(call);
        CHECK(q.SdkAppid == 1400000000);
        CHECK(q.contenttype == "json");
        CHECK(q.ClientIP == "10.1.2.3");
        CHECK(q.OptPlatform == opt_platform::restapi);
        CHECK(q.RequestTime == std::to_string(std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count()));
        CHECK(authenticate_webhook(q, token, now));
        CHECK_FALSE(authenticate_webhook(q, "another-token", now));
        CHECK_FALSE(authenticate_webhook(q, token, now + std::chrono::minutes(2)));  // a replay later
    }
    CHECK(query_of(app.calls[0]).CallbackCommand == callback_command::before_send_msg);
    CHECK(query_of(app.calls[1]).CallbackCommand == callback_command::after_send_msg);

    // The bodies: the message the sender sent, in the live room, with the admin as operator.
    const auto before = body_of(app.calls[0]);
    CHECK(before.CallbackCommand == callback_command::before_send_msg);
    CHECK(before.GroupId == "room1");
    CHECK(before.Type == "Live");
    CHECK(before.From_Account == "user1");
    CHECK(before.Operator_Account == "administrator");
    CHECK(carries(before, text));
    CHECK(before.EventTime == std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count());
    CHECK(before.Random);
    CHECK_FALSE(before.MsgSeq);
    const auto after = body_of(app.calls[1]);
    CHECK(after.CallbackCommand == callback_command::after_send_msg);
    CHECK(carries(after, text));
    CHECK(after.MsgSeq == outcome.result()->sent()->msg_seq);
    CHECK(after.MsgTime == outcome.result()->sent()->msg_time);
    CHECK(after.MsgId != before.MsgId);
}

TEST_CASE("tencent webhooks: without a token the URL has no Sign", "[serve][tencent][webhook]") {
    const auto accounts = serve_test::accounts();
    app_backend app;
    tencent_verifier verifier(accounts, true, app.options(""));
    REQUIRE(verifier.verify(request(), now).message);
    REQUIRE(app.calls.size() == 2);
    const webhook_query q = query_of(app.calls[0]);
    CHECK(q.Sign.empty());
    CHECK(q.RequestTime.empty());
}

TEST_CASE("tencent webhooks: the Before answer refuses, discards or replaces", "[serve][tencent][webhook]") {
    const auto accounts = serve_test::accounts();

    SECTION("refuse: the sender gets 10016, nothing is kept, no After") {
        app_backend app{R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1})"};
        tencent_verifier verifier(accounts, true, app.options());
        const handled h = verifier.verify(request(), now);
        CHECK_FALSE(h.message);
        auto outcome = parse_response<send_text_msg>(h.reply.status, h.reply.body);
        REQUIRE(outcome.error());
        CHECK(outcome.error()->code == 10016);
        CHECK_FALSE(outcome.error()->retryable());
        CHECK(app.calls.size() == 1);
    }
    SECTION("refuse with the app's own code: the sender gets that ErrorCode and ErrorInfo") {
        // "If the business side wants to forbid a user to send messages and send `ErrorCode` and
        // `ErrorInfo` to the client, ensure that the value of `ErrorCode` is set within the range
        // of [10100, 10200]." (Before Group Message Is Sent, https://trtc.io/document/74347)
        for (const std::int64_t code : {10100, 10200}) {
            INFO(code);
            app_backend app{R"({"ActionStatus":"OK","ErrorInfo":"no links, please","ErrorCode":)" + std::to_string(code) + "}"};
            tencent_verifier verifier(accounts, true, app.options());
            const handled h = verifier.verify(request(), now);
            CHECK_FALSE(h.message);
            auto outcome = parse_response<send_text_msg>(h.reply.status, h.reply.body);
            REQUIRE(outcome.error());
            CHECK(outcome.error()->code == code);
            CHECK(outcome.error()->message == "no links, please");
            CHECK(h.reply.status == 200);
            CHECK(app.calls.size() == 1);
        }
    }
    SECTION("discard: the sender is told it was sent, nothing is kept, no After") {
        app_backend app{R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2})"};
        tencent_verifier verifier(accounts, true, app.options());
        const handled h = verifier.verify(request(), now);
        CHECK_FALSE(h.message);
        auto outcome = parse_response<send_text_msg>(h.reply.status, h.reply.body);
        REQUIRE(outcome.result());
        CHECK(outcome.result()->sent());
        CHECK(app.calls.size() == 1);
    }
    SECTION("allow with a replacement: the replaced message is kept and goes to After") {
        std::string answer;
        REQUIRE(append_answer({.MsgBody = std::vector<message_element>{text_element("HELLO"), text_element("!")},
                               .CloudCustomData = std::string(R"({"level":4})")},
                              answer)
                    .empty());
        app_backend app{answer};
        tencent_verifier verifier(accounts, true, app.options());
        const handled h = verifier.verify(request(), now);
        const send_text_msg replaced{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "HELLO!",
                                     .ExtensionInfo = R"({"level":4})"};
        CHECK(livemsg::to_json(kept(h)) == livemsg::to_json(replaced));
        REQUIRE(app.calls.size() == 2);
        const auto after = body_of(app.calls[1]);
        CHECK(after.texts() == std::vector<std::string>{"HELLO", "!"});
        CHECK(after.CloudCustomData == R"({"level":4})");
    }
}

TEST_CASE("tencent webhooks: a failed or unreadable Before answer delivers the message as sent", "[serve][tencent][webhook]") {
    const auto accounts = serve_test::accounts();
    for (const std::optional<std::string>& answer :
         {std::optional<std::string>(), std::optional<std::string>("<html>busy</html>"),
          std::optional<std::string>(R"({"ErrorCode":7})"), std::optional<std::string>(R"({"ErrorCode":10201})")}) {
        CAPTURE(answer.value_or("(no answer)"));
        app_backend app{answer};
        tencent_verifier verifier(accounts, true, app.options());
        const handled h = verifier.verify(request(), now);
        CHECK(livemsg::to_json(kept(h)) == livemsg::to_json(text));
        CHECK(app.calls.size() == 2);
    }
}

TEST_CASE("tencent webhooks: a refused request reaches no webhook", "[serve][tencent][webhook]") {
    const auto accounts = serve_test::accounts();
    app_backend app;
    tencent_verifier verifier(accounts, true, app.options());
    CHECK_FALSE(verifier.verify(request(text, "another-secret"), now).message);
    CHECK(app.calls.empty());
}

TEST_CASE("http_url reads the webhook URLs the emulator can POST to", "[serve][webhook]") {
    const auto full = livemsg::serve::http_url::parse("HTTP://hooks.example:8081/a/b?x=1&y=2#frag");
    REQUIRE(full);
    CHECK(full->host == "hooks.example");
    CHECK(full->port == "8081");
    CHECK(full->target == "/a/b?x=1&y=2");
    const auto bare = livemsg::serve::http_url::parse("http://127.0.0.1");
    REQUIRE(bare);
    CHECK(bare->port == "80");
    CHECK(bare->target == "/");
    CHECK(livemsg::serve::http_url::parse("http://127.0.0.1?x=1")->target == "/?x=1");
    const auto v6 = livemsg::serve::http_url::parse("http://[::1]:9000/hook");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == "9000");
    for (const char* bad : {"https://example.com/", "ftp://x/", "http://", "http://:80/", "http://user@host/",
                            "http://host:/", "http://host:65536/", "http://host:8o/", "http://[::1/", "example.com"}) {
        CAPTURE(bad);
        CHECK_FALSE(livemsg::serve::http_url::parse(bad));
    }
}

TEST_CASE("post_webhook gives nothing when nobody answers", "[serve][webhook]") {
    boost::asio::io_context io;
    const auto loopback = boost::asio::ip::make_address("127.0.0.1");

    // A port that listens (the kernel completes the connection) but never answers: the deadline
    // ends the call, else this test would hang.
    boost::asio::ip::tcp::acceptor silent(io, {loopback, 0});
    const std::string silent_url = "http://127.0.0.1:" + std::to_string(silent.local_endpoint().port()) + "/hook";
    CHECK_FALSE(livemsg::serve::post_webhook({silent_url, "{}"}, std::chrono::milliseconds(300)));

    // A port nobody listens on: refused.
    boost::asio::ip::tcp::acceptor closed(io, {loopback, 0});
    const auto port = closed.local_endpoint().port();
    closed.close();
    CHECK_FALSE(livemsg::serve::post_webhook({"http://127.0.0.1:" + std::to_string(port) + "/", "{}"},
                                             std::chrono::milliseconds(300)));
}

}  // namespace tencent_webhooks_test
