// SPDX-License-Identifier: BSL-1.0
// number_or_digits<T>: an integer that arrives as a JSON number or as a string of its decimal
// digits, for a vendor that sends one value both ways (Tencent's webhooks: EventTime is
// "1670574414123" in the live room's example and an Integer in its field table).
#pragma once

#include <livemsg/core/field.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/ascii.hpp>

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace livemsg {

/// Rule: a JSON integer in T's range, or a string of decimal digits only (no sign, no spaces, no
/// point) whose value is in T's range; anything else is reported as the wrong type, or out of
/// range with T's bound. The value converts to and from T; it is written as a JSON number.
template <std::integral T>
    requires(!std::same_as<T, bool> && (sizeof(T) < 8 || std::is_signed_v<T>))
struct number_or_digits {
    T value{};

    constexpr number_or_digits() noexcept = default;
    constexpr number_or_digits(T v) noexcept : value(v) {}
    constexpr operator T() const noexcept { return value; }
};

namespace detail {

// The value decimal digits in `s` spell, out_of_range past T's range: what both readers take.
template <std::integral T>
constexpr std::pair<decimal_status, T> decimal_in_range(std::string_view s) noexcept {
    const auto [status, value] = parse_decimal_int64(s);
    if (status != decimal_status::ok) return {status, T{}};
    if (!std::in_range<T>(value)) return {decimal_status::out_of_range, T{}};
    return {status, static_cast<T>(value)};
}

// The value decimal digits in `s` spell, in T's range, or nullopt after reporting what `s` is
// not: `expected` completes "must be ...".
template <std::integral T>
std::optional<T> read_digits(std::string_view s, std::string_view expected, reporter& c) {
    const auto [status, value] = decimal_in_range<T>(s);
    if (status == decimal_status::not_decimal) {
        c.report(error_code::wrong_type, "must be " + std::string(expected) + ", got \"" + std::string(s) + '"');
        return std::nullopt;
    }
    if (status == decimal_status::out_of_range) {
        c.report(error_code::out_of_range, "must be at most " + std::to_string(std::numeric_limits<T>::max()),
                 static_cast<std::int64_t>(std::numeric_limits<T>::max()));
        return std::nullopt;
    }
    return value;
}

}  // namespace detail

template <class T>
struct field_traits<number_or_digits<T>> : detail::plain_traits {
    static constexpr bool writes_unreserved = true;  // digits and '-'
    static void check(const number_or_digits<T>&, reporter&) noexcept {}  // it holds a T
    static void write_json(const number_or_digits<T>& v, std::string& out) { field_traits<T>::write_json(v.value, out); }
    template <class Emit>
    static void write_params(const number_or_digits<T>& v, std::string_view name, Emit&& emit) {
        field_traits<T>::write_params(v.value, name, emit);
    }

    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(number_or_digits<T>& v, const Json& j, reporter& c) {
        if (j.is_string()) {
            const std::string_view digits(j.get_string().data(), j.get_string().size());
            if (const auto n = detail::read_digits<T>(digits, "an integer or a string of decimal digits", c))
                v.value = *n;
        } else if (j.is_int64() || j.is_uint64() || j.is_double()) {
            field_traits<T>::read(v.value, j, c);
        } else {
            detail::report_wrong_type(c, "an integer or a string of decimal digits", j);
        }
    }
};

}  // namespace livemsg
