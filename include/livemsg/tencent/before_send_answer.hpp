// SPDX-License-Identifier: BSL-1.0
// The app's answer to a live-room webhook (webhook.hpp): for the Before webhook, deliver the
// message, refuse it, discard it or replace it; the After webhook's answer is ignored.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/core/number_or_digits.hpp>
#include <livemsg/core/raw_json.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/type_name.hpp>
#include <livemsg/detail/utf8.hpp>
#include <livemsg/tencent/webhook.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livemsg::tencent {

/// What the Before webhook's ErrorCode tells Tencent (Before Group Message Is Sent,
/// https://trtc.io/document/74347, and the Chat page of "group messages",
/// https://intl.cloud.tencent.com/document/product/1047/34374, "Response fields": "`0`: allows
/// message sending; `1`: forbids message sending; `2`: discards the message
/// silently. If the business side wants to forbid a user to send messages and send `ErrorCode`
/// and `ErrorInfo` to the client, ensure that the value of `ErrorCode` is set within the range of
/// [10100, 10200]."):
enum class before_send_verdict {
    allow,             // 0: delivered, replaced where the answer carries MsgBody or CloudCustomData
    refuse,            // 1: not sent; the sender gets ErrorCode 10016
    discard,           // 2: not sent; the sender is told it was
    refuse_with_code,  // 10100 to 10200: not sent; the sender gets this ErrorCode and the ErrorInfo
};
BOOST_DESCRIBE_ENUM(before_send_verdict, allow, refuse, discard, refuse_with_code)

/// The ErrorCodes an app refuses with in its own words.
inline constexpr std::int64_t first_refusal_code = 10100;
inline constexpr std::int64_t last_refusal_code = 10200;

/// The verdict an ErrorCode gives, or nullopt for a code the pages give none.
constexpr std::optional<before_send_verdict> verdict_of(std::int64_t error_code) noexcept {
    switch (error_code) {
        case 0: return before_send_verdict::allow;
        case 1: return before_send_verdict::refuse;
        case 2: return before_send_verdict::discard;
        default: break;
    }
    if (error_code >= first_refusal_code && error_code <= last_refusal_code) return before_send_verdict::refuse_with_code;
    return std::nullopt;
}

/// The answer to a Before webhook, as the page's response fields (in the order of its examples,
/// the order append_answer writes them). MsgBody and CloudCustomData replace the message's;
/// Tencent delivers a changed message only with ErrorCode 0. Absent from an answer read,
/// ActionStatus and ErrorInfo keep these values.
struct before_send_answer {
    std::optional<std::string> ActionStatus{"OK"};          // String: OK or FAIL
    std::optional<std::string> ErrorInfo{""};               // String: for 10100-10200, what the sender is told
    number_or_digits<std::int64_t> ErrorCode{};             // Integer: see before_send_verdict
    std::optional<std::vector<message_element>> MsgBody{};  // Array: the message's elements, replaced
    std::optional<std::string> CloudCustomData{};           // String: the message's custom data, replaced

    /// What ErrorCode tells Tencent, or nullopt for a code it gives no meaning.
    constexpr std::optional<before_send_verdict> verdict() const noexcept { return verdict_of(ErrorCode); }
};
BOOST_DESCRIBE_STRUCT(before_send_answer, (), (ActionStatus, ErrorInfo, ErrorCode, MsgBody, CloudCustomData))

/// The answer to an After webhook: Tencent ignores what it says.
inline constexpr std::string_view after_send_ack = R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0})";

namespace detail {

inline void report_unknown_code(std::int64_t code, reporter& c) {
    c.report(error_code::not_one_of, "must be 0 (allow), 1 (refuse), 2 (discard) or 10100 to 10200 (refuse, the "
                                     "sender told this code and ErrorInfo), got " + std::to_string(code));
}

}  // namespace detail

/// Appends the answer to `out`, or, leaving `out` as it was, reports what would make it invalid:
/// an ErrorCode the pages give no meaning, a replacement with an ErrorCode other than 0, an empty
/// MsgType, MsgContent that is not a JSON object, text that is not UTF-8.
[[nodiscard]] inline validation_errors append_answer(const before_send_answer& a, std::string& out) {
    validation_errors errors(livemsg::detail::type_name<before_send_answer>());
    reporter c(errors);
    const auto utf8 = [&](std::string_view s) {
        if (const auto at = livemsg::detail::invalid_utf8_offset(s); at != std::string_view::npos)
            c.report(error_code::invalid_utf8, "must be valid UTF-8; ill-formed sequence at byte " + std::to_string(at));
    };
    if (a.ActionStatus) c.at("ActionStatus", [&] { utf8(*a.ActionStatus); });
    if (a.ErrorInfo) c.at("ErrorInfo", [&] { utf8(*a.ErrorInfo); });
    c.at("ErrorCode", [&] {
        const auto verdict = a.verdict();
        if (!verdict) return detail::report_unknown_code(a.ErrorCode, c);
        if (*verdict != before_send_verdict::allow && (a.MsgBody || a.CloudCustomData))
            c.report(error_code::conflict, "must be allow (0) for a replacement MsgBody or CloudCustomData to be sent");
    });
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
                        const std::size_t before = errors.size();
                        field_traits<raw_json>::check(e.MsgContent, c);
                        if (errors.size() != before) return;
                        const std::string_view s = e.MsgContent.view();
                        if (s[s.find_first_not_of(" \t\r\n")] != '{') c.report(error_code::wrong_type, "must be a JSON object");
                    });
                });
            }
        });
    }
    if (a.CloudCustomData) c.at("CloudCustomData", [&] { utf8(*a.CloudCustomData); });
    if (errors.empty()) append_json(a, out);
    return errors;
}

/// Reads an app's answer to a Before webhook as Tencent does (read_json): ErrorCode one the pages
/// give a meaning (a number, or a string of digits), and the replacement MsgBody (each MsgContent
/// kept as its bytes) and CloudCustomData when present. Unknown members are ignored; a
/// replacement that comes with an ErrorCode other than 0 is kept, and Tencent ignores it.
[[nodiscard]] inline checked<before_send_answer> read_before_send_answer(std::string_view body) {
    auto answer = read_json<before_send_answer>(body);
    if (!answer || answer->verdict()) return answer;
    validation_errors errors(livemsg::detail::type_name<before_send_answer>());
    reporter c(errors);
    c.at("ErrorCode", [&] { detail::report_unknown_code(answer->ErrorCode, c); });
    errors.set_input(body);
    return errors;
}

}  // namespace livemsg::tencent
