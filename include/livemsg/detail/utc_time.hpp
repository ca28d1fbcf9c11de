// SPDX-License-Identifier: BSL-1.0
// UTC timestamps in the fixed formats signatures use.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <string>

namespace livemsg::detail {

struct utc_fields {
    int year, month, day, hour, minute, second;
};

inline utc_fields to_utc_fields(std::chrono::system_clock::time_point t) noexcept {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec};
}

// Room for any int in every field, so that the compiler can prove nothing is truncated.
inline constexpr std::size_t utc_buffer_size = 6 * 12 + 8;

// "2023-10-26T10:22:32Z" (ISO 8601, as Alibaba's Timestamp and x-acs-date).
inline std::string iso8601_utc(std::chrono::system_clock::time_point t) {
    const auto f = to_utc_fields(t);
    char buf[utc_buffer_size];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", f.year, f.month, f.day, f.hour, f.minute,
                  f.second);
    return buf;
}

}  // namespace livemsg::detail
