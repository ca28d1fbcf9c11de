// SPDX-License-Identifier: BSL-1.0
// The emulator's Volcengine gateway: P2PSendMessage signed by the library is accepted and
// decoded, and its P2PResult lists the receivers; a wrong secret, a stale X-Date, an unknown key,
// a missing Action, Version, authentication or signature gets the common error table's answer, a
// call past 100 a second RTC's throttling code, which parse_response reads into the typed error.
#include "received.hpp"
#include "serve/volcengine_verifier.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace volcengine_verifier_test {

using namespace livemsg::volcengine;
using livemsg::serve::handled;
using livemsg::serve::volcengine_verifier;
using serve_test::received;
using serve_test::signed_at;

namespace {

const credentials good{"AKLTServeTest", livemsg::secret("volcengine-secret"), {}};
const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:8080").value();
const P2PSendMessage message{.AppId = 666675, .Sender = 10008, .ConversationShortId = 7221856821303361536,
                             .MsgType = 10013, .Content = R"({"type":1000})"};

livemsg::http_request signed_request(const credentials& creds = good, rtc_region region = rtc_region::cn_north_1,
                                     std::chrono::system_clock::time_point at = signed_at) {
    const endpoint to = endpoint_at(url, region);
    auto r = render(message, to).value();
    REQUIRE(sign(r, creds, scope_of(to), at).ok());
    return r;
}

error error_of(const handled& h) {
    auto outcome = parse_response<P2PSendMessage>(h.reply.status, h.reply.body);
    REQUIRE(outcome.error());
    return *outcome.error();
}

// A refusal as the common error table has it: the HTTP status, Code, CodeN and Message, read
// into the typed error, nothing kept, and not worth sending again.
void check_refused(const handled& h, int status, common_error code, std::int64_t code_n, const std::string& message) {
    CHECK(h.reply.status == status);
    CHECK_FALSE(h.message);
    const auto e = error_of(h);
    CHECK(e.code == code);
    CHECK(e.code_text() == wire_name(code));
    CHECK(e.code_n == code_n);
    CHECK(e.message == message);
    CHECK_FALSE(e.retryable());
}

}  // namespace

TEST_CASE("volcengine: a signed P2PSendMessage is accepted and decoded, in either region", "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);
    for (rtc_region region : {rtc_region::cn_north_1, rtc_region::ap_singapore_1}) {
        const auto h = verifier.verify(received(signed_request(good, region)), signed_at);
        REQUIRE(h.reply.status == 200);
        auto outcome = parse_response<P2PSendMessage>(h.reply.status, h.reply.body);
        REQUIRE(outcome.result());
        CHECK(outcome.result()->ResponseMetadata.Region == wire_name(region));
        REQUIRE(h.message);
        CHECK(h.message->operation == "P2PSendMessage");
        CHECK(h.message->request_id == outcome.result()->ResponseMetadata.RequestId);
        CHECK(livemsg::to_json(livemsg::decode_json<P2PSendMessage>(boost::json::serialize(h.message->fields)).value()) ==
              livemsg::to_json(message));
    }
}

TEST_CASE("volcengine: wrong secret, tampered body, stale X-Date, unknown key, another version", "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);

    const auto wrong = verifier.verify(received(signed_request({"AKLTServeTest", livemsg::secret("nope"), {}})), signed_at);
    CHECK(wrong.reply.status == 401);
    CHECK_FALSE(wrong.message);
    CHECK(error_of(wrong).code == common_error::signature_does_not_match);
    CHECK(error_of(wrong).code_n == 100010);
    CHECK_FALSE(error_of(wrong).retryable());

    auto tampered = received(signed_request());
    tampered.body.replace(tampered.body.find("10008"), 5, "10009");
    CHECK(error_of(verifier.verify(tampered, signed_at)).code == common_error::signature_does_not_match);

    using std::chrono::minutes;
    const auto stale = verifier.verify(received(signed_request()), signed_at + minutes(16));
    CHECK(stale.reply.status == 400);
    CHECK(error_of(stale).code == common_error::invalid_timestamp);
    CHECK(verifier.verify(received(signed_request()), signed_at - minutes(14)).reply.status == 200);

    const auto unknown = verifier.verify(received(signed_request({"AKLTNobody", livemsg::secret("x"), {}})), signed_at);
    CHECK(unknown.reply.status == 401);
    CHECK(error_of(unknown).code == common_error::invalid_access_key);

    auto other_action = received(signed_request());
    other_action.target = "/?Action=P2PSendMessage&Version=2023-01-01";
    CHECK(error_of(verifier.verify(other_action, signed_at)).code == common_error::invalid_action_or_version);
}

