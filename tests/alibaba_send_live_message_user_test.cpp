// SPDX-License-Identifier: BSL-1.0
#include <livemsg/livemsg.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace alibaba_send_live_message_user_test {

using namespace livemsg::alibaba;
using livemsg::error_code;

namespace {

// The page's example values. The page masks MsgTid as "169830****"; a real one is alphanumeric.
SendLiveMessageUser page_example() {
    return SendLiveMessageUser{
        .AppId = "demo",
        .ReceiverId = "uid2",
        .SenderId = "uid1",
        .SenderInfo = "uid1meta1",
        .Body = "hello, user",
        .MsgType = 2,
        .MsgTid = "1698300000",
        .DataCenter = data_center::cn_shanghai,
    };
}

std::vector<std::pair<std::string, std::string>> query_of(const livemsg::http_request& r) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& p : r.query) out.emplace_back(p.name, p.value);
    return out;
}


}  // namespace

TEST_CASE("the page's example serializes to the documented query", "[alibaba][SendLiveMessageUser]") {
    auto request = render(page_example());
    REQUIRE(request.ok());
    CHECK(request->method == "POST");
    CHECK(request->scheme == "https");
    CHECK(request->host == "live.aliyuncs.com");
    CHECK(request->path == "/");
    CHECK(request->body.empty());
    CHECK(request->content_type.empty());
    using kv = std::pair<std::string, std::string>;
    CHECK(query_of(*request) == std::vector<kv>{
                                    {"Action", "SendLiveMessageUser"},
                                    {"Version", "2016-11-01"},
                                    {"AppId", "demo"},
                                    {"ReceiverId", "uid2"},
                                    {"SenderId", "uid1"},
                                    {"SenderInfo", "uid1meta1"},
                                    {"Body", "hello, user"},
                                    {"MsgType", "2"},
                                    {"MsgTid", "1698300000"},
                                    {"DataCenter", "cn-shanghai"},
                                });
    CHECK(request->url() ==
          "https://live.aliyuncs.com/?Action=SendLiveMessageUser&Version=2016-11-01&AppId=demo&ReceiverId=uid2"
          "&SenderId=uid1&SenderInfo=uid1meta1&Body=hello%2C%20user&MsgType=2&MsgTid=1698300000"
          "&DataCenter=cn-shanghai");
}

TEST_CASE("unset optional parameters are absent and booleans are true/false", "[alibaba][SendLiveMessageUser]") {
    SendLiveMessageUser req{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"};
    auto minimal = render(req);
    REQUIRE(minimal.ok());
    CHECK(minimal->target() == "/?Action=SendLiveMessageUser&Version=2016-11-01&AppId=demo&ReceiverId=uid2&SenderId=uid1");

    req.ReceiverId = "uid3";  // a literal, checked while compiling
    req.HighReliability = true;
    req.Storage = false;
    req.DataCenter = data_center::ap_southeast_1;
    auto flagged = render(req);
    REQUIRE(flagged.ok());
    CHECK(flagged->query.find("ReceiverId") == "uid3");
    CHECK(flagged->query.find("HighReliability") == "true");
    CHECK(flagged->query.find("Storage") == "false");
    CHECK(flagged->query.find("DataCenter") == "ap-southeast-1");
    CHECK_FALSE(flagged->query.find("Body").has_value());
}

TEST_CASE("rendering into a reused request replaces its previous content", "[alibaba][SendLiveMessageUser]") {
    livemsg::http_request http;
    REQUIRE(render(page_example(), http).empty());
    SendLiveMessageUser small{.AppId = "a", .ReceiverId = "r", .SenderId = "s"};
    REQUIRE(render(small, http).empty());
    CHECK(http.query.size() == 5);
    CHECK(http.target() == "/?Action=SendLiveMessageUser&Version=2016-11-01&AppId=a&ReceiverId=r&SenderId=s");
}

TEST_CASE("ID rules hold at their boundaries", "[alibaba][SendLiveMessageUser][boundary]") {
    auto req = page_example();
    req.ReceiverId = std::string(64, 'a');
    req.SenderId = std::string(63, 'Z') + "9";
    req.MsgTid = std::string(64, '7');
    CHECK(livemsg::validate(req).empty());

    req.ReceiverId = std::string(65, 'a');
    req.SenderId = std::string(65, 'b');
    req.MsgTid = std::string(65, '1');
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 3);
    for (const auto* field : {"ReceiverId", "SenderId", "MsgTid"}) {
        const auto* v = errors.find(field);
        REQUIRE(v != nullptr);
        CHECK(v->code == error_code::too_long);
        CHECK(v->limit == 64);
    }
}

