// SPDX-License-Identifier: BSL-1.0
// redacted(): a signed request printed for a log keeps everything but its credentials.
#include <livemsg/core/redacted.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <string_view>

namespace redacted_test {

using livemsg::http_request;
using livemsg::redacted;
using livemsg::secret;
using namespace std::chrono;

namespace {

const system_clock::time_point signing_time = sys_days{year{2025} / 1 / 2} + hours{3} + minutes{4} + seconds{5};

// Whether `value` shows in `text`, as it is or percent-encoded as in a URL.
bool shows(const std::string& text, std::string_view value) {
    std::string encoded;
    livemsg::append_percent_encoded(encoded, value);
    return text.find(value) != std::string::npos || text.find(encoded) != std::string::npos;
}

std::string printed(const http_request& http) {
    const std::string text = to_string(redacted(http));
    std::ostringstream streamed;
    streamed << redacted(http);
    CHECK(streamed.str() == text);
    return text;
}

}  // namespace

TEST_CASE("an Alibaba V1 request with an STS token prints without its signature and token", "[redacted]") {
    using namespace livemsg::alibaba;
    http_request http = render(SendMessageToGroup{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                                  .Data = R"({"text":"hi"})"})
                            .value();
    const auto s = sign_v1(http, {"LTAI5tExample", secret("s3cr3t-key"), secret("sts-V1-token")},
                           {signing_time, "nonce-v1"});
    REQUIRE(s.ok());
    const std::string text = printed(http);

    CHECK_FALSE(shows(text, s->signature));
    CHECK_FALSE(shows(text, "sts-V1-token"));
    CHECK_FALSE(shows(text, "s3cr3t-key"));
    CHECK(text.find("&Signature=******") != std::string::npos);
    CHECK(text.find("&SecurityToken=******") != std::string::npos);
    CHECK(text.rfind("POST https://live.aliyuncs.com/?Action=SendMessageToGroup&Version=", 0) == 0);
    CHECK(text.find("&AccessKeyId=LTAI5tExample&") != std::string::npos);
    CHECK(text.find("&SignatureNonce=nonce-v1&") != std::string::npos);
    CHECK(text.find("&Timestamp=2025-01-02T03%3A04%3A05Z") != std::string::npos);
    CHECK(text.find("\nContent-Type: application/x-www-form-urlencoded\n") != std::string::npos);
    CHECK(text.find("\n\n" + http.body) != std::string::npos);
}

TEST_CASE("an Alibaba V3 request with an STS token prints without its Authorization and token", "[redacted]") {
    using namespace livemsg::alibaba;
    http_request http = render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"}).value();
    const auto s = sign_v3(http, {"LTAI5tExample", secret("s3cr3t-key"), secret("sts-V3-token")},
                           {signing_time, "nonce-v3"});
    REQUIRE(s.ok());
    const std::string text = printed(http);

    CHECK_FALSE(shows(text, s->signature));
    CHECK_FALSE(shows(text, "sts-V3-token"));
    CHECK(text.find("\nAuthorization: ******\n") != std::string::npos);
    CHECK(text.find("\nx-acs-security-token: ******\n") != std::string::npos);
    CHECK(text.rfind("POST https://live.aliyuncs.com/?AppId=demo&ReceiverId=uid2&SenderId=uid1\n", 0) == 0);
    CHECK(text.find("\nx-acs-action: SendLiveMessageUser\n") != std::string::npos);
    CHECK(text.find("\nx-acs-signature-nonce: nonce-v3\n") != std::string::npos);  // a nonce is no secret
    CHECK(text.find("\nx-acs-date: 2025-01-02T03:04:05Z\n") != std::string::npos);
}

TEST_CASE("a Volcengine request with a session token prints without its Authorization and token", "[redacted]") {
    using namespace livemsg::volcengine;
    const P2PSendMessage msg{.AppId = 666675, .Sender = 10008, .ConversationShortId = 7221856821303361536,
                             .MsgType = 10013, .Content = R"({"type":1000})"};
    const endpoint to = endpoint_for(rtc_region::cn_north_1);
    http_request http;
    REQUIRE(render(msg, to, http).empty());
    const auto s = sign(http, {"AKLTExample", secret("s3cr3t-key"), secret("STS2-session-token")}, scope_of(to),
                        signing_time);
    REQUIRE(s.ok());
    const std::string text = printed(http);

    CHECK_FALSE(shows(text, s->signature));
    CHECK_FALSE(shows(text, "STS2-session-token"));
    CHECK(text.find("\nAuthorization: ******\n") != std::string::npos);
    CHECK(text.find("\nX-Security-Token: ******\n") != std::string::npos);
    CHECK(text.rfind("POST https://rtc.volcengineapi.com/?Action=P2PSendMessage&Version=2020-12-01\n", 0) == 0);
    CHECK(text.find("\nX-Date: 20250102T030405Z\n") != std::string::npos);
    CHECK(text.find("\nX-Content-Sha256: " + s->content_sha256 + "\n") != std::string::npos);
    CHECK(text.find("\n\n" + http.body) != std::string::npos);
}

TEST_CASE("a Tencent request prints without its UserSig", "[redacted]") {
    using namespace livemsg::tencent;
    const secret key("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
    const admin_signer signer({.sdkappid = 1400000000, .identifier = "admin"}, key);
    rest_caller caller{.domain = region::singapore};
    signer.sign(caller);
    http_request http;
    REQUIRE(render(send_text_msg{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"}, caller,
                   99999999, http)
                .empty());
    const std::string text = printed(http);

    CHECK_FALSE(shows(text, caller.usersig.reveal()));
    CHECK(text.rfind("POST https://adminapisgp.im.qcloud.com/v4/live_engine_http_srv/send_text_msg?sdkappid=1400000000"
                     "&identifier=admin&usersig=******&random=99999999&contenttype=json\n",
                     0) == 0);
    CHECK(text.find("\nContent-Type: application/json\n") != std::string::npos);
    CHECK(text.find("\n\n" + http.body) != std::string::npos);
    CHECK(http.body.find("room1") != std::string::npos);
}

TEST_CASE("credential headers are masked in any case, and nothing else is", "[redacted]") {
    http_request http;
    http.method = "GET";
    http.host = "example.com";
    http.query.add("Signature", "sig=value");
    http.query.add("SignatureNonce", "n1");
    http.query.add("signature", "lower-case query names are not the vendors'");
    http.headers.add("authorization", "Bearer token-1");
    http.headers.add("X-ACS-SECURITY-TOKEN", "token-2");
    http.headers.add("x-security-token", "token-3");
    http.headers.add("X-Authorization-Hint", "shown");
    http.headers.add("Authorization-Info", "shown too");
    const std::string text = printed(http);

    CHECK(text ==
          "GET https://example.com/?Signature=******&SignatureNonce=n1"
          "&signature=lower-case%20query%20names%20are%20not%20the%20vendors%27\n"
          "authorization: ******\n"
          "X-ACS-SECURITY-TOKEN: ******\n"
          "x-security-token: ******\n"
          "X-Authorization-Hint: shown\n"
          "Authorization-Info: shown too\n");
}

}  // namespace redacted_test
