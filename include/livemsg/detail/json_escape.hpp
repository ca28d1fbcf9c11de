// SPDX-License-Identifier: BSL-1.0
// Appends a string as a JSON string literal. The input is already known to be valid UTF-8.
//
// Message bodies run to 15 KB, so the bytes that need no escaping are found a block at a time
// (32 bytes with AVX2, chosen at run time, 16 with SSE2, 8 with portable word arithmetic) and
// copied in whole-block stores. The output is sized exactly first, so nothing is appended byte
// by byte and nothing is over-allocated; text with nothing to escape is one copy.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/avx2.hpp>
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
    for (std::size_t c = 0; c < 0x20; ++c) t[c] = 'u';
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
    // Bit i set for a special byte i.
    static std::uint64_t bits(const char* p) noexcept {
        const mask m = special(p);
        std::uint64_t packed = 0;
        for (auto rest = m; rest; rest = next(rest)) packed |= std::uint64_t{1} << index(rest);
        return packed;
    }
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
    static std::uint64_t bits(const char* p) noexcept { return special(p); }
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

// For each byte, 8 bytes to store for its escape and, last, the escape's length (0: none), so
// that escaping takes no branch on which escape it is.
inline constexpr auto json_escape_sequences = [] {
    std::array<std::array<char, 8>, 256> t{};
    for (std::size_t c = 0; c < 256; ++c) {
        const char e = json_escape_table[c];
        if (e == 'u') t[c] = {'\\', 'u', '0', '0', lower_hex_digits[c >> 4], lower_hex_digits[c & 0xF], 0, 6};
        else if (e) t[c] = {'\\', e, 0, 0, 0, 0, 0, 2};
    }
    return t;
}();

// Writes the Width bytes at `p`, escaping those flagged in `specials` (bit i: byte i). Reads
// and stores up to Width bytes past the block, so at least that much must follow in both.
// The input advances by a fixed Width, so blocks do not wait on each other's escapes.
template <std::size_t Width>
char* write_json_block(char* dst, const char* p, std::uint64_t specials) noexcept {
    std::size_t done = 0;
    for (; specials; specials &= specials - 1) {
        const auto at = static_cast<std::size_t>(std::countr_zero(specials));
        std::memcpy(dst, p + done, Width);  // the bytes before `at`, and some that the escape overwrites
        dst += at - done;
        const auto& escape = json_escape_sequences[static_cast<unsigned char>(p[at])];
        std::memcpy(dst, escape.data(), 8);
        dst += static_cast<std::size_t>(escape[7]);
        done = at + 1;
    }
    std::memcpy(dst, p + done, Width);
    return dst + (Width - done);
}

// How many bytes longer `s` becomes once escaped, a block at a time.
template <class Blocks>
std::size_t json_escape_growth_with(std::string_view s) noexcept {
    constexpr std::size_t w = Blocks::width;
    const char* p = s.data();
    const char* const end = p + s.size();
    std::size_t growth = 0;
    for (; static_cast<std::size_t>(end - p) >= w; p += w)
        for (auto m = Blocks::special(p); m; m = Blocks::next(m))
            growth += json_escape_growth[static_cast<unsigned char>(p[Blocks::index(m)])];
    for (; p != end; ++p) growth += json_escape_growth[static_cast<unsigned char>(*p)];
    return growth;
}

#ifdef LIVEMSG_DETAIL_X86_DISPATCH
LIVEMSG_DETAIL_TARGET_AVX2 inline std::uint64_t json_special_mask_avx2(const char* p) noexcept {
    const avx2::m256i v = avx2::loadu_si256(p);
    const avx2::m256i below_0x20 = avx2::cmpeq_epi8(avx2::max_epu8(v, avx2::set1_epi8(0x1F)), avx2::set1_epi8(0x1F));
    const avx2::m256i quote = avx2::cmpeq_epi8(v, avx2::set1_epi8('"'));
    const avx2::m256i backslash = avx2::cmpeq_epi8(v, avx2::set1_epi8('\\'));
    return static_cast<std::uint32_t>(avx2::movemask_epi8(avx2::or_si256(below_0x20, avx2::or_si256(quote, backslash))));
}

// The block loop of write_json_string_with, 32 bytes wide; returns where it stopped.
LIVEMSG_DETAIL_TARGET_AVX2 inline const char* write_json_blocks_avx2(char*& dst, const char* p, const char* end) noexcept {
    for (; end - p >= 2 * 32; p += 32) dst = write_json_block<32>(dst, p, json_special_mask_avx2(p));
    return p;
}
#endif

