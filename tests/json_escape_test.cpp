// SPDX-License-Identifier: BSL-1.0
#include <livemsg/detail/json_escape.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

namespace json_escape_test {

using namespace std::string_view_literals;

namespace {

std::string quoted(std::string_view s) {
    std::string out;
    livemsg::detail::append_json_string(out, s);
    return out;
}

}  // namespace

TEST_CASE("plain text is wrapped in quotes", "[json_escape]") {
    CHECK(quoted("") == R"("")");
    CHECK(quoted("hello world") == R"("hello world")");
    CHECK(quoted("a/b") == R"("a/b")");
}

TEST_CASE("quote and backslash are escaped", "[json_escape]") {
    CHECK(quoted("\"") == R"("\"")");
    CHECK(quoted("\\") == R"("\\")");
    CHECK(quoted(R"(say "hi" \o/)") == R"("say \"hi\" \\o/")");
}

TEST_CASE("control characters with short escapes", "[json_escape]") {
    CHECK(quoted("\b") == R"("\b")");
    CHECK(quoted("\f") == R"("\f")");
    CHECK(quoted("\n") == R"("\n")");
    CHECK(quoted("\r") == R"("\r")");
    CHECK(quoted("\t") == R"("\t")");
    CHECK(quoted("a\r\nb\tc") == R"("a\r\nb\tc")");
}

TEST_CASE("other control characters become lower-case \\u00XX", "[json_escape]") {
    CHECK(quoted("\x01") == R"("\u0001")");
    CHECK(quoted("\x0B") == R"("\u000b")");
    CHECK(quoted("\x1F") == R"("\u001f")");
    CHECK(quoted("\x1B[0m") == R"("\u001b[0m")");
    CHECK(quoted("a\x00z"sv) == R"("a\u0000z")");
    CHECK(quoted("\x00"sv) == R"("\u0000")");
}

TEST_CASE("every byte below 0x20 is escaped", "[json_escape]") {
    for (int c = 0; c < 0x20; ++c) {
        const char byte = static_cast<char>(c);
        const std::string out = quoted(std::string_view(&byte, 1));
        CAPTURE(c);
        REQUIRE(out.size() >= 4);
        CHECK(out[1] == '\\');
        CHECK(out.find(byte) == std::string::npos);
    }
}

TEST_CASE("DEL and non-ASCII UTF-8 pass through unchanged", "[json_escape]") {
    CHECK(quoted("\x7F") == "\"\x7F\"");
    CHECK(quoted("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
    CHECK(quoted("\xE4\xB8\xAD\xE6\x96\x87") == "\"\xE4\xB8\xAD\xE6\x96\x87\"");
    CHECK(quoted("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");
    CHECK(quoted("a\xE2\x80\xA8" "b\xE2\x80\xA9") == "\"a\xE2\x80\xA8" "b\xE2\x80\xA9\"");  // U+2028, U+2029
}

TEST_CASE("appends to existing content", "[json_escape]") {
    std::string out = "{\"k\":";
    livemsg::detail::append_json_string(out, "v\n");
    out += ',';
    livemsg::detail::append_json_string(out, "\"");
    CHECK(out == R"({"k":"v\n","\"")");
}

}  // namespace json_escape_test
