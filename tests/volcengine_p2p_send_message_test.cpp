// SPDX-License-Identifier: BSL-1.0
// Volcengine RTC P2PSendMessage: the page's example request and sample response are ground truth.
#include <livemsg/livemsg.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace volcengine_p2p_send_message_test {

using namespace livemsg::volcengine;
using livemsg::error_code;

namespace {

// The page's request example, verbatim. Its parameter table shows ConversationShortId as
// 7221856821303362000: that is JavaScript's rendering of 7221856821303361536 through a double.
// The example body has the exact value, and so must we.
constexpr std::string_view page_request_body = R"({
  "AppId": 666675,
  "Sender": 10008,
  "ConversationShortId": 7221856821303361536,
  "MsgType": 10013,
  "Content": "{\"type\":1000,\"ext\":\"\",\"message_type\":10001}",
  "ReceiverUserId": [],
  "IgnoreUserIds": []
})";

// The page's response example, verbatim.
constexpr std::string_view page_response_body = R"({
    "ResponseMetadata": {
        "RequestId": "20240604150611EC00A9D1A0E4F0DF98AB",
        "Action": "P2PSendMessage",
        "Version": "2020-12-01",
        "Service": "",
        "Region": ""
    },
    "Result": {
        "P2PResult": [
            {
                "UserId": 10008,
                "Code": "NOT_ONLINE",
                "DevicePlatform": "Default"
            },
            {
                "UserId": 10001,
                "Code": "SUCCESS",
                "DevicePlatform": "Web"
            }
        ]
    }
})";

// The JSON text without the whitespace between tokens: the bytes a compact writer sends.
std::string compact(std::string_view json) {
    std::string out;
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            out += c;
            if (c == '\\') out += json[++i];
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
            out += c;
        }
    }
    return out;
}

P2PSendMessage page_example() {
    return P2PSendMessage{
        .AppId = 666675,
        .Sender = 10008,
        .ConversationShortId = 7221856821303361536,
        .MsgType = 10013,
        .Content = R"({"type":1000,"ext":"","message_type":10001})",
        .Recipients = recipients::everyone(),
    };
}


}  // namespace

TEST_CASE("the page's example request serializes to the page's body", "[volcengine][P2PSendMessage]") {
    auto request = render(page_example());
    REQUIRE(request.ok());
    CHECK(request->method == "POST");
    CHECK(request->host == "rtc.volcengineapi.com");
    CHECK(request->content_type == "application/json");
    // The page writes https://rtc.volcengineapi.com?Action=...: the same request, with the empty path as "/".
    CHECK(request->url() == "https://rtc.volcengineapi.com/?Action=P2PSendMessage&Version=2020-12-01");
    CHECK(request->body == compact(page_request_body));
    CHECK(request->body ==
          R"({"AppId":666675,"Sender":10008,"ConversationShortId":7221856821303361536,"MsgType":10013,)"
          R"("Content":"{\"type\":1000,\"ext\":\"\",\"message_type\":10001}","ReceiverUserId":[],"IgnoreUserIds":[]})");
    CHECK(request->headers.empty());  // signing adds them
}

TEST_CASE("the page's body decodes to the page's example", "[volcengine][P2PSendMessage]") {
    auto decoded = livemsg::decode_json<P2PSendMessage>(page_request_body);
    REQUIRE(decoded.ok());
    CHECK(decoded->ConversationShortId == 7221856821303361536);
    CHECK(decoded->ConversationShortId.raw() != 7221856821303362000);
    CHECK(decoded->Content == R"({"type":1000,"ext":"","message_type":10001})");
    CHECK(decoded->Recipients == recipients::everyone());
    CHECK(livemsg::to_json(*decoded) == compact(page_request_body));
}

