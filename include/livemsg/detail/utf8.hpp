// SPDX-License-Identifier: BSL-1.0
// UTF-8 well-formedness (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
//
// Three levels, one answer: the portable loop checks a character at a time (skipping ASCII a
// word or an SSE2 block at a time); the SSSE3 and AVX2 ones check 16 or 32 bytes at once with
// the lookup-table method of Keiser and Lemire ("Validating UTF-8 in less than one instruction
// per byte", 2021). The block checks say only whether a block holds an error; the portable
// loop then finds its offset from the last character boundary before the block.
#pragma once

#include <livemsg/detail/avx2.hpp>
#include <livemsg/detail/simd.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace livemsg::detail {

// Offset of the first byte that starts an ill-formed sequence at or after `from` (a character
// boundary), or npos when the rest of the text is valid.
constexpr std::size_t invalid_utf8_offset_portable(std::string_view s, std::size_t from = 0) noexcept {
    const std::size_t n = s.size();
    std::size_t i = from;
    while (i < n) {
        if (!std::is_constant_evaluated()) {
            // Chat text is mostly ASCII: skip it 32, then 8 bytes at a time.
#ifdef LIVEMSG_DETAIL_SSE2
            while (n - i >= 32) {
                const auto* block = reinterpret_cast<const __m128i*>(s.data() + i);
                const __m128i either = _mm_or_si128(_mm_loadu_si128(block), _mm_loadu_si128(block + 1));
                if (_mm_movemask_epi8(either)) break;
                i += 32;
            }
#endif
            while (n - i >= 8) {
                std::uint64_t word;
                std::memcpy(&word, s.data() + i, 8);
                if (word & 0x8080808080808080ull) break;
                i += 8;
            }
            if (i == n) break;
        }
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }          // no overlong 3-byte forms
        else if (c == 0xED) { len = 3; hi = 0x9F; }          // no UTF-16 surrogates
        else if (c >= 0xE1 && c <= 0xEF) len = 3;
        else if (c == 0xF0) { len = 4; lo = 0x90; }          // no overlong 4-byte forms
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) { len = 4; hi = 0x8F; }          // nothing above U+10FFFF
        else return i;                                       // 0x80-0xC1, 0xF5-0xFF
        if (n - i < len) return i;
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        if (c1 < lo || c1 > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::string_view::npos;
}

// Where the portable loop resumes once the blocks before `checked` passed: they are valid but
// for a sequence cut by the block edge, so the last character start among the 3 bytes before.
inline std::size_t utf8_resume_point(std::string_view s, std::size_t checked) noexcept {
    for (std::size_t back = 1; back <= 3 && back <= checked; ++back)
        if ((static_cast<unsigned char>(s[checked - back]) & 0xC0) != 0x80) return checked - back;
    return checked;
}

#ifdef LIVEMSG_DETAIL_X86_DISPATCH
// The Keiser-Lemire tables. Each byte pair (previous, current) looks up three bit sets, by the
// previous byte's high and low nibbles and the current byte's high nibble; an error class is
// present when all three have its bit.
namespace utf8_classes {
inline constexpr char too_short = 1 << 0;   // lead byte then a non-continuation
inline constexpr char too_long = 1 << 1;    // ASCII then a continuation
inline constexpr char overlong_3 = 1 << 2;  // E0 80-9F
inline constexpr char too_large = 1 << 3;   // F4 90-BF, F5-FF
inline constexpr char surrogate = 1 << 4;   // ED A0-BF
inline constexpr char overlong_2 = 1 << 5;  // C0-C1
inline constexpr char too_large_1000 = 1 << 6;  // F5-FF 80-8F
inline constexpr char overlong_4 = 1 << 6;      // F0 80-8F
inline constexpr char two_continuations = static_cast<char>(1 << 7);  // allowed only as the 3rd or 4th byte
inline constexpr char carry = too_short | too_long | two_continuations;
}  // namespace utf8_classes

#define LIVEMSG_DETAIL_UTF8_BYTE_1_HIGH                                                                     \
    too_long, too_long, too_long, too_long, too_long, too_long, too_long, too_long, two_continuations,       \
        two_continuations, two_continuations, two_continuations, too_short | overlong_2, too_short,         \
        too_short | overlong_3 | surrogate, too_short | too_large | too_large_1000 | overlong_4
