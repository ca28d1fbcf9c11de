// SPDX-License-Identifier: BSL-1.0
// RFC 3986 percent-encoding, as both Alibaba signatures and Volcengine's require:
// A-Z a-z 0-9 - _ . ~ stay, every other byte becomes %XX in upper case (space is %20).
// livemsg/core/percent_encoding.hpp gives these their public names.
//
// A 15 KB body travels in Alibaba's query: the output is sized exactly first, then written
// directly, 16 or 32 bytes at a time with SSSE3 or AVX2 (chosen at run time), else skipping 16
// unreserved bytes at a time where SSE2 is available.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/avx2.hpp>
#include <livemsg/detail/simd.hpp>

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::detail {

constexpr bool is_unreserved(char c) noexcept {
    return is_ascii_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

#ifdef LIVEMSG_DETAIL_SSE2
// 0xFF in each byte of the 16 that must become %XX.
inline __m128i reserved_bytes16(__m128i v) noexcept {
    // Signed compares: bytes from 0x80 are negative, so outside every range below.
    const auto in_range = [](__m128i x, char lo, char hi) {
        return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))),
                             _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
    };
    const __m128i letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z');
    const __m128i digit = in_range(v, '0', '9');
    const __m128i dash_or_dot = in_range(v, '-', '.');
    const __m128i underscore = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));
    const __m128i tilde = _mm_cmpeq_epi8(v, _mm_set1_epi8('~'));
    const __m128i unreserved = _mm_or_si128(_mm_or_si128(letter, digit),
                                            _mm_or_si128(dash_or_dot, _mm_or_si128(underscore, tilde)));
    return _mm_xor_si128(unreserved, _mm_set1_epi8(-1));
}

// Bit i set when byte i of the 16 at `p` must become %XX.
inline unsigned reserved_mask16(const char* p) noexcept {
    return static_cast<unsigned>(_mm_movemask_epi8(reserved_bytes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)))));
}

// How many of the bytes before the last (size % 16) must become %XX; sets `p` to the rest.
inline std::size_t count_reserved_blocks(const char*& p, const char* end) noexcept {
    __m128i sums = _mm_setzero_si128();  // two 64-bit sums
    for (; end - p >= 16; p += 16) {
        const __m128i ones = _mm_and_si128(reserved_bytes16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))),
                                           _mm_set1_epi8(1));
        sums = _mm_add_epi64(sums, _mm_sad_epu8(ones, _mm_setzero_si128()));
    }
    alignas(16) std::uint64_t halves[2];
    _mm_store_si128(reinterpret_cast<__m128i*>(halves), sums);
    return static_cast<std::size_t>(halves[0] + halves[1]);
}
#endif

// For each byte, the four bytes to store: "%XX" or the byte itself, then the length (1 or 3)
// in the fourth, which the next byte overwrites.
inline constexpr auto percent_encoding_table = [] {
    std::array<std::array<char, 4>, 256> t{};
    for (std::size_t b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        if (is_unreserved(c)) t[b] = {c, 0, 0, 1};
        else t[b] = {'%', upper_hex_digits[b >> 4], upper_hex_digits[b & 0xF], 3};
    }
    return t;
}();

// Writes one byte, encoded; may store up to 4 bytes, so at least 4 must remain in the output.
inline char* write_percent_encoded_byte(char* dst, char c) noexcept {
    const auto& e = percent_encoding_table[static_cast<unsigned char>(c)];
    std::memcpy(dst, e.data(), 4);
    return dst + e[3];
}

#ifdef LIVEMSG_DETAIL_X86_DISPATCH
// Percent-encoding 4 bytes at a time with one shuffle. From the 4 bytes' source
// [x0 x1 x2 x3 | h0 h1 h2 h3 | l0 l1 l2 l3], where x is '%' for a byte that must be encoded and
// the byte otherwise, and h, l its hex digits, the shuffle control for each set of encoded
// bytes (bit j: byte j) writes x0 [h0 l0] x1 [h1 l1] ...
inline constexpr auto percent_group_controls = [] {
    std::array<std::array<char, 16>, 16> t{};
    for (std::size_t encoded = 0; encoded < 16; ++encoded) {
        t[encoded].fill(static_cast<char>(0x80));  // writes zero
        std::size_t k = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            t[encoded][k++] = static_cast<char>(j);
            if (encoded >> j & 1) {
                t[encoded][k++] = static_cast<char>(4 + j);
                t[encoded][k++] = static_cast<char>(8 + j);
            }
        }
    }
    return t;
}();

