// SPDX-License-Identifier: BSL-1.0
// An operation added in one header: the struct reads like the vendor's parameter table, and the
// engine validates, writes, signs and parses it. (SendGreeting is an example, not an Alibaba API.)
#pragma once

#include <livemsg/alibaba/alibaba.hpp>

#include <boost/describe/class.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace example {

// A rule of its own: 1 to MaxBytes lower-case ASCII letters and '-'. check() runs while
// compiling for a literal and in validate() for runtime text; message() words its reports.
template <std::size_t MaxBytes>
struct slug_rule {
    static constexpr bool is_slug_byte(char c) noexcept { return (c >= 'a' && c <= 'z') || c == '-'; }

    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        if (s.empty()) return fail(livemsg::error_code::empty, std::nullopt, 0);
        if (s.size() > MaxBytes) return fail(livemsg::error_code::too_long, MaxBytes, s.size());
        livemsg::rules::check_each_byte<is_slug_byte>(s, fail);
    }
    static std::string message(livemsg::error_code code, std::optional<std::int64_t> limit, std::size_t at,
                               std::string_view s) {
        if (code == livemsg::error_code::not_alphanumeric)
            return "must contain only lower-case ASCII letters and '-'; " + livemsg::describe_byte(s, at);
        return livemsg::string_rule_message(code, limit, at, s);
    }
};
template <std::size_t MaxBytes>
using slug = livemsg::string_field<slug_rule<MaxBytes>>;

struct SendGreetingResponse {
    std::string RequestId{};
    livemsg::optional<std::string> GreetingId{};
};
BOOST_DESCRIBE_STRUCT(SendGreetingResponse, (), (RequestId, GreetingId))

struct SendGreeting {
    static constexpr livemsg::alibaba::rpc_api api{"SendGreeting", livemsg::alibaba::live_api_version, 20};
    using response = SendGreetingResponse;

    livemsg::nonempty_text<> AppId{};
    livemsg::alnum_id<64> ReceiverId{};
    slug<32> Style{};                                      // "warm", "short-and-sweet"
    livemsg::optional<livemsg::text<256>> Text{};          // up to 256 bytes of UTF-8
    livemsg::optional<livemsg::json_text<1024>> Extra{};   // JSON, sent as a string
};
BOOST_DESCRIBE_STRUCT(SendGreeting, (), (AppId, ReceiverId, Style, Text, Extra))

}  // namespace example