// The common error table, RTC's (volcengine.com/docs/6369/68677): "MissingParameter | 100002 |
// The request is missing %s parameter. | 关键参数缺失,例如Action, Version参数缺失 | 400" and
// "InvalidActionOrVersion | 100008 | Could not find operation %s for version %s. | 请求接口不存在 | 404".
TEST_CASE("volcengine: a missing Action or Version is MissingParameter, one that does not exist InvalidActionOrVersion",
          "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);
    for (const auto& [target, missing] : std::vector<std::pair<std::string, std::string>>{
             {"/?Version=2020-12-01", "Action"},
             {"/?Action=P2PSendMessage", "Version"},
             {"/?Action=&Version=2020-12-01", "Action"},
             {"/", "Action"}}) {
        INFO(target);
        auto r = received(signed_request());
        r.target = target;
        check_refused(verifier.verify(r, signed_at), 400, common_error::missing_parameter, 100002,
                      "The request is missing " + missing + " parameter.");
    }

    auto unknown = received(signed_request());
    unknown.target = "/?Action=P2PSendMesage&Version=2020-12-01";
    const auto refused = verifier.verify(unknown, signed_at);
    check_refused(refused, 404, common_error::invalid_action_or_version, 100008,
                  "Could not find operation P2PSendMesage for version 2020-12-01.");
    // ResponseMetadata's Action and Version are the request's own ("Obtained from the query of
    // the request Action", docs.byteplus.com/en/docs/vpc/Responses), not the operation's.
    const auto metadata = boost::json::parse(refused.reply.body).at("ResponseMetadata");
    CHECK(metadata.at("Action") == "P2PSendMesage");
    CHECK(metadata.at("Version") == "2020-12-01");
    auto no_version = received(signed_request());
    no_version.target = "/?Action=P2PSendMessage";
    const auto missing = boost::json::parse(verifier.verify(no_version, signed_at).reply.body).at("ResponseMetadata");
    CHECK(missing.at("Action") == "P2PSendMessage");
    CHECK(missing.at("Version") == "");
}

// The common error table (volcengine.com/docs/6720/108305, which has the rows RTC's page leaves
// out): "MissingAuthenticationToken | 100003 | Request is missing Authentication Token. |
// 缺少身份认证的必要信息,例如 Auth 信息。 | 401" and "MissingSignature | 100005 | The request is
// missing signature. | 缺少签名结果。 | 401".
TEST_CASE("volcengine: no Authorization is MissingAuthenticationToken, one without its Signature MissingSignature",
          "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);

    const auto bare = received(render(message, endpoint_at(url)).value());
    check_refused(verifier.verify(bare, signed_at), 401, common_error::missing_authentication_token, 100003,
                  "Request is missing Authentication Token.");

    auto unsigned_request = received(signed_request());
    std::string authorization(*unsigned_request.header("Authorization"));
    authorization.erase(authorization.find(", Signature="));
    serve_test::set_header(unsigned_request, "Authorization", authorization);
    check_refused(verifier.verify(unsigned_request, signed_at), 401, common_error::missing_signature, 100005,
                  "The request is missing signature.");
}

TEST_CASE("volcengine: a signed body that breaks the operation's rules is refused", "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);
    auto r = render(message, endpoint_at(url)).value();
    r.body = R"({"AppId":666675,"Sender":10008,"MsgType":10013,"Content":"x"})";  // no ConversationShortId
    REQUIRE(sign(r, good, scope_of(endpoint_at(url)), signed_at).ok());
    const auto missing = verifier.verify(received(r), signed_at);
    CHECK(missing.reply.status == 400);
    CHECK(error_of(missing).code == common_error::missing_parameter);

    r.body = R"({"AppId":"666675","Sender":10008,"ConversationShortId":1,"MsgType":10013,"Content":"x"})";
    REQUIRE(sign(r, good, scope_of(endpoint_at(url)), signed_at).ok());
    const auto wrong_type = verifier.verify(received(r), signed_at);
    CHECK(wrong_type.reply.status == 400);
    CHECK(error_of(wrong_type).code_text() == "InvalidParameter");
}