inline constexpr std::array<unsigned char, 16> percent_group_lengths = [] {
    std::array<unsigned char, 16> t{};
    for (std::size_t encoded = 0; encoded < 16; ++encoded)
        t[encoded] = static_cast<unsigned char>(4 + 2 * std::popcount(encoded));
    return t;
}();

// Unreserved bytes by nibble lookup: each high nibble that has unreserved bytes owns a bit, set
// for it in the low-nibble table at the low nibbles that complete one. 2x: - . (bit 0),
// 3x: 0-9 (1), 4x and 6x: letters from 1 (2), 5x: P-Z _ (3), 7x: p-z ~ (4); none from 0x80.
#define LIVEMSG_DETAIL_UNRESERVED_BY_HIGH_NIBBLE 0, 0, 1, 2, 4, 8, 4, 16, 0, 0, 0, 0, 0, 0, 0, 0
#define LIVEMSG_DETAIL_UNRESERVED_BY_LOW_NIBBLE 26, 30, 30, 30, 30, 30, 30, 30, 30, 30, 28, 4, 4, 5, 21, 12
#define LIVEMSG_DETAIL_UPPER_HEX_DIGITS '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'

LIVEMSG_DETAIL_TARGET_SSSE3 inline char* write_percent_group_ssse3(char* dst, __m128i source, unsigned encoded) noexcept {
    const __m128i control = _mm_loadu_si128(reinterpret_cast<const __m128i*>(percent_group_controls[encoded].data()));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), _mm_shuffle_epi8(source, control));
    return dst + percent_group_lengths[encoded];
}

// Encodes 16 bytes of `p`; may store up to 16 bytes past their encoding. No branch on the
// contents: chat text mixes encoded and plain bytes unpredictably.
LIVEMSG_DETAIL_TARGET_SSSE3 inline char* write_percent_block_ssse3(char* dst, const char* p) noexcept {
    const __m128i input = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i high_nibbles = _mm_and_si128(_mm_srli_epi16(input, 4), _mm_set1_epi8(0x0F));
    const __m128i low_nibbles = _mm_and_si128(input, _mm_set1_epi8(0x0F));
    const __m128i reserved = _mm_cmpeq_epi8(
        _mm_and_si128(_mm_shuffle_epi8(_mm_setr_epi8(LIVEMSG_DETAIL_UNRESERVED_BY_HIGH_NIBBLE), high_nibbles),
                      _mm_shuffle_epi8(_mm_setr_epi8(LIVEMSG_DETAIL_UNRESERVED_BY_LOW_NIBBLE), low_nibbles)),
        _mm_setzero_si128());
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(reserved));
    const __m128i digits = _mm_setr_epi8(LIVEMSG_DETAIL_UPPER_HEX_DIGITS);
    const __m128i high = _mm_shuffle_epi8(digits, high_nibbles);
    const __m128i low = _mm_shuffle_epi8(digits, low_nibbles);
    const __m128i first = _mm_or_si128(_mm_and_si128(reserved, _mm_set1_epi8('%')), _mm_andnot_si128(reserved, input));
    // Transposed by 4-byte groups: source g is [first_g high_g low_g 0].
    const __m128i first_high_01 = _mm_unpacklo_epi32(first, high), first_high_23 = _mm_unpackhi_epi32(first, high);
    const __m128i low_01 = _mm_unpacklo_epi32(low, _mm_setzero_si128());
    const __m128i low_23 = _mm_unpackhi_epi32(low, _mm_setzero_si128());
    dst = write_percent_group_ssse3(dst, _mm_unpacklo_epi64(first_high_01, low_01), mask & 0xF);
    dst = write_percent_group_ssse3(dst, _mm_unpackhi_epi64(first_high_01, low_01), mask >> 4 & 0xF);
    dst = write_percent_group_ssse3(dst, _mm_unpacklo_epi64(first_high_23, low_23), mask >> 8 & 0xF);
    return write_percent_group_ssse3(dst, _mm_unpackhi_epi64(first_high_23, low_23), mask >> 12);
}

// Writes the encoding of [p, end), where `dst` has room for exactly that, a block at a time
// while enough input follows; returns where it stopped.
LIVEMSG_DETAIL_TARGET_SSSE3 inline const char* write_percent_blocks_ssse3(char*& dst, const char* p, const char* end) noexcept {
    // Every input byte still to come writes at least one byte, so 16 more input bytes leave
    // room for a block's stores past its encoding.
    for (; end - p >= 32; p += 16) dst = write_percent_block_ssse3(dst, p);
    return p;
}

