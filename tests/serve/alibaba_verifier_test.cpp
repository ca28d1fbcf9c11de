// SPDX-License-Identifier: BSL-1.0
// The emulator's Alibaba gateway: requests rendered and signed by the library are accepted and
// decoded, a V1 signature is checked over the parameters as sent (Format or not); tampered,
// stale, replayed, unknown-key, incomplete and over-limit ones get Alibaba's error, which
// parse_response reads into the typed error with its retry advice.
#include "received.hpp"
#include "serve/alibaba_verifier.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace alibaba_verifier_test {

using namespace livemsg::alibaba;
using livemsg::serve::alibaba_verifier;
using livemsg::serve::handled;
using serve_test::received;
using serve_test::signed_at;

namespace {

const credentials good{"LTAI5tServeTest", livemsg::secret("alibaba-secret"), {}};
const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:8080").value();

template <class Op>
livemsg::http_request signed_request(const Op& op, bool v1, std::string nonce, const credentials& creds = good,
                                     std::chrono::system_clock::time_point at = signed_at) {
    auto r = render(op, url).value();
    auto s = v1 ? sign_v1(r, creds, {at, nonce}) : sign_v3(r, creds, {at, nonce});
    REQUIRE(s.ok());
    return r;
}

// The typed error livemsg reads from the emulator's answer.
template <class Op>
error error_of(const handled& h) {
    auto outcome = parse_response<Op>(h.reply.status, h.reply.body, h.reply.header("x-acs-retry-after").value_or(""));
    REQUIRE(outcome.error());
    return *outcome.error();
}

const SendLiveMessageUser user{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello, user",
                               .MsgType = 2, .MsgTid = "1698300000"};

}  // namespace

TEST_CASE("alibaba: V1 and V3 requests signed by the library are accepted and decoded", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    for (bool v1 : {false, true}) {
        INFO((v1 ? "V1" : "V3"));
        const auto h = verifier.verify(received(signed_request(user, v1, v1 ? "n-v1" : "n-v3")), signed_at);
        REQUIRE(h.reply.status == 200);
        auto outcome = parse_response<SendLiveMessageUser>(h.reply.status, h.reply.body);
        REQUIRE(outcome.result());
        CHECK(outcome.result()->MsgTid == "1698300000");
        REQUIRE(h.message);
        CHECK(h.message->vendor == "alibaba");
        CHECK(h.message->operation == "SendLiveMessageUser");
        CHECK(h.message->request_id == outcome.result()->RequestId);
        CHECK(livemsg::to_json(livemsg::decode_json<SendLiveMessageUser>(boost::json::serialize(h.message->fields)).value()) == livemsg::to_json(user));
    }

    // Form bodies: SendMessageToGroup sends its parameters in the body.
    const SendMessageToGroup to_group{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                      .Type = 12000, .Data = R"({"text":"hé & = +"})", .SkipAudit = true};
    for (bool v1 : {false, true}) {
        const auto h = verifier.verify(received(signed_request(to_group, v1, v1 ? "g-v1" : "g-v3")), signed_at);
        REQUIRE(h.reply.status == 200);
        auto outcome = parse_response<SendMessageToGroup>(h.reply.status, h.reply.body);
        REQUIRE(outcome.result());
        CHECK(outcome.result()->Result.has_value());
        CHECK(livemsg::to_json(livemsg::decode_json<SendMessageToGroup>(boost::json::serialize(h.message->fields)).value()) == livemsg::to_json(to_group));
    }
}

