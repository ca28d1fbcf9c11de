// SPDX-License-Identifier: BSL-1.0
// Tencent Cloud Chat live room: v4/live_engine_http_srv/send_text_msg. Ground truth is the
// operation's page (sample URL, body and response) and Tencent's REST conventions: domains per
// data center and the common 600xx / 700xx error codes.
#include <livemsg/tencent/tencent.hpp>
#include <livemsg/tencent/fresh_random.hpp>  // render() with a fresh random

#include "tencent_page_example.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <charconv>
#include <cstdint>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace tencent_send_text_msg_test {

using namespace livemsg::tencent;
using livemsg::error_code;

namespace {

rest_caller page_caller() {
    return rest_caller{
        .domain = region::china,
        .sdkappid = 88888888,
        .identifier = "admin",
        .usersig = user_sig(std::string("xxx")),
    };
}

constexpr std::uint32_t page_random = 99999999;

const std::string page_body =
    R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"msg","ExtensionInfo":"{\"data\":1,\"value\":2}"})";

// The page's "Response Package Example".
const std::string page_response =
    R"({"ErrorCode": 0,"ErrorInfo": "","ActionStatus": "OK","RequestId": "Id-ec3xxxxxxxxxxxxxxxxxxxxxxxxed-O-Seq-2433650","Response": {"MsgTime": 1750074420,"MsgSeq": 25,"MsgDropReason" : "MsgFreqCtrl"}})";


std::string error_body(std::int64_t code, std::string_view info) {
    return R"({"ActionStatus":"FAIL","ErrorCode":)" + std::to_string(code) + R"(,"ErrorInfo":")" + std::string(info) +
           R"(","RequestId":"Id-err-O-Seq-1"})";
}

}  // namespace

TEST_CASE("the page's example serializes to the documented body and URL", "[tencent][send_text_msg]") {
    auto request = render(page_example(), page_caller(), page_random);
    REQUIRE(request.ok());
    CHECK(request->method == "POST");
    CHECK(request->scheme == "https");
    CHECK(request->host == "console.tim.qq.com");
    CHECK(request->path == "/v4/live_engine_http_srv/send_text_msg");
    CHECK(request->content_type == "application/json");
    CHECK(request->body == page_body);
    // The page's sample URL, with the China domain in place of "xxxxxx".
    CHECK(request->url() ==
          "https://console.tim.qq.com/v4/live_engine_http_srv/send_text_msg"
          "?sdkappid=88888888&identifier=admin&usersig=xxx&random=99999999&contenttype=json");
}

TEST_CASE("the body is written by the engine: escaped, absent optionals left out", "[tencent][send_text_msg]") {
    auto req = page_example();
    CHECK(livemsg::to_json(req) == page_body);

    req.ExtensionInfo = {};
    req.TextContent = std::string("line 1\n\"quoted\" \\ caf\xC3\xA9");
    CHECK(livemsg::to_json(req) ==
          R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"line 1\n\"quoted\" \\ caf)"
          "\xC3\xA9"
          R"("})");
}

TEST_CASE("every region has its documented domain", "[tencent][rest]") {
    const std::vector<std::pair<region, std::string_view>> table{
        {region::china, "console.tim.qq.com"},
        {region::singapore, "adminapisgp.im.qcloud.com"},
        {region::seoul, "adminapikr.im.qcloud.com"},
        {region::tokyo, "adminapijpn.im.qcloud.com"},
        {region::frankfurt, "adminapiger.im.qcloud.com"},
        {region::mumbai, "adminapiind.im.qcloud.com"},
        {region::silicon_valley, "adminapiusa.im.qcloud.com"},
        {region::jakarta, "adminapiidn.im.qcloud.com"},
    };
    std::size_t described = 0;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<region>>([&](auto) { ++described; });
    CHECK(described == table.size());

    for (auto [r, host] : table) {
        INFO(livemsg::to_wire(r));
        CHECK(domain(r) == host);
        auto caller = page_caller();
        caller.domain = r;
        CHECK(caller.domain.region() == r);
        auto request = render(page_example(), caller, page_random);
        REQUIRE(request.ok());
        CHECK(request->host == host);
        CHECK(request->url().rfind("https://" + std::string(host) + "/v4/live_engine_http_srv/send_text_msg?", 0) == 0);
    }

    auto caller = page_caller();
    caller.domain = static_cast<region>(42);
    auto errors = livemsg::validate(caller);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "domain");
    CHECK(errors[0].code == error_code::not_one_of);
    CHECK(errors[0].message.find("china, singapore") != std::string::npos);
}

