// SPDX-License-Identifier: BSL-1.0
// number_or_digits<T>: an integer read from a JSON number or from a string of its decimal digits,
// as Tencent sends EventTime both ways ("EventTime":"1670574414123" in the live room's Before
// example, "EventTime | Integer" in its field table: https://trtc.io/document/74347), by the
// DOM reader and by the event reader alike.
#include <livemsg/core/core.hpp>

#include "test_support.hpp"

#include <boost/describe/class.hpp>
#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace number_or_digits_test {

using livemsg::error_code;
using livemsg::number_or_digits;

struct event {
    number_or_digits<std::int64_t> EventTime{};
    std::optional<number_or_digits<std::uint32_t>> Random{};
};
BOOST_DESCRIBE_STRUCT(event, (), (EventTime, Random))

namespace {

// read_json's answer, which the event reader gives for a clean body, and the DOM reader's.
livemsg::checked<event> read_both(const std::string& body, bool by_events) {
    event fast{};
    CHECK(livemsg::detail::read_events(body, fast) == by_events);
    const auto dom = livemsg::detail::read_json_dom<event>(body);
    const auto answer = livemsg::read_json<event>(body);
    REQUIRE(answer.ok() == dom.ok());
    if (dom.ok()) {
        CHECK(answer->EventTime == dom->EventTime);
        CHECK(answer->Random == dom->Random);
        if (by_events) CHECK(fast.EventTime == dom->EventTime);
    }
    return answer;
}

}  // namespace

TEST_CASE("number_or_digits reads a number or a string of its digits", "[number_or_digits][json_reader]") {
    for (const std::string body : {R"({"EventTime":1670574414123})", R"({"EventTime":"1670574414123"})"}) {
        INFO(body);
        const auto read = read_both(body, true);
        REQUIRE(read.ok());
        CHECK(read->EventTime == 1670574414123);
        CHECK_FALSE(read->Random.has_value());
        // Written back as a number, whichever way it came.
        CHECK(livemsg::to_json(*read) == R"({"EventTime":1670574414123})");
    }
    const auto both = read_both(R"({"EventTime":"0","Random":"4294967295"})", true);
    REQUIRE(both.ok());
    CHECK(both->EventTime == 0);
    CHECK(both->Random == 4294967295u);
    const auto negative = read_both(R"({"EventTime":-5,"Random":null})", true);  // a JSON number may be negative
    REQUIRE(negative.ok());
    CHECK(negative->EventTime == -5);
    CHECK_FALSE(negative->Random.has_value());
    // The largest values, each way.
    CHECK(read_both(R"({"EventTime":"9223372036854775807"})", true)->EventTime == INT64_MAX);
    CHECK(read_both(R"({"EventTime":9223372036854775807})", true)->EventTime == INT64_MAX);
}

TEST_CASE("number_or_digits refuses anything but digits, and values past T", "[number_or_digits][json_reader]") {
    const std::vector<std::pair<std::string, error_code>> cases{
        {R"({"EventTime":"-5"})", error_code::wrong_type},  // digits only: no sign
        {R"({"EventTime":"+5"})", error_code::wrong_type},
        {R"({"EventTime":" 5"})", error_code::wrong_type},
        {R"({"EventTime":"5 "})", error_code::wrong_type},
        {R"({"EventTime":"1.0"})", error_code::wrong_type},
        {R"({"EventTime":"1e3"})", error_code::wrong_type},
        {R"({"EventTime":"0x1F"})", error_code::wrong_type},
        {R"({"EventTime":""})", error_code::wrong_type},
        {R"({"EventTime":true})", error_code::wrong_type},
        {R"({"EventTime":null})", error_code::wrong_type},  // not optional: null is no integer
        {R"({"EventTime":{}})", error_code::wrong_type},
        {R"({"EventTime":[1]})", error_code::wrong_type},
        {R"({"EventTime":1.5})", error_code::out_of_range},  // a number, but not whole
        {R"({"EventTime":"9223372036854775808"})", error_code::out_of_range},
        {R"({"EventTime":9223372036854775808})", error_code::out_of_range},
        {R"({"EventTime":"99999999999999999999999"})", error_code::out_of_range},
        {R"({})", error_code::missing},
    };
    for (const auto& [body, code] : cases) {
        INFO(body);
        const auto read = read_both(body, false);
        REQUIRE_FALSE(read.ok());
        CHECK(codes_for(read.errors(), "EventTime") == std::vector{code});
        CHECK(read.errors().input() == body);
    }
    // T's range, each way: 2^32 is past a uint32.
    for (const std::string random : {"4294967296", "\"4294967296\"", "-1"}) {
        const std::string body = R"({"EventTime":1,"Random":)" + random + "}";
        INFO(body);
        const auto read = read_both(body, false);
        REQUIRE_FALSE(read.ok());
        CHECK(codes_for(read.errors(), "Random") == std::vector{error_code::out_of_range});
    }
    const auto limit = livemsg::read_json<event>(R"({"EventTime":1,"Random":"4294967296"})");
    REQUIRE_FALSE(limit.ok());
    CHECK(limit.errors()[0].limit == 4294967295);
}

TEST_CASE("number_or_digits converts to and from T, and carries T's rule", "[number_or_digits]") {
    number_or_digits<std::int32_t> n = 7;
    const std::int32_t back = n;
    CHECK(back == 7);
    CHECK(n == 7);
    n = -3;
    CHECK(n.value == -3);
    STATIC_REQUIRE(livemsg::field<number_or_digits<std::int64_t>>);
    STATIC_REQUIRE(livemsg::writes_unreserved<number_or_digits<std::int64_t>>);
    CHECK(livemsg::validate(event{.EventTime = 1}).empty());
    // As a query parameter it is its digits.
    std::string query;
    livemsg::field_traits<number_or_digits<std::int64_t>>::write_params(
        number_or_digits<std::int64_t>(1670574414123), "EventTime",
        [&](std::string_view name, std::string_view text) { query = std::string(name) + "=" + std::string(text); });
    CHECK(query == "EventTime=1670574414123");
}

}  // namespace number_or_digits_test
