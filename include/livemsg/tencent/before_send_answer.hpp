// SPDX-License-Identifier: BSL-1.0
// The app's answer to a live-room webhook (webhook.hpp): for the Before webhook, deliver the
// message, refuse it, discard it or replace it; the After webhook's answer is ignored.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/json_syntax.hpp>
#include <livemsg/detail/type_name.hpp>
#include <livemsg/detail/utf8.hpp>
#include <livemsg/tencent/webhook.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace livemsg::tencent {

/// The Before webhook's ErrorCode: deliver, refuse (the sender is told), or discard silently
/// (the sender is told it was sent).
enum class before_send_verdict { allow = 0, refuse = 1, discard = 2 };
BOOST_DESCRIBE_ENUM(before_send_verdict, allow, refuse, discard)

/// The answer to a Before webhook. MsgBody and CloudCustomData replace the message's; Tencent
/// delivers a changed message only with ErrorCode 0, so they need verdict allow.
struct before_send_answer {
    before_send_verdict verdict = before_send_verdict::allow;
    std::optional<std::vector<message_element>> MsgBody{};
    std::optional<std::string> CloudCustomData{};
};

/// The answer to an After webhook: Tencent ignores what it says.
inline constexpr std::string_view after_send_ack = R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0})";

/// Appends the answer to `out`, or, leaving `out` as it was, reports what would make it invalid:
/// a verdict outside the enumeration, a replacement with a verdict other than allow, an empty
/// MsgType, MsgContent that is not a JSON object, text that is not UTF-8.
[[nodiscard]] inline validation_errors append_answer(const before_send_answer& a, std::string& out) {
    validation_errors errors(livemsg::detail::type_name<before_send_answer>());
    reporter c(errors);
    const auto code = static_cast<std::underlying_type_t<before_send_verdict>>(a.verdict);
    c.at("ErrorCode", [&] {
        if (to_wire(a.verdict).empty())
            return c.report(error_code::not_one_of, "must be allow (0), refuse (1) or discard (2), got " +
                                                        std::to_string(code));
        if (a.verdict != before_send_verdict::allow && (a.MsgBody || a.CloudCustomData))
            c.report(error_code::conflict, "must be allow (0) for a replacement MsgBody or CloudCustomData to be sent");
    });
    const auto utf8 = [&](std::string_view s) {
        if (const auto at = livemsg::detail::invalid_utf8_offset(s); at != std::string_view::npos)
            c.report(error_code::invalid_utf8, "must be valid UTF-8; ill-formed sequence at byte " + std::to_string(at));
    };
    if (a.MsgBody) {
        c.at("MsgBody", [&] {
            for (std::size_t i = 0; i < a.MsgBody->size(); ++i) {
                const message_element& e = (*a.MsgBody)[i];
                c.at(i, [&] {
                    c.at("MsgType", [&] {
                        if (e.MsgType.empty()) c.report(error_code::empty, "must not be empty");
                        else utf8(e.MsgType);
                    });
                    c.at("MsgContent", [&] {
                        const std::string_view s = e.MsgContent;
                        if (!livemsg::detail::is_valid_utf8(s)) return utf8(s);
                        if (const auto at = livemsg::detail::json_syntax::invalid_offset(s); at != std::string_view::npos)
                            return c.report(error_code::not_json, "must be valid JSON; syntax error at byte " + std::to_string(at));
                        const auto first = s.find_first_not_of(" \t\r\n");
                        if (s[first] != '{') c.report(error_code::wrong_type, "must be a JSON object");
                    });
                });
            }
        });
    }
    if (a.CloudCustomData) c.at("CloudCustomData", [&] { utf8(*a.CloudCustomData); });
    if (!errors.empty()) return errors;

    out += R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":)";
    out += static_cast<char>('0' + code);
    if (a.MsgBody) {
        out += R"(,"MsgBody":[)";
        for (std::size_t i = 0; i < a.MsgBody->size(); ++i) {
            const message_element& e = (*a.MsgBody)[i];
            if (i) out += ',';
            out += R"({"MsgType":)";
            livemsg::detail::append_json_string(out, e.MsgType);
            out += R"(,"MsgContent":)";
            out += e.MsgContent;
            out += '}';
        }
        out += ']';
    }
    if (a.CloudCustomData) {
        out += R"(,"CloudCustomData":)";
        livemsg::detail::append_json_string(out, *a.CloudCustomData);
    }
    out += '}';
    return errors;
}

/// Reads an app's answer to a Before webhook as Tencent does: ErrorCode 0, 1 or 2 (a number, or
/// a string of digits), and the replacement MsgBody (each MsgContent kept as its bytes) and
/// CloudCustomData when present. ActionStatus, ErrorInfo and unknown members are ignored; a
/// replacement that comes with a verdict other than allow is kept, and Tencent ignores it.
[[nodiscard]] inline checked<before_send_answer> read_before_send_answer(std::string_view body) {
    return detail::read_json_body<before_send_answer>(
        body, [&](before_send_answer& answer, const boost::json::value& json, reporter& c) {
            if (!json.is_object()) return livemsg::detail::report_wrong_type(c, "an object", json);
            const auto& obj = json.get_object();
            c.at("ErrorCode", [&] {
                const auto* found = obj.if_contains("ErrorCode");
                if (!found) return c.report(error_code::missing, "field required: 0 allow, 1 refuse, 2 discard");
                std::optional<std::int64_t> code;
                detail::read_lenient_int64(code, *found, c);
                if (!code) return;
                if (*code < 0 || *code > 2)
                    return c.report(error_code::not_one_of,
                                    "must be 0 (allow), 1 (refuse) or 2 (discard), got " + std::to_string(*code));
                answer.verdict = static_cast<before_send_verdict>(*code);
            });
            if (const auto* found = obj.if_contains("MsgBody"); found && !found->is_null())
                c.at("MsgBody", [&] { detail::read_msg_body(answer.MsgBody.emplace(), *found, body, c); });
            if (const auto* found = obj.if_contains("CloudCustomData"))
                c.at("CloudCustomData",
                     [&] { field_traits<std::optional<std::string>>::read(answer.CloudCustomData, *found, c); });
        });
}

}  // namespace livemsg::tencent