TEST_CASE("a domain can be given explicitly", "[tencent][rest][boundary]") {
    auto caller = page_caller();
    caller.domain = "adminapisgp.im.qcloud.com";  // a literal, checked while compiling
    CHECK_FALSE(caller.domain.region().has_value());
    auto request = render(page_example(), caller, page_random);
    REQUIRE(request.ok());
    CHECK(request->host == "adminapisgp.im.qcloud.com");

    caller.domain = endpoint(std::string("localhost:8443"));  // runtime text: a test server
    REQUIRE(render(page_example(), caller, page_random).ok());
    CHECK(render(page_example(), caller, page_random)->url().rfind("https://localhost:8443/v4/", 0) == 0);

    const std::string longest = std::string(249, 'a') + ".com";  // 253 bytes
    caller.domain = endpoint(longest);
    CHECK(livemsg::validate(caller).empty());
    caller.domain = endpoint("a" + longest);
    CHECK(codes_for(livemsg::validate(caller), "domain") == std::vector{error_code::too_long});

    for (const std::string bad : {"https://console.tim.qq.com", "console.tim.qq.com/v4", "user@host", "host:", "host:8o",
                                  "host:123456", "ho st", ":443", ""}) {
        INFO(bad);
        caller.domain = endpoint(bad);
        auto errors = livemsg::validate(caller);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "domain");
        CHECK((errors[0].code == error_code::not_alphanumeric || errors[0].code == error_code::empty));
    }
    caller.domain = endpoint(std::string("https://x.com"));
    CHECK(livemsg::validate(caller)[0].message ==
          "must be a domain name with an optional :port, without scheme or path; found '/' at byte 6");

    caller.domain = {};
    CHECK(codes_for(livemsg::validate(caller), "domain") == std::vector{error_code::missing});
}

TEST_CASE("TextContent is at most 12 KB: 12288 bytes", "[tencent][send_text_msg][boundary]") {
    STATIC_REQUIRE(send_text_msg::max_text_bytes == 12288);
    auto req = page_example();
    req.TextContent = std::string(12288, 't');
    CHECK(livemsg::validate(req).empty());

    req.TextContent = std::string(12289, 't');
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "TextContent");
    CHECK(errors[0].code == error_code::too_long);
    CHECK(errors[0].limit == 12288);
    CHECK(errors[0].message == "must be at most 12288 bytes, got 12289");

    // Counted in bytes of UTF-8: 4096 three-byte characters are exactly 12288 bytes.
    std::string chinese;
    for (int i = 0; i < 4096; ++i) chinese += "\xE4\xB8\xAD";
    req.TextContent = chinese;
    CHECK(livemsg::validate(req).empty());
    req.TextContent = chinese + "!";
    CHECK(codes_for(livemsg::validate(req), "TextContent") == std::vector{error_code::too_long});
    req.TextContent = std::string(12287, 't') + "\xC3\xA9";  // a two-byte character crossing the limit
    CHECK(codes_for(livemsg::validate(req), "TextContent") == std::vector{error_code::too_long});
}

TEST_CASE("the 12 KB limit is on TextContent alone, not on the body", "[tencent][send_text_msg][boundary]") {
    auto req = page_example();
    req.TextContent = std::string(12288, 't');
    req.ExtensionInfo = R"({"id":")" + std::string(4096, 'x') + R"("})";
    livemsg::http_request http;
    REQUIRE(render(req, page_caller(), 1, http).empty());
    CHECK(http.body.size() > 12288 + 4096);
}

TEST_CASE("required fields: missing and empty are told apart", "[tencent][send_text_msg][boundary]") {
    send_text_msg missing;
    auto errors = livemsg::validate(missing);
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].field == "RoomId");
    CHECK(errors[1].field == "Sender_Account");
    CHECK(errors[2].field == "TextContent");
    for (const auto& v : errors) CHECK(v.code == error_code::missing);
    CHECK(errors.report().rfind("3 validation errors for send_text_msg\n", 0) == 0);

    auto req = page_example();
    req.RoomId = std::string();
    req.Sender_Account = std::string();
    req.TextContent = std::string();
    errors = livemsg::validate(req);
    CHECK(codes_for(errors, "RoomId") == std::vector{error_code::empty});
    CHECK(codes_for(errors, "Sender_Account") == std::vector{error_code::empty});
    CHECK(codes_for(errors, "TextContent") == std::vector{error_code::empty});

    req = page_example();
    req.RoomId = std::string("r");
    req.Sender_Account = std::string("u");
    req.TextContent = std::string("m");
    CHECK(livemsg::validate(req).empty());
}

