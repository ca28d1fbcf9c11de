// SPDX-License-Identifier: BSL-1.0
// Every dispatch level of the byte loops (portable, and SSSE3 and AVX2 where this CPU has
// them) against byte-at-a-time references written here: the first invalid UTF-8 offset, JSON
// escaping and percent-encoding with their UTF-8-checking forms, and the JSON syntax check's
// block-at-a-time string scan against its byte-by-byte one. Inputs run across the 16- and
// 32-byte blocks and the 64-byte thresholds of the block loops.
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/json_syntax.hpp>
#include <livemsg/detail/percent_encoding.hpp>
#include <livemsg/detail/utf8.hpp>

#include "text_references.hpp"

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace simd_levels_test {

namespace {

using namespace livemsg::detail;
constexpr std::size_t npos = std::string_view::npos;

std::vector<simd_level> supported_levels() {
    std::vector<simd_level> levels{simd_level::portable};
    if (cpu_simd_level() >= simd_level::ssse3) levels.push_back(simd_level::ssse3);
    if (cpu_simd_level() >= simd_level::avx2) levels.push_back(simd_level::avx2);
    return levels;
}

std::string hex(std::string_view s) {
    constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        out += digits[c >> 4];
        out += digits[c & 0xF];
        out += ' ';
    }
    return out;
}

// RFC 3629's table of well-formed byte sequences, a byte at a time.
std::size_t reference_utf8_offset(std::string_view s) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned c = byte(i);
        if (c <= 0x7F) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned second_min = 0x80, second_max = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) second_min = 0xA0;
            if (c == 0xED) second_max = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) second_min = 0x90;
            if (c == 0xF4) second_max = 0x8F;
        } else {
            return i;
        }
        if (s.size() - i < length || byte(i + 1) < second_min || byte(i + 1) > second_max) return i;
        for (std::size_t k = 2; k < length; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return i;
        i += length;
    }
    return npos;
}

// The UTF-8 offset at every level, against the reference.
void check_utf8_offset(const std::string& s) {
    const std::size_t expected = reference_utf8_offset(s);
    for (simd_level level : supported_levels())
        if (const auto got = invalid_utf8_offset_at(level, s); got != expected) {
            CAPTURE(hex(s), static_cast<int>(level));
            REQUIRE(got == expected);
        }
}

// The UTF-8 offset and both writers at every level, against the references.
void check_utf8(const std::string& s) {
    check_utf8_offset(s);
    for (simd_level level : supported_levels()) {
        std::string json = "head", percent = "head";
        append_json_string_at(level, json, s);
        append_percent_encoded_at(level, percent, s);
        const bool right = json == "head" + reference_json(s) && percent == "head" + reference_percent(s);
        if (!right) {
            CAPTURE(hex(s), static_cast<int>(level));
            REQUIRE(right);
        }
    }
}

// `length` bytes of `fill` repeated, then byte `b` written at `at`.
std::string filled_with_byte(std::string_view fill, std::size_t length, std::size_t at, int b) {
    std::string s;
    while (s.size() < length) s += fill;
    s.resize(length);
    s[at] = static_cast<char>(b);
    return s;
}

// Every byte value at every position of strings of `fill`: every length up to `all_up_to`, and
// lengths about the block loops' thresholds (48 and 64 bytes), where every lane of the first
// 16- and 32-byte blocks meets every byte.
template <class Check>
void every_byte_at_every_position(std::string_view fill, std::size_t all_up_to, Check check) {
    std::vector<std::size_t> lengths;
    for (std::size_t length = 1; length <= all_up_to; ++length) lengths.push_back(length);
    for (std::size_t length : {48, 64, 65, 97})
        if (length > all_up_to) lengths.push_back(length);
    for (std::size_t length : lengths)
        for (std::size_t at = 0; at < length; ++at)
            for (int b = 0; b < 256; ++b) check(filled_with_byte(fill, length, at, b));
}

// Valid and invalid sequences of every class: boundary code points, lone continuations,
// overlongs, surrogates, code points above U+10FFFF, bytes never in UTF-8, truncations.
const std::vector<std::string> utf8_sequences = {
    "\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF",
    "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xC3\xA9", "\xE4\xBD\xA0", "\xF0\x9F\x98\x80",  // valid
    "\x80", "\xBF", "\xC3\xA9\xA9", "\xE4\xBD\xA0\x80",                                       // stray continuations
    "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",  // overlong
    "\xED\xA0\x80", "\xED\xBF\xBF",                                                           // surrogates
    "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",                               // above U+10FFFF
    "\xF8\x88\x80\x80\x80", "\xFE", "\xFF",                                                   // never UTF-8
    "\xC3", "\xE4", "\xE4\xBD", "\xF0", "\xF0\x9F", "\xF0\x9F\x98",                           // truncated
    "\xE4\x41\x80", "\xF0\x9F\x41\x80", "\xC3\xC3\xA9",                                       // cut by another byte
};

}  // namespace