TEST_CASE("recipients: only these users, or everyone but these", "[volcengine][P2PSendMessage]") {
    auto req = page_example();
    req.Recipients = recipients::only({111111, 222222, 33333});
    CHECK(livemsg::to_json(req).ends_with(R"("ReceiverUserId":[111111,222222,33333],"IgnoreUserIds":[]})"));

    req.Recipients = recipients::all_except({11111, 2222, 3333});
    CHECK(livemsg::to_json(req).ends_with(R"("ReceiverUserId":[],"IgnoreUserIds":[11111,2222,3333]})"));
    CHECK(req.Recipients.which() == recipients::choice::all_except);

    // Reusing the list: the choice and its users are replaced together.
    const std::vector<std::int64_t> ids{7221856821303361536};
    req.Recipients.assign(recipients::choice::only, ids);
    CHECK(livemsg::to_json(req).ends_with(R"("ReceiverUserId":[7221856821303361536],"IgnoreUserIds":[]})"));
    req.Recipients.assign(recipients::choice::everyone, ids);
    CHECK(req.Recipients.users().empty());
    CHECK(livemsg::to_json(req).ends_with(R"("ReceiverUserId":[],"IgnoreUserIds":[]})"));

    // An empty exclusion list is simply everyone.
    req.Recipients = recipients::all_except({});
    CHECK(livemsg::validate(req).empty());
}

TEST_CASE("only() with nobody is refused: an empty ReceiverUserId means everyone",
          "[volcengine][P2PSendMessage][boundary]") {
    auto req = page_example();
    req.Recipients = recipients::only({});
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "ReceiverUserId");
    CHECK(errors[0].code == error_code::empty);
    livemsg::http_request untouched;
    CHECK_FALSE(render(req, untouched).empty());
    CHECK(untouched.body.empty());

    req.Recipients = recipients::only({1});
    CHECK(livemsg::validate(req).empty());
}

TEST_CASE("a decoded request carrying both lists is a conflict", "[volcengine][P2PSendMessage]") {
    const auto body = [](std::string_view lists) {
        return R"({"AppId":1,"Sender":2,"ConversationShortId":3,"MsgType":4,"Content":"x",)" + std::string(lists) + "}";
    };
    auto both = livemsg::decode_json<P2PSendMessage>(body(R"("ReceiverUserId":[1],"IgnoreUserIds":[2])"));
    REQUIRE_FALSE(both.ok());
    REQUIRE(both.errors().size() == 1);
    CHECK(both.errors()[0].field == "IgnoreUserIds");
    CHECK(both.errors()[0].code == error_code::conflict);
    CHECK(both.errors().input().find("\"IgnoreUserIds\":[2]") != std::string::npos);

    auto only = livemsg::decode_json<P2PSendMessage>(body(R"("ReceiverUserId":[1,2],"IgnoreUserIds":[])"));
    REQUIRE(only.ok());
    CHECK(only->Recipients == recipients::only({1, 2}));

    auto except = livemsg::decode_json<P2PSendMessage>(body(R"("ReceiverUserId":[],"IgnoreUserIds":[9])"));
    REQUIRE(except.ok());
    CHECK(except->Recipients == recipients::all_except({9}));

    // Absent or null lists choose nobody in particular: everyone.
    auto absent = livemsg::decode_json<P2PSendMessage>(body(R"("IgnoreUserIds":null)"));
    REQUIRE(absent.ok());
    CHECK(absent->Recipients == recipients::everyone());

    auto bad = livemsg::decode_json<P2PSendMessage>(body(R"("ReceiverUserId":[1,"2"],"IgnoreUserIds":{})"));
    REQUIRE_FALSE(bad.ok());
    CHECK(codes_for(bad.errors(), "ReceiverUserId[1]") == std::vector{error_code::wrong_type});
    CHECK(codes_for(bad.errors(), "IgnoreUserIds") == std::vector{error_code::wrong_type});
}

