// SPDX-License-Identifier: BSL-1.0
#include <livemsg/core/integer.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/detail/ascii.hpp>

#include <boost/describe/class.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace integer_test {

using livemsg::error_code;

namespace {

using limit_t = std::optional<std::int64_t>;

constexpr std::int64_t i32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t i32_max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t u32_max = std::numeric_limits<std::uint32_t>::max();

using percent = livemsg::integer<int, 0, 100>;

struct Counters {
    livemsg::int32 Small{};
    livemsg::int64 Big{};
    livemsg::uint32 Unsigned{};
};
BOOST_DESCRIBE_STRUCT(Counters, (), (Small, Big, Unsigned))

}  // namespace

TEST_CASE("an integer is unset until assigned", "[integer]") {
    livemsg::int32 a;
    livemsg::int64 b;
    livemsg::uint32 c;
    CHECK_FALSE(a.has_value());
    CHECK_FALSE(b.has_value());
    CHECK_FALSE(c.has_value());
    CHECK_FALSE(a.in_range());
    CHECK_FALSE(a == 0);

    a = 0;
    CHECK(a.has_value());
    CHECK(a.in_range());
    CHECK(a == 0);

    a.reset();
    CHECK_FALSE(a.has_value());
    CHECK(a == livemsg::int32());
}

TEST_CASE("from() accepts Min and Max exactly", "[integer]") {
    const auto lo = livemsg::int32::from(i32_min);
    const auto hi = livemsg::int32::from(i32_max);
    REQUIRE(lo.ok());
    REQUIRE(hi.ok());
    CHECK(lo->value() == std::numeric_limits<std::int32_t>::min());
    CHECK(hi->value() == std::numeric_limits<std::int32_t>::max());

    CHECK(livemsg::uint32::from(0).ok());
    CHECK(livemsg::uint32::from(u32_max)->value() == std::numeric_limits<std::uint32_t>::max());
    CHECK(percent::from(0).ok());
    CHECK(percent::from(100).ok());
}

TEST_CASE("from() reports one past either end with the limit crossed", "[integer]") {
    const auto below = livemsg::int32::from(i32_min - 1);
    REQUIRE_FALSE(below.ok());
    REQUIRE(below.errors().size() == 1);
    CHECK(below.errors()[0].code == error_code::out_of_range);
    CHECK(below.errors()[0].limit == limit_t(i32_min));

    const auto above = livemsg::int32::from(i32_max + 1);
    REQUIRE_FALSE(above.ok());
    REQUIRE(above.errors().size() == 1);
    CHECK(above.errors()[0].code == error_code::out_of_range);
    CHECK(above.errors()[0].limit == limit_t(i32_max));

    CHECK(livemsg::uint32::from(-1).errors()[0].limit == limit_t(0));
    CHECK(livemsg::uint32::from(u32_max + 1).errors()[0].limit == limit_t(u32_max));
    CHECK(percent::from(-1).errors()[0].limit == limit_t(0));
    CHECK(percent::from(101).errors()[0].limit == limit_t(100));
}

TEST_CASE("a wider value is kept and reported, never narrowed", "[integer]") {
    livemsg::int32 n = std::int64_t{5000000000};
    CHECK(n.has_value());
    CHECK(n.raw() == 5000000000);
    CHECK_FALSE(n.in_range());
    CHECK_FALSE(n == 705032704);  // 5000000000 mod 2^32

    const auto r = livemsg::int32::from(5000000000);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors()[0].code == error_code::out_of_range);
    CHECK(r.errors()[0].limit == limit_t(i32_max));

    livemsg::uint32 u = -1;
    CHECK(u.raw() == -1);
    CHECK_FALSE(u.in_range());
}

TEST_CASE("validation reports integers out of their range", "[integer]") {
    Counters c;
    c.Small = std::int64_t{5000000000};
    c.Big = 1;
    c.Unsigned = -1;
    const auto errors = livemsg::validate(c);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "Small");
    CHECK(errors[0].code == error_code::out_of_range);
    CHECK(errors[0].limit == limit_t(i32_max));
    CHECK(errors[1].field == "Unsigned");
    CHECK(errors[1].code == error_code::out_of_range);
    CHECK(errors[1].limit == limit_t(0));
}

TEST_CASE("int64 holds its extremes exactly", "[integer]") {
    const auto lo = livemsg::int64::from(i64_min);
    const auto hi = livemsg::int64::from(i64_max);
    REQUIRE(lo.ok());
    REQUIRE(hi.ok());
    CHECK(lo->value() == i64_min);
    CHECK(hi->value() == i64_max);
    CHECK(*lo == i64_min);
    CHECK(*hi == i64_max);

    livemsg::int64 big = std::int64_t{7221856821303361536};
    CHECK(big.in_range());
    CHECK(big.value() == 7221856821303361536);
}

TEST_CASE("an unsigned value above INT64_MAX is out of range for int64", "[integer]") {
    livemsg::int64 n = std::uint64_t{9223372036854775808u};
    CHECK(n.has_value());
    CHECK_FALSE(n.in_range());
    CHECK_FALSE(n == i64_max);
    CHECK_FALSE(n == i64_min);

    livemsg::int64 max_u = std::numeric_limits<std::uint64_t>::max();
    CHECK_FALSE(max_u.in_range());

    Counters c;
    c.Small = 0;
    c.Big = std::uint64_t{9223372036854775808u};
    c.Unsigned = 0u;
    const auto errors = livemsg::validate(c);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "Big");
    CHECK(errors[0].code == error_code::out_of_range);
}

TEST_CASE("an unsigned value above INT64_MAX reports the upper limit", "[integer]") {
    Counters c;
    c.Small = 0;
    c.Big = std::uint64_t{9223372036854775808u};
    c.Unsigned = 0u;
    const auto errors = livemsg::validate(c);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].limit == limit_t(i64_max));
    CHECK(errors[0].message.find("got 9223372036854775807") == std::string::npos);
    CHECK(errors[0].message.find("got a value above 9223372036854775807") != std::string::npos);
}

TEST_CASE("an unsigned value above INT64_MAX is out of range for uint32", "[integer]") {
    livemsg::uint32 n = std::numeric_limits<std::uint64_t>::max();
    CHECK_FALSE(n.in_range());
    Counters c;
    c.Small = 0;
    c.Big = 0;
    c.Unsigned = std::numeric_limits<std::uint64_t>::max();
    const auto errors = livemsg::validate(c);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].field == "Unsigned");
    CHECK(errors[0].limit == limit_t(u32_max));
}

TEST_CASE("decimal digits: the int64 limit passes, one past it is out of range, anything else is not decimal",
          "[integer][decimal]") {
    using livemsg::detail::decimal_status;
    using livemsg::detail::parse_decimal_int64;
    STATIC_REQUIRE(parse_decimal_int64("9223372036854775807").status == decimal_status::ok);
    STATIC_REQUIRE(parse_decimal_int64("9223372036854775807").value == std::numeric_limits<std::int64_t>::max());
    CHECK(parse_decimal_int64("9223372036854775808").status == decimal_status::out_of_range);
    CHECK(parse_decimal_int64("99999999999999999999").status == decimal_status::out_of_range);
    CHECK(parse_decimal_int64("0").value == 0);
    CHECK(parse_decimal_int64("007").value == 7);
    for (const char* text : {"", "-1", "+1", " 1", "1 ", "1a", "0x10", "99999999999999999999x"})
        CHECK(parse_decimal_int64(text).status == decimal_status::not_decimal);
}

}  // namespace integer_test
