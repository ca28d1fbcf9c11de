// SPDX-License-Identifier: BSL-1.0
#include <livemsg/detail/json_syntax.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace json_syntax_test {

using livemsg::detail::is_valid_json;
using livemsg::detail::json_syntax;
using namespace std::string_view_literals;

namespace {

constexpr std::size_t npos = std::string_view::npos;

std::string nested_arrays(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string nested_objects(int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += "{\"k\":";
    s += "1";
    s += std::string(depth, '}');
    return s;
}

}  // namespace

static_assert(is_valid_json(R"({"a":[1,2,{"b":null}]})"));
static_assert(!is_valid_json("[1,]"));
static_assert(json_syntax::invalid_offset("1 2") == 2);

TEST_CASE("scalars are valid JSON texts", "[json_syntax]") {
    for (std::string_view s : {"0", "-0", "1", "-1", "123", "0.5", "-12.75", "1e5", "1E+5", "2.5e-3", "true",
                               "false", "null", "\"\"", "\"abc\"", "\"caf\xC3\xA9\""}) {
        CAPTURE(s);
        CHECK(json_syntax::invalid_offset(s) == npos);
    }
}

TEST_CASE("objects and arrays nest", "[json_syntax]") {
    CHECK(is_valid_json("{}"));
    CHECK(is_valid_json("[]"));
    CHECK(is_valid_json(R"({"a":1})"));
    CHECK(is_valid_json(R"([1,"two",true,false,null,{},[]])"));
    CHECK(is_valid_json(R"({"a":{"b":{"c":[1,[2,[3]]]}},"d":"e"})"));
    CHECK(is_valid_json(R"({"":0})"));
}

TEST_CASE("whitespace around tokens is allowed", "[json_syntax]") {
    CHECK(is_valid_json(" \t\r\n1 \t\r\n"));
    CHECK(is_valid_json(" { \"a\" : [ 1 , 2 ] , \"b\" : { } } "));
    CHECK(is_valid_json("[\n  1,\n  2\n]\n"));
    CHECK(json_syntax::invalid_offset("\f1") == 0);
    CHECK(json_syntax::invalid_offset("1\v") == 1);
}

TEST_CASE("string escapes", "[json_syntax]") {
    CHECK(is_valid_json(R"("\" \\ \/ \b \f \n \r \t")"));
    CHECK(is_valid_json(R"("\u00e9")"));
    CHECK(is_valid_json(R"("\u00E9\uABCD\u0000")"));
    CHECK(is_valid_json(R"("\ud83d\ude00")"));
    CHECK(json_syntax::invalid_offset(R"("\x")") == 2);
    CHECK(json_syntax::invalid_offset(R"("\u12")") == 2);
    CHECK(json_syntax::invalid_offset(R"("\u12G4")") == 2);
    CHECK(json_syntax::invalid_offset(R"("\")") == 3);
    CHECK_FALSE(is_valid_json(R"("\U00e9")"));
    CHECK_FALSE(is_valid_json(R"("\')"));
}

TEST_CASE("control characters must be escaped in strings", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("\"a\tb\"") == 2);
    CHECK(json_syntax::invalid_offset("\"a\nb\"") == 2);
    CHECK(json_syntax::invalid_offset("\"\x1F\"") == 1);
    CHECK(json_syntax::invalid_offset("\"a\x00\""sv) == 2);
    CHECK(is_valid_json("\"\x7F\""));
}

TEST_CASE("empty and whitespace-only input is not JSON", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("") == 0);
    CHECK(json_syntax::invalid_offset("   ") == 3);
}

TEST_CASE("trailing content is rejected at its offset", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("1 2") == 2);
    CHECK(json_syntax::invalid_offset("{} x") == 3);
    CHECK(json_syntax::invalid_offset("truex") == 4);
    CHECK(json_syntax::invalid_offset("[1]]") == 3);
    CHECK(json_syntax::invalid_offset(R"({"a":1}})") == 7);
}

TEST_CASE("trailing commas are rejected", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("[1,]") == 3);
    CHECK(json_syntax::invalid_offset(R"({"a":1,})") == 7);
    CHECK_FALSE(is_valid_json("[,]"));
    CHECK_FALSE(is_valid_json("[1,,2]"));
}

TEST_CASE("single quotes and bare words are not JSON", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("'a'") == 0);
    CHECK(json_syntax::invalid_offset("{'a':1}") == 1);
    CHECK(json_syntax::invalid_offset("{a:1}") == 1);
    CHECK_FALSE(is_valid_json("nul"));
    CHECK_FALSE(is_valid_json("True"));
    CHECK_FALSE(is_valid_json("NaN"));
    CHECK_FALSE(is_valid_json("Infinity"));
}

TEST_CASE("malformed numbers", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("01") == 1);
    CHECK(json_syntax::invalid_offset("-01") == 2);
    CHECK(json_syntax::invalid_offset("1.") == 2);
    CHECK(json_syntax::invalid_offset(".5") == 0);
    CHECK(json_syntax::invalid_offset("-") == 1);
    CHECK(json_syntax::invalid_offset("1e") == 2);
    CHECK(json_syntax::invalid_offset("1e+") == 3);
    CHECK(json_syntax::invalid_offset("+1") == 0);
    CHECK(json_syntax::invalid_offset("1.e5") == 2);
    CHECK(json_syntax::invalid_offset("0x10") == 1);
}

TEST_CASE("unterminated strings, arrays and objects", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("\"abc") == 4);
    CHECK(json_syntax::invalid_offset("[1") == 2);
    CHECK(json_syntax::invalid_offset("[1,") == 3);
    CHECK(json_syntax::invalid_offset("[") == 1);
    CHECK(json_syntax::invalid_offset("{") == 1);
    CHECK(json_syntax::invalid_offset(R"({"a")") == 4);
    CHECK(json_syntax::invalid_offset(R"({"a":)") == 5);
    CHECK(json_syntax::invalid_offset(R"({"a":1)") == 6);
}

TEST_CASE("object keys must be strings followed by a colon", "[json_syntax]") {
    CHECK(json_syntax::invalid_offset("{1:2}") == 1);
    CHECK(json_syntax::invalid_offset(R"({"a" 1})") == 5);
    CHECK(json_syntax::invalid_offset(R"({"a":1 "b":2})") == 7);
}

TEST_CASE("nesting is limited to max_depth", "[json_syntax]") {
    constexpr int max = json_syntax::max_depth;
    CHECK(is_valid_json(nested_arrays(max)));
    CHECK(json_syntax::invalid_offset(nested_arrays(max + 1)) == static_cast<std::size_t>(max));
    CHECK(is_valid_json(nested_objects(max)));
    CHECK_FALSE(is_valid_json(nested_objects(max + 1)));
    CHECK_FALSE(is_valid_json(nested_arrays(10 * max)));
}

TEST_CASE("JSON syntax check runs at compile time", "[json_syntax]") {
    constexpr bool valid = is_valid_json(R"({"a":"\u00e9"})");
    constexpr std::size_t at = json_syntax::invalid_offset("[01]");
    STATIC_REQUIRE(valid);
    STATIC_REQUIRE(at == 2);
}

}  // namespace json_syntax_test