// 0xFF in each byte of the 32 that must become %XX.
LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i reserved_bytes32_avx2(avx2::m256i high_nibbles, avx2::m256i low_nibbles) noexcept {
    const avx2::m256i by_high = avx2::shuffle_epi8(
        avx2::setr_epi8(LIVEMSG_DETAIL_UNRESERVED_BY_HIGH_NIBBLE, LIVEMSG_DETAIL_UNRESERVED_BY_HIGH_NIBBLE), high_nibbles);
    const avx2::m256i by_low = avx2::shuffle_epi8(
        avx2::setr_epi8(LIVEMSG_DETAIL_UNRESERVED_BY_LOW_NIBBLE, LIVEMSG_DETAIL_UNRESERVED_BY_LOW_NIBBLE), low_nibbles);
    return avx2::cmpeq_epi8(avx2::and_si256(by_high, by_low), avx2::setzero_si256());
}

LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i high_nibbles_avx2(avx2::m256i v) noexcept {
    return avx2::and_si256(avx2::srli_epi16(v, 4), avx2::set1_epi8(0x0F));
}

LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i low_nibbles_avx2(avx2::m256i v) noexcept {
    return avx2::and_si256(v, avx2::set1_epi8(0x0F));
}

// The SSSE3 block, 32 bytes wide up to the 4-byte groups (whose shuffles stay 16 bytes wide).
LIVEMSG_DETAIL_TARGET_AVX2 inline char* write_percent_block_avx2(char* dst, const char* p) noexcept {
    const avx2::m256i input = avx2::loadu_si256(p);
    const avx2::m256i high_nibbles = high_nibbles_avx2(input), low_nibbles = low_nibbles_avx2(input);
    const avx2::m256i reserved = reserved_bytes32_avx2(high_nibbles, low_nibbles);
    const auto mask = static_cast<std::uint32_t>(avx2::movemask_epi8(reserved));
    const avx2::m256i digits = avx2::setr_epi8(LIVEMSG_DETAIL_UPPER_HEX_DIGITS, LIVEMSG_DETAIL_UPPER_HEX_DIGITS);
    const avx2::m256i high = avx2::shuffle_epi8(digits, high_nibbles);
    const avx2::m256i low = avx2::shuffle_epi8(digits, low_nibbles);
    const avx2::m256i first = avx2::blendv_epi8(input, avx2::set1_epi8('%'), reserved);
    // Per 16-byte lane, source g is [first_g high_g low_g 0]: groups 0-3 below, 4-7 above.
    const avx2::m256i first_high_01 = avx2::unpacklo_epi32(first, high), first_high_23 = avx2::unpackhi_epi32(first, high);
    const avx2::m256i low_01 = avx2::unpacklo_epi32(low, avx2::setzero_si256());
    const avx2::m256i low_23 = avx2::unpackhi_epi32(low, avx2::setzero_si256());
    const avx2::m256i sources[4] = {avx2::unpacklo_epi64(first_high_01, low_01), avx2::unpackhi_epi64(first_high_01, low_01),
                                avx2::unpacklo_epi64(first_high_23, low_23), avx2::unpackhi_epi64(first_high_23, low_23)};
    for (unsigned g = 0; g < 4; ++g)
        dst = write_percent_group_ssse3(dst, avx2::castsi256_si128(sources[g]), mask >> (4 * g) & 0xF);
    for (unsigned g = 0; g < 4; ++g)
        dst = write_percent_group_ssse3(dst, avx2::extracti128_si256<1>(sources[g]), mask >> (16 + 4 * g) & 0xF);
    return dst;
}

LIVEMSG_DETAIL_TARGET_AVX2 inline const char* write_percent_blocks_avx2(char*& dst, const char* p, const char* end) noexcept {
    for (; end - p >= 48; p += 32) dst = write_percent_block_avx2(dst, p);
    return p;
}
#endif

#ifdef LIVEMSG_DETAIL_X86_DISPATCH
LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i add_reserved_count_avx2(avx2::m256i sums, avx2::m256i v) noexcept {
    const avx2::m256i ones =
        avx2::and_si256(reserved_bytes32_avx2(high_nibbles_avx2(v), low_nibbles_avx2(v)), avx2::set1_epi8(1));
    return avx2::add_epi64(sums, avx2::sad_epu8(ones, avx2::setzero_si256()));
}

LIVEMSG_DETAIL_TARGET_AVX2 inline std::size_t sum_reserved_count_avx2(avx2::m256i sums, const char* p, const char* end) noexcept {
    alignas(32) std::uint64_t quarters[4];
    avx2::storeu_si256(quarters, sums);
    std::size_t count = quarters[0] + quarters[1] + quarters[2] + quarters[3];
    for (; p != end; ++p) count += !is_unreserved(*p);
    return count;
}