TEST_CASE("volcengine: the 101st call in a second is FlowLimitExceeded.QPSOverLimit, retryable", "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);
    static_assert(P2PSendMessage::api.qps_limit == 100);
    const auto request = received(signed_request());
    for (int i = 0; i < 100; ++i) REQUIRE(verifier.verify(request, signed_at).reply.status == 200);

    const auto refused = verifier.verify(request, signed_at + std::chrono::milliseconds(999));
    CHECK(refused.reply.status == 429);
    CHECK_FALSE(refused.message);
    const auto e = error_of(refused);
    CHECK(e.code_text() == "FlowLimitExceeded.QPSOverLimit");
    CHECK_FALSE(e.code.known());
    CHECK(e.retryable());
    CHECK_FALSE(e.request_id.empty());

    // Counted per AccessKeyId: another account has its own 100 in the same second.
    const credentials other{"AKLTServeOther", livemsg::secret("volcengine-other-secret"), {}};
    CHECK(verifier.verify(received(signed_request(other)), signed_at).reply.status == 200);

    // The next second has its own 100.
    const auto next = signed_at + std::chrono::seconds(1);
    CHECK(verifier.verify(received(signed_request(good, rtc_region::cn_north_1, next)), next).reply.status == 200);

    // Forged calls are refused for their signature, and take none of a second's 100.
    const auto later = signed_at + std::chrono::seconds(2);
    const auto forged = received(signed_request({"AKLTServeTest", livemsg::secret("nope"), {}}, rtc_region::cn_north_1, later));
    for (int i = 0; i < 5; ++i)
        CHECK(error_of(verifier.verify(forged, later)).code == common_error::signature_does_not_match);
    const auto genuine = received(signed_request(good, rtc_region::cn_north_1, later));
    int admitted = 0;
    for (int i = 0; i < 100; ++i) admitted += verifier.verify(genuine, later).reply.status == 200;
    CHECK(admitted == 100);
}

TEST_CASE("volcengine: with rate limits off, no call is refused as too frequent", "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts, false);
    const auto request = received(signed_request());
    int admitted = 0;
    for (int i = 0; i < 150; ++i) admitted += verifier.verify(request, signed_at).reply.status == 200;
    CHECK(admitted == 150);
}

TEST_CASE("volcengine: P2PResult lists each ReceiverUserId as delivered, none for the whole conversation",
          "[serve][volcengine]") {
    const auto accounts = serve_test::accounts();
    volcengine_verifier verifier(accounts);
    const auto send = [&](const P2PSendMessage& m, const char* what) {
        INFO(what);
        auto r = render(m, endpoint_at(url)).value();
        REQUIRE(sign(r, good, scope_of(endpoint_at(url)), signed_at).ok());
        const auto h = verifier.verify(received(r), signed_at);
        REQUIRE(h.reply.status == 200);
        auto outcome = parse_response<P2PSendMessage>(h.reply.status, h.reply.body);
        REQUIRE(outcome.result());
        return *outcome.result();
    };

    P2PSendMessage to_two = message;
    to_two.Recipients = recipients::only({10009, 7221856821303361537});
    const auto answer = send(to_two, "only two users");
    REQUIRE(answer.Result);
    CHECK(answer.Result->delivered() == std::vector<std::int64_t>{10009, 7221856821303361537});
    CHECK(answer.Result->offline().empty());
    CHECK(answer.Result->unrecognized().empty());
    for (const auto& r : answer.results()) CHECK(r.DevicePlatform == device_platform::default_platform);

    CHECK(send(message, "everyone").results().empty());
    P2PSendMessage all_but_one = message;
    all_but_one.Recipients = recipients::all_except({10009});
    CHECK(send(all_but_one, "all but one").results().empty());
}

}  // namespace volcengine_verifier_test
