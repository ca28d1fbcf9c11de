// SPDX-License-Identifier: BSL-1.0
#include <livemsg/core/percent_encoding.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace percent_encoding_test {

using livemsg::append_percent_encoded;
using livemsg::is_unreserved;
using livemsg::percent_decode;
using livemsg::percent_encode;
using namespace std::string_view_literals;

static_assert(is_unreserved('~') && is_unreserved('-') && !is_unreserved('*') && !is_unreserved('+'));

TEST_CASE("unreserved characters stay as they are", "[percent]") {
    const std::string unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    CHECK(percent_encode(unreserved) == unreserved);
    CHECK(percent_encode("") == "");
}

TEST_CASE("is_unreserved matches RFC 3986 exactly", "[percent]") {
    const std::string_view unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
    for (int b = 0; b < 256; ++b) {
        const char c = static_cast<char>(b);
        CAPTURE(b);
        CHECK(is_unreserved(c) == (unreserved.find(c) != std::string_view::npos));
    }
}

TEST_CASE("reserved and other characters are escaped in upper case", "[percent]") {
    CHECK(percent_encode(" ") == "%20");
    CHECK(percent_encode("*") == "%2A");
    CHECK(percent_encode("+") == "%2B");
    CHECK(percent_encode("/") == "%2F");
    CHECK(percent_encode(":") == "%3A");
    CHECK(percent_encode("%") == "%25");
    CHECK(percent_encode("=&?#") == "%3D%26%3F%23");
    CHECK(percent_encode("a b~c*d") == "a%20b~c%2Ad");
    CHECK(percent_encode("2016-11-01T12:00:00Z") == "2016-11-01T12%3A00%3A00Z");
}

TEST_CASE("UTF-8 bytes are escaped one by one", "[percent]") {
    CHECK(percent_encode("\xC3\xA9") == "%C3%A9");
    CHECK(percent_encode("\xE4\xB8\xAD") == "%E4%B8%AD");
    CHECK(percent_encode("\x00\x7F\xFF"sv) == "%00%7F%FF");
}

TEST_CASE("append_percent_encoded appends", "[percent]") {
    std::string out = "Body=";
    append_percent_encoded(out, "hello, user");
    CHECK(out == "Body=hello%2C%20user");
    append_percent_encoded(out, "");
    CHECK(out == "Body=hello%2C%20user");
}

TEST_CASE("every byte round-trips", "[percent]") {
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    const std::string encoded = percent_encode(all);
    CHECK(encoded.size() == 66 + 3 * (256 - 66));
    const auto decoded = percent_decode(encoded);
    REQUIRE(decoded.has_value());
    CHECK(*decoded == all);
    for (int b = 0; b < 256; ++b) {
        const std::string one(1, static_cast<char>(b));
        CAPTURE(b);
        CHECK(percent_decode(percent_encode(one)) == std::optional<std::string>(one));
    }
}

TEST_CASE("percent_decode accepts both hex cases", "[percent]") {
    CHECK(percent_decode("%c3%a9") == std::optional<std::string>("\xC3\xA9"));
    CHECK(percent_decode("%C3%A9") == std::optional<std::string>("\xC3\xA9"));
    CHECK(percent_decode("a%20b") == std::optional<std::string>("a b"));
    CHECK(percent_decode("") == std::optional<std::string>(""));
}

TEST_CASE("percent_decode rejects malformed escapes", "[percent]") {
    CHECK_FALSE(percent_decode("%").has_value());
    CHECK_FALSE(percent_decode("%4").has_value());
    CHECK_FALSE(percent_decode("abc%4").has_value());
    CHECK_FALSE(percent_decode("%G1").has_value());
    CHECK_FALSE(percent_decode("%1G").has_value());
    CHECK_FALSE(percent_decode("%%41").has_value());
}

TEST_CASE("percent_decode keeps '+' as a plus sign", "[percent]") {
    CHECK(percent_decode("a+b") == std::optional<std::string>("a+b"));
    CHECK(percent_decode("%2B") == std::optional<std::string>("+"));
}

}  // namespace percent_encoding_test
