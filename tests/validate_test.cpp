// SPDX-License-Identifier: BSL-1.0
#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/validate.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace validate_test {

using livemsg::error_code;

namespace {

enum class priority { LOW, HIGH };
BOOST_DESCRIBE_ENUM(priority, LOW, HIGH)

struct Part {
    livemsg::alnum_id<8> Code{};
    livemsg::optional<livemsg::text<4>> Tag{};
};
BOOST_DESCRIBE_STRUCT(Part, (), (Code, Tag))

struct SendUser {
    livemsg::nonempty_text<> AppId{};
    livemsg::alnum_id<64> ReceiverId{};
    livemsg::alnum_id<64> SenderId{};
    livemsg::optional<livemsg::text<8>> Body{};
    livemsg::optional<livemsg::alnum_id<64>> MsgTid{};
    livemsg::optional<livemsg::int32> MsgType{};
    priority Priority{};
    livemsg::optional<livemsg::alibaba::data_center> DataCenter{};
};
BOOST_DESCRIBE_STRUCT(SendUser, (), (AppId, ReceiverId, SenderId, Body, MsgTid, MsgType, Priority, DataCenter))

struct Outer {
    Part Inner{};
    std::vector<livemsg::alnum_id<4>> Ids{};
    std::vector<Part> Items{};
};
BOOST_DESCRIBE_STRUCT(Outer, (), (Inner, Ids, Items))

SendUser valid_request() {
    SendUser r;
    r.AppId = "app";
    r.ReceiverId = "uid2";
    r.SenderId = "uid1";
    return r;
}

std::vector<std::string> fields(const livemsg::validation_errors& e) {
    std::vector<std::string> out;
    for (const auto& v : e) out.push_back(v.field);
    return out;
}

}  // namespace

TEST_CASE("a valid value yields no errors", "[validate]") {
    const auto e = livemsg::validate(valid_request());
    CHECK(e.empty());
    CHECK(e.size() == 0);
    CHECK(e.model() == "SendUser");

    SendUser full = valid_request();
    full.Body = "12345678";
    full.MsgTid = "t1";
    full.MsgType = 7;
    full.Priority = priority::HIGH;
    full.DataCenter = livemsg::alibaba::data_center::cn_shanghai;
    CHECK(livemsg::validate(full).empty());
}

TEST_CASE("every violation at once, in declaration order", "[validate]") {
    SendUser r;
    r.SenderId = std::string(65, 'a');
    r.Body = std::string(9, 'b');
    r.MsgTid = std::string("t-1");
    r.MsgType = std::int64_t{1} << 40;
    const auto e = livemsg::validate(r);
    REQUIRE(e.size() == 6);
    CHECK(fields(e) == std::vector<std::string>{"AppId", "ReceiverId", "SenderId", "Body", "MsgTid", "MsgType"});
    CHECK(e[0].code == error_code::missing);
    CHECK(e[1].code == error_code::missing);
    CHECK(e[2].code == error_code::too_long);
    CHECK(e[2].limit == std::optional<std::int64_t>(64));
    CHECK(e[3].code == error_code::too_long);
    CHECK(e[3].limit == std::optional<std::int64_t>(8));
    CHECK(e[4].code == error_code::not_alphanumeric);
    CHECK(e[5].code == error_code::out_of_range);
}

TEST_CASE("missing and empty are different", "[validate]") {
    SendUser r = valid_request();
    r.ReceiverId.reset();
    r.SenderId = std::string_view("");
    r.AppId = std::string();
    const auto e = livemsg::validate(r);
    REQUIRE(e.size() == 3);
    CHECK(e[0].field == "AppId");
    CHECK(e[0].code == error_code::empty);
    CHECK(e[1].field == "ReceiverId");
    CHECK(e[1].code == error_code::missing);
    CHECK(e[2].field == "SenderId");
    CHECK(e[2].code == error_code::empty);
}