TEST_CASE("Longs are exact signed 64-bit integers both ways", "[volcengine][P2PSendMessage][boundary]") {
    constexpr auto min = std::numeric_limits<std::int64_t>::min();
    constexpr auto max = std::numeric_limits<std::int64_t>::max();
    auto req = page_example();
    req.Sender = min;
    req.ConversationShortId = max;
    req.Recipients = recipients::only({min, max, 7221856821303361536});
    REQUIRE(livemsg::validate(req).empty());
    const std::string json = livemsg::to_json(req);
    CHECK(json.find(R"("Sender":-9223372036854775808,"ConversationShortId":9223372036854775807)") != std::string::npos);
    CHECK(json.find(R"("ReceiverUserId":[-9223372036854775808,9223372036854775807,7221856821303361536])") !=
          std::string::npos);

    auto back = livemsg::decode_json<P2PSendMessage>(json);
    REQUIRE(back.ok());
    CHECK(back->Sender == min);
    CHECK(back->ConversationShortId == max);
    CHECK(back->Recipients.users() == std::vector<std::int64_t>{min, max, 7221856821303361536});

    // One past either end is refused, never rounded.
    auto beyond = livemsg::decode_json<P2PSendMessage>(
        R"({"AppId":1,"Sender":9223372036854775808,"ConversationShortId":-9223372036854775809,"MsgType":4,)"
        R"("Content":"x","ReceiverUserId":[1,18446744073709551615],"IgnoreUserIds":[]})");
    REQUIRE_FALSE(beyond.ok());
    CHECK(codes_for(beyond.errors(), "Sender") == std::vector{error_code::out_of_range});
    CHECK(codes_for(beyond.errors(), "ConversationShortId") == std::vector{error_code::out_of_range});
    CHECK(codes_for(beyond.errors(), "ReceiverUserId[1]") == std::vector{error_code::out_of_range});

    req.Sender = std::uint64_t{9223372036854775808u};
    CHECK(codes_for(livemsg::validate(req), "Sender") == std::vector{error_code::out_of_range});
}

TEST_CASE("Integers are 32-bit: AppId and MsgType", "[volcengine][P2PSendMessage][boundary]") {
    auto req = page_example();
    req.AppId = std::numeric_limits<std::int32_t>::max();
    req.MsgType = std::numeric_limits<std::int32_t>::min();
    CHECK(livemsg::validate(req).empty());

    req.AppId = std::int64_t{2147483648};
    req.MsgType = std::int64_t{-2147483649};
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "AppId");
    CHECK(errors[0].code == error_code::out_of_range);
    CHECK(errors[0].limit == 2147483647);
    CHECK(errors[1].field == "MsgType");
    CHECK(errors[1].code == error_code::out_of_range);
    CHECK(errors[1].limit == -2147483648LL);

    auto decoded = livemsg::decode_json<P2PSendMessage>(
        R"({"AppId":2147483648,"Sender":1,"ConversationShortId":1,"MsgType":1,"Content":""})");
    REQUIRE_FALSE(decoded.ok());
    CHECK(codes_for(decoded.errors(), "AppId") == std::vector{error_code::out_of_range});
}

TEST_CASE("Content passes through untouched: any valid UTF-8", "[volcengine][P2PSendMessage][boundary]") {
    auto req = page_example();
    const std::string content = "\xE4\xBD\xA0\xE5\xA5\xBD \"quoted\" back\\slash\nnew line, not JSON {";
    req.Content = content;
    REQUIRE(livemsg::validate(req).empty());
    auto back = livemsg::decode_json<P2PSendMessage>(livemsg::to_json(req));
    REQUIRE(back.ok());
    CHECK(back->Content.view() == content);

    req.Content = std::string("");
    CHECK(livemsg::validate(req).empty());

    req.Content = std::string("caf\xC3", 4);
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "Content");
    CHECK(errors[0].code == error_code::invalid_utf8);
}

