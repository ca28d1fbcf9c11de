// SPDX-License-Identifier: BSL-1.0
// The emulator's Tencent gateway: send_text_msg with a UserSig the library generated is
// accepted and decoded; an expired, altered or foreign UserSig, a caller who is not the admin,
// an unknown app, a text too long and a burst over the limit get Tencent's ErrorCode.
#include "received.hpp"
#include "serve/tencent_verifier.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace tencent_verifier_test {

using namespace livemsg::tencent;
using livemsg::serve::handled;
using livemsg::serve::tencent_verifier;
using serve_test::received;

namespace {

const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:8080").value();
const auto signed_at = std::chrono::floor<std::chrono::seconds>(serve_test::signed_at);
const send_text_msg text{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};

livemsg::http_request request(const send_text_msg& op = text, std::string identifier = "administrator",
                              std::string key = "tencent-secret-key", std::uint32_t sdkappid = 1400000000,
                              std::int32_t lifetime = 86400) {
    const usersig_grant grant{.sdkappid = sdkappid, .identifier = identifier, .expire = lifetime};
    const auto sig = generate_usersig(grant, livemsg::secret(key), signed_at).value();
    const rest_caller caller{.domain = endpoint(url), .sdkappid = sdkappid, .identifier = identifier, .usersig = sig};
    return render(op, caller, 7).value();
}

error error_of(const handled& h) {
    CHECK(h.reply.status == 200);  // Tencent answers errors with 200 and an ErrorCode
    CHECK_FALSE(h.message);
    auto outcome = parse_response<send_text_msg>(h.reply.status, h.reply.body);
    REQUIRE(outcome.error());
    return *outcome.error();
}

}  // namespace

TEST_CASE("tencent: send_text_msg with the admin's UserSig is accepted and decoded", "[serve][tencent]") {
    const auto accounts = serve_test::accounts();
    tencent_verifier verifier(accounts);
    const auto h = verifier.verify(received(request()), signed_at + std::chrono::hours(1));
    REQUIRE(h.reply.status == 200);
    auto outcome = parse_response<send_text_msg>(h.reply.status, h.reply.body);
    REQUIRE(outcome.result());
    REQUIRE(outcome.result()->sent());
    CHECK(outcome.result()->sent()->msg_seq == 1);
    REQUIRE(h.message);
    CHECK(h.message->vendor == "tencent");
    CHECK(h.message->request_id == outcome.result()->request_id());
    CHECK(livemsg::to_json(livemsg::decode_json<send_text_msg>(boost::json::serialize(h.message->fields)).value()) ==
          livemsg::to_json(text));
    const auto second = parse_response<send_text_msg>(200, verifier.verify(received(request()), signed_at).reply.body);
    CHECK(second.result()->sent()->msg_seq == 2);
}

TEST_CASE("tencent: expired, altered, foreign and other-key UserSigs", "[serve][tencent]") {
    const auto accounts = serve_test::accounts();
    tencent_verifier verifier(accounts);
    using std::chrono::seconds;
    CHECK(error_of(verifier.verify(received(request()), signed_at + seconds(86401))).known() == errc::usersig_expired);
    CHECK(verifier.verify(received(request()), signed_at + seconds(86400)).reply.status == 200);

    CHECK(error_of(verifier.verify(received(request(text, "administrator", "another-key")), signed_at)).known() ==
          errc::usersig_verification_failed);

    auto altered = received(request());
    const auto at = altered.target.find("usersig=") + 8;
    altered.target[at + 2] = altered.target[at + 2] == 'A' ? 'B' : 'A';
    const auto e = error_of(verifier.verify(altered, signed_at));
    CHECK((e.known() == errc::usersig_unparsable || e.known() == errc::usersig_verification_failed));

    // A UserSig for another identifier than the URL's.
    auto swapped = received(request(text, "someone"));
    swapped.target.replace(swapped.target.find("identifier=someone"), 18, "identifier=administrator");
    CHECK(error_of(verifier.verify(swapped, signed_at)).known() == errc::usersig_userid_mismatch);

    // Signed rightly, but not by the app's admin.
    const auto user = error_of(verifier.verify(received(request(text, "someone")), signed_at));
    CHECK(user.known() == errc::needs_admin);
    CHECK_FALSE(user.retryable());

    CHECK(error_of(verifier.verify(received(request(text, "administrator", "k", 1400000009)), signed_at)).known() ==
          errc::usersig_sdkappid_not_found);
}

TEST_CASE("tencent: invalid body, text too long", "[serve][tencent]") {
    const auto accounts = serve_test::accounts();
    tencent_verifier verifier(accounts);
    auto r = received(request());
    r.body = R"({"RoomId":"room1","TextContent":"msg"})";
    CHECK(error_of(verifier.verify(r, signed_at)).known() == errc::invalid_parameter);

    r.body = R"({"RoomId":"room1","Sender_Account":"user1","TextContent":")" + std::string(12 * 1024 + 1, 'x') + "\"}";
    CHECK(error_of(verifier.verify(r, signed_at)).known() == errc::message_too_long);

}

// The REST API error table (cloud.tencent.com/document/product/269/1671; tencentyun/qcloud-documents
// quotes it): "60007 | REST 接口调用频率超过限制，请降低请求频率" (a REST API's call frequency, as
// send_text_msg's 200 a second) and "60011 | SDKAppID 请求频率超限，请降低请求频率" (the app's).
TEST_CASE("tencent: the 201st send_text_msg in a second is 60007, the REST API's frequency limit", "[serve][tencent]") {
    const auto accounts = serve_test::accounts();
    tencent_verifier verifier(accounts);
    static_assert(send_text_msg::api.qps_limit == 200);
    const auto ok = received(request());
    for (unsigned i = 0; i < send_text_msg::api.qps_limit; ++i) REQUIRE(verifier.verify(ok, signed_at).message);
    const auto refused = verifier.verify(ok, signed_at);
    CHECK(refused.reply.status == 200);
    CHECK_FALSE(refused.message);
    const auto e = error_of(refused);
    CHECK(e.code == 60007);
    CHECK(e.known() == errc::rate_limited);
    CHECK(e.retryable());

    // Counted per SDKAppID, as Tencent counts an app's calls: another app has its own 200.
    CHECK(verifier.verify(received(request(text, "administrator", "tencent-other-key", 1400000001)), signed_at).message);
}

}  // namespace tencent_verifier_test