TEST_CASE("optional members: absent is fine, present is checked", "[validate]") {
    SendUser r = valid_request();
    CHECK(livemsg::validate(r).empty());

    r.Body = std::string_view("");
    CHECK(livemsg::validate(r).empty());

    r.MsgTid = std::string_view("");
    r.DataCenter = static_cast<livemsg::alibaba::data_center>(9);
    const auto e = livemsg::validate(r);
    REQUIRE(e.size() == 2);
    CHECK(e[0].field == "MsgTid");
    CHECK(e[0].code == error_code::empty);
    CHECK(e[1].field == "DataCenter");
    CHECK(e[1].code == error_code::not_one_of);
    CHECK(e[1].message.find("cn-shanghai, ap-southeast-1") != std::string::npos);
}

TEST_CASE("an enum value outside its set is not_one_of", "[validate]") {
    SendUser r = valid_request();
    r.Priority = static_cast<priority>(5);
    const auto e = livemsg::validate(r);
    REQUIRE(e.size() == 1);
    CHECK(e[0].field == "Priority");
    CHECK(e[0].code == error_code::not_one_of);
    CHECK(e[0].message.find("LOW, HIGH") != std::string::npos);
}

TEST_CASE("paths of nested members and vector elements", "[validate]") {
    Outer o;
    o.Inner.Code = "ok";
    o.Inner.Tag = std::string("toolong");
    o.Ids = {"a1", std::string("b-2"), "c3", "d4"};
    o.Ids.push_back(livemsg::alnum_id<4>(std::string("e5555")));
    o.Items.resize(2);
    o.Items[0].Code = "x";
    const auto e = livemsg::validate(o);
    CHECK(fields(e) == std::vector<std::string>{"Inner.Tag", "Ids[1]", "Ids[4]", "Items[1].Code"});
    REQUIRE(e.size() == 4);
    CHECK(e[0].code == error_code::too_long);
    CHECK(e[1].code == error_code::not_alphanumeric);
    CHECK(e[2].code == error_code::too_long);
    CHECK(e[3].code == error_code::missing);
    CHECK(e.model() == "Outer");

    Outer missing;
    const auto m = livemsg::validate(missing);
    REQUIRE(m.size() == 1);
    CHECK(m[0].field == "Inner.Code");
    CHECK(m[0].code == error_code::missing);
}

TEST_CASE("report() lists every violation", "[validate]") {
    SendUser r = valid_request();
    r.ReceiverId = std::string(65, 'a');
    r.SenderId = std::string_view("a_b");
    const auto e = livemsg::validate(r);
    REQUIRE(e.size() == 2);
    const std::string report = e.report();
    CHECK(report.rfind("2 validation errors for SendUser", 0) == 0);
    CHECK(report.find("ReceiverId") != std::string::npos);
    CHECK(report.find("SenderId") != std::string::npos);
    CHECK(report.find("[code=too_long, limit=64]") != std::string::npos);
    CHECK(report.find("[code=not_alphanumeric]") != std::string::npos);
    CHECK(report.find("ReceiverId") < report.find("SenderId"));
}

TEST_CASE("report() of a single violation is singular", "[validate]") {
    SendUser r = valid_request();
    r.AppId.reset();
    const std::string report = livemsg::validate(r).report();
    CHECK(report.rfind("1 validation error for SendUser\n", 0) == 0);
    CHECK(report.find("AppId") != std::string::npos);
    CHECK(report.find("[code=missing]") != std::string::npos);
}

TEST_CASE("find() returns the first violation of a field", "[validate]") {
    SendUser r = valid_request();
    r.SenderId = std::string(65, '-');
    const auto e = livemsg::validate(r);
    REQUIRE(e.size() == 2);
    const auto* v = e.find("SenderId");
    REQUIRE(v != nullptr);
    CHECK(v == &e[0]);
    CHECK(v->code == error_code::too_long);
    CHECK(e[1].code == error_code::not_alphanumeric);
    CHECK(e.find("ReceiverId") == nullptr);
    CHECK(e.find("Sender") == nullptr);
}

}  // namespace validate_test
