// SPDX-License-Identifier: BSL-1.0
#include <livemsg/core/text.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace text_test {

using livemsg::error_code;
using namespace std::string_view_literals;

namespace {

std::vector<error_code> codes(const livemsg::validation_errors& errors) {
    std::vector<error_code> out;
    for (const auto& v : errors) out.push_back(v.code);
    return out;
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("alnum_id: letters and digits up to the limit", "[text]") {
    const std::string id(64, 'a');
    const auto r = livemsg::alnum_id<64>::from(id);
    REQUIRE(r.ok());
    CHECK(r.errors().empty());
    CHECK(r.value().view() == id);
    CHECK(livemsg::alnum_id<64>::from("ABCxyz0189").ok());
    CHECK(livemsg::alnum_id<64>::from("Z").ok());
}

TEST_CASE("alnum_id: one byte over the limit is too_long", "[text]") {
    const auto r = livemsg::alnum_id<64>::from(std::string(65, 'a'));
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.errors().size() == 1);
    const auto& v = r.errors()[0];
    CHECK(v.code == error_code::too_long);
    CHECK(v.limit == std::optional<std::int64_t>(64));
    CHECK(v.field.empty());
    CHECK(v.message.find("64") != std::string::npos);
    CHECK(v.message.find("65") != std::string::npos);
    CHECK_THROWS_AS(r.value(), livemsg::bad_checked_access);
}

TEST_CASE("alnum_id: empty", "[text]") {
    const auto r = livemsg::alnum_id<64>::from("");
    REQUIRE_FALSE(r.ok());
    CHECK(codes(r.errors()) == std::vector{error_code::empty});
    CHECK_FALSE(r.errors()[0].limit.has_value());
}

TEST_CASE("alnum_id: anything outside ASCII letters and digits", "[text]") {
    for (std::string_view s : {"uid-1"sv, "u id"sv, "uid_1"sv, "u\xC3\xA9"sv, "\xC3\xA9"sv, "a.b"sv, "a\0b"sv}) {
        CAPTURE(s);
        const auto r = livemsg::alnum_id<64>::from(s);
        REQUIRE_FALSE(r.ok());
        CHECK(codes(r.errors()) == std::vector{error_code::not_alphanumeric});
    }
    const auto r = livemsg::alnum_id<64>::from("u\xC3\xA9");
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors()[0].message.find("at byte 1") != std::string::npos);
}

TEST_CASE("alnum_id: over-long and non-alphanumeric reports both", "[text]") {
    const auto r = livemsg::alnum_id<4>::from("ab-cd");
    REQUIRE_FALSE(r.ok());
    CHECK(codes(r.errors()) == std::vector{error_code::too_long, error_code::not_alphanumeric});
    CHECK(r.errors()[0].limit == std::optional<std::int64_t>(4));
}

TEST_CASE("text: limit counted in bytes", "[text]") {
    CHECK(livemsg::text<512>::from(std::string(512, 'x')).ok());
    const auto over = livemsg::text<512>::from(std::string(513, 'x'));
    REQUIRE_FALSE(over.ok());
    CHECK(codes(over.errors()) == std::vector{error_code::too_long});
    CHECK(over.errors()[0].limit == std::optional<std::int64_t>(512));

    const std::string accents = repeat("\xC3\xA9", 171);  // 171 characters, 342 bytes
    REQUIRE(accents.size() == 342);
    CHECK(livemsg::text<512>::from(accents + std::string(170, 'x')).ok());
    const auto one_more = livemsg::text<512>::from(accents + std::string(171, 'x'));
    REQUIRE_FALSE(one_more.ok());
    CHECK(codes(one_more.errors()) == std::vector{error_code::too_long});
    CHECK_FALSE(livemsg::text<512>::from(repeat("\xC3\xA9", 257)).ok());
}

TEST_CASE("text: invalid UTF-8", "[text]") {
    const auto r = livemsg::text<512>::from("ok\xC0\x80");
    REQUIRE_FALSE(r.ok());
    CHECK(codes(r.errors()) == std::vector{error_code::invalid_utf8});
    CHECK(r.errors()[0].message.find("byte 2") != std::string::npos);
    CHECK(codes(livemsg::text<>::from("\xED\xA0\x80").errors()) == std::vector{error_code::invalid_utf8});
    CHECK(codes(livemsg::text<2>::from("abc\xFF").errors()) ==
          std::vector{error_code::too_long, error_code::invalid_utf8});
}

TEST_CASE("text may be empty, nonempty_text may not", "[text]") {
    CHECK(livemsg::text<>::from("").ok());
    CHECK(livemsg::text<4>::from("").ok());
    CHECK(livemsg::nonempty_text<>::from("x").ok());
    const auto r = livemsg::nonempty_text<>::from("");
    REQUIRE_FALSE(r.ok());
    CHECK(codes(r.errors()) == std::vector{error_code::empty});
    CHECK(codes(livemsg::nonempty_text<3>::from("abcd").errors()) == std::vector{error_code::too_long});
}

