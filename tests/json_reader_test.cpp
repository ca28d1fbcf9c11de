// SPDX-License-Identifier: BSL-1.0
#include <livemsg/core/json_reader.hpp>

#include <boost/describe/class.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace json_reader_test {

using livemsg::error_code;

namespace {

struct Message {
    std::string MessageId{};
    std::int64_t Seq{};
};
BOOST_DESCRIBE_STRUCT(Message, (), (MessageId, Seq))

struct Reply {
    std::string RequestId{};
    Message Result{};
    std::vector<std::int64_t> Ids{};
    livemsg::optional<std::string> Note{};
};
BOOST_DESCRIBE_STRUCT(Reply, (), (RequestId, Result, Ids, Note))

struct Numbers {
    std::int64_t Exact{};
    livemsg::int64 Typed{};
    int Small{};
};
BOOST_DESCRIBE_STRUCT(Numbers, (), (Exact, Typed, Small))

struct Req {
    livemsg::alnum_id<8> UserId{};
    livemsg::text<4> Note{};
    livemsg::optional<livemsg::int32> Count{};
};
BOOST_DESCRIBE_STRUCT(Req, (), (UserId, Note, Count))

constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();

}  // namespace

TEST_CASE("reads members and ignores unknown keys", "[json_reader]") {
    const auto r = livemsg::read_json<Reply>(
        R"({"RequestId":"req-1","Extra":{"deep":[1,2,3]},"Result":{"MessageId":"m1","Seq":3,"Other":true},)"
        R"("Ids":[1,2,3],"Note":"hi"})");
    REQUIRE(r.ok());
    CHECK(r->RequestId == "req-1");
    CHECK(r->Result.MessageId == "m1");
    CHECK(r->Result.Seq == 3);
    CHECK(r->Ids == std::vector<std::int64_t>{1, 2, 3});
    CHECK(r->Note == std::optional<std::string>("hi"));
}

TEST_CASE("integers are read exactly", "[json_reader]") {
    const auto r = livemsg::read_json<Numbers>(R"({"Exact":7221856821303361536,"Typed":7221856821303361536,"Small":-5})");
    REQUIRE(r.ok());
    CHECK(r->Exact == 7221856821303361536);
    CHECK(r->Typed == 7221856821303361536);
    CHECK(r->Small == -5);

    const auto lo = livemsg::read_json<Numbers>(
        R"({"Exact":-9223372036854775808,"Typed":-9223372036854775808,"Small":0})");
    REQUIRE(lo.ok());
    CHECK(lo->Exact == i64_min);
    CHECK(lo->Typed == i64_min);

    const auto hi = livemsg::read_json<Numbers>(R"({"Exact":9223372036854775807,"Typed":9223372036854775807,"Small":0})");
    REQUIRE(hi.ok());
    CHECK(hi->Exact == i64_max);
    CHECK(hi->Typed == i64_max);
}

TEST_CASE("integers beyond int64 or not whole are out of range", "[json_reader]") {
    const auto r = livemsg::read_json<Numbers>(
        R"({"Exact":9223372036854775808,"Typed":9223372036854775808,"Small":1.5})");
    REQUIRE_FALSE(r.ok());
    const auto& e = r.errors();
    REQUIRE(e.size() == 3);
    CHECK(e[0].field == "Exact");
    CHECK(e[0].code == error_code::out_of_range);
    CHECK(e[0].limit == std::optional<std::int64_t>(i64_max));
    CHECK(e[1].field == "Typed");
    CHECK(e[1].code == error_code::out_of_range);
    CHECK(e[2].field == "Small");
    CHECK(e[2].code == error_code::out_of_range);

    const auto wide = livemsg::read_json<Numbers>(R"({"Exact":0,"Typed":0,"Small":3000000000})");
    REQUIRE_FALSE(wide.ok());
    REQUIRE(wide.errors().size() == 1);
    CHECK(wide.errors()[0].field == "Small");
    CHECK(wide.errors()[0].code == error_code::out_of_range);
    CHECK(wide.errors()[0].limit == std::optional<std::int64_t>(std::numeric_limits<int>::max()));
}