TEST_CASE("alibaba: a wrong secret or a tampered request is SignatureDoesNotMatch", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    const credentials wrong{"LTAI5tServeTest", livemsg::secret("not-the-secret"), {}};
    for (bool v1 : {false, true}) {
        INFO((v1 ? "V1" : "V3"));
        const auto h = verifier.verify(received(signed_request(user, v1, "w", wrong)), signed_at);
        CHECK(h.reply.status == 400);
        CHECK_FALSE(h.message);
        const auto e = error_of<SendLiveMessageUser>(h);
        CHECK(e.code == known_error::SignatureDoesNotMatch);
        CHECK_FALSE(e.retryable());

        auto tampered = received(signed_request(user, v1, v1 ? "t1" : "t3"));
        const auto at = tampered.target.find("uid2");
        REQUIRE(at != std::string::npos);
        tampered.target.replace(at, 4, "uid3");
        CHECK(error_of<SendLiveMessageUser>(verifier.verify(tampered, signed_at)).code ==
              known_error::SignatureDoesNotMatch);
    }
    // V3 signs the Host: the same request sent to another host does not verify.
    auto moved = received(signed_request(user, false, "h"));
    serve_test::set_header(moved, "Host", "127.0.0.1:9090");
    CHECK(error_of<SendLiveMessageUser>(verifier.verify(moved, signed_at)).code == known_error::SignatureDoesNotMatch);
}

TEST_CASE("alibaba: stale time, replayed nonce, unknown key, missing signature", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    using std::chrono::minutes;
    for (bool v1 : {false, true}) {
        INFO((v1 ? "V1" : "V3"));
        const auto stale = verifier.verify(received(signed_request(user, v1, v1 ? "s1" : "s3")), signed_at + minutes(16));
        CHECK(error_of<SendLiveMessageUser>(stale).code == known_error::InvalidTimeStamp_Expired);
        const auto early = verifier.verify(received(signed_request(user, v1, v1 ? "e1" : "e3")), signed_at - minutes(16));
        CHECK(error_of<SendLiveMessageUser>(early).code == known_error::InvalidTimeStamp_Expired);
        CHECK(verifier.verify(received(signed_request(user, v1, v1 ? "i1" : "i3")), signed_at + minutes(14)).reply.status == 200);

        const auto request = received(signed_request(user, v1, v1 ? "r1" : "r3"));
        CHECK(verifier.verify(request, signed_at).reply.status == 200);
        const auto replay = verifier.verify(request, signed_at + minutes(1));
        CHECK_FALSE(replay.message);
        const auto e = error_of<SendLiveMessageUser>(replay);
        CHECK(e.code == known_error::SignatureNonceUsed);
        CHECK_FALSE(e.retryable());  // a new nonce is a new request, not a retry of this one

        const credentials unknown{"LTAI5tNobody", livemsg::secret("alibaba-secret"), {}};
        const auto who = verifier.verify(received(signed_request(user, v1, "u", unknown)), signed_at);
        CHECK(who.reply.status == 404);
        CHECK(error_of<SendLiveMessageUser>(who).code == known_error::InvalidAccessKeyId_NotFound);
    }
    const auto unsigned_request = received(render(user, url).value());
    const auto h = verifier.verify(unsigned_request, signed_at);
    CHECK(h.reply.status == 400);
    CHECK(error_of<SendLiveMessageUser>(h).code == known_error::MissingSignature);

    auto broken = received(signed_request(user, false, "b"));
    serve_test::set_header(broken, "Authorization", "ACS3-HMAC-SHA256 Signature=abc");
    CHECK(error_of<SendLiveMessageUser>(verifier.verify(broken, signed_at)).code_text() == "IncompleteSignature");
}

TEST_CASE("alibaba: a forged request does not use up the nonce", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    const credentials wrong{"LTAI5tServeTest", livemsg::secret("not-the-secret"), {}};
    CHECK(verifier.verify(received(signed_request(user, false, "same", wrong)), signed_at).reply.status == 400);
    CHECK(verifier.verify(received(signed_request(user, false, "same")), signed_at).reply.status == 200);
}