TEST_CASE("json_text", "[text]") {
    CHECK(livemsg::json_text<>::from(R"({"a":1})").ok());
    CHECK(livemsg::json_text<>::from(R"(["\u00e9", "caf)" "\xC3\xA9" R"("])").ok());

    const auto not_json = livemsg::json_text<>::from("{a:1}");
    REQUIRE_FALSE(not_json.ok());
    CHECK(codes(not_json.errors()) == std::vector{error_code::not_json});
    CHECK(not_json.errors()[0].message.find("byte 1") != std::string::npos);

    CHECK(codes(livemsg::json_text<>::from("").errors()) == std::vector{error_code::empty});
    CHECK(codes(livemsg::json_text<>::from("\"\xFF\"").errors()) == std::vector{error_code::invalid_utf8});
    CHECK(codes(livemsg::json_text<4>::from("[1,2]").errors()) == std::vector{error_code::too_long});
    CHECK(codes(livemsg::json_text<4>::from("[1,2").errors()) ==
          std::vector{error_code::not_json});
    CHECK(codes(livemsg::json_text<4>::from("[1,2,").errors()) ==
          std::vector{error_code::too_long, error_code::not_json});
}

TEST_CASE("literals are checked while compiling", "[text]") {
    livemsg::alnum_id<4> id = "ab12";
    livemsg::text<6> t = "caf\xC3\xA9";
    livemsg::text<> empty = "";
    livemsg::nonempty_text<> name = "x";
    livemsg::json_text<16> payload = R"({"a":[1,2]})";
    CHECK(id.has_value());
    CHECK(id.view() == "ab12");
    CHECK(t.view() == "caf\xC3\xA9");
    CHECK(empty.has_value());
    CHECK(empty.view().empty());
    CHECK(name.view() == "x");
    CHECK(payload.view() == R"({"a":[1,2]})");
    CHECK(std::string(id.str()) == "ab12");
}

TEST_CASE("has_value, view and reset", "[text]") {
    livemsg::alnum_id<8> id;
    CHECK_FALSE(id.has_value());
    CHECK(id.view().empty());

    id = std::string_view("abc");
    CHECK(id.has_value());
    CHECK(id.view() == "abc");

    id.reset();
    CHECK_FALSE(id.has_value());
    CHECK(id.view().empty());

    id = "lit1";
    CHECK(id.view() == "lit1");
    id.reset();
    CHECK_FALSE(id.has_value());
    CHECK(id.view().empty());

    id = std::string_view("");
    CHECK(id.has_value());
    CHECK(id.view().empty());
}

TEST_CASE("assignment from std::string, std::string_view and const char*", "[text]") {
    livemsg::text<16> t;
    const std::string s = "from string";
    t = s;
    CHECK(t.view() == "from string");
    t = std::string("moved string");
    CHECK(t.view() == "moved string");
    t = "from literal";
    CHECK(t.view() == "from literal");
    t = "sv"sv;
    CHECK(t.view() == "sv");
    const char* p = "pointer";
    t = p;
    CHECK(t.view() == "pointer");
    CHECK(t.has_value());

    livemsg::text<16> a(s);
    livemsg::text<16> b(std::string_view("view"));
    livemsg::text<16> c(p);
    CHECK(a.view() == "from string");
    CHECK(b.view() == "view");
    CHECK(c.view() == "pointer");
}

TEST_CASE("runtime text is owned, not viewed", "[text]") {
    livemsg::text<16> t;
    {
        std::string temp = "short-lived";
        t = temp;
        temp.assign("overwritten");
    }
    CHECK(t.view() == "short-lived");
}

TEST_CASE("equality compares presence and bytes", "[text]") {
    livemsg::alnum_id<8> unset1, unset2;
    livemsg::alnum_id<8> empty = std::string();
    livemsg::alnum_id<8> lit = "abc";
    livemsg::alnum_id<8> run = std::string("abc");
    livemsg::alnum_id<8> other = std::string("abd");

    CHECK(unset1 == unset2);
    CHECK_FALSE(unset1 == empty);
    CHECK(lit == run);
    CHECK_FALSE(lit == other);
    CHECK(lit == "abc"sv);
    CHECK_FALSE(lit == "ab"sv);
    CHECK(lit == "abc");
    CHECK_FALSE(lit == "abcd");
    CHECK(lit == std::string("abc"));
    CHECK_FALSE(run == std::string("ab"));
    CHECK(empty == ""sv);
    CHECK_FALSE(unset1 == ""sv);
    CHECK(lit != other);
}

}  // namespace text_test