TEST_CASE("send_text_msg text must be valid UTF-8", "[tencent][send_text_msg][boundary]") {
    auto req = page_example();
    req.TextContent = std::string("caf\xC3", 4);
    req.Sender_Account = std::string("\xFF");
    auto errors = livemsg::validate(req);
    CHECK(codes_for(errors, "TextContent") == std::vector{error_code::invalid_utf8});
    CHECK(codes_for(errors, "Sender_Account") == std::vector{error_code::invalid_utf8});
    livemsg::http_request untouched;
    CHECK_FALSE(render(req, page_caller(), page_random, untouched).empty());
    CHECK(untouched.body.empty());
    CHECK(untouched.query.empty());
}

TEST_CASE("ExtensionInfo, when present, must itself be JSON", "[tencent][send_text_msg][boundary]") {
    auto req = page_example();
    req.ExtensionInfo = std::string(R"({"data":1,)");
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "ExtensionInfo");
    CHECK(errors[0].code == error_code::not_json);

    req.ExtensionInfo = std::string("not json");
    CHECK(codes_for(livemsg::validate(req), "ExtensionInfo") == std::vector{error_code::not_json});
    req.ExtensionInfo = std::string();
    CHECK(codes_for(livemsg::validate(req), "ExtensionInfo") == std::vector{error_code::empty});

    for (const std::string ok : {"1", "\"text\"", "[]", "{\"nested\":{\"a\":[1,2,null]}}"}) {
        req.ExtensionInfo = ok;
        INFO(ok);
        CHECK(livemsg::validate(req).empty());
    }

    req.ExtensionInfo = {};
    auto request = render(req, page_caller(), page_random);
    REQUIRE(request.ok());
    CHECK(request->body == R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"msg"})");
}

TEST_CASE("the caller's query values are checked, and the UserSig never printed", "[tencent][rest][boundary]") {
    rest_caller nobody;
    auto errors = livemsg::validate(nobody);
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].field == "domain");
    CHECK(errors[1].field == "sdkappid");
    CHECK(errors[2].field == "identifier");
    CHECK(errors[3].field == "usersig");
    for (const auto& v : errors) CHECK(v.code == error_code::missing);

    auto caller = page_caller();
    caller.sdkappid = 0;
    CHECK(codes_for(livemsg::validate(caller), "sdkappid") == std::vector{error_code::out_of_range});
    caller.sdkappid = 4294967295u;
    CHECK(livemsg::validate(caller).empty());
    caller.sdkappid = 4294967296;
    CHECK(codes_for(livemsg::validate(caller), "sdkappid") == std::vector{error_code::out_of_range});

    caller = page_caller();
    caller.identifier = std::string();
    caller.usersig = user_sig(std::string("eJw1jd/secret+part"));
    errors = livemsg::validate(caller);
    CHECK(codes_for(errors, "identifier") == std::vector{error_code::empty});
    REQUIRE(codes_for(errors, "usersig") == std::vector{error_code::not_alphanumeric});
    CHECK(errors.find("usersig")->message.find("at 6") != std::string::npos);
    CHECK(errors.report().find("secret") == std::string::npos);

    std::ostringstream printed;
    printed << caller.usersig;
    CHECK(printed.str() == "******");

    // Request and caller problems come back together.
    auto req = page_example();
    req.RoomId = std::string();
    livemsg::http_request out;
    errors = render(req, caller, page_random, out);
    CHECK(errors.size() == 3);
    CHECK(errors[0].field == "RoomId");
}

