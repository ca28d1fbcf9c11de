// SPDX-License-Identifier: BSL-1.0
// docs/extending.md's example: an operation added in one header works like the built-in ones.
#include "extending/send_greeting.hpp"

#include <livemsg/signing.hpp>

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace extending_test {

using livemsg::error_code;

TEST_CASE("an operation added in one header renders, validates, signs and parses", "[extending]") {
    STATIC_REQUIRE(livemsg::alibaba::rpc_operation<example::SendGreeting>);

    example::SendGreeting greeting{.AppId = "demo", .ReceiverId = "uid2", .Style = "warm", .Text = "hello"};
    livemsg::http_request http;
    REQUIRE(livemsg::alibaba::render(greeting, http).empty());
    CHECK(http.url() ==
          "https://live.aliyuncs.com/?Action=SendGreeting&Version=2016-11-01&AppId=demo&ReceiverId=uid2&Style=warm&Text=hello");

    const livemsg::alibaba::credentials creds{"testid", livemsg::secret("testsecret"), {}};
    const livemsg::alibaba::signing_options at{std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)),
                                               "nonce1"};
    REQUIRE(livemsg::alibaba::sign_v3(http, creds, at).ok());
    CHECK(http.headers.find("x-acs-action") == "SendGreeting");

    auto answer = livemsg::alibaba::parse_response<example::SendGreeting>(200, R"({"RequestId":"R1","GreetingId":"g1"})");
    REQUIRE(answer.result() != nullptr);
    CHECK(answer.result()->GreetingId == "g1");
    CHECK(livemsg::alibaba::parse_response<example::SendGreeting>(400, R"({"Code":"InputInvalid"})").error() != nullptr);
}

TEST_CASE("the example's own rule reports like the built-in ones", "[extending]") {
    example::SendGreeting greeting{.AppId = "demo", .ReceiverId = std::string("uid-2"), .Style = std::string("Warm"),
                                   .Text = std::string(257, 't'), .Extra = std::string("{")};
    const auto errors = livemsg::validate(greeting);
    CHECK(codes_for(errors, "ReceiverId") == std::vector{error_code::not_alphanumeric});
    CHECK(codes_for(errors, "Style") == std::vector{error_code::not_alphanumeric});
    CHECK(errors.find("Style")->message == "must contain only lower-case ASCII letters and '-'; found 'W' at byte 0");
    CHECK(codes_for(errors, "Text") == std::vector{error_code::too_long});
    CHECK(codes_for(errors, "Extra") == std::vector{error_code::not_json});

    auto decoded = livemsg::decode_json<example::SendGreeting>(R"({"AppId":"demo","ReceiverId":"u2","Style":"x","Mood":1})");
    REQUIRE_FALSE(decoded.ok());
    CHECK(codes_for(decoded.errors(), "Mood") == std::vector{error_code::unknown_field});
}

}  // namespace extending_test
