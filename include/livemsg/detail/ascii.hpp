// SPDX-License-Identifier: BSL-1.0
// Byte-level ASCII helpers, locale-free (std::isalnum and friends depend on the C locale).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace livemsg::detail {

inline constexpr char lower_hex_digits[] = "0123456789abcdef";  // digests, JSON's \u00XX
inline constexpr char upper_hex_digits[] = "0123456789ABCDEF";  // %XX, as RFC 3986 prefers

constexpr bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

constexpr bool is_ascii_alnum(char c) noexcept {
    return is_ascii_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// CR, LF and the other bytes that would end a header line or corrupt one.
constexpr bool is_control(char c) noexcept {
    const auto b = static_cast<unsigned char>(c);
    return b < 0x20 || b == 0x7F;
}

// A non-negative number in decimal digits only (no sign, no spaces), as a query parameter or a
// JSON string of digits holds one.
enum class decimal_status { ok, not_decimal, out_of_range };
struct decimal_int64 {
    decimal_status status;
    std::int64_t value;
};

constexpr decimal_int64 parse_decimal_int64(std::string_view s) noexcept {
    if (s.empty() || !std::all_of(s.begin(), s.end(), is_ascii_digit)) return {decimal_status::not_decimal, 0};
    std::int64_t value = 0;
    for (char c : s) {
        const int digit = c - '0';
        if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return {decimal_status::out_of_range, 0};
        value = value * 10 + digit;
    }
    return {decimal_status::ok, value};
}

constexpr int hex_digit_value(char c) noexcept {
    if (is_ascii_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

constexpr char to_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

constexpr bool iless(std::string_view a, std::string_view b) noexcept {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                        [](char x, char y) { return to_lower(x) < to_lower(y); });
}

// Without the spaces and tabs around it.
constexpr std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// "found '-' at byte 3" or "found byte 0xC3 at byte 1".
inline std::string describe_byte(std::string_view s, std::size_t at) {
    const auto b = static_cast<unsigned char>(s[at]);
    std::string out = "found ";
    if (b >= 0x20 && b < 0x7F) {
        out += '\'';
        out += static_cast<char>(b);
        out += '\'';
    } else {
        out += "byte 0x";
        out += upper_hex_digits[b >> 4];
        out += upper_hex_digits[b & 0xF];
    }
    out += " at byte ";
    out += std::to_string(at);
    return out;
}

}  // namespace livemsg::detail