#define LIVEMSG_DETAIL_UTF8_BYTE_1_LOW                                                                      \
    carry | overlong_3 | overlong_2 | overlong_4, carry | overlong_2, carry, carry, carry | too_large,       \
        carry | too_large | too_large_1000, carry | too_large | too_large_1000,                             \
        carry | too_large | too_large_1000, carry | too_large | too_large_1000,                             \
        carry | too_large | too_large_1000, carry | too_large | too_large_1000,                             \
        carry | too_large | too_large_1000, carry | too_large | too_large_1000,                             \
        carry | too_large | too_large_1000 | surrogate, carry | too_large | too_large_1000,                 \
        carry | too_large | too_large_1000
#define LIVEMSG_DETAIL_UTF8_BYTE_2_HIGH                                                                     \
    too_short, too_short, too_short, too_short, too_short, too_short, too_short, too_short,                 \
        too_long | overlong_2 | two_continuations | overlong_3 | too_large_1000 | overlong_4,               \
        too_long | overlong_2 | two_continuations | overlong_3 | too_large,                                 \
        too_long | overlong_2 | two_continuations | surrogate | too_large,                                  \
        too_long | overlong_2 | two_continuations | surrogate | too_large, too_short, too_short, too_short, \
        too_short

// Nonzero bytes where `input`, after `previous` (the block before it), holds an error.
LIVEMSG_DETAIL_TARGET_SSSE3 inline __m128i utf8_block_errors_ssse3(__m128i input, __m128i previous) noexcept {
    using namespace utf8_classes;
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i prev1 = _mm_alignr_epi8(input, previous, 15);
    const __m128i byte_1_high = _mm_shuffle_epi8(_mm_setr_epi8(LIVEMSG_DETAIL_UTF8_BYTE_1_HIGH),
                                                 _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble));
    const __m128i byte_1_low = _mm_shuffle_epi8(_mm_setr_epi8(LIVEMSG_DETAIL_UTF8_BYTE_1_LOW), _mm_and_si128(prev1, nibble));
    const __m128i byte_2_high = _mm_shuffle_epi8(_mm_setr_epi8(LIVEMSG_DETAIL_UTF8_BYTE_2_HIGH),
                                                 _mm_and_si128(_mm_srli_epi16(input, 4), nibble));
    const __m128i pair_errors = _mm_and_si128(_mm_and_si128(byte_1_high, byte_1_low), byte_2_high);
    // Two continuations in a row are right exactly where a 3- or 4-byte lead came 2 or 3 bytes before.
    const __m128i third = _mm_subs_epu8(_mm_alignr_epi8(input, previous, 14), _mm_set1_epi8(0xE0 - 0x80));
    const __m128i fourth = _mm_subs_epu8(_mm_alignr_epi8(input, previous, 13), _mm_set1_epi8(0xF0 - 0x80));
    const __m128i must_continue = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(two_continuations));
    return _mm_xor_si128(must_continue, pair_errors);
}

// Nonzero when the block ends inside a sequence, which the next block must complete.
LIVEMSG_DETAIL_TARGET_SSSE3 inline __m128i utf8_block_unfinished_ssse3(__m128i input) noexcept {
    const auto none = static_cast<char>(0xFF);
    return _mm_subs_epu8(input, _mm_setr_epi8(none, none, none, none, none, none, none, none, none, none, none,
                                              none, none, static_cast<char>(0xEF), static_cast<char>(0xDF),
                                              static_cast<char>(0xBF)));
}

LIVEMSG_DETAIL_TARGET_SSSE3 inline std::size_t invalid_utf8_offset_ssse3(std::string_view s) noexcept {
    const char* const p = s.data();
    const std::size_t n = s.size();
    const __m128i zero = _mm_setzero_si128();
    __m128i previous = zero, unfinished = zero;
    std::size_t i = 0;
    for (; n - i >= 16; i += 16) {
        const __m128i input = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        __m128i errors = unfinished;
        if (_mm_movemask_epi8(input)) {
            errors = utf8_block_errors_ssse3(input, previous);
            unfinished = utf8_block_unfinished_ssse3(input);
        } else {
            unfinished = zero;
        }
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(errors, zero)) != 0xFFFF) break;
        previous = input;
    }
    return invalid_utf8_offset_portable(s, utf8_resume_point(s, i));
}

LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i utf8_block_errors_avx2(avx2::m256i input, avx2::m256i previous) noexcept {
    using namespace utf8_classes;
    const avx2::m256i nibble = avx2::set1_epi8(0x0F);
    // The 32 bytes ending 1, 2 or 3 bytes before each of input's: alignr works within 16-byte lanes.
    const avx2::m256i shifted_in = avx2::permute2x128_si256<0x21>(previous, input);
    const avx2::m256i prev1 = avx2::alignr_epi8<15>(input, shifted_in);
    const avx2::m256i byte_1_high = avx2::shuffle_epi8(
        avx2::setr_epi8(LIVEMSG_DETAIL_UTF8_BYTE_1_HIGH, LIVEMSG_DETAIL_UTF8_BYTE_1_HIGH),
        avx2::and_si256(avx2::srli_epi16(prev1, 4), nibble));
    const avx2::m256i byte_1_low = avx2::shuffle_epi8(
        avx2::setr_epi8(LIVEMSG_DETAIL_UTF8_BYTE_1_LOW, LIVEMSG_DETAIL_UTF8_BYTE_1_LOW), avx2::and_si256(prev1, nibble));
    const avx2::m256i byte_2_high = avx2::shuffle_epi8(
        avx2::setr_epi8(LIVEMSG_DETAIL_UTF8_BYTE_2_HIGH, LIVEMSG_DETAIL_UTF8_BYTE_2_HIGH),
        avx2::and_si256(avx2::srli_epi16(input, 4), nibble));
    const avx2::m256i pair_errors = avx2::and_si256(avx2::and_si256(byte_1_high, byte_1_low), byte_2_high);
    const avx2::m256i third = avx2::subs_epu8(avx2::alignr_epi8<14>(input, shifted_in), avx2::set1_epi8(0xE0 - 0x80));
    const avx2::m256i fourth = avx2::subs_epu8(avx2::alignr_epi8<13>(input, shifted_in), avx2::set1_epi8(0xF0 - 0x80));
    const avx2::m256i must_continue =
        avx2::and_si256(avx2::or_si256(third, fourth), avx2::set1_epi8(two_continuations));
    return avx2::xor_si256(must_continue, pair_errors);
}

LIVEMSG_DETAIL_TARGET_AVX2 inline avx2::m256i utf8_block_unfinished_avx2(avx2::m256i input) noexcept {
    const auto none = static_cast<char>(0xFF);
    return avx2::subs_epu8(
        input, avx2::setr_epi8(none, none, none, none, none, none, none, none, none, none, none, none, none, none,
                                none, none, none, none, none, none, none, none, none, none, none, none, none, none,
                                none, static_cast<char>(0xEF), static_cast<char>(0xDF), static_cast<char>(0xBF)));
}

LIVEMSG_DETAIL_TARGET_AVX2 inline std::size_t invalid_utf8_offset_avx2(std::string_view s) noexcept {
    const char* const p = s.data();
    const std::size_t n = s.size();
    avx2::m256i previous = avx2::setzero_si256(), unfinished = avx2::setzero_si256();
    std::size_t i = 0;
    for (; n - i >= 32; i += 32) {
        const avx2::m256i input = avx2::loadu_si256(p + i);
        avx2::m256i errors = unfinished;
        if (avx2::movemask_epi8(input)) {
            errors = utf8_block_errors_avx2(input, previous);
            unfinished = utf8_block_unfinished_avx2(input);
        } else {
            unfinished = avx2::setzero_si256();
        }
        if (!avx2::testz_si256(errors, errors)) break;
        previous = input;
    }
    return invalid_utf8_offset_portable(s, utf8_resume_point(s, i));
}

#undef LIVEMSG_DETAIL_UTF8_BYTE_1_HIGH
#undef LIVEMSG_DETAIL_UTF8_BYTE_1_LOW
#undef LIVEMSG_DETAIL_UTF8_BYTE_2_HIGH
#endif

// The check at a given level; the CPU must support it (see cpu_simd_level).
inline std::size_t invalid_utf8_offset_at(simd_level level, std::string_view s) noexcept {
#ifdef LIVEMSG_DETAIL_X86_DISPATCH
    if (level == simd_level::avx2) return invalid_utf8_offset_avx2(s);
    if (level == simd_level::ssse3) return invalid_utf8_offset_ssse3(s);
#endif
    (void)level;
    return invalid_utf8_offset_portable(s);
}

// Offset of the first byte that starts an ill-formed sequence, or npos when the text is valid.
constexpr std::size_t invalid_utf8_offset(std::string_view s) noexcept {
    // Short fields gain nothing from the blocks.
    if (std::is_constant_evaluated() || s.size() < 64) return invalid_utf8_offset_portable(s);
    return invalid_utf8_offset_at(cpu_simd_level(), s);
}

constexpr bool is_valid_utf8(std::string_view s) noexcept {
    return invalid_utf8_offset(s) == std::string_view::npos;
}

}  // namespace livemsg::detail
