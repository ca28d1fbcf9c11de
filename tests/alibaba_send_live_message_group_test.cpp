// SPDX-License-Identifier: BSL-1.0
#include <livemsg/livemsg.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

namespace alibaba_send_live_message_group_test {

using namespace livemsg::alibaba;
using livemsg::error_code;

namespace {

// The page's example values; the page masks MsgTid as "169830****".
SendLiveMessageGroup page_example() {
    return SendLiveMessageGroup{
        .AppId = "demo",
        .GroupId = "grouptest",
        .SenderId = "uid1",
        .SenderMetaInfo = "uid1meta1",
        .Body = "hello,group",
        .MsgType = 1,
        .MsgTid = "1698300000",
        .StaticsIncrease = 1,
        .Weight = 1,
        .NoStorage = false,
        .NoCache = false,
        .DataCenter = data_center::cn_shanghai,
    };
}

livemsg::violation only_violation(const livemsg::validation_errors& errors) {
    REQUIRE(errors.size() == 1);
    return errors[0];
}

}  // namespace

TEST_CASE("SendLiveMessageGroup: the page's example serializes to the documented query", "[alibaba][SendLiveMessageGroup]") {
    auto request = render(page_example());
    REQUIRE(request.ok());
    CHECK(request->method == "POST");
    CHECK(request->host == "live.aliyuncs.com");
    CHECK(request->body.empty());
    CHECK(request->target() ==
          "/?Action=SendLiveMessageGroup&Version=2016-11-01&AppId=demo&GroupId=grouptest&SenderId=uid1"
          "&SenderMetaInfo=uid1meta1&Body=hello%2Cgroup&MsgType=1&MsgTid=1698300000&StaticsIncrease=1&Weight=1"
          "&NoStorage=false&NoCache=false&DataCenter=cn-shanghai");
}

TEST_CASE("SendLiveMessageGroup: parameters with vendor defaults are absent until set", "[alibaba][SendLiveMessageGroup]") {
    SendLiveMessageGroup req{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1"};
    auto minimal = render(req);
    REQUIRE(minimal.ok());
    CHECK(minimal->target() == "/?Action=SendLiveMessageGroup&Version=2016-11-01&AppId=demo&GroupId=grouptest&SenderId=uid1");
    for (const char* absent : {"StaticsIncrease", "Weight", "NoStorage", "NoCache", "MsgType", "Body"})
        CHECK_FALSE(minimal->query.find(absent).has_value());

    req.NoStorage = true;
    req.Weight = 9223372036854775807;
    auto set = render(req);
    REQUIRE(set.ok());
    CHECK(set->query.find("NoStorage") == "true");
    CHECK(set->query.find("Weight") == "9223372036854775807");
}

TEST_CASE("SendLiveMessageGroup: rules at their boundaries", "[alibaba][SendLiveMessageGroup][boundary]") {
    auto req = page_example();
    req.SenderId = std::string(64, 's');
    req.SenderMetaInfo = std::string(512, 'm');
    req.Body = std::string(15360, 'b');
    req.MsgTid = std::string(64, '0');
    CHECK(livemsg::validate(req).empty());

    SECTION("SenderId") {
        req.SenderId = std::string(65, 's');
        CHECK(only_violation(livemsg::validate(req)).code == error_code::too_long);
        req.SenderId = std::string("uid_1");
        CHECK(only_violation(livemsg::validate(req)).code == error_code::not_alphanumeric);
    }
    SECTION("SenderMetaInfo") {
        req.SenderMetaInfo = std::string(513, 'm');
        const auto v = only_violation(livemsg::validate(req));
        CHECK(v.field == "SenderMetaInfo");
        CHECK(v.limit == 512);
    }
    SECTION("Body") {
        req.Body = std::string(15361, 'b');
        const auto v = only_violation(livemsg::validate(req));
        CHECK(v.field == "Body");
        CHECK(v.code == error_code::too_long);
        CHECK(v.limit == 15360);
    }
    SECTION("MsgTid") {
        req.MsgTid = std::string(65, '0');
        CHECK(only_violation(livemsg::validate(req)).field == "MsgTid");
    }
    SECTION("GroupId and AppId are required and not empty") {
        req.GroupId = std::string();
        req.AppId.reset();
        auto errors = livemsg::validate(req);
        REQUIRE(errors.size() == 2);
        CHECK(errors.find("AppId")->code == error_code::missing);
        CHECK(errors.find("GroupId")->code == error_code::empty);
    }
}

TEST_CASE("SendLiveMessageGroup: the sample response", "[alibaba][SendLiveMessageGroup][response]") {
    auto r = parse_response<SendLiveMessageGroup>(200, R"({
        "RequestId": "E4C1245F-597B-1BD1-B9BB-9D220E99****",
        "MsgTid": "169830****"
    })");
    REQUIRE(r.ok());
    CHECK(r.result()->RequestId == "E4C1245F-597B-1BD1-B9BB-9D220E99****");
    CHECK(r.result()->MsgTid == "169830****");
}

TEST_CASE("SendLiveMessageGroup: compile-time facts", "[alibaba][SendLiveMessageGroup]") {
    STATIC_REQUIRE(SendLiveMessageGroup::api.action == "SendLiveMessageGroup");
    STATIC_REQUIRE(SendLiveMessageGroup::api.version == "2016-11-01");
    STATIC_REQUIRE(SendLiveMessageGroup::api.qps_limit == 50);
    STATIC_REQUIRE(SendLiveMessageGroup::api.parameters == parameters_in::query);
}

}  // namespace alibaba_send_live_message_group_test