TEST_CASE("every missing field is reported, in the page's order", "[volcengine][P2PSendMessage]") {
    auto errors = livemsg::validate(P2PSendMessage{});
    REQUIRE(errors.size() == 5);
    const char* expected[] = {"AppId", "Sender", "ConversationShortId", "MsgType", "Content"};
    for (std::size_t i = 0; i < 5; ++i) {
        CHECK(errors[i].field == expected[i]);
        CHECK(errors[i].code == error_code::missing);
    }
    CHECK(errors.report().rfind("5 validation errors for P2PSendMessage\n", 0) == 0);
}

TEST_CASE("regions: cn-north-1, ap-singapore-1, or an explicit host and region", "[volcengine][P2PSendMessage]") {
    CHECK(endpoint_for(rtc_region::cn_north_1).host == "rtc.volcengineapi.com");
    CHECK(endpoint_for(rtc_region::cn_north_1).region == "cn-north-1");
    CHECK(endpoint_for(rtc_region::ap_singapore_1).host == "open-ap-singapore-1.volcengineapi.com");
    CHECK(endpoint_for(rtc_region::ap_singapore_1).region == "ap-singapore-1");
    CHECK(endpoint_for(rtc_region::ap_singapore_1).service == "rtc");
    CHECK(livemsg::to_wire(rtc_region::ap_singapore_1) == "ap-singapore-1");

    livemsg::http_request http;
    REQUIRE(render(page_example(), endpoint_for(rtc_region::ap_singapore_1), http).empty());
    CHECK(http.url() == "https://open-ap-singapore-1.volcengineapi.com/?Action=P2PSendMessage&Version=2020-12-01");
    CHECK(http.body == compact(page_request_body));

    REQUIRE(render(page_example(), endpoint{"rtc.internal.example:8443", "cn-north-1"}, http).empty());
    CHECK(http.url() == "https://rtc.internal.example:8443/?Action=P2PSendMessage&Version=2020-12-01");

    // Rendering again into the same request replaces everything.
    REQUIRE(render(page_example(), http).empty());
    CHECK(http.host == "rtc.volcengineapi.com");
    CHECK(http.query.size() == 2);
}

TEST_CASE("a host or region that would corrupt the request is refused", "[volcengine][P2PSendMessage][boundary]") {
    livemsg::http_request http;
    auto errors = render(page_example(), endpoint{"rtc.volcengineapi.com\r\nX-Evil: 1", "cn-north-1\n"}, http);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "host");
    CHECK(errors[0].code == error_code::control_character);
    CHECK(errors[0].message.find("found byte 0x0D at byte 21") != std::string::npos);
    CHECK(errors[1].field == "region");
    CHECK(errors[1].code == error_code::control_character);
    CHECK(http.host.empty());
    CHECK(http.body.empty());

    auto empty = render(page_example(), endpoint{"", ""}, http);
    CHECK(codes_for(empty, "host") == std::vector{error_code::empty});
    CHECK(codes_for(empty, "region") == std::vector{error_code::empty});
    CHECK(codes_for(render(page_example(), endpoint{"evil.example/path?", "cn-north-1"}, http), "host") ==
          std::vector{error_code::not_alphanumeric});
}

TEST_CASE("P2PSendMessage's compile-time facts", "[volcengine][P2PSendMessage]") {
    STATIC_REQUIRE(P2PSendMessage::api.action == "P2PSendMessage");
    STATIC_REQUIRE(P2PSendMessage::api.version == "2020-12-01");
    STATIC_REQUIRE(P2PSendMessage::api.qps_limit == 100);
    STATIC_REQUIRE(std::is_same_v<P2PSendMessage::response, P2PSendMessageResponse>);
    STATIC_REQUIRE(std::is_same_v<decltype(P2PSendMessage::AppId), livemsg::int32>);
    STATIC_REQUIRE(std::is_same_v<decltype(P2PSendMessage::Sender), livemsg::int64>);
    STATIC_REQUIRE(std::is_same_v<decltype(P2PSendMessage::ConversationShortId), livemsg::int64>);
}

