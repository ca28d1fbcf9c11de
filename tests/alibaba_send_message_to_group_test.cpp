// SPDX-License-Identifier: BSL-1.0
#include <livemsg/livemsg.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace alibaba_send_message_to_group_test {

using namespace livemsg::alibaba;
using livemsg::error_code;

namespace {

// The page's example values, except Data: the page shows "test", which is not the JSON
// string the same page says Data must be.
SendMessageToGroup page_example() {
    return SendMessageToGroup{
        .AppId = "VKL3***",
        .GroupId = "AE35-****-T95F",
        .OperatorUserId = "de1**a0",
        .Type = 12000,
        .Data = R"({"text":"test"})",
        .SkipAudit = true,
    };
}

}  // namespace

TEST_CASE("SendMessageToGroup: SkipAudit in the query, the rest in a form body", "[alibaba][SendMessageToGroup]") {
    auto request = render(page_example());
    REQUIRE(request.ok());
    CHECK(request->method == "POST");
    CHECK(request->target() == "/?Action=SendMessageToGroup&Version=2016-11-01&SkipAudit=true");
    CHECK(request->content_type == "application/x-www-form-urlencoded");
    CHECK(request->body ==
          "AppId=VKL3%2A%2A%2A&GroupId=AE35-%2A%2A%2A%2A-T95F&OperatorUserId=de1%2A%2Aa0&Type=12000"
          "&Data=%7B%22text%22%3A%22test%22%7D");
}

TEST_CASE("SendMessageToGroup: without SkipAudit the query holds Action and Version only", "[alibaba][SendMessageToGroup]") {
    auto req = page_example();
    req.SkipAudit.reset();
    req.Type.reset();
    auto request = render(req);
    REQUIRE(request.ok());
    CHECK(request->target() == "/?Action=SendMessageToGroup&Version=2016-11-01");
    CHECK(request->body.find("Type=") == std::string::npos);
}

TEST_CASE("SendMessageToGroup: Data must be JSON", "[alibaba][SendMessageToGroup][boundary]") {
    auto req = page_example();
    req.Data = std::string("test");
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "Data");
    CHECK(errors[0].code == error_code::not_json);

    req.Data = std::string("");
    CHECK(livemsg::validate(req)[0].code == error_code::empty);
    req.Data = std::string(R"("a bare JSON string")");
    CHECK(livemsg::validate(req).empty());
    req.Data.reset();
    CHECK(livemsg::validate(req)[0].code == error_code::missing);
}

TEST_CASE("SendMessageToGroup: Type is an int32 and says system or custom", "[alibaba][SendMessageToGroup][boundary]") {
    auto req = page_example();
    req.Type = 2147483647;
    CHECK(livemsg::validate(req).empty());
    req.Type = 2147483648LL;
    auto errors = livemsg::validate(req);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "Type");
    CHECK(errors[0].code == error_code::out_of_range);
    CHECK(errors[0].limit == 2147483647);

    STATIC_REQUIRE(kind_of_message_type(10000) == message_type_kind::system);
    STATIC_REQUIRE(kind_of_message_type(1) == message_type_kind::system);
    STATIC_REQUIRE(kind_of_message_type(10001) == message_type_kind::custom);
    STATIC_REQUIRE(kind_of_message_type(12000) == message_type_kind::custom);
}

TEST_CASE("SendMessageToGroup: the sample response", "[alibaba][SendMessageToGroup][response]") {
    auto r = parse_response<SendMessageToGroup>(200, R"({
      "RequestId": "16A96B9A-****-CB92E68F4CD8",
      "Result": {
        "MessageId": "qt***"
      }
    })");
    REQUIRE(r.ok());
    CHECK(r.result()->RequestId == "16A96B9A-****-CB92E68F4CD8");
    REQUIRE(r.result()->Result.has_value());
    CHECK(r.result()->Result->MessageId == "qt***");

    auto wrong = parse_response<SendMessageToGroup>(200, R"({"RequestId":"x","Result":{"MessageId":42}})");
    REQUIRE(wrong.unreadable() != nullptr);
    CHECK(wrong.unreadable()->items()[0].field == "Result.MessageId");
    CHECK(wrong.unreadable()->items()[0].code == error_code::wrong_type);
}

TEST_CASE("SendMessageToGroup: compile-time facts", "[alibaba][SendMessageToGroup]") {
    STATIC_REQUIRE(SendMessageToGroup::api.qps_limit == 100);
    STATIC_REQUIRE(SendMessageToGroup::api.parameters == parameters_in::form_body);
    STATIC_REQUIRE(SendMessageToGroup::api.in_query("SkipAudit"));
    STATIC_REQUIRE_FALSE(SendMessageToGroup::api.in_query("Data"));
}

}  // namespace alibaba_send_message_to_group_test