TEST_CASE("alibaba: the 31st message type of a group is ErrorTooManyMsgTypes", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    SendLiveMessageGroup group{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1", .Body = "hi"};
    // 50 calls per second are allowed: one second per call keeps throttling out of the way.
    auto at = signed_at;
    for (int type = 1; type <= 30; ++type, at += std::chrono::seconds(1)) {
        group.MsgType = type;
        REQUIRE(verifier.verify(received(signed_request(group, false, std::to_string(type) + "-m", good, at)), at)
                    .reply.status == 200);
    }
    group.MsgType = 7;  // a type the group has: still accepted
    CHECK(verifier.verify(received(signed_request(group, false, "again", good, at)), at).reply.status == 200);
    group.MsgType = 31;
    const auto h = verifier.verify(received(signed_request(group, false, "m31", good, at)), at);
    CHECK_FALSE(h.message);
    const auto e = error_of<SendLiveMessageGroup>(h);
    CHECK(e.code == known_error::ErrorTooManyMsgTypes);
    CHECK_FALSE(e.retryable());
    group.GroupId = "othergroup";  // another group has its own 30
    CHECK(verifier.verify(received(signed_request(group, false, "m31b", good, at)), at).reply.status == 200);
}

TEST_CASE("alibaba: over the documented calls per second is Throttling.User, retryable", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    const SendLiveMessageGroup group{.AppId = "demo", .GroupId = "ratetest", .SenderId = "uid1", .Body = "hi", .MsgType = 1};
    static_assert(SendLiveMessageGroup::api.qps_limit == 50);
    for (int i = 0; i < 50; ++i)
        REQUIRE(verifier.verify(received(signed_request(group, false, std::to_string(i) + "-q")), signed_at).reply.status ==
                200);
    const auto h = verifier.verify(received(signed_request(group, false, "q50")), signed_at);
    // The common error tables' 400 (help.aliyun.com/document_detail/51132.html, knowledge_detail/446611.html),
    // and a retry-after in milliseconds: signed_at is on a whole second, so the next calls come in 1000 ms.
    CHECK(h.reply.status == 400);
    REQUIRE(h.reply.header("X-Acs-Retry-After").has_value());
    CHECK(*h.reply.header("x-acs-retry-after") == "1000");
    const auto e = error_of<SendLiveMessageGroup>(h);
    CHECK(e.code == known_error::Throttling_User);
    CHECK(e.retryable());
    CHECK(e.retry_after() == std::chrono::milliseconds(1000));
    // Half a second later the wait is what is left of the second.
    const auto later = signed_at + std::chrono::milliseconds(500);
    CHECK(verifier.verify(received(signed_request(group, false, "q50b", good, later)), later).reply.header("x-acs-retry-after") ==
          std::optional<std::string_view>("500"));
    // The next second has its own 50.
    const auto next = signed_at + std::chrono::seconds(1);
    CHECK(verifier.verify(received(signed_request(group, false, "q51", good, next)), next).reply.status == 200);
}

TEST_CASE("alibaba: calls are counted per account, and SendLiveMessageUser, which documents no rate, is not limited",
          "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    const SendLiveMessageGroup group{.AppId = "demo", .GroupId = "ratetest", .SenderId = "uid1", .Body = "hi", .MsgType = 1};
    for (int i = 0; i < 50; ++i)
        REQUIRE(verifier.verify(received(signed_request(group, false, std::to_string(i) + "-a")), signed_at).reply.status ==
                200);
    CHECK(verifier.verify(received(signed_request(group, false, "a50")), signed_at).reply.status == 400);
    // Another account has its own 50 in the same second.
    const credentials other{"LTAI5tServeOther", livemsg::secret("alibaba-other-secret"), {}};
    CHECK(verifier.verify(received(signed_request(group, false, "b0", other)), signed_at).reply.status == 200);
    // SendLiveMessageUser's page gives no rate: 60 calls in one second all pass.
    static_assert(SendLiveMessageUser::api.qps_limit == 0);
    for (int i = 0; i < 60; ++i)
        CHECK(verifier.verify(received(signed_request(user, false, std::to_string(i) + "-u")), signed_at).reply.status ==
              200);
}

TEST_CASE("alibaba: parameters are decoded strictly", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    auto r = render(user, url).value();
    r.query.add("Bdy", "typo");
    REQUIRE(sign_v3(r, good, {signed_at, "p1"}).ok());
    const auto unknown = verifier.verify(received(r), signed_at);
    CHECK(unknown.reply.status == 400);
    CHECK(error_of<SendLiveMessageUser>(unknown).code == known_error::InputInvalid);
    CHECK(unknown.reply.body.find("Bdy") != std::string::npos);

    auto r2 = render(user, url).value();
    r2.query.set("MsgType", "two");
    REQUIRE(sign_v1(r2, good, {signed_at, "p2"}).ok());
    CHECK(error_of<SendLiveMessageUser>(verifier.verify(received(r2), signed_at)).code == known_error::InputInvalid);

    auto r3 = render(user, url).value();
    r3.query.remove_if([](const livemsg::param& p) { return p.name == "ReceiverId"; });
    REQUIRE(sign_v3(r3, good, {signed_at, "p3"}).ok());
    CHECK(error_of<SendLiveMessageUser>(verifier.verify(received(r3), signed_at)).code_text() == "MissingReceiverId");
}

// The gateway's common client errors (developer.aliyun.com/ask/278265): "缺少必填参数。
// Missing{ParameterName} {ParameterName} is mandatory for this action. 400"; as it answers a V1
// request without Timestamp (github.com/rfancn/aliyun-ddns-client/issues/13):
// {"Message":"Timestamp is mandatory for this action.","RequestId":"...","HostId":"dns.aliyuncs.com","Code":"MissingTimestamp"}
TEST_CASE("alibaba: a required parameter left out is Missing{ParameterName}", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    const auto without = [&](const livemsg::http_request& signed_one, std::string_view name) {
        auto r = signed_one;
        r.query.remove_if([&](const livemsg::param& p) { return p.name == name; });
        return error_of<SendLiveMessageUser>(verifier.verify(received(r), signed_at));
    };
    struct row {
        const char* name;
        known_error code;
    };
    const auto v1 = signed_request(user, true, "m1");
    for (const auto [name, code] : {row{"Signature", known_error::MissingSignature}, row{"Action", known_error::MissingAction},
                                    row{"Version", known_error::MissingVersion},
                                    row{"AccessKeyId", known_error::MissingAccessKeyId},
                                    row{"SignatureNonce", known_error::MissingSignatureNonce},
                                    row{"Timestamp", known_error::MissingTimestamp}}) {
        INFO(name);
        const auto e = without(v1, name);
        CHECK(e.http_status == 400);
        CHECK(e.code == code);
        CHECK(e.code_text() == std::string("Missing") + name);
        CHECK(e.message == std::string(name) + " is mandatory for this action.");
        CHECK(e.is_missing_parameter());
        CHECK_FALSE(e.retryable());
    }

    // The operation's own parameters alike, in either signature.
    for (bool v1_signed : {true, false}) {
        INFO((v1_signed ? "V1" : "V3"));
        auto r = render(user, url).value();
        r.query.remove_if([](const livemsg::param& p) { return p.name == "SenderId"; });
        REQUIRE((v1_signed ? sign_v1(r, good, {signed_at, "m2"}) : sign_v3(r, good, {signed_at, "m3"})).ok());
        const auto h = verifier.verify(received(r), signed_at);
        CHECK_FALSE(h.message);
        const auto e = error_of<SendLiveMessageUser>(h);
        CHECK(e.http_status == 400);
        CHECK(e.code_text() == "MissingSenderId");
        CHECK(e.message == "SenderId is mandatory for this action.");
        CHECK(e.is_missing_parameter());
    }
}

TEST_CASE("alibaba: V1 is verified over the parameters sent, with or without Format", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);

    // Signed without Format: sign_v1 always sends one, so its string to sign loses Format=JSON,
    // and the signature is made again over what is left.
    auto r = render(user, url).value();
    const auto details = sign_v1(r, good, {signed_at, "no-format"});
    REQUIRE(details.ok());
    std::string string_to_sign = details->string_to_sign;
    const std::string format = "Format%3DJSON%26";
    const auto at = string_to_sign.find(format);
    REQUIRE(at != std::string::npos);
    string_to_sign.erase(at, format.size());
    const std::string without_format_signature = livemsg::detail::base64_encode(
        livemsg::detail::as_chars(livemsg::detail::hmac_sha1("alibaba-secret&", string_to_sign)));

    auto unsigned_format = r;  // Format left out, the signature still the one that covered it
    unsigned_format.query.remove_if([](const livemsg::param& p) { return p.name == "Format"; });
    auto without_format = unsigned_format;
    without_format.query.set("Signature", without_format_signature);

    const auto refused = verifier.verify(received(unsigned_format), signed_at);
    CHECK(error_of<SendLiveMessageUser>(refused).code == known_error::SignatureDoesNotMatch);
    // The server's string to sign, in the message, is the one over what was sent.
    CHECK(refused.reply.body.find("Format%3D") == std::string::npos);

    const auto accepted = verifier.verify(received(without_format), signed_at);
    REQUIRE(accepted.reply.status == 200);
    REQUIRE(accepted.message);
    CHECK(parse_response<SendLiveMessageUser>(accepted.reply.status, accepted.reply.body).result()->MsgTid == "1698300000");

    auto tampered = received(without_format);
    const auto uid = tampered.target.find("uid2");
    REQUIRE(uid != std::string::npos);
    tampered.target.replace(uid, 4, "uid3");
    CHECK(error_of<SendLiveMessageUser>(verifier.verify(tampered, signed_at)).code == known_error::SignatureDoesNotMatch);
}

