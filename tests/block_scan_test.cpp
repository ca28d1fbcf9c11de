// SPDX-License-Identifier: BSL-1.0
// The block-at-a-time paths of JSON escaping, percent-encoding and UTF-8 checking, against
// byte-at-a-time references: a byte of every kind at every position of strings that end
// inside, on and after 8-, 16- and 32-byte blocks.
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/utf8.hpp>

#include "text_references.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace block_scan_test {

namespace {

// Every byte value, in a filler of `fill`, at every position of every length up to 70.
template <class Check>
void every_byte_everywhere(char fill, Check check) {
    for (std::size_t length = 1; length <= 70; ++length)
        for (std::size_t at = 0; at < length; ++at)
            for (int b = 0; b < 256; ++b) {
                std::string s(length, fill);
                s[at] = static_cast<char>(b);
                check(s);
            }
}

template <class Blocks>
std::string escaped_with(std::string_view s, std::string prefix = "") {
    livemsg::detail::append_json_string_with<Blocks>(prefix, s);
    return prefix;
}

}  // namespace

TEST_CASE("JSON escaping a block at a time matches escaping byte by byte") {
    using namespace livemsg::detail;
    every_byte_everywhere('a', [](const std::string& s) {
        const std::string expected = reference_json(s);
        REQUIRE(escaped_with<json_escape_words>(s) == expected);
#ifdef LIVEMSG_DETAIL_SSE2
        REQUIRE(escaped_with<json_escape_sse2>(s) == expected);
#endif
    });
}

TEST_CASE("JSON escaping appends to what the buffer holds, and handles dense and empty input") {
    using namespace livemsg::detail;
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    for (std::string_view s : {std::string_view(), std::string_view(all), std::string_view("\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"")}) {
        const std::string expected = "head" + reference_json(s);
        CHECK(escaped_with<json_escape_words>(s, "head") == expected);
#ifdef LIVEMSG_DETAIL_SSE2
        CHECK(escaped_with<json_escape_sse2>(s, "head") == expected);
#endif
        std::string out = "head";
        append_json_string(out, s);
        CHECK(out == expected);
    }
}

TEST_CASE("percent-encoding a block at a time matches encoding byte by byte") {
    for (char fill : {'a', ' '})
        every_byte_everywhere(fill, [](const std::string& s) {
            std::string out = "q=";
            livemsg::append_percent_encoded(out, s);
            REQUIRE(out == "q=" + reference_percent(s));
        });
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    CHECK(livemsg::percent_encode(all + all) == reference_percent(all + all));
}

TEST_CASE("the UTF-8 check finds a bad byte at every position of ASCII runs") {
    using livemsg::detail::invalid_utf8_offset;
    for (std::size_t length = 1; length <= 100; ++length)
        for (std::size_t at = 0; at < length; ++at) {
            std::string s(length, 'x');
            s[at] = '\x80';  // a continuation byte with no lead
            REQUIRE(invalid_utf8_offset(s) == at);
            s[at] = '\xFF';
            REQUIRE(invalid_utf8_offset(s) == at);
            if (at + 2 <= length) {
                s[at] = '\xC3';  // a valid two-byte character
                s[at + 1] = '\xA9';
                REQUIRE(invalid_utf8_offset(s) == std::string_view::npos);
            }
            s = std::string(length, 'x');
            s[at] = '\xE4';  // a three-byte lead cut short at the end, or followed by ASCII
            REQUIRE(invalid_utf8_offset(s) == at);
        }
}

}  // namespace block_scan_test
