// UTF-8 well-formedness (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
#pragma once

#include <livemsg/detail/simd.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

namespace livemsg::detail {

// Offset of the first byte that starts an ill-formed sequence, or npos when the text is valid.
constexpr std::size_t invalid_utf8_offset(std::string_view s) noexcept {
    const std::size_t n = s.size();
    std::size_t i = 0;
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

constexpr bool is_valid_utf8(std::string_view s) noexcept {
    return invalid_utf8_offset(s) == std::string_view::npos;
}

}  // namespace livemsg::detail