TEST_CASE("alibaba: V1 matches Alibaba's published example, Format=XML as sent", "[serve][alibaba]") {
    const auto accounts =
        livemsg::serve::read_credentials_file(R"({"alibaba":[{"access_key_id":"testid","access_key_secret":"testsecret"}]})")
            .value();
    alibaba_verifier verifier(accounts);
    livemsg::serve::received_request r;
    r.method = "GET";
    r.target = "/?AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
               "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
               "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D";
    r.headers.emplace_back("Host", "ecs.aliyuncs.com");
    const auto when = serve_test::utc(2016, 2, 23, 12, 46, 24);

    // The signature holds, so the answer is about the action, which the emulator does not serve.
    const auto h = verifier.verify(r, when);
    CHECK(h.reply.status == 404);
    CHECK(error_of<SendLiveMessageUser>(h).code_text() == "InvalidAction.NotFound");

    auto forged = r;
    forged.target.replace(forged.target.find("OLeaid"), 6, "OLeaiD");
    CHECK(error_of<SendLiveMessageUser>(verifier.verify(forged, when)).code == known_error::SignatureDoesNotMatch);
}

TEST_CASE("alibaba: a V1 SignatureMethod other than HMAC-SHA1 is InvalidSignatureMethod", "[serve][alibaba]") {
    const auto accounts = serve_test::accounts();
    alibaba_verifier verifier(accounts);
    auto r = render(user, url).value();
    REQUIRE(sign_v1(r, good, {signed_at, "sm"}).ok());
    r.query.set("SignatureMethod", "HMAC-SHA256");  // sign_v1 writes only HMAC-SHA1
    const auto h = verifier.verify(received(r), signed_at);
    CHECK(h.reply.status == 400);
    CHECK(error_of<SendLiveMessageUser>(h).code_text() == "InvalidSignatureMethod");
}

}  // namespace alibaba_verifier_test
