// SPDX-License-Identifier: BSL-1.0
// The query of a live-room webhook's URL: Tencent names the command (CallbackCommand) and the
// app (SdkAppid, or SdkAppId) there, and signs it (Sign, RequestTime) when a callback token is configured;
// webhook_auth.hpp checks the signature.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/number_or_digits.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/percent_encoding.hpp>

#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::tencent {

enum class callback_command { before_send_msg, after_send_msg };
BOOST_DESCRIBE_ENUM(callback_command, before_send_msg, after_send_msg)

constexpr std::string_view wire_name(callback_command c) noexcept {
    switch (c) {
        case callback_command::before_send_msg: return "Group.CallbackBeforeSendMsg";
        case callback_command::after_send_msg: return "Group.CallbackAfterSendMsg";
    }
    return {};
}

/// Where the message was sent from. Wire strings as the Live webhook overview lists them; the Mac
/// also reads as "macOS" (opt_platform_of).
enum class opt_platform { restapi, web, android, ios, windows, mac, ipad, unknown };
BOOST_DESCRIBE_ENUM(opt_platform, restapi, web, android, ios, windows, mac, ipad, unknown)

constexpr std::string_view wire_name(opt_platform p) noexcept {
    switch (p) {
        case opt_platform::restapi: return "RESTAPI";
        case opt_platform::web: return "Web";
        case opt_platform::android: return "Android";
        case opt_platform::ios: return "iOS";
        case opt_platform::windows: return "Windows";
        case opt_platform::mac: return "Mac";
        case opt_platform::ipad: return "iPad";
        case opt_platform::unknown: return "Unknown";
    }
    return {};
}

/// The platform an OptPlatform value names. The pages spell the Mac two ways: "Mac" in the Live
/// webhook overview (https://www.tencentcloud.com/document/product/647/64412), "macOS" in the
/// Chat webhook overview (https://trtc.io/document/34354); both are opt_platform::mac, the text
/// kept as it came.
inline open_enum<opt_platform> opt_platform_of(std::string_view text) {
    if (text == "macOS") return {opt_platform::mac, text};
    return open_enum<opt_platform>(text);
}

/// The webhook URL's query. The receiver checks that SdkAppid is its own; Sign and RequestTime
/// are empty unless a callback token is configured (see webhook_auth.hpp).
struct webhook_query {
    std::int64_t SdkAppid{};
    open_enum<callback_command> CallbackCommand{};
    std::string contenttype{};
    std::string ClientIP{};
    open_enum<opt_platform> OptPlatform{};  // empty when absent
    std::string Sign{};
    std::string RequestTime{};
};

namespace detail {

inline constexpr std::string_view webhook_query_model = "webhook_query";

// The query of a whole URL ("https://host/path?a=1#frag"), or the text itself when it is one.
constexpr std::string_view query_of(std::string_view url) noexcept {
    url = url.substr(0, url.find('#'));
    if (const auto q = url.find('?'); q != std::string_view::npos) return url.substr(q + 1);
    if (url.find("://") != std::string_view::npos || url.starts_with('/')) return {};  // a URL without a query
    return url;
}

}  // namespace detail

/// Reads the webhook URL's query: a whole URL, or its query with or without the '?'. Values are
/// percent-decoded ('+' stays a plus sign: no documented value holds a space). Names are matched
/// in any case: the Live webhook overview spells `SdkAppId`, the message webhooks' pages
/// `SdkAppid`. Unknown parameters are ignored; a known one given twice, in whatever spelling, is
/// a conflict, so that a forged copy cannot shadow the signed one.
[[nodiscard]] inline checked<webhook_query> read_webhook_query(std::string_view url) {
    validation_errors errors(detail::webhook_query_model);
    reporter c(errors);
    webhook_query q;
    constexpr std::string_view names[] = {"SdkAppid", "CallbackCommand", "contenttype", "ClientIP",
                                          "OptPlatform", "Sign", "RequestTime"};
    bool seen[std::size(names)] = {};

    std::string_view rest = detail::query_of(url);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        const std::string_view raw = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        std::size_t which = std::size(names);
        for (std::size_t i = 0; i < std::size(names); ++i)
            if (livemsg::detail::iequals(names[i], name)) which = i;
        if (which == std::size(names)) continue;
        c.at(name, [&] {
            if (seen[which])
                return c.report(error_code::conflict, "must appear once in the query, got it again");
            seen[which] = true;
            auto value = livemsg::detail::percent_decode(raw);
            if (!value) return c.report(error_code::wrong_type, "has a malformed percent escape");
            switch (which) {
                case 0:
                    if (auto n = livemsg::detail::read_digits<std::int64_t>(*value, "an integer", c)) q.SdkAppid = *n;
                    break;
                case 1:
                    if (value->empty()) return c.report(error_code::empty, "must not be empty");
                    q.CallbackCommand = open_enum<callback_command>(*value);
                    break;
                case 2: q.contenttype = std::move(*value); break;
                case 3: q.ClientIP = std::move(*value); break;
                case 4: q.OptPlatform = opt_platform_of(*value); break;
                case 5: q.Sign = std::move(*value); break;
                case 6: q.RequestTime = std::move(*value); break;
            }
        });
    }
    for (std::size_t required = 0; required < 2; ++required)  // SdkAppid, CallbackCommand
        if (!seen[required]) c.at(names[required], [&] { c.report(error_code::missing, "parameter required"); });
    if (!errors.empty()) {
        errors.set_input(url);
        return errors;
    }
    return q;
}

}  // namespace livemsg::tencent
