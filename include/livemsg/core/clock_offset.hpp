// SPDX-License-Identifier: BSL-1.0
// How far the local clock is from a server's, read from the HTTP Date header of its answer, so
// that a request refused for its time (Alibaba's InvalidTimeStamp.Expired, Volcengine's
// InvalidTimestamp) can be signed again with the server's time.
#pragma once

#include <livemsg/detail/ascii.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string_view>

namespace livemsg {

namespace detail {

inline constexpr std::array<std::string_view, 7> short_day_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
inline constexpr std::array<std::string_view, 7> long_day_names{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                                "Thursday", "Friday", "Saturday"};
inline constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Reads the fixed grammar of RFC 9110's dates front to back; every step fails on anything else.
// Names are case-sensitive, as the grammar has them (%s"Sun").
class http_date_reader {
public:
    explicit constexpr http_date_reader(std::string_view text) noexcept : rest_(text) {}

    constexpr bool literal(std::string_view word) noexcept {
        if (!rest_.starts_with(word)) return false;
        rest_.remove_prefix(word.size());
        return true;
    }

    // Exactly `count` ASCII digits.
    constexpr bool digits(std::size_t count, int& out) noexcept {
        if (rest_.size() < count) return false;
        const decimal_int64 number = parse_decimal_int64(rest_.substr(0, count));  // count is at most 4
        if (number.status != decimal_status::ok) return false;
        rest_.remove_prefix(count);
        out = static_cast<int>(number.value);
        return true;
    }

    // The index of the name the text starts with, or -1.
    template <std::size_t N>
    constexpr int name(const std::array<std::string_view, N>& names) noexcept {
        for (std::size_t i = 0; i < N; ++i)
            if (literal(names[i])) return static_cast<int>(i);
        return -1;
    }

    // time-of-day = hour ":" minute ":" second
    constexpr bool time_of_day(int& hour, int& minute, int& second) noexcept {
        return digits(2, hour) && literal(":") && digits(2, minute) && literal(":") && digits(2, second);
    }