TEST_CASE("a value of the wrong kind is wrong_type at its path", "[json_reader]") {
    const auto r = livemsg::read_json<Numbers>(R"({"Exact":0,"Typed":0,"Small":"3"})");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors().size() == 1);
    CHECK(r.errors()[0].field == "Small");
    CHECK(r.errors()[0].code == error_code::wrong_type);

    const auto n = livemsg::read_json<Numbers>(R"({"Exact":null,"Typed":true,"Small":[]})");
    REQUIRE_FALSE(n.ok());
    REQUIRE(n.errors().size() == 3);
    for (const auto& v : n.errors()) CHECK(v.code == error_code::wrong_type);
}

TEST_CASE("nested members and array elements have paths", "[json_reader]") {
    const auto r = livemsg::read_json<Reply>(
        R"({"RequestId":"r","Result":{"MessageId":42,"Seq":1},"Ids":[1,2,"3",4]})");
    REQUIRE_FALSE(r.ok());
    const auto& e = r.errors();
    REQUIRE(e.size() == 2);
    CHECK(e[0].field == "Result.MessageId");
    CHECK(e[0].code == error_code::wrong_type);
    CHECK(e[1].field == "Ids[2]");
    CHECK(e[1].code == error_code::wrong_type);
    CHECK(e.find("Ids[2]") == &e[1]);
}

TEST_CASE("a missing required member is reported", "[json_reader]") {
    const auto r = livemsg::read_json<Reply>(R"({"Result":{"MessageId":"m"}})");
    REQUIRE_FALSE(r.ok());
    const auto& e = r.errors();
    REQUIRE(e.size() == 2);
    CHECK(e[0].field == "RequestId");
    CHECK(e[0].code == error_code::missing);
    CHECK(e[1].field == "Result.Seq");
    CHECK(e[1].code == error_code::missing);
}

TEST_CASE("optional members may be absent or null", "[json_reader]") {
    const auto absent = livemsg::read_json<Reply>(R"({"RequestId":"r","Result":{"MessageId":"m","Seq":1}})");
    REQUIRE(absent.ok());
    CHECK_FALSE(absent->Note.has_value());
    CHECK(absent->Ids.empty());

    const auto null = livemsg::read_json<Reply>(R"({"RequestId":"r","Result":{"MessageId":"m","Seq":1},"Note":null})");
    REQUIRE(null.ok());
    CHECK_FALSE(null->Note.has_value());

    const auto empty = livemsg::read_json<Reply>(R"({"RequestId":"r","Result":{"MessageId":"m","Seq":1},"Note":""})");
    REQUIRE(empty.ok());
    CHECK(empty->Note == std::optional<std::string>(""));
}

TEST_CASE("a body that is not JSON is one not_json violation", "[json_reader]") {
    for (std::string_view body : {"", "{", R"({"RequestId":"r",})", "not json", R"({"a":1} x)"}) {
        CAPTURE(body);
        const auto r = livemsg::read_json<Reply>(body);
        REQUIRE_FALSE(r.ok());
        const auto& e = r.errors();
        REQUIRE(e.size() == 1);
        CHECK(e[0].code == error_code::not_json);
        CHECK(e[0].field.empty());
        CHECK(e.input() == body);
        CHECK(e.model() == "Reply");
    }
}

TEST_CASE("errors keep the model name and the body", "[json_reader]") {
    const std::string body = R"({"RequestId":7,"Result":{"MessageId":"m","Seq":1}})";
    const auto r = livemsg::read_json<Reply>(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors().input() == body);
    CHECK(r.errors().model() == "Reply");
    CHECK(r.errors().report().find("1 validation error for Reply") == 0);

    const auto top = livemsg::read_json<Reply>("[]");
    REQUIRE_FALSE(top.ok());
    REQUIRE(top.errors().size() == 1);
    CHECK(top.errors()[0].code == error_code::wrong_type);
    CHECK(top.errors()[0].field.empty());
    CHECK(top.errors().input() == "[]");
}

