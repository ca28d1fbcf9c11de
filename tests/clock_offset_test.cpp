// SPDX-License-Identifier: BSL-1.0
// HTTP Date parsing (RFC 9110, section 5.6.7: IMF-fixdate, RFC 850 and asctime), the clock
// offset it gives, and a clock corrected by it for signing.
#include <livemsg/core/clock_offset.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace clock_offset_test {

using namespace std::chrono;
using livemsg::clock_offset;
using livemsg::parse_http_date;

namespace {

constexpr sys_seconds utc(year_month_day date, hours h, minutes m, seconds s) { return sys_days(date) + h + m + s; }

// A fixed "now" for the RFC 850 year rule: Saturday, 28 November 2026, noon.
constexpr system_clock::time_point reference_now = utc(2026y / November / 28, 12h, 0min, 0s);

}  // namespace

TEST_CASE("the three forms RFC 9110 names read as the same instant", "[clock_offset]") {
    const sys_seconds expected = utc(1994y / November / 6, 8h, 49min, 37s);
    CHECK(expected.time_since_epoch() == 784111777s);  // the RFC's example, as Unix time

    CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
    CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", reference_now) == expected);
    CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == expected);

    // Two-digit days in asctime; spaces and tabs around the value are no part of it.
    CHECK(parse_http_date("Fri Nov 27 23:59:59 2026") == utc(2026y / November / 27, 23h, 59min, 59s));
    CHECK(parse_http_date(" \tSun, 06 Nov 1994 08:49:37 GMT\t ") == expected);
    CHECK(parse_http_date("Tue, 19 Jan 2038 03:14:07 GMT")->time_since_epoch() == 2147483647s);
    CHECK(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT")->time_since_epoch() == 0s);
    CHECK(parse_http_date("Wed, 31 Dec 1969 23:59:59 GMT")->time_since_epoch() == -1s);
}