// How many bytes of `s` must become %XX.
LIVEMSG_DETAIL_TARGET_AVX2 inline std::size_t count_reserved_avx2(std::string_view s) noexcept {
    const char* p = s.data();
    const char* const end = p + s.size();
    avx2::m256i sums = avx2::setzero_si256();
    for (; end - p >= 32; p += 32) sums = add_reserved_count_avx2(sums, avx2::loadu_si256(p));
    return sum_reserved_count_avx2(sums, p, end);
}
#endif

#undef LIVEMSG_DETAIL_UNRESERVED_BY_HIGH_NIBBLE
#undef LIVEMSG_DETAIL_UNRESERVED_BY_LOW_NIBBLE
#undef LIVEMSG_DETAIL_UPPER_HEX_DIGITS

// How many bytes of `s` must become %XX, counted a block at a time where SSE2 is available.
inline std::size_t count_reserved(std::string_view s) noexcept {
    const char* const end = s.data() + s.size();
    const char* p = s.data();
    std::size_t escapes = 0;
#ifdef LIVEMSG_DETAIL_SSE2
    escapes = count_reserved_blocks(p, end);
#endif
    for (; p != end; ++p) escapes += !is_unreserved(*p);
    return escapes;
}

// Appends the encoding of `s`, in which `escapes` bytes must become %XX, with the blocks
// written at `level` (which the CPU must support).
inline void write_percent_encoded(simd_level level, std::string& out, std::string_view s, std::size_t escapes) {
    const char* const end = s.data() + s.size();
    const std::size_t start = out.size();
    out.resize(start + s.size() + 2 * escapes);
    char* dst = out.data() + start;
    const char* p = s.data();
    if (escapes == 0 && !s.empty()) {  // (an empty view's data may be null, which memcpy refuses)
        std::memcpy(dst, p, s.size());
        return;
    }
#ifdef LIVEMSG_DETAIL_X86_DISPATCH
    if (level == simd_level::avx2) p = write_percent_blocks_avx2(dst, p, end);
    if (level >= simd_level::ssse3) p = write_percent_blocks_ssse3(dst, p, end);
#endif
    (void)level;
    // Every input byte still to come writes at least one byte: while 4 remain, a byte may be
    // written with a 4-byte store, and a whole block of 16 before its contents are known.
#ifdef LIVEMSG_DETAIL_SSE2
    while (end - p >= 16 + 3) {
        if (reserved_mask16(p)) {
            for (int k = 0; k < 16; ++k) dst = write_percent_encoded_byte(dst, p[k]);
        } else {
            std::memcpy(dst, p, 16);
            dst += 16;
        }
        p += 16;
    }
#endif
    for (; end - p >= 4; ++p) dst = write_percent_encoded_byte(dst, *p);
    for (; p != end; ++p) {
        const auto& e = percent_encoding_table[static_cast<unsigned char>(*p)];
        for (std::size_t k = 0; k < static_cast<std::size_t>(e[3]); ++k) *dst++ = e[k];
    }
}

// Appends the encoding of `s` with the blocks of `level` (which the CPU must support).
inline void append_percent_encoded_at(simd_level level, std::string& out, std::string_view s) {
#ifdef LIVEMSG_DETAIL_X86_DISPATCH
    if (level == simd_level::avx2) return write_percent_encoded(level, out, s, count_reserved_avx2(s));
#endif
    write_percent_encoded(level, out, s, count_reserved(s));
}

// Text of 64 bytes or more, with the widest blocks the CPU runs. Out of line: inlined where the
// text is a small array (a formatted number), GCC 12 warns about wide loads it cannot rule out.
[[gnu::noinline]] inline void append_percent_encoded_long(std::string& out, std::string_view s) {
    append_percent_encoded_at(cpu_simd_level(), out, s);
}

inline void append_percent_encoded(std::string& out, std::string_view s) {
    if (s.size() < 64) append_percent_encoded_at(simd_level::portable, out, s);
    else append_percent_encoded_long(out, s);
}

inline std::string percent_encode(std::string_view s) {
    std::string out;
    append_percent_encoded(out, s);
    return out;
}

// The bytes behind %XX escapes; nullopt for a malformed escape. '+' is a plus sign, not a space.
inline std::optional<std::string> percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (s.size() - i < 3) return std::nullopt;
        const int hi = hex_digit_value(s[i + 1]), lo = hex_digit_value(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

}  // namespace livemsg::detail