TEST_CASE("every byte at every position: the UTF-8 check at every level") {
    for (std::string_view fill : {"a", "\xE4\xBD\xA0", "ab\xC3\xA9"})
        every_byte_at_every_position(fill, 33, check_utf8_offset);
}

TEST_CASE("every UTF-8 sequence class at every offset across block boundaries, alone and in pairs") {
    for (const std::string& sequence : utf8_sequences)
        for (std::string_view fill : {"x", "\xC3\xA9", "\xE4\xBD\xA0"})
            for (std::size_t offset = 0; offset <= 70; ++offset)
                for (std::size_t after : {std::size_t{0}, std::size_t{40}}) {
                    std::string s;
                    while (s.size() < offset) s += fill;
                    s.resize(offset);  // may cut the fill's last character: an error before the sequence
                    check_utf8(s + sequence + std::string(after, 'y'));
                }
    // Pairs meet at, just before and just after the 16- and 32-byte block edges.
    for (const std::string& first : utf8_sequences)
        for (const std::string& second : utf8_sequences)
            for (std::size_t end_of_first : {14, 15, 16, 17, 30, 31, 32, 33, 34, 63, 64, 65}) {
                if (end_of_first < first.size()) continue;
                std::string s(end_of_first - first.size(), 'z');
                check_utf8_offset(s + first + second + std::string(70, 'w'));
                check_utf8_offset(s + first + second);
            }
}

TEST_CASE("long random text: the UTF-8 check and checking writers at every level") {
    std::mt19937 random(20261128);
    const std::vector<std::string> words = {"hello ", "\xE4\xBD\xA0\xE5\xA5\xBD", "\xF0\x9F\x98\x80", "\"", "\\",
                                            "\n", "\x01", "caf\xC3\xA9 ", std::string(40, 'a'), "~-._"};
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const auto count = random() % 80;
        for (std::size_t k = 0; k < count; ++k) s += words[random() % words.size()];
        if (!s.empty() && random() % 2) s[random() % s.size()] = static_cast<char>(random() % 256);
        check_utf8(s);
    }
}

TEST_CASE("every byte at every position: JSON escaping and percent-encoding at every level") {
    const auto check = [](const std::string& s) {
        const std::string json = "head" + reference_json(s), percent = "head" + reference_percent(s);
        for (simd_level level : supported_levels()) {
            std::string json_out = "head", percent_out = "head";
            append_json_string_at(level, json_out, s);
            append_percent_encoded_at(level, percent_out, s);
            if (json_out != json || percent_out != percent) {
                CAPTURE(hex(s), static_cast<int>(level));
                REQUIRE(json_out == json);
                REQUIRE(percent_out == percent);
            }
        }
    };
    for (std::string_view fill : {"a", "\"", "\xE4\xBD\xA0 "}) every_byte_at_every_position(fill, 20, check);
}

TEST_CASE("the JSON syntax check reads strings a block at a time as it does byte by byte") {
    using scan = json_syntax::string_scan;
    const auto check = [](const std::string& document) {
        const std::size_t expected = json_syntax::invalid_offset(document, scan::bytes);
        if (const auto got = json_syntax::invalid_offset(document); got != expected) {
            CAPTURE(document, hex(document));
            REQUIRE(got == expected);
        }
    };
    // Every byte at every position of a string's content, plain or dense with escapes.
    for (std::string_view fill : {"a", "\\n", "\\ud83d\\ude00"})
        every_byte_at_every_position(fill, 33, [&](const std::string& content) { check('"' + content + '"'); });
    // Escapes, whole and cut short, at every offset across block edges.
    for (std::string_view escape : {"\\\"", "\\\\", "\\/", "\\b", "\\t", "\\u0041", "\\uD83D\\uDE00", "\\uDE00",
                                    "\\uD83D", "\\uD83D\\u0041", "\\u12", "\\x", "\\", "\\uD83D\\", "\x1F", "\""})
        for (std::size_t offset = 0; offset <= 70; ++offset) {
            const std::string before(offset, 'p');
            check('"' + before + std::string(escape) + "tail text after it\"");
            check('"' + before + std::string(escape));
            check('"' + before + std::string(escape) + '"' + std::string(40, ' '));
            check("{\"key\":[\"" + before + std::string(escape) + "\",1]}");
        }
}

}  // namespace simd_levels_test