    constexpr bool done() const noexcept { return rest_.empty(); }

private:
    std::string_view rest_;
};

struct http_date_fields {
    int weekday = -1;  // 0 for Sunday, as std::chrono::weekday's C encoding
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

// The instant the fields name, weekday aside, when they name one: a real calendar day, hours
// up to 23, minutes up to 59. Second 60, a leap second (RFC 9110 allows it), is read as 59:
// system_clock counts no leap seconds.
constexpr std::optional<std::chrono::sys_seconds> instant_of(const http_date_fields& f) noexcept {
    using namespace std::chrono;
    if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31) return std::nullopt;
    const year_month_day date{year(f.year), month(static_cast<unsigned>(f.month)), day(static_cast<unsigned>(f.day))};
    if (!date.ok() || f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
    return sys_seconds(sys_days(date)) + hours(f.hour) + minutes(f.minute) + seconds(f.second == 60 ? 59 : f.second);
}

// instant_of, when the weekday given is the date's.
constexpr std::optional<std::chrono::sys_seconds> to_sys_seconds(const http_date_fields& f) noexcept {
    using namespace std::chrono;
    const std::optional<sys_seconds> t = instant_of(f);
    if (!t || weekday(floor<days>(*t)).c_encoding() != static_cast<unsigned>(f.weekday)) return std::nullopt;
    return t;
}

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
constexpr std::optional<std::chrono::sys_seconds> parse_imf_fixdate(std::string_view text) noexcept {
    http_date_reader r(text);
    http_date_fields f;
    if ((f.weekday = r.name(short_day_names)) < 0 || !r.literal(", ") || !r.digits(2, f.day) || !r.literal(" "))
        return std::nullopt;
    if ((f.month = r.name(month_names) + 1) < 1 || !r.literal(" ") || !r.digits(4, f.year) || !r.literal(" "))
        return std::nullopt;
    if (!r.time_of_day(f.hour, f.minute, f.second) || !r.literal(" GMT") || !r.done()) return std::nullopt;
    return to_sys_seconds(f);
}

// rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT". Its two-digit year is the one, of those with
// these last two digits, that is not more than 50 years after `now` (RFC 9110, section 5.6.7).
inline std::optional<std::chrono::sys_seconds> parse_rfc850_date(std::string_view text,
                                                                 std::chrono::system_clock::time_point now) noexcept {
    using namespace std::chrono;
    http_date_reader r(text);
    http_date_fields f;
    int two_digit_year = 0;
    if ((f.weekday = r.name(long_day_names)) < 0 || !r.literal(", ") || !r.digits(2, f.day) || !r.literal("-"))
        return std::nullopt;
    if ((f.month = r.name(month_names) + 1) < 1 || !r.literal("-") || !r.digits(2, two_digit_year) || !r.literal(" "))
        return std::nullopt;
    if (!r.time_of_day(f.hour, f.minute, f.second) || !r.literal(" GMT") || !r.done()) return std::nullopt;

    const sys_seconds latest = floor<seconds>(now) + duration_cast<seconds>(years(50));
    const int century = static_cast<int>(year_month_day(floor<days>(now)).year()) / 100 * 100;
    // Of this century's candidate and the ones either side, the latest not after `latest`; the
    // weekday is checked against the year chosen, not used to choose it.
    std::optional<int> chosen;
    for (int candidate : {century - 100, century, century + 100}) {
        f.year = candidate + two_digit_year;
        const std::optional<sys_seconds> t = instant_of(f);
        if (t && *t <= latest) chosen = f.year;
    }
    if (!chosen) return std::nullopt;  // no such day in any of them (29-Feb-xx of no leap year)
    f.year = *chosen;
    return to_sys_seconds(f);
}

// asctime-date: "Sun Nov  6 08:49:37 1994" (a day below 10 is padded with a space).
constexpr std::optional<std::chrono::sys_seconds> parse_asctime_date(std::string_view text) noexcept {
    http_date_reader r(text);
    http_date_fields f;
    if ((f.weekday = r.name(short_day_names)) < 0 || !r.literal(" ")) return std::nullopt;
    if ((f.month = r.name(month_names) + 1) < 1 || !r.literal(" ")) return std::nullopt;
    if (!r.digits(2, f.day) && !(r.literal(" ") && r.digits(1, f.day))) return std::nullopt;
    if (!r.literal(" ") || !r.time_of_day(f.hour, f.minute, f.second) || !r.literal(" ") || !r.digits(4, f.year) ||
        !r.done())
        return std::nullopt;
    return to_sys_seconds(f);
}

constexpr bool is_ows(char c) noexcept { return c == ' ' || c == '\t'; }

}  // namespace detail

/// Reads an HTTP date (RFC 9110, section 5.6.7): the IMF-fixdate servers send,
/// "Sun, 06 Nov 1994 08:49:37 GMT", and the two obsolete forms recipients must accept,
/// "Sunday, 06-Nov-94 08:49:37 GMT" (RFC 850) and "Sun Nov  6 08:49:37 1994" (asctime).
/// Spaces and tabs around the value are ignored. nullopt for anything else: a day the month
/// does not have, hour 24, a weekday that is not the date's, a zone other than GMT, lowercase
/// names. `now` places RFC 850's two-digit year: the latest year with those digits that is not
/// more than 50 years after `now`. No locale, no strptime, no timegm: std::chrono's calendar.
inline std::optional<std::chrono::sys_seconds> parse_http_date(
    std::string_view value, std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) noexcept {
    while (!value.empty() && detail::is_ows(value.front())) value.remove_prefix(1);
    while (!value.empty() && detail::is_ows(value.back())) value.remove_suffix(1);
    if (auto t = detail::parse_imf_fixdate(value)) return t;
    if (auto t = detail::parse_rfc850_date(value, now)) return t;
    return detail::parse_asctime_date(value);
}

/// Server time minus local time: positive when the local clock is behind. `date_header` is the
/// Date of the server's answer, `local_now` the local time when that answer arrived. A Date has
/// whole seconds, so the offset is good to about a second plus the answer's travel time: ample
/// for signatures, which allow minutes (Alibaba, 15). nullopt when the Date cannot be read.
inline std::optional<std::chrono::seconds> clock_offset(std::string_view date_header,
                                                        std::chrono::system_clock::time_point local_now) noexcept {
    const std::optional<std::chrono::sys_seconds> server = parse_http_date(date_header, local_now);
    if (!server) return std::nullopt;
    return *server - std::chrono::floor<std::chrono::seconds>(local_now);
}

/// The system clock moved by an offset from clock_offset: the time to sign with when the local
/// clock is wrong. When a vendor refuses a request for its time (Alibaba's
/// InvalidTimeStamp.Expired, Volcengine's InvalidTimestamp, any SignatureExpire-like code), the
/// error is not retryable() as it stands: read the answer's Date, set the offset, and sign a
/// new request with now(), through alibaba::signing_options::time or the time argument of
/// volcengine::sign(). A plain value: share one across threads as any other value (a copy per
/// thread, or a lock around update()).
class offset_clock {
public:
    offset_clock() = default;
    explicit constexpr offset_clock(std::chrono::seconds offset) noexcept : offset_(offset) {}

    /// Server time minus local time.
    constexpr std::chrono::seconds offset() const noexcept { return offset_; }

    /// The server's time now, as far as the offset tells.
    std::chrono::system_clock::time_point now() const noexcept { return at(std::chrono::system_clock::now()); }

    /// The server's time at the local time `local`.
    constexpr std::chrono::system_clock::time_point at(std::chrono::system_clock::time_point local) const noexcept {
        return local + offset_;
    }

    /// Measures the offset again from a server's Date; false, keeping the old offset, when the
    /// Date cannot be read.
    bool update(std::string_view date_header,
                std::chrono::system_clock::time_point local_now = std::chrono::system_clock::now()) noexcept {
        const std::optional<std::chrono::seconds> measured = clock_offset(date_header, local_now);
        if (!measured) return false;
        offset_ = *measured;
        return true;
    }

private:
    std::chrono::seconds offset_{};
};

}  // namespace livemsg
