// RFC 3986 percent-encoding, as both Alibaba signatures and Volcengine's require:
// A-Z a-z 0-9 - _ . ~ stay, every other byte becomes %XX in upper case (space is %20).
// livemsg/core/percent_encoding.hpp gives these their public names.
//
// A 15 KB body travels in Alibaba's query: the output is sized exactly first, then written
// directly, skipping 16 unreserved bytes at a time where SSE2 is available.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/simd.hpp>

#include <array>
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::detail {

constexpr bool is_unreserved(char c) noexcept {
    return is_ascii_alnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

#ifdef LIVEMSG_DETAIL_SSE2
// Bit i set when byte i of the 16 at `p` must become %XX.
inline unsigned reserved_mask16(const char* p) noexcept {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
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
    return ~static_cast<unsigned>(_mm_movemask_epi8(unreserved)) & 0xFFFFu;
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

inline void append_percent_encoded(std::string& out, std::string_view s) {
    const char* const end = s.data() + s.size();
    const char* p = s.data();
    std::size_t escapes = 0;
#ifdef LIVEMSG_DETAIL_SSE2
    for (; end - p >= 16; p += 16) {
        unsigned m = reserved_mask16(p);
        for (; m; m &= m - 1) ++escapes;
    }
#endif
    for (; p != end; ++p) escapes += !is_unreserved(*p);

    const std::size_t start = out.size();
    out.resize(start + s.size() + 2 * escapes);
    char* dst = out.data() + start;
    p = s.data();
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
        for (int k = 0; k < e[3]; ++k) *dst++ = e[k];
    }
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