TEST_CASE("leap days exist only in leap years", "[clock_offset]") {
    CHECK(parse_http_date("Thu, 29 Feb 2024 12:00:00 GMT") == utc(2024y / February / 29, 12h, 0min, 0s));
    CHECK(parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT") == utc(2000y / February / 29, 0h, 0min, 0s));
    CHECK(parse_http_date("Thu Feb 29 12:00:00 2024") == utc(2024y / February / 29, 12h, 0min, 0s));
    CHECK_FALSE(parse_http_date("Wed, 29 Feb 2023 12:00:00 GMT"));
    CHECK_FALSE(parse_http_date("Thu, 29 Feb 1900 12:00:00 GMT"));  // a century, not a leap year
    CHECK_FALSE(parse_http_date("Sat, 30 Feb 2024 12:00:00 GMT"));
}

TEST_CASE("a leap second is read as the second before", "[clock_offset]") {
    CHECK(parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT") == utc(2016y / December / 31, 23h, 59min, 59s));
    CHECK_FALSE(parse_http_date("Sat, 31 Dec 2016 23:59:61 GMT"));
}

TEST_CASE("RFC 850's two-digit year is the latest not more than 50 years ahead", "[clock_offset]") {
    CHECK(parse_http_date("Friday, 27-Nov-26 10:00:00 GMT", reference_now) == utc(2026y / November / 27, 10h, 0min, 0s));
    // 2076-11-01 is under 50 years after the reference; 2076-12-15 is over, so 1976.
    CHECK(parse_http_date("Sunday, 01-Nov-76 00:00:00 GMT", reference_now) == utc(2076y / November / 1, 0h, 0min, 0s));
    CHECK(parse_http_date("Wednesday, 15-Dec-76 00:00:00 GMT", reference_now) ==
          utc(1976y / December / 15, 0h, 0min, 0s));
    // The weekday is checked against the year the rule picks, not used to pick one.
    CHECK_FALSE(parse_http_date("Tuesday, 15-Dec-76 00:00:00 GMT", reference_now));
    // Near the end of a century the next one's years come into reach.
    constexpr system_clock::time_point late = utc(2090y / January / 1, 0h, 0min, 0s);
    CHECK_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", late));  // 2094-11-06 is a Saturday
    CHECK(parse_http_date("Saturday, 06-Nov-94 08:49:37 GMT", late) == utc(2094y / November / 6, 8h, 49min, 37s));
}

TEST_CASE("anything malformed is rejected", "[clock_offset]") {
    const std::string_view rejected[] = {
        "",
        "GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",     // hour 24
        "Sun, 06 Nov 1994 08:60:00 GMT",     // minute 60
        "Sun, 00 Nov 1994 08:49:37 GMT",     // day 0
        "Mon, 31 Apr 1995 08:49:37 GMT",     // April has 30 days
        "Sun, 32 Dec 1994 08:49:37 GMT",
        "Mon, 06 Nov 1994 08:49:37 GMT",     // 6 November 1994 was a Sunday
        "Sun, 06 Foo 1994 08:49:37 GMT",     // no such month
        "sun, 06 nov 1994 08:49:37 GMT",     // the grammar's names are case-sensitive
        "Sun, 06 Nov 1994 08:49:37 UTC",     // only GMT
        "Sun, 06 Nov 1994 08:49:37 +0000",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 6 Nov 1994 08:49:37 GMT",      // IMF-fixdate pads the day with a zero
        "Sun, 06 Nov 94 08:49:37 GMT",       // and has four-digit years
        "Sun, 06 Nov 1994 8:49:37 GMT",
        "Sun,06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT x",   // trailing text
        "Sun, 06 Nov 1994 08:49:37 GMTT",
        "Sunday, 06 Nov 1994 08:49:37 GMT",  // a long name with the short form's date
        "Sun, 06-Nov-94 08:49:37 GMT",       // a short name with RFC 850's date
        "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",           // asctime pads the day with a space
        "Sun Nov 06 08:49:37 94",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun, 06 Nov 1994 08:4a:37 GMT",
        "Sun, 06 Nov -994 08:49:37 GMT",
    };
    for (std::string_view text : rejected) {
        INFO('"' << std::string(text) << '"');
        CHECK_FALSE(parse_http_date(text, reference_now).has_value());
    }
}

TEST_CASE("the offset is server minus local time, either way", "[clock_offset]") {
    const std::string_view date = "Sat, 28 Nov 2026 12:00:00 GMT";
    // The local clock is 90 s behind the server: add 90 s.
    const system_clock::time_point behind = utc(2026y / November / 28, 11h, 58min, 30s);
    CHECK(clock_offset(date, behind) == 90s);
    // Ahead by 20 minutes (Alibaba refuses past 15): take them off.
    const system_clock::time_point ahead = utc(2026y / November / 28, 12h, 20min, 0s);
    CHECK(clock_offset(date, ahead) == -20min);
    CHECK(clock_offset(date, utc(2026y / November / 28, 12h, 0min, 0s)) == 0s);
    // Sub-second local time is dropped, as the Date has whole seconds.
    CHECK(clock_offset(date, behind + 700ms) == 90s);
    CHECK_FALSE(clock_offset("yesterday", behind));
}

TEST_CASE("offset_clock signs with the server's time", "[clock_offset]") {
    const system_clock::time_point local = utc(2026y / November / 28, 11h, 58min, 30s);
    livemsg::offset_clock clock;
    CHECK(clock.offset() == 0s);
    CHECK(clock.at(local) == local);

    REQUIRE(clock.update("Sat, 28 Nov 2026 12:00:00 GMT", local));
    CHECK(clock.offset() == 90s);
    CHECK(clock.at(local) == utc(2026y / November / 28, 12h, 0min, 0s));

    // An unreadable Date keeps what was measured.
    CHECK_FALSE(clock.update("Sat, 28 Nov 2026 25:00:00 GMT", local));
    CHECK(clock.offset() == 90s);

    const livemsg::offset_clock behind(-30s);
    const system_clock::time_point before = system_clock::now();
    const system_clock::time_point corrected = behind.now();
    const system_clock::time_point after = system_clock::now();
    CHECK(corrected >= before - 30s);
    CHECK(corrected <= after - 30s);
}

}  // namespace clock_offset_test