TEST_CASE("the page's sample response parses, NOT_ONLINE and Default included", "[volcengine][P2PSendMessage][response]") {
    auto parsed = parse_response<P2PSendMessage>(200, page_response_body);
    REQUIRE(parsed.ok());
    const P2PSendMessageResponse& r = *parsed.result();
    CHECK(r.ResponseMetadata.RequestId == "20240604150611EC00A9D1A0E4F0DF98AB");
    CHECK(r.ResponseMetadata.Action == "P2PSendMessage");
    CHECK(r.ResponseMetadata.Version == "2020-12-01");
    CHECK(r.ResponseMetadata.Service == "");
    CHECK(r.ResponseMetadata.Region == "");
    CHECK_FALSE(r.ResponseMetadata.Error.has_value());

    REQUIRE(r.Result->P2PResult.size() == 2);
    CHECK(r.Result->P2PResult[0].UserId == 10008);
    CHECK(r.Result->P2PResult[0].Code == delivery_status::not_online);
    CHECK(r.Result->P2PResult[0].DevicePlatform == device_platform::default_platform);
    CHECK(r.Result->P2PResult[1].UserId == 10001);
    CHECK(r.Result->P2PResult[1].Code == delivery_status::success);
    CHECK(r.Result->P2PResult[1].DevicePlatform == device_platform::web);

    CHECK(r.Result->delivered() == std::vector<std::int64_t>{10001});
    CHECK(r.Result->offline() == std::vector<std::int64_t>{10008});
    CHECK(r.Result->unrecognized().empty());
}

TEST_CASE("metadata that describes the call may be missing", "[volcengine][P2PSendMessage][response]") {
    auto ok = parse_response<P2PSendMessage>(
        200, R"({"ResponseMetadata":{"RequestId":"R1"},"Result":{"P2PResult":[{"UserId":1,"Code":"SUCCESS","DevicePlatform":"Web"}]}})");
    REQUIRE(ok.result() != nullptr);
    CHECK(ok.result()->ResponseMetadata.RequestId == "R1");
    CHECK_FALSE(ok.result()->ResponseMetadata.Service.has_value());
    CHECK(ok.result()->Result->delivered() == std::vector<std::int64_t>{1});

    auto code_only = parse_response<P2PSendMessage>(
        500, R"({"ResponseMetadata":{"RequestId":"R2","Error":{"Code":"InternalError"}}})");
    REQUIRE(code_only.error() != nullptr);
    CHECK(code_only.error()->code == common_error::internal_error);
    CHECK(code_only.error()->message.empty());
    CHECK(code_only.error()->retryable());

    auto no_request_id = parse_response<P2PSendMessage>(200, R"({"ResponseMetadata":{},"Result":{"P2PResult":[]}})");
    REQUIRE(no_request_id.unreadable() != nullptr);
    CHECK(no_request_id.unreadable()->find("ResponseMetadata.RequestId")->code == error_code::missing);
}