TEST_CASE("decode_json reads then validates, reporting everything", "[json_reader]") {
    const std::string body = R"({"Note":"hello"})";
    const auto r = livemsg::decode_json<Req>(body);
    REQUIRE_FALSE(r.ok());
    const auto& e = r.errors();
    REQUIRE(e.size() == 2);
    CHECK(e[0].field == "UserId");
    CHECK(e[0].code == error_code::missing);
    CHECK(e[1].field == "Note");
    CHECK(e[1].code == error_code::too_long);
    CHECK(e[1].limit == std::optional<std::int64_t>(4));
    CHECK(e.input() == body);
    CHECK(e.model() == "Req");

    const auto bad = livemsg::decode_json<Req>(R"({"UserId":"a-b","Note":"","Count":3000000000})");
    REQUIRE_FALSE(bad.ok());
    REQUIRE(bad.errors().size() == 2);
    CHECK(bad.errors()[0].field == "UserId");
    CHECK(bad.errors()[0].code == error_code::not_alphanumeric);
    CHECK(bad.errors()[1].field == "Count");
    CHECK(bad.errors()[1].code == error_code::out_of_range);
}

TEST_CASE("decode_json of a valid request", "[json_reader]") {
    const auto r = livemsg::decode_json<Req>(R"({"UserId":"uid1","Note":"hey","Count":5})");
    REQUIRE(r.ok());
    CHECK(r->UserId == std::string_view("uid1"));
    CHECK(r->Note == std::string_view("hey"));
    CHECK(r->Count == 5);

    const auto no_count = livemsg::decode_json<Req>(R"({"UserId":"uid1","Note":"","Count":null})");
    REQUIRE(no_count.ok());
    CHECK_FALSE(no_count->Count.has_value());
}

TEST_CASE("decode_json refuses keys that are no field; read_json ignores them", "[json_reader]") {
    // A misspelled optional field must not be left out silently.
    const std::string body = R"({"UserId":"uid1","Nte":"hey","Count":5,"Extra":{"a":1}})";
    const auto strict = livemsg::decode_json<Req>(body);
    REQUIRE_FALSE(strict.ok());
    REQUIRE(strict.errors().size() == 3);
    CHECK(strict.errors()[0].field == "Nte");
    CHECK(strict.errors()[0].code == error_code::unknown_field);
    CHECK(strict.errors()[0].message == "is not a field of Req");
    CHECK(strict.errors()[1].field == "Extra");
    CHECK(strict.errors()[1].code == error_code::unknown_field);
    CHECK(strict.errors()[2].field == "Note");  // the field the typo meant
    CHECK(strict.errors()[2].code == error_code::missing);
    CHECK(strict.errors().input() == body);

    const auto lenient = livemsg::read_json<Req>(body);
    REQUIRE(lenient.ok());
    CHECK(lenient->Count == 5);
}

TEST_CASE("decode_json of a body that is not JSON", "[json_reader]") {
    const auto r = livemsg::decode_json<Req>("{");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors().size() == 1);
    CHECK(r.errors()[0].code == error_code::not_json);
    CHECK(r.errors().input() == "{");
}

TEST_CASE("decode_json reports wrong types together with rule violations", "[json_reader]") {
    const auto r = livemsg::decode_json<Req>(R"({"UserId":12,"Note":"hello"})");
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors().size() == 2);
    const auto* user = r.errors().find("UserId");
    REQUIRE(user != nullptr);
    CHECK(user->code == error_code::wrong_type);
    const auto* note = r.errors().find("Note");
    REQUIRE(note != nullptr);
    CHECK(note->code == error_code::too_long);
    CHECK(r.errors().input() == R"({"UserId":12,"Note":"hello"})");
}

}  // namespace json_reader_test