TEST_CASE("IDs take ASCII letters and digits only", "[alibaba][SendLiveMessageUser][boundary]") {
    for (const std::string& bad : std::vector<std::string>{"uid-1", "u\xC3\xA9", "uid 1", "uid_1", "uid1\n", std::string("u\0d", 3)}) {
        auto req = page_example();
        req.ReceiverId = bad;
        auto errors = livemsg::validate(req);
        INFO(bad);
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].field == "ReceiverId");
        CHECK(errors[0].code == error_code::not_alphanumeric);
    }
}

TEST_CASE("SenderInfo is at most 512 bytes, counted in bytes", "[alibaba][SendLiveMessageUser][boundary]") {
    auto req = page_example();
    req.SenderInfo = std::string(512, 'x');
    CHECK(livemsg::validate(req).empty());

    // 256 two-byte characters are 512 bytes: accepted; 257 are 514: rejected.
    std::string e_acute;
    for (int i = 0; i < 256; ++i) e_acute += "\xC3\xA9";
    req.SenderInfo = e_acute;
    CHECK(livemsg::validate(req).empty());
    req.SenderInfo = e_acute + "\xC3\xA9";
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "SenderInfo");
    CHECK(errors[0].code == error_code::too_long);
    CHECK(errors[0].limit == 512);

    req.SenderInfo = std::string(513, 'x');
    CHECK(codes_for(livemsg::validate(req), "SenderInfo") == std::vector{error_code::too_long});
}

TEST_CASE("Body is at most 15 KB: 15360 bytes", "[alibaba][SendLiveMessageUser][boundary]") {
    auto req = page_example();
    req.Body = std::string(15360, 'b');
    CHECK(livemsg::validate(req).empty());
    req.Body = std::string(15361, 'b');
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "Body");
    CHECK(errors[0].code == error_code::too_long);
    CHECK(errors[0].limit == 15360);
    CHECK(errors[0].message == "must be at most 15360 bytes, got 15361");

    // A three-byte character that crosses the limit is counted whole.
    req.Body = std::string(15358, 'b') + "\xE4\xB8\xAD";
    CHECK(codes_for(livemsg::validate(req), "Body") == std::vector{error_code::too_long});
    req.Body = std::string(15357, 'b') + "\xE4\xB8\xAD";
    CHECK(livemsg::validate(req).empty());
}

TEST_CASE("text must be valid UTF-8", "[alibaba][SendLiveMessageUser][boundary]") {
    auto req = page_example();
    req.Body = std::string("caf\xC3", 4);  // truncated
    req.SenderInfo = std::string("\xED\xA0\x80");  // a UTF-16 surrogate
    auto errors = livemsg::validate(req);
    CHECK(codes_for(errors, "Body") == std::vector{error_code::invalid_utf8});
    CHECK(codes_for(errors, "SenderInfo") == std::vector{error_code::invalid_utf8});
    CHECK(errors.find("Body")->message == "must be valid UTF-8; ill-formed sequence at byte 3");
    livemsg::http_request untouched;
    CHECK_FALSE(render(req, untouched).empty());
    CHECK(untouched.query.empty());
}

TEST_CASE("every violation is reported together, in the page's order", "[alibaba][SendLiveMessageUser]") {
    SendLiveMessageUser req;
    req.ReceiverId = std::string("uid-2");
    req.SenderId = std::string("");
    req.Body = std::string(15361, 'x');
    req.DataCenter = static_cast<data_center>(7);
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 5);
    CHECK(errors[0].field == "AppId");
    CHECK(errors[0].code == error_code::missing);
    CHECK(errors[1].field == "ReceiverId");
    CHECK(errors[1].code == error_code::not_alphanumeric);
    CHECK(errors[2].field == "SenderId");
    CHECK(errors[2].code == error_code::empty);
    CHECK(errors[3].field == "Body");
    CHECK(errors[3].code == error_code::too_long);
    CHECK(errors[4].field == "DataCenter");
    CHECK(errors[4].code == error_code::not_one_of);
    CHECK(errors[4].message.find("cn-shanghai, ap-southeast-1") != std::string::npos);

    const std::string report = errors.report();
    CHECK(report.rfind("5 validation errors for SendLiveMessageUser\n", 0) == 0);
    CHECK(report.find("ReceiverId\n  must contain only ASCII letters and digits; found '-' at byte 3 "
                      "[code=not_alphanumeric]") != std::string::npos);
    CHECK(report.find("[code=too_long, limit=15360]") != std::string::npos);

    auto rendered = render(req);
    REQUIRE_FALSE(rendered.ok());
    CHECK(rendered.errors().size() == 5);
    CHECK_THROWS_AS(rendered.value(), livemsg::bad_checked_access);
}