// Appends `s` escaped, `growth` bytes longer than it, between quotes; the blocks are Blocks,
// or AVX2 at that `level` (which the CPU must support).
template <class Blocks>
void write_json_string_with(std::string& out, std::string_view s, std::size_t growth,
                            simd_level level = simd_level::portable) {
    constexpr std::size_t w = Blocks::width;
    const auto byte = [](const char* p) { return static_cast<unsigned char>(*p); };
    const std::size_t start = out.size();
    out.resize(start + s.size() + growth + 2);
    char* dst = out.data() + start;
    *dst++ = '"';
    if (growth == 0 && !s.empty()) {  // chat text mostly has nothing to escape; an empty view may hold null
        std::memcpy(dst, s.data(), s.size());
        dst[s.size()] = '"';
        return;
    }
    const char* p = s.data();
    const char* const end = p + s.size();
#ifdef LIVEMSG_DETAIL_X86_DISPATCH
    if (level == simd_level::avx2) p = write_json_blocks_avx2(dst, p, end);
#endif
    (void)level;
    // Every input byte still to come writes at least one byte, and the closing quote follows:
    // while a block more follows, a block may be stored past the current one's end.
    for (; static_cast<std::size_t>(end - p) >= 2 * w; p += w) dst = write_json_block<w>(dst, p, Blocks::bits(p));
    for (; p != end; ++p) {
        if (json_escape_table[byte(p)]) dst = write_json_escape(dst, byte(p));
        else *dst++ = *p;
    }
    *dst = '"';
}

// The engine, with the block finder as a parameter so that tests can run every one of them.
template <class Blocks>
void append_json_string_with(std::string& out, std::string_view s) {
    write_json_string_with<Blocks>(out, s, json_escape_growth_with<Blocks>(s));
}

#ifdef LIVEMSG_DETAIL_X86_DISPATCH
// Each byte's growth once escaped: 1 for '"', '\\' and \b \f \n \r \t, 5 for other controls.
LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i json_escape_growth_bytes_avx2(avx2::m256i v) noexcept {
    const avx2::m256i control = avx2::cmpeq_epi8(avx2::max_epu8(v, avx2::set1_epi8(0x1F)), avx2::set1_epi8(0x1F));
    const avx2::m256i quote_or_backslash = avx2::or_si256(avx2::cmpeq_epi8(v, avx2::set1_epi8('"')),
                                                       avx2::cmpeq_epi8(v, avx2::set1_epi8('\\')));
    // Controls below 0x10 by table: 1 for the five with a short escape, 5 for the rest; 5 above.
    const avx2::m256i below_0x10 = avx2::shuffle_epi8(
        avx2::setr_epi8(5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 5, 1, 1, 5, 5),
        v);  // bytes from 0x80 give 0, but they are not controls
    const avx2::m256i control_growth =
        avx2::blendv_epi8(avx2::set1_epi8(5), below_0x10, avx2::cmpeq_epi8(avx2::max_epu8(v, avx2::set1_epi8(0x0F)),
                                                                              avx2::set1_epi8(0x0F)));
    return avx2::or_si256(avx2::and_si256(control, control_growth),
                           avx2::and_si256(quote_or_backslash, avx2::set1_epi8(1)));
}

LIVEMSG_DETAIL_TARGET_AVX2 inline std::size_t sum_json_escape_growth_avx2(avx2::m256i sums, const char* p,
                                                                          const char* end) noexcept {
    alignas(32) std::uint64_t quarters[4];
    avx2::storeu_si256(quarters, sums);
    std::size_t growth = quarters[0] + quarters[1] + quarters[2] + quarters[3];
    for (; p != end; ++p) growth += json_escape_growth[static_cast<unsigned char>(*p)];
    return growth;
}

LIVEMSG_DETAIL_TARGET_AVX2 inline std::size_t json_escape_growth_avx2(std::string_view s) noexcept {
    const char* p = s.data();
    const char* const end = p + s.size();
    avx2::m256i sums = avx2::setzero_si256();  // four 64-bit sums
    for (; end - p >= 32; p += 32) {
        const avx2::m256i growth = json_escape_growth_bytes_avx2(avx2::loadu_si256(p));
        sums = avx2::add_epi64(sums, avx2::sad_epu8(growth, avx2::setzero_si256()));
    }
    return sum_json_escape_growth_avx2(sums, p, end);
}
#endif

// Appends `s` as a JSON string literal, counting with the blocks of `level` (which the CPU must
// support). The input is already known to be valid UTF-8.
inline void append_json_string_at(simd_level level, std::string& out, std::string_view s) {
#ifdef LIVEMSG_DETAIL_X86_DISPATCH
    if (level == simd_level::avx2)
        return write_json_string_with<json_escape_blocks>(out, s, json_escape_growth_avx2(s), level);
#endif
    (void)level;
    append_json_string_with<json_escape_blocks>(out, s);
}

inline void append_json_string(std::string& out, std::string_view s) {
    append_json_string_at(s.size() < 64 ? simd_level::portable : cpu_simd_level(), out, s);
}

}  // namespace livemsg::detail
