// SPDX-License-Identifier: BSL-1.0
// An integer field with a range: exact, never narrowed silently, and missing until set.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/detail/ostream.hpp>

#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

namespace livemsg {

/// Optional: whether the field may be absent (spelled optional<...> in models).
template <std::integral T, T Min = std::numeric_limits<T>::min(), T Max = std::numeric_limits<T>::max(),
          bool Optional = false>
class integer {
    static_assert(!std::same_as<T, bool> && (sizeof(T) < 8 || std::is_signed_v<T>),
                  "values are held as signed 64-bit integers");
    static_assert(Min <= Max);

public:
    using value_type = T;
    static constexpr T min = Min;
    static constexpr T max = Max;

    constexpr integer() noexcept = default;

    /// Any integer is accepted here and checked against [Min, Max] by validation, so that a
    /// wider value is reported rather than silently narrowed.
    template <std::integral U>
        requires(!std::same_as<U, bool>)
    constexpr integer(U v) noexcept {
        assign(v);
    }
    template <std::integral U>
        requires(!std::same_as<U, bool>)
    constexpr integer& operator=(U v) noexcept {
        assign(v);
        return *this;
    }

    static checked<integer> from(std::int64_t v);

    constexpr bool has_value() const noexcept { return set_; }
    /// The value as T; meaningful once validation has passed.
    constexpr T value() const noexcept { return static_cast<T>(raw_); }
    /// The value as given, when it fits in 64 signed bits.
    constexpr std::int64_t raw() const noexcept { return raw_; }
    /// Given an unsigned value above INT64_MAX (raw() then holds INT64_MAX).
    constexpr bool beyond_int64() const noexcept { return beyond_int64_; }
    constexpr bool in_range() const noexcept { return set_ && !beyond_int64_ && raw_ >= Min && raw_ <= Max; }
    constexpr void reset() noexcept { *this = integer(); }

    friend constexpr bool operator==(const integer&, const integer&) = default;
    friend constexpr bool operator==(const integer& a, std::int64_t b) noexcept {
        return a.set_ && !a.beyond_int64_ && a.raw_ == b;
    }
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const integer& v) { return os << v.raw_; }

private:
    template <class U>
    constexpr void assign(U v) noexcept {
        set_ = true;
        beyond_int64_ = !std::in_range<std::int64_t>(v);
        raw_ = beyond_int64_ ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(v);
    }

    std::int64_t raw_ = 0;
    bool set_ = false;
    bool beyond_int64_ = false;  // given an unsigned value above INT64_MAX
};

using int32 = integer<std::int32_t>;
using int64 = integer<std::int64_t>;
using uint32 = integer<std::uint32_t>;

template <std::integral T, T Min, T Max>
struct optional_of<integer<T, Min, Max, false>> {
    using type = integer<T, Min, Max, true>;
};

namespace detail {

// The report of an integer outside [min, max]: one function for every integer type, out of line
// of their checks.
[[gnu::cold, gnu::noinline]] inline void report_out_of_range(reporter& c, std::int64_t min, std::int64_t max,
                                                             bool beyond_int64, std::int64_t raw) {
    const bool above = beyond_int64 || raw > max;
    c.report(error_code::out_of_range,
             "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                 (beyond_int64 ? std::string("a value above 9223372036854775807") : std::to_string(raw)),
             above ? max : min);
}

}  // namespace detail

template <std::integral T, T Min, T Max, bool Optional>
struct field_traits<integer<T, Min, Max, Optional>> {
    using type = integer<T, Min, Max, Optional>;
    static constexpr bool required = !Optional;
    static constexpr bool can_be_unset = true;
    static constexpr bool writes_unreserved = true;  // digits and '-'
    static constexpr bool is_set(const type& v) noexcept { return v.has_value(); }

    static void check(const type& v, reporter& c) {
        if (!v.in_range()) detail::report_out_of_range(c, Min, Max, v.beyond_int64(), v.raw());
    }
    static void write_json(const type& v, std::string& out) { field_traits<std::int64_t>::write_json(v.raw(), out); }
    template <class Emit>
    static void write_params(const type& v, std::string_view name, Emit&& emit) {
        field_traits<std::int64_t>::write_params(v.raw(), name, emit);
    }
    template <detail::json_value Json>
    static void read(type& v, const Json& j, reporter& c) {
        if (Optional && j.is_null()) v.reset();  // null reads as absent
        else if (auto n = detail::read_int64(j, c)) v = *n;
    }
};

template <std::integral T, T Min, T Max, bool Optional>
checked<integer<T, Min, Max, Optional>> integer<T, Min, Max, Optional>::from(std::int64_t v) {
    validation_errors errors;
    reporter c(errors);
    integer f(v);
    field_traits<integer>::check(f, c);
    if (!errors.empty()) return errors;
    return f;
}

}  // namespace livemsg