TEST_CASE("a request decoded from JSON with the page's field names", "[alibaba][SendLiveMessageUser]") {
    auto decoded = livemsg::decode_json<SendLiveMessageUser>(
        R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","SenderInfo":"uid1meta1",
            "Body":"hello, user","MsgType":2,"MsgTid":"1698300000","DataCenter":"cn-shanghai"})");
    REQUIRE(decoded.ok());
    CHECK(render(*decoded).value().url() == render(page_example()).value().url());

    auto bad = livemsg::decode_json<SendLiveMessageUser>(
        R"({"AppId":"demo","ReceiverId":"uid-2","MsgType":"2","DataCenter":"cn-beijing"})");
    REQUIRE_FALSE(bad.ok());
    // What could not be read and what breaks a rule are reported in one go, once per field.
    CHECK(bad.errors().size() == 4);
    CHECK(codes_for(bad.errors(), "MsgType") == std::vector{error_code::wrong_type});
    CHECK(codes_for(bad.errors(), "DataCenter") == std::vector{error_code::not_one_of});
    CHECK(codes_for(bad.errors(), "ReceiverId") == std::vector{error_code::not_alphanumeric});
    CHECK(codes_for(bad.errors(), "SenderId") == std::vector{error_code::missing});
    CHECK(bad.errors().input().find("cn-beijing") != std::string::npos);
}

TEST_CASE("the sample response is read, unknown keys ignored", "[alibaba][SendLiveMessageUser][response]") {
    auto page = livemsg::read_json<SendLiveMessageUserResponse>(R"({
        "RequestId": "6CFDE7AB-571A-14EA-B072-989FF753****"
    })");
    REQUIRE(page.ok());
    CHECK(page->RequestId == "6CFDE7AB-571A-14EA-B072-989FF753****");
    CHECK_FALSE(page->MsgTid.has_value());

    auto extra = livemsg::read_json<SendLiveMessageUserResponse>(
        R"({"RequestId":"E4C1","MsgTid":"1698300000","Surprise":{"nested":[1,2,3]},"Other":null})");
    REQUIRE(extra.ok());
    CHECK(extra->RequestId == "E4C1");
    CHECK(extra->MsgTid == "1698300000");
}

TEST_CASE("an unreadable response keeps its body", "[alibaba][SendLiveMessageUser][response]") {
    const std::string body = "<html>502 Bad Gateway</html>";
    auto parsed = livemsg::read_json<SendLiveMessageUserResponse>(body);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.errors()[0].code == error_code::not_json);
    CHECK(parsed.errors().input() == body);

    auto wrong = livemsg::read_json<SendLiveMessageUserResponse>(R"({"MsgTid":17})");
    REQUIRE_FALSE(wrong.ok());
    CHECK(codes_for(wrong.errors(), "RequestId") == std::vector{error_code::missing});
    CHECK(codes_for(wrong.errors(), "MsgTid") == std::vector{error_code::wrong_type});
}

TEST_CASE("the operation's compile-time facts", "[alibaba][SendLiveMessageUser]") {
    STATIC_REQUIRE(SendLiveMessageUser::api.action == "SendLiveMessageUser");
    STATIC_REQUIRE(SendLiveMessageUser::api.version == "2016-11-01");
    STATIC_REQUIRE(SendLiveMessageUser::api.qps_limit == 0);  // the page documents no rate
    STATIC_REQUIRE(std::is_same_v<SendLiveMessageUser::response, SendLiveMessageUserResponse>);
}

}  // namespace alibaba_send_live_message_user_test
