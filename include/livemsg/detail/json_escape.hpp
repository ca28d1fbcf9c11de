// Appends a string as a JSON string literal. The input is already known to be valid UTF-8.
//
// Message bodies run to 15 KB, so the bytes that need no escaping are found a block at a time
// (16 bytes with SSE2, 8 with portable word arithmetic) and copied in one store. The output is
// sized exactly first, so nothing is appended byte by byte and nothing is over-allocated.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/simd.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace livemsg::detail {

// 0: copy as is; otherwise the character after the backslash ('u' for \u00XX).
inline constexpr std::array<char, 256> json_escape_table = [] {
    std::array<char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 'u';
    t['\b'] = 'b';
    t['\f'] = 'f';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    t['"'] = '"';
    t['\\'] = '\\';
    return t;
}();

// How many bytes longer a byte becomes once escaped: 1 for \n or \", 5 for \u00XX.
inline constexpr std::array<unsigned char, 256> json_escape_growth = [] {
    std::array<unsigned char, 256> t{};
    for (std::size_t c = 0; c < 256; ++c)
        if (json_escape_table[c]) t[c] = json_escape_table[c] == 'u' ? 5 : 1;
    return t;
}();

// Finds the bytes to escape (control characters, '"', '\\') in a block of `width` bytes.
// special() gives a mask of them, index() the position of the first, next() drops the first.
struct json_escape_words {
    static constexpr std::size_t width = 8;
    using mask = std::uint64_t;  // bit 7 of byte i flags byte i

    static mask special(const char* p) noexcept {
        constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7Full, high = 0x8080808080808080ull;
        constexpr std::uint64_t ones = 0x0101010101010101ull;
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        // Exact per byte: the additions never carry into the next byte.
        const auto zero = [](std::uint64_t t) { return ~(((t & low7) + low7) | t) & high; };
        const std::uint64_t control = ~(((x & low7) + ones * 0x60) | x) & high;  // below 0x20
        return control | zero(x ^ (ones * '"')) | zero(x ^ (ones * '\\'));
    }
    static std::size_t index(mask m) noexcept { return static_cast<std::size_t>(std::countr_zero(m)) / 8; }
    static mask next(mask m) noexcept { return m & (m - 1); }
};

#ifdef LIVEMSG_DETAIL_SSE2
struct json_escape_sse2 {
    static constexpr std::size_t width = 16;
    using mask = unsigned;  // bit i flags byte i

    static mask special(const char* p) noexcept {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i below_0x20 = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
        const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
        const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
        return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(below_0x20, _mm_or_si128(quote, backslash))));
    }
    static std::size_t index(mask m) noexcept { return static_cast<std::size_t>(std::countr_zero(m)); }
    static mask next(mask m) noexcept { return m & (m - 1); }
};
using json_escape_blocks = json_escape_sse2;
#else
using json_escape_blocks = json_escape_words;
#endif

inline char* write_json_escape(char* dst, unsigned char c) noexcept {
    const char e = json_escape_table[c];
    dst[0] = '\\';
    dst[1] = e;
    if (e != 'u') return dst + 2;
    dst[2] = '0';
    dst[3] = '0';
    dst[4] = lower_hex_digits[c >> 4];
    dst[5] = lower_hex_digits[c & 0xF];
    return dst + 6;
}

// The engine, with the block finder as a parameter so that tests can run every one of them.
template <class Blocks>
void append_json_string_with(std::string& out, std::string_view s) {
    constexpr std::size_t w = Blocks::width;
    const char* const begin = s.data();
    const char* const end = begin + s.size();
    const auto byte = [](const char* p) { return static_cast<unsigned char>(*p); };

    std::size_t growth = 0;
    const char* p = begin;
    for (; static_cast<std::size_t>(end - p) >= w; p += w)
        for (auto m = Blocks::special(p); m; m = Blocks::next(m)) growth += json_escape_growth[byte(p + Blocks::index(m))];
    for (; p != end; ++p) growth += json_escape_growth[byte(p)];

    const std::size_t start = out.size();
    out.resize(start + s.size() + growth + 2);
    char* dst = out.data() + start;
    *dst++ = '"';
    p = begin;
    // Every input byte still to come writes at least one byte, and the closing quote follows:
    // a whole block may be stored before the first special byte in it is known.
    while (static_cast<std::size_t>(end - p) >= w) {
        const auto m = Blocks::special(p);
        std::memcpy(dst, p, w);
        if (!m) {
            p += w;
            dst += w;
            continue;
        }
        const std::size_t i = Blocks::index(m);
        dst = write_json_escape(dst + i, byte(p + i));
        p += i + 1;
    }
    for (; p != end; ++p) {
        if (json_escape_table[byte(p)]) dst = write_json_escape(dst, byte(p));
        else *dst++ = *p;
    }
    *dst = '"';
}

inline void append_json_string(std::string& out, std::string_view s) {
    append_json_string_with<json_escape_blocks>(out, s);
}

}  // namespace livemsg::detail