TEST_CASE("one incomplete recipient result does not cost the others theirs", "[volcengine][P2PSendMessage][response]") {
    auto parsed = parse_response<P2PSendMessage>(200, R"({"ResponseMetadata":{"RequestId":"r1"},"Result":{"P2PResult":[
        {"UserId": 10008, "Code": "NOT_ONLINE"},
        {"UserId": 10001, "Code": "SUCCESS", "DevicePlatform": null},
        {"UserId": 10002, "Code": null, "DevicePlatform": "Web"},
        {"UserId": 10003},
        {"UserId": 10004, "Code": "SUCCESS", "DevicePlatform": "IOS"}]}})");
    REQUIRE(parsed.ok());
    const auto& results = parsed.result()->results();
    REQUIRE(results.size() == 5);
    CHECK_FALSE(results[0].DevicePlatform.has_value());
    CHECK(results[0].Code == delivery_status::not_online);
    CHECK_FALSE(results[1].DevicePlatform.has_value());
    CHECK_FALSE(results[2].Code.has_value());
    CHECK(results[2].DevicePlatform == device_platform::web);
    CHECK_FALSE(results[3].Code.has_value());
    CHECK(results[4].DevicePlatform == device_platform::ios);

    const auto& result = *parsed.result()->Result;
    CHECK(result.delivered() == std::vector<std::int64_t>{10001, 10004});
    CHECK(result.offline() == std::vector<std::int64_t>{10008});
    std::vector<std::int64_t> without_code;
    for (const auto& r : result.unrecognized()) without_code.push_back(r.UserId);
    CHECK(without_code == std::vector<std::int64_t>{10002, 10003});

    // An entry without the user it is about is not a result: that alone is reported.
    auto no_user = parse_response<P2PSendMessage>(200, R"({"ResponseMetadata":{"RequestId":"r2"},
        "Result":{"P2PResult":[{"Code":"SUCCESS","DevicePlatform":"Web"}]}})");
    REQUIRE(no_user.unreadable() != nullptr);
    CHECK(no_user.unreadable()->size() == 1);
    CHECK(no_user.unreadable()->find("Result.P2PResult[0].UserId")->code == error_code::missing);
}

TEST_CASE("an answer whose Result is null or absent is read, with no recipient results", "[volcengine][P2PSendMessage][response]") {
    for (std::string_view body : {R"({"ResponseMetadata":{"RequestId":"r1"},"Result":null})",
                                  R"({"ResponseMetadata":{"RequestId":"r1"}})"}) {
        INFO(body);
        auto parsed = parse_response<P2PSendMessage>(200, body);
        REQUIRE(parsed.ok());
        CHECK_FALSE(parsed.result()->Result.has_value());
        CHECK(parsed.result()->results().empty());
        CHECK(parsed.result()->ResponseMetadata.RequestId == "r1");
    }
}

TEST_CASE("unknown codes and platforms are kept as they came", "[volcengine][P2PSendMessage][response]") {
    // The page's return-parameter table shows "Code": "Success", while its list of codes and its
    // sample response say SUCCESS. Only SUCCESS is known; "Success" is kept, not guessed at.
    auto parsed = parse_response<P2PSendMessage>(200, R"({
        "ResponseMetadata": {"RequestId": "r1", "Action": "P2PSendMessage", "Version": "2020-12-01",
                             "Service": "rtc", "Region": "cn-north-1", "Extra": 1},
        "Result": {"P2PResult": [
            {"UserId": 9223372036854775807, "Code": "Success", "DevicePlatform": "HarmonyOS"},
            {"UserId": 7221856821303361536, "Code": "SUCCESS", "DevicePlatform": "IOS", "Since": "now"},
            {"UserId": -1, "Code": "MUTED", "DevicePlatform": "Android"}
        ], "More": [true]},
        "Unknown": {"nested": null}
    })");
    REQUIRE(parsed.ok());
    const auto& results = parsed.result()->Result->P2PResult;
    REQUIRE(results.size() == 3);
    CHECK(results[0].UserId == std::numeric_limits<std::int64_t>::max());
    CHECK_FALSE(results[0].Code->known().has_value());
    CHECK(results[0].Code->str() == "Success");
    CHECK(results[0].DevicePlatform->str() == "HarmonyOS");
    CHECK_FALSE(results[0].DevicePlatform->known().has_value());
    CHECK(results[1].DevicePlatform == device_platform::ios);
    CHECK(results[2].DevicePlatform == device_platform::android);

    const auto& result = *parsed.result()->Result;
    CHECK(result.delivered() == std::vector<std::int64_t>{7221856821303361536});
    CHECK(result.offline().empty());
    const auto other = result.unrecognized();
    REQUIRE(other.size() == 2);
    CHECK(other[0].Code->str() == "Success");
    CHECK(other[1].Code->str() == "MUTED");

    // A Result with no P2PResult at all is an empty list.
    auto none = parse_response<P2PSendMessage>(200, R"({"ResponseMetadata":{"RequestId":"r","Action":"a",
        "Version":"v","Service":"","Region":""},"Result":{}})");
    REQUIRE(none.ok());
    CHECK(none.result()->Result->P2PResult.empty());
}

