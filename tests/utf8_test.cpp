// SPDX-License-Identifier: BSL-1.0
#include <livemsg/detail/utf8.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace utf8_test {

using livemsg::detail::invalid_utf8_offset;
using livemsg::detail::is_valid_utf8;
using namespace std::string_view_literals;

namespace {

constexpr std::size_t npos = std::string_view::npos;

}  // namespace

static_assert(is_valid_utf8("caf\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80"));
static_assert(!is_valid_utf8("\xC0\x80"));
static_assert(invalid_utf8_offset("abc\xED\xA0\x80") == 3);
static_assert(invalid_utf8_offset("0123456789\xE4\xB8") == 10);

TEST_CASE("ASCII and empty input are valid UTF-8", "[utf8]") {
    CHECK(invalid_utf8_offset("") == npos);
    CHECK(invalid_utf8_offset("hello, world") == npos);
    CHECK(invalid_utf8_offset("\x00\x01\x7F"sv) == npos);
    CHECK(is_valid_utf8(std::string(1000, 'a')));
}

TEST_CASE("well-formed 2, 3 and 4 byte sequences are valid", "[utf8]") {
    CHECK(is_valid_utf8("\xC3\xA9"));          // é U+00E9
    CHECK(is_valid_utf8("\xE4\xB8\xAD"));      // 中 U+4E2D
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // 😀 U+1F600
    CHECK(is_valid_utf8("a\xC3\xA9" "b\xE4\xB8\xAD" "c\xF0\x9F\x98\x80" "d"));
    CHECK(is_valid_utf8("0123456789abcdef\xE4\xB8\xAD" "0123456789abcdef"));
}

TEST_CASE("boundary code points are valid", "[utf8]") {
    CHECK(is_valid_utf8("\x7F"));              // U+007F
    CHECK(is_valid_utf8("\xC2\x80"));          // U+0080
    CHECK(is_valid_utf8("\xDF\xBF"));          // U+07FF
    CHECK(is_valid_utf8("\xE0\xA0\x80"));      // U+0800
    CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF
    CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000
    CHECK(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
    CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
    CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST_CASE("a lone continuation byte is rejected at its offset", "[utf8]") {
    CHECK(invalid_utf8_offset("\x80") == 0);
    CHECK(invalid_utf8_offset("ab\xBF") == 2);
    CHECK(invalid_utf8_offset("\xC3\xA9\xA9") == 2);
}

TEST_CASE("truncated sequences are rejected at their first byte", "[utf8]") {
    CHECK(invalid_utf8_offset("\xC3") == 0);
    CHECK(invalid_utf8_offset("\xE4\xB8") == 0);
    CHECK(invalid_utf8_offset("\xF0\x9F\x98") == 0);
    CHECK(invalid_utf8_offset("x\xC3" "y") == 1);
    CHECK(invalid_utf8_offset("x\xE4\xB8" "y") == 1);
    CHECK(invalid_utf8_offset("x\xF0\x9F\x98" "y") == 1);
    CHECK(invalid_utf8_offset("\xE4" "ab") == 0);
}

TEST_CASE("truncated sequences after a long ASCII run are found", "[utf8]") {
    // Run lengths around multiples of eight, so the sequence lands inside or just after a word.
    for (std::size_t run : {7u, 8u, 9u, 15u, 16u, 17u, 24u}) {
        const std::string ascii(run, 'a');
        CAPTURE(run);
        CHECK(invalid_utf8_offset(ascii + "\xC3") == run);
        CHECK(invalid_utf8_offset(ascii + "\xE4\xB8") == run);
        CHECK(invalid_utf8_offset(ascii + "\xF0\x9F\x98") == run);
        CHECK(invalid_utf8_offset(ascii + "\xC3" + ascii) == run);
        CHECK(invalid_utf8_offset(ascii + "\xE4\xB8" + ascii) == run);
        CHECK(invalid_utf8_offset(ascii + "\xF0\x9F\x98" + ascii) == run);
        CHECK(invalid_utf8_offset(ascii + "\x80" + ascii) == run);
        CHECK(invalid_utf8_offset(ascii + "\xC3\xA9" + ascii) == npos);
        CHECK(invalid_utf8_offset(ascii + "\xF0\x9F\x98\x80" + ascii + "\xFF") == 2 * run + 4);
    }
}

TEST_CASE("overlong encodings are rejected", "[utf8]") {
    CHECK(invalid_utf8_offset("\xC0\x80") == 0);
    CHECK(invalid_utf8_offset("\xC1\xBF") == 0);
    CHECK(invalid_utf8_offset("\xE0\x80\x80") == 0);
    CHECK(invalid_utf8_offset("\xE0\x9F\xBF") == 0);
    CHECK(invalid_utf8_offset("\xF0\x80\x80\x80") == 0);
    CHECK(invalid_utf8_offset("\xF0\x8F\xBF\xBF") == 0);
    CHECK(invalid_utf8_offset("ok\xC0\xAF") == 2);
}

TEST_CASE("UTF-16 surrogates are rejected", "[utf8]") {
    CHECK(invalid_utf8_offset("\xED\xA0\x80") == 0);  // U+D800
    CHECK(invalid_utf8_offset("\xED\xBF\xBF") == 0);  // U+DFFF
    CHECK(invalid_utf8_offset("\xED\xA0\xBD\xED\xB8\x80") == 0);
    CHECK(invalid_utf8_offset("a\xED\xB0\x80") == 1);
}

TEST_CASE("code points above U+10FFFF are rejected", "[utf8]") {
    CHECK(invalid_utf8_offset("\xF4\x90\x80\x80") == 0);
    CHECK(invalid_utf8_offset("\xF4\xBF\xBF\xBF") == 0);
}

TEST_CASE("bytes F5 to FF never start a sequence", "[utf8]") {
    for (int b = 0xF5; b <= 0xFF; ++b) {
        std::string s = "ab";
        s += static_cast<char>(b);
        s += "\x80\x80\x80";
        CAPTURE(b);
        CHECK(invalid_utf8_offset(s) == 2);
    }
}

TEST_CASE("continuation bytes must be 10xxxxxx", "[utf8]") {
    CHECK(invalid_utf8_offset("\xE4\xB8\xC0") == 0);
    CHECK(invalid_utf8_offset("\xF0\x9F\x98\xC0") == 0);
    CHECK(invalid_utf8_offset("\xF0\x9F\x28\x80") == 0);
    CHECK(invalid_utf8_offset("\xC3\xA9\xE4\xB8\xAD\xC3\xC3") == 5);
}

TEST_CASE("UTF-8 validation runs at compile time", "[utf8]") {
    constexpr bool valid = is_valid_utf8("\xF4\x8F\xBF\xBF");
    constexpr std::size_t at = invalid_utf8_offset("abcdefghij\xF5");
    STATIC_REQUIRE(valid);
    STATIC_REQUIRE(at == 10);
}

}  // namespace utf8_test
