// SPDX-License-Identifier: BSL-1.0
// The text rules against independent readers: UTF-8 well-formedness against a plain decoder,
// JSON string escaping against Boost.JSON's parser, and the JSON syntax check against
// Boost.JSON's acceptance.
#include "fuzz_common.hpp"

#include <boost/json/error.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

namespace {

// Offset of the first ill-formed sequence, by decoding code points as RFC 3629 defines them.
std::size_t reference_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len;
        std::uint32_t cp;
        if (b < 0x80) { ++i; continue; }
        if ((b & 0xE0) == 0xC0) { len = 2; cp = b & 0x1F; }
        else if ((b & 0xF0) == 0xE0) { len = 3; cp = b & 0x0F; }
        else if ((b & 0xF8) == 0xF0) { len = 4; cp = b & 0x07; }
        else return i;
        if (s.size() - i < len) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return i;
            cp = cp << 6 | (c & 0x3F);
        }
        const std::uint32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::size_t container_count(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += c == '[' || c == '{';
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view s = fuzz::as_text(data, size);
    const std::size_t bad_at = livemsg::detail::invalid_utf8_offset(s);
    FUZZ_CHECK(bad_at == reference_invalid_utf8(s));

    // Every block level this CPU runs agrees.
    using livemsg::detail::simd_level;
    std::string reference_quoted;
    livemsg::detail::append_json_string_at(simd_level::portable, reference_quoted, s);
    for (auto level : {simd_level::portable, simd_level::ssse3, simd_level::avx2}) {
        if (level > livemsg::detail::cpu_simd_level()) break;
        FUZZ_CHECK(livemsg::detail::invalid_utf8_offset_at(level, s) == bad_at);
        std::string quoted_at_level;
        livemsg::detail::append_json_string_at(level, quoted_at_level, s);
        FUZZ_CHECK(quoted_at_level == reference_quoted);
    }
    // Strings read a block at a time as byte by byte.
    using scan = livemsg::detail::json_syntax::string_scan;
    FUZZ_CHECK(livemsg::detail::json_syntax::invalid_offset(s) ==
               livemsg::detail::json_syntax::invalid_offset(s, scan::bytes));
    if (bad_at != std::string_view::npos) return 0;

    // A valid UTF-8 string written as a JSON string reads back as itself, with no raw control byte.
    std::string quoted;
    livemsg::detail::append_json_string(quoted, s);
    for (char c : quoted) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20);
    FUZZ_CHECK(livemsg::detail::is_valid_json(quoted));
    FUZZ_CHECK(livemsg::detail::is_valid_utf8(quoted));
    boost::system::error_code ec;
    const boost::json::value back = boost::json::parse(quoted, ec);
    FUZZ_CHECK(!ec);
    FUZZ_CHECK(back.is_string() && std::string_view(back.get_string()) == s);

    // The syntax check accepts what Boost.JSON accepts, within its nesting limit.
    if (container_count(s) < 200) {
        boost::json::parse_options options;
        options.max_depth = 1000;
        boost::system::error_code parse_ec;
        (void)boost::json::parse(s, parse_ec, {}, options);
        // RFC 8259 lets a parser limit the range of numbers, as Boost.JSON does; the syntax is valid.
        if (parse_ec != boost::json::error::exponent_overflow)
            FUZZ_CHECK(livemsg::detail::is_valid_json(s) == !parse_ec);
    }
    return 0;
}