namespace {

std::string error_body(std::string_view code, std::int64_t code_n, std::string_view message) {
    return R"({"ResponseMetadata":{"RequestId":"202406041506110A1B2C3D4E5F","Action":"P2PSendMessage",)"
           R"("Version":"2020-12-01","Service":"rtc","Region":"cn-north-1","Error":{"CodeN":)" +
           std::to_string(code_n) + R"(,"Code":")" + std::string(code) + R"(","Message":")" + std::string(message) +
           R"("}}})";
}

}  // namespace

TEST_CASE("error bodies of each class are typed, with whether a retry can help", "[volcengine][P2PSendMessage][error]") {
    struct expectation {
        int status;
        std::string_view code;
        std::int64_t code_n;
        std::optional<common_error> known;
        bool retryable;
    };
    const expectation cases[] = {
        {400, "MissingParameter", 100002, common_error::missing_parameter, false},
        {401, "MissingAuthenticationToken", 100003, common_error::missing_authentication_token, false},
        {400, "MissingRequestInfo", 100004, common_error::missing_request_info, false},
        {401, "MissingSignature", 100005, common_error::missing_signature, false},
        {400, "InvalidTimestamp", 100006, common_error::invalid_timestamp, false},
        {404, "ServiceNotFound", 100007, common_error::service_not_found, false},
        {404, "InvalidActionOrVersion", 100008, common_error::invalid_action_or_version, false},
        {401, "InvalidAccessKey", 100009, common_error::invalid_access_key, false},
        {401, "SignatureDoesNotMatch", 100010, common_error::signature_does_not_match, false},
        {403, "LackPolicy", 100012, common_error::lack_policy, false},
        {403, "AccessDenied", 100013, common_error::access_denied, false},
        {500, "InternalError", 100014, common_error::internal_error, true},
        {504, "InternalServiceTimeout", 100016, common_error::internal_service_timeout, true},
        // A code this library does not know is kept as it came; the status still decides retries.
        {400, "InvalidParameter.ConversationShortId", 999999, std::nullopt, false},
        {429, "FlowLimitExceeded", 100018, std::nullopt, true},
        {503, "ServiceUnavailableTemp", 100019, std::nullopt, true},
    };
    for (const auto& c : cases) {
        INFO(c.code);
        const std::string body = error_body(c.code, c.code_n, "the message");
        auto parsed = parse_response<P2PSendMessage>(c.status, body);
        REQUIRE_FALSE(parsed.ok());
        const error* e = parsed.error();
        REQUIRE(e != nullptr);
        CHECK(e->http_status == c.status);
        CHECK(e->code.str() == c.code);
        CHECK(e->code.known() == c.known);
        CHECK(e->code_n == c.code_n);
        CHECK(e->message == "the message");
        CHECK(e->request_id == "202406041506110A1B2C3D4E5F");
        CHECK(e->body == body);
        CHECK(e->retryable() == c.retryable);
        if (c.known) {
            // The documented table agrees with what the gateway sends.
            CHECK(documented(*c.known).wire == c.code);
            CHECK(documented(*c.known).code_n == c.code_n);
            if (documented(*c.known).http_status != 0) CHECK(documented(*c.known).http_status == c.status);
        }
    }
}