TEST_CASE("random: as supplied, or fresh from the CSPRNG for every call", "[tencent][rest]") {
    auto supplied = render(page_example(), page_caller(), 4294967295u);
    REQUIRE(supplied.ok());
    CHECK(supplied->query.find("random") == "4294967295");
    CHECK(render(page_example(), page_caller(), 0u)->query.find("random") == "0");

    auto first = render(page_example(), page_caller());
    auto second = render(page_example(), page_caller());
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    const auto a = first->query.find("random");
    const auto b = second->query.find("random");
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    CHECK(*a != *b);  // equal once in 2^32
    std::uint64_t value = 0;
    const auto parsed = std::from_chars(a->data(), a->data() + a->size(), value);
    CHECK(parsed.ptr == a->data() + a->size());
    CHECK(value <= 4294967295u);

    // Every other parameter is in the documented order.
    std::vector<std::string> names;
    for (const auto& p : first->query) names.push_back(p.name);
    CHECK(names == std::vector<std::string>{"sdkappid", "identifier", "usersig", "random", "contenttype"});
}

TEST_CASE("send_text_msg rendered into a reused request replaces its previous content", "[tencent][send_text_msg]") {
    livemsg::http_request http;
    auto big = page_example();
    big.TextContent = std::string(12288, 'x');
    REQUIRE(render(big, page_caller(), 1u, http).empty());
    auto caller = page_caller();
    caller.domain = region::tokyo;
    REQUIRE(render(page_example(), caller, page_random, http).empty());
    CHECK(http.body == page_body);
    CHECK(http.query.size() == 5);
    CHECK(http.url() ==
          "https://adminapijpn.im.qcloud.com/v4/live_engine_http_srv/send_text_msg"
          "?sdkappid=88888888&identifier=admin&usersig=xxx&random=99999999&contenttype=json");
}