TEST_CASE("an error is an error even with HTTP 200, and InternalError retries whatever the status",
          "[volcengine][P2PSendMessage][error]") {
    auto parsed = parse_response<P2PSendMessage>(200, error_body("InternalError", 100014, "busy"));
    REQUIRE(parsed.error() != nullptr);
    CHECK(parsed.error()->code == common_error::internal_error);
    CHECK(parsed.error()->retryable());

    // Without CodeN, the error is still read.
    auto no_code_n = parse_response<P2PSendMessage>(
        401, R"({"ResponseMetadata":{"RequestId":"r","Error":{"Code":"InvalidAccessKey","Message":"bad key"}}})");
    REQUIRE(no_code_n.error() != nullptr);
    CHECK(no_code_n.error()->code == common_error::invalid_access_key);
    CHECK_FALSE(no_code_n.error()->code_n.has_value());
    CHECK_FALSE(no_code_n.error()->retryable());

    std::ostringstream printed;
    printed << *no_code_n.error();
    CHECK(printed.str() == "Volcengine error: HTTP 401 InvalidAccessKey: bad key [RequestId r]");
}

TEST_CASE("a failed status with a body that is not the documented error keeps the body",
          "[volcengine][P2PSendMessage][error]") {
    const std::string html = "<html><body>502 Bad Gateway</body></html>";
    auto gateway = parse_response<P2PSendMessage>(502, html);
    REQUIRE(gateway.error() != nullptr);
    CHECK(gateway.error()->http_status == 502);
    CHECK(gateway.error()->code.str().empty());
    CHECK(gateway.error()->body == html);
    CHECK(gateway.error()->retryable());

    const std::string odd = R"({"message":"Not Found"})";
    auto not_found = parse_response<P2PSendMessage>(404, odd);
    REQUIRE(not_found.error() != nullptr);
    CHECK(not_found.error()->body == odd);
    CHECK_FALSE(not_found.error()->retryable());
}

TEST_CASE("malformed and truncated bodies keep the raw body", "[volcengine][P2PSendMessage][response]") {
    const std::string truncated(page_response_body.substr(0, page_response_body.size() / 2));
    auto cut = parse_response<P2PSendMessage>(200, truncated);
    REQUIRE(cut.unreadable() != nullptr);
    CHECK((*cut.unreadable())[0].code == error_code::not_json);
    CHECK(cut.unreadable()->input() == truncated);

    auto empty = parse_response<P2PSendMessage>(200, "");
    REQUIRE(empty.unreadable() != nullptr);
    CHECK(empty.unreadable()->input().empty());

    const std::string wrong = R"({"ResponseMetadata":{"RequestId":"r","Action":"a","Version":"v","Service":"",
        "Region":""},"Result":{"P2PResult":[{"UserId":"10008","Code":"SUCCESS","DevicePlatform":7}]}})";
    auto typed = parse_response<P2PSendMessage>(200, wrong);
    REQUIRE(typed.unreadable() != nullptr);
    const auto& problems = *typed.unreadable();
    CHECK(codes_for(problems, "Result.P2PResult[0].UserId") == std::vector{error_code::wrong_type});
    CHECK(codes_for(problems, "Result.P2PResult[0].DevicePlatform") == std::vector{error_code::wrong_type});
    CHECK(problems.input() == wrong);
    CHECK(problems.model() == "P2PSendMessageResponse");

    // A success with an Error that cannot be read is not a result.
    auto bad_error = parse_response<P2PSendMessage>(200, R"({"ResponseMetadata":{"Error":{"Code":17}}})");
    REQUIRE(bad_error.unreadable() != nullptr);
    CHECK(codes_for(*bad_error.unreadable(), "ResponseMetadata.Error.Code") == std::vector{error_code::wrong_type});

    auto beyond = parse_response<P2PSendMessage>(200, R"({"ResponseMetadata":{"RequestId":"r","Action":"a",
        "Version":"v","Service":"","Region":""},"Result":{"P2PResult":[{"UserId":9223372036854775808,
        "Code":"SUCCESS","DevicePlatform":"Web"}]}})");
    REQUIRE(beyond.unreadable() != nullptr);
    CHECK(codes_for(*beyond.unreadable(), "Result.P2PResult[0].UserId") == std::vector{error_code::out_of_range});
}

}  // namespace volcengine_p2p_send_message_test