TEST_CASE("a request decoded from the page's JSON body", "[tencent][send_text_msg]") {
    auto decoded = livemsg::decode_json<send_text_msg>(page_body);
    REQUIRE(decoded.ok());
    CHECK(decoded->ExtensionInfo == R"({"data":1,"value":2})");
    CHECK(livemsg::to_json(*decoded) == page_body);

    auto bad = livemsg::decode_json<send_text_msg>(R"({"RoomId":"","TextContent":7,"ExtensionInfo":"{"})");
    REQUIRE_FALSE(bad.ok());
    CHECK(codes_for(bad.errors(), "RoomId") == std::vector{error_code::empty});
    CHECK(codes_for(bad.errors(), "Sender_Account") == std::vector{error_code::missing});
    CHECK(codes_for(bad.errors(), "TextContent") == std::vector{error_code::wrong_type});
    CHECK(codes_for(bad.errors(), "ExtensionInfo") == std::vector{error_code::not_json});
}

TEST_CASE("the sample response is a dropped message, not a plain success", "[tencent][send_text_msg][response]") {
    auto parsed = parse_response<send_text_msg>(200, page_response);
    REQUIRE(parsed.ok());
    const send_text_msg_result& result = *parsed.result();
    CHECK(result.sent() == nullptr);
    REQUIRE(result.dropped() != nullptr);
    CHECK(result.dropped()->reason == drop_reason::MsgFreqCtrl);
    CHECK(result.dropped()->reason.str() == "MsgFreqCtrl");
    CHECK(result.dropped()->msg_time == 1750074420);
    CHECK(result.dropped()->msg_seq == 25);
    CHECK(result.request_id() == "Id-ec3xxxxxxxxxxxxxxxxxxxxxxxxed-O-Seq-2433650");
    CHECK(result.response().ActionStatus == action_status::OK);
    CHECK(result.response().ErrorCode == 0);

    // A reason this version does not know is still a drop, kept as it came.
    auto other = parse_response<send_text_msg>(
        200, R"({"ErrorCode":0,"ActionStatus":"OK","RequestId":"r","Response":{"MsgTime":1,"MsgSeq":2,"MsgDropReason":"RoomFull"}})");
    REQUIRE(other.ok());
    REQUIRE(other.result()->dropped() != nullptr);
    CHECK_FALSE(other.result()->dropped()->reason.known().has_value());
    CHECK(other.result()->dropped()->reason.str() == "RoomFull");
}

TEST_CASE("a plain success: MsgDropReason empty or absent, unknown keys ignored", "[tencent][send_text_msg][response]") {
    for (const std::string body :
         {R"({"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK","RequestId":"Id-1","Response":{"MsgTime":1750074420,"MsgSeq":26,"MsgDropReason":""}})",
          R"({"ActionStatus":"OK","ErrorCode":0,"RequestId":"Id-1","Response":{"MsgSeq":26,"MsgTime":1750074420,"New":[1]},"Later":{"x":null}})"}) {
        INFO(body);
        auto parsed = parse_response<send_text_msg>(200, body);
        REQUIRE(parsed.ok());
        CHECK(parsed.result()->dropped() == nullptr);
        REQUIRE(parsed.result()->sent() != nullptr);
        CHECK(parsed.result()->sent()->msg_seq == 26);
        CHECK(parsed.result()->sent()->msg_time == 1750074420);
        CHECK(parsed.result()->request_id() == "Id-1");
    }
}

TEST_CASE("the page's own error codes are typed", "[tencent][send_text_msg][errors]") {
    const std::vector<std::tuple<std::int64_t, errc, bool>> page_codes{
        {100001, errc::internal_error, true},       {100002, errc::invalid_parameter, false},
        {100004, errc::room_not_found, false},      {100006, errc::not_a_live_room, false},
        {100601, errc::sender_muted, false},        {100602, errc::message_rate_limited, true},
        {100603, errc::message_too_long, false},
    };
    for (auto [code, known, retry] : page_codes) {
        INFO(code);
        const std::string body = error_body(code, "something went wrong");
        auto parsed = parse_response<send_text_msg>(200, body);
        REQUIRE_FALSE(parsed.ok());
        REQUIRE(parsed.error() != nullptr);
        const error& e = *parsed.error();
        CHECK(e.http_status == 200);
        CHECK(e.code == code);
        CHECK(e.known() == known);
        CHECK(e.is(known));
        CHECK(e.retryable() == retry);
        CHECK(e.message == "something went wrong");
        CHECK(e.request_id == "Id-err-O-Seq-1");
        CHECK(e.body == body);
    }
    std::ostringstream printed;
    printed << *parse_response<send_text_msg>(200, error_body(100002, "RoomId is empty")).error();
    CHECK(printed.str() == "Tencent error 100002 (invalid_parameter): RoomId is empty [HTTP 200, RequestId Id-err-O-Seq-1]");
}

TEST_CASE("common REST and UserSig error codes are typed", "[tencent][rest][errors]") {
    const std::vector<std::tuple<std::int64_t, errc, bool>> common{
        {60002, errc::http_parse_error, false},
        {60003, errc::json_parse_error, false},
        {60004, errc::account_or_signature_wrong, false},
        {60005, errc::account_or_signature_invalid, false},
        {60006, errc::invalid_sdkappid, false},
        {60007, errc::rate_limited, true},
        {60008, errc::timeout, true},
        {60009, errc::bad_url, false},
        {60010, errc::needs_admin, false},
        {60011, errc::sdkappid_rate_limited, true},
        {60012, errc::sdkappid_missing, false},
        {60016, errc::sdkappid_disabled, false},
        {60020, errc::package_expired, false},
        {60021, errc::ip_not_allowed, false},
        {70001, errc::usersig_expired, false},
        {70003, errc::usersig_unparsable, false},
        {70009, errc::usersig_verification_failed, false},
        {70013, errc::usersig_userid_mismatch, false},
        {70014, errc::usersig_sdkappid_mismatch, false},
        {70016, errc::usersig_key_missing, false},
        {70020, errc::usersig_sdkappid_not_found, false},
    };
    for (auto [code, known, retry] : common) {
        INFO(code);
        auto parsed = parse_response<send_text_msg>(200, error_body(code, "x"));
        REQUIRE(parsed.error() != nullptr);
        CHECK(parsed.error()->known() == known);
        CHECK(parsed.error()->retryable() == retry);
    }
    CHECK(to_string(errc::usersig_expired) == "usersig_expired");
}

TEST_CASE("an unknown error code is kept as a number", "[tencent][rest][errors]") {
    const std::string body = R"({"ActionStatus":"FAIL","ErrorCode":91234,"ErrorInfo":"new failure"})";
    auto parsed = parse_response<send_text_msg>(200, body);
    REQUIRE(parsed.error() != nullptr);
    CHECK(parsed.error()->code == 91234);
    CHECK_FALSE(parsed.error()->known().has_value());
    CHECK_FALSE(parsed.error()->retryable());
    CHECK(parsed.error()->request_id.empty());  // lenient: not every error carries one
    std::ostringstream printed;
    printed << *parsed.error();
    CHECK(printed.str() == "Tencent error 91234: new failure [HTTP 200]");

    // FAIL is an error even without a code.
    auto fail = parse_response<send_text_msg>(200, R"({"ActionStatus":"FAIL","ErrorCode":0,"ErrorInfo":"odd"})");
    REQUIRE(fail.error() != nullptr);
    CHECK(fail.error()->code == 0);
    CHECK(fail.error()->message == "odd");
}

TEST_CASE("network failures: a non-200 status is an error, retryable when transient", "[tencent][rest][errors]") {
    const std::string gateway = "<html><body>502 Bad Gateway</body></html>";
    auto bad_gateway = parse_response<send_text_msg>(502, gateway);
    REQUIRE(bad_gateway.error() != nullptr);
    CHECK(bad_gateway.error()->http_status == 502);
    CHECK(bad_gateway.error()->code == 0);
    CHECK(bad_gateway.error()->body == gateway);
    CHECK(bad_gateway.error()->retryable());

    CHECK(parse_response<send_text_msg>(429, "").error()->retryable());
    CHECK_FALSE(parse_response<send_text_msg>(403, "Forbidden").error()->retryable());

    // A status body under a failed HTTP status keeps its code.
    auto coded = parse_response<send_text_msg>(500, error_body(60008, "timeout"));
    REQUIRE(coded.error() != nullptr);
    CHECK(coded.error()->http_status == 500);
    CHECK(coded.error()->known() == errc::timeout);
    CHECK(coded.error()->retryable());

    // Even a success body is not trusted under a failed status.
    auto odd = parse_response<send_text_msg>(503, page_response);
    REQUIRE(odd.error() != nullptr);
    CHECK(odd.error()->code == 0);
    CHECK(odd.error()->retryable());
}

TEST_CASE("unreadable bodies give a clear error that keeps the raw body", "[tencent][send_text_msg][response]") {
    const std::string truncated = page_response.substr(0, 80);
    auto cut = parse_response<send_text_msg>(200, truncated);
    REQUIRE(cut.unreadable() != nullptr);
    CHECK(cut.unreadable()->input() == truncated);
    CHECK((*cut.unreadable())[0].code == error_code::not_json);

    const std::string html = "<html>maintenance</html>";
    auto not_json = parse_response<send_text_msg>(200, html);
    REQUIRE(not_json.unreadable() != nullptr);
    CHECK(not_json.unreadable()->input() == html);
    CHECK(not_json.unreadable()->report().find("body is not valid JSON") != std::string::npos);

    auto empty = parse_response<send_text_msg>(200, "");
    REQUIRE(empty.unreadable() != nullptr);

    const std::string no_code = R"({"ActionStatus":"OK"})";
    auto missing = parse_response<send_text_msg>(200, no_code);
    REQUIRE(missing.unreadable() != nullptr);
    CHECK(codes_for(*missing.unreadable(), "ErrorCode") == std::vector{error_code::missing});
    CHECK(missing.unreadable()->input() == no_code);

    const std::string no_result = R"({"ActionStatus":"OK","ErrorCode":0,"RequestId":"r"})";
    auto success_without_result = parse_response<send_text_msg>(200, no_result);
    REQUIRE(success_without_result.unreadable() != nullptr);
    CHECK(codes_for(*success_without_result.unreadable(), "Response") == std::vector{error_code::missing});
    CHECK(success_without_result.unreadable()->input() == no_result);
    CHECK(success_without_result.unreadable()->model() == "send_text_msg_response");

    const std::string wrong = R"({"ActionStatus":"OK","ErrorCode":0,"Response":{"MsgTime":"soon","MsgSeq":1.5}})";
    auto wrong_types = parse_response<send_text_msg>(200, wrong);
    REQUIRE(wrong_types.unreadable() != nullptr);
    CHECK(codes_for(*wrong_types.unreadable(), "Response.MsgTime") == std::vector{error_code::wrong_type});
    CHECK(codes_for(*wrong_types.unreadable(), "Response.MsgSeq") == std::vector{error_code::out_of_range});

    // An error code is reported even beside a field that cannot be read.
    auto error_beside_junk =
        parse_response<send_text_msg>(200, R"({"ActionStatus":"FAIL","ErrorCode":100004,"Response":"junk"})");
    REQUIRE(error_beside_junk.error() != nullptr);
    CHECK(error_beside_junk.error()->known() == errc::room_not_found);
}

TEST_CASE("send_text_msg compile-time facts", "[tencent][send_text_msg]") {
    STATIC_REQUIRE(send_text_msg::api.service == "live_engine_http_srv");
    STATIC_REQUIRE(send_text_msg::api.command == "send_text_msg");
    STATIC_REQUIRE(send_text_msg::api.qps_limit == 200);
    STATIC_REQUIRE(decltype(send_text_msg::TextContent)::rule::max_bytes == 12288);
    STATIC_REQUIRE(std::is_same_v<send_text_msg::response, send_text_msg_response>);
    STATIC_REQUIRE(std::is_same_v<send_text_msg::result, send_text_msg_result>);
    STATIC_REQUIRE(rest_operation<send_text_msg>);
    STATIC_REQUIRE(domain(region::china) == "console.tim.qq.com");
    STATIC_REQUIRE(retryable(errc::sdkappid_rate_limited));
    STATIC_REQUIRE(known_errc(70009) == errc::usersig_verification_failed);
    STATIC_REQUIRE_FALSE(known_errc(0).has_value());
}

namespace {

// An operation with a request, `api` and `response` only: a success is its response as sent.
struct plain_ack_response : rest_status {
    livemsg::optional<std::string> Token{};
};
BOOST_DESCRIBE_STRUCT(plain_ack_response, (rest_status), (Token))

struct plain_ack {
    static constexpr rest_api api{"test_srv", "plain_ack", 10};
    using response = plain_ack_response;

    livemsg::nonempty_text<> RoomId{};
};
BOOST_DESCRIBE_STRUCT(plain_ack, (), (RoomId))

}  // namespace

TEST_CASE("an operation without a result renders, and parses to its response", "[tencent][rest]") {
    STATIC_REQUIRE(rest_operation<plain_ack>);
    STATIC_REQUIRE(std::is_same_v<result_of<plain_ack>, plain_ack_response>);
    STATIC_REQUIRE(std::is_same_v<result<plain_ack>, livemsg::outcome<plain_ack_response, error>>);
    STATIC_REQUIRE(std::is_same_v<result<send_text_msg>, livemsg::outcome<send_text_msg_result, error>>);

    auto request = render(plain_ack{.RoomId = "room1"}, page_caller(), page_random);
    REQUIRE(request.ok());
    CHECK(request->url() ==
          "https://console.tim.qq.com/v4/test_srv/plain_ack"
          "?sdkappid=88888888&identifier=admin&usersig=xxx&random=99999999&contenttype=json");
    CHECK(request->body == R"({"RoomId":"room1"})");

    auto ok = parse_response<plain_ack>(200, R"({"ActionStatus":"OK","ErrorCode":0,"RequestId":"Id-1","Token":"t1"})");
    REQUIRE(ok.result() != nullptr);
    CHECK(ok.result()->RequestId == "Id-1");
    CHECK(ok.result()->Token == "t1");

    // Without a result to check it, a success body need only be a status.
    auto bare = parse_response<plain_ack>(200, R"({"ActionStatus":"OK","ErrorCode":0})");
    REQUIRE(bare.result() != nullptr);
    CHECK_FALSE(bare.result()->Token.has_value());

    const std::string failed = error_body(100004, "no such room");
    auto refused = parse_response<plain_ack>(200, failed);
    REQUIRE(refused.error() != nullptr);
    CHECK(refused.error()->is(errc::room_not_found));
    CHECK(refused.error()->code_text() == "100004");
    CHECK(refused.error()->message == "no such room");
    CHECK(refused.error()->request_id == "Id-err-O-Seq-1");
    CHECK(refused.error()->body == failed);
    CHECK_FALSE(refused.error()->retry_after().has_value());

    auto gateway = parse_response<plain_ack>(502, "<html>Bad Gateway</html>");
    REQUIRE(gateway.error() != nullptr);
    CHECK(gateway.error()->code_text().empty());
    CHECK(gateway.error()->retryable());

    auto junk = parse_response<plain_ack>(200, R"({"ActionStatus":"OK","ErrorCode":0,"Token":7})");
    REQUIRE(junk.unreadable() != nullptr);
    CHECK(codes_for(*junk.unreadable(), "Token") == std::vector{error_code::wrong_type});
}

}  // namespace tencent_send_text_msg_test
