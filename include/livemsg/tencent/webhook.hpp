// SPDX-License-Identifier: BSL-1.0
// The live-room group message webhooks ("Before Group Message Is Sent", "After Group Message Is
// Sent"): Tencent POSTs the message to the app's URL, whose query names the command; the app
// answers, and for the Before webhook may let the message through, refuse it, discard it or
// replace it. Authentication (Sign, RequestTime) is in webhook_auth.hpp, which needs OpenSSL.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/json_syntax.hpp>
#include <livemsg/detail/percent_encoding.hpp>
#include <livemsg/detail/type_name.hpp>
#include <livemsg/detail/utf8.hpp>
#include <livemsg/tencent/send_text_msg.hpp>

#include <boost/describe/enum.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

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

/// Where the message was sent from.
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

// The number that decimal digits in `s` spell, or nullopt after reporting what `s` is not.
inline std::optional<std::int64_t> decimal_in_text(std::string_view s, std::string_view expected, reporter& c) {
    const auto [status, value] = livemsg::detail::parse_decimal_int64(s);
    if (status == livemsg::detail::decimal_status::ok) return value;
    if (status == livemsg::detail::decimal_status::out_of_range)
        c.report(error_code::out_of_range, "must fit in a signed 64-bit integer",
                 std::numeric_limits<std::int64_t>::max());
    else
        c.report(error_code::wrong_type, "must be " + std::string(expected) + ", got \"" + std::string(s) + '"');
    return std::nullopt;
}

// The query of a whole URL ("https://host/path?a=1#frag"), or the text itself when it is one.
constexpr std::string_view query_of(std::string_view url) noexcept {
    url = url.substr(0, url.find('#'));
    if (const auto q = url.find('?'); q != std::string_view::npos) return url.substr(q + 1);
    if (url.find("://") != std::string_view::npos || url.starts_with('/')) return {};  // a URL without a query
    return url;
}

}  // namespace detail

/// Reads the webhook URL's query: a whole URL, or its query with or without the '?'. Values are
/// percent-decoded ('+' stays a plus sign: no documented value holds a space). Unknown parameters
/// are ignored; a known one given twice is a conflict, so that a forged copy cannot shadow the
/// signed one.
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
            if (names[i] == name) which = i;
        if (which == std::size(names)) continue;
        c.at(name, [&] {
            if (seen[which])
                return c.report(error_code::conflict, "must appear once in the query, got it again");
            seen[which] = true;
            auto value = livemsg::detail::percent_decode(raw);
            if (!value) return c.report(error_code::wrong_type, "has a malformed percent escape");
            switch (which) {
                case 0:
                    if (auto n = detail::decimal_in_text(*value, "an integer", c)) q.SdkAppid = *n;
                    break;
                case 1:
                    if (value->empty()) return c.report(error_code::empty, "must not be empty");
                    q.CallbackCommand = open_enum<callback_command>(*value);
                    break;
                case 2: q.contenttype = std::move(*value); break;
                case 3: q.ClientIP = std::move(*value); break;
                case 4: q.OptPlatform = open_enum<opt_platform>(*value); break;
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

/// One element of MsgBody. Every element type is kept; MsgContent is its JSON text as it came.
struct message_element {
    std::string MsgType{};
    std::string MsgContent{};

    /// MsgContent.Text of a TIMTextElem; nullopt for any other element.
    std::optional<std::string> text() const {
        if (MsgType != "TIMTextElem") return std::nullopt;
        boost::system::error_code ec;
        const boost::json::value content = boost::json::parse(MsgContent, ec);
        if (ec || !content.is_object()) return std::nullopt;
        const auto* found = content.get_object().if_contains("Text");
        if (!found || !found->is_string()) return std::nullopt;
        return std::string(found->get_string());
    }

    friend bool operator==(const message_element&, const message_element&) = default;
};

/// A text element, its MsgContent written as escaped JSON. The text should be valid UTF-8;
/// append_answer refuses an element that is not.
inline message_element text_element(std::string_view text) {
    message_element e{"TIMTextElem", R"({"Text":)"};
    livemsg::detail::append_json_string(e.MsgContent, text);
    e.MsgContent += '}';
    return e;
}

/// The body of a Before or After group message webhook, read leniently: unknown members are
/// ignored and every member but MsgBody may be absent (the send_text_msg page's example has only
/// CloudCustomData and MsgBody), leaving a string empty.
struct group_message_webhook {
    open_enum<callback_command> CallbackCommand{};
    std::string GroupId{};  // the room ID
    std::string Type{};     // "Live" for a live room
    std::string From_Account{};
    std::string Operator_Account{};
    std::optional<std::uint32_t> Random{};
    std::optional<std::string> MsgId{};  // a string or a number on the wire, kept as its text
    std::vector<message_element> MsgBody{};
    std::optional<std::string> CloudCustomData{};
    std::optional<std::int64_t> EventTime{};  // milliseconds; a string of digits or a number on the wire
    std::optional<std::int64_t> MsgSeq{};   // After webhook
    std::optional<std::int64_t> MsgTime{};  // After webhook, Unix seconds

    /// The Text of every TIMTextElem, in order.
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& e : MsgBody)
            if (auto t = e.text()) out.push_back(std::move(*t));
        return out;
    }
};

namespace detail {

// Spans in a text already known to be valid JSON, so that MsgContent keeps its bytes as they
// came. Positions are offsets into the text; each function starts at the first byte of a value.
struct json_spans {
    std::string_view s;

    std::size_t skip_space(std::size_t i) const noexcept {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
        return i;
    }
    std::size_t end_of_string(std::size_t i) const noexcept {
        for (++i; i < s.size() && s[i] != '"'; ++i)
            if (s[i] == '\\') ++i;
        return i + 1;
    }
    std::size_t end_of_value(std::size_t i) const noexcept {
        if (i >= s.size()) return i;
        if (s[i] == '"') return end_of_string(i);
        if (s[i] == '{' || s[i] == '[') {
            int depth = 0;
            while (i < s.size()) {
                const char c = s[i];
                if (c == '"') {
                    i = end_of_string(i);
                    continue;
                }
                ++i;
                if (c == '{' || c == '[') ++depth;
                else if ((c == '}' || c == ']') && --depth == 0) break;
            }
            return i;
        }
        while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
               s[i] != '\n' && s[i] != '\r')
            ++i;
        return i;
    }
    // Calls fn(key_with_quotes, value) for each member of the object at `i`, or each element
    // (with an empty key) of the array at `i`.
    template <class Fn>
    void for_each_item(std::size_t i, Fn&& fn) const {
        if (i >= s.size() || (s[i] != '{' && s[i] != '[')) return;
        const bool object = s[i] == '{';
        i = skip_space(i + 1);
        while (i < s.size() && s[i] != '}' && s[i] != ']') {
            std::string_view key;
            if (object) {
                const std::size_t key_end = end_of_string(i);
                key = s.substr(i, key_end - i);
                i = skip_space(skip_space(key_end) + 1);  // past the ':'
            }
            const std::size_t value_end = end_of_value(i);
            fn(key, i, value_end);
            i = skip_space(value_end);
            if (i < s.size() && s[i] == ',') i = skip_space(i + 1);
        }
    }
    static bool key_is(std::string_view quoted, std::string_view name) {
        if (quoted.find('\\') == std::string_view::npos) return quoted.substr(1, quoted.size() - 2) == name;
        boost::system::error_code ec;
        const boost::json::value key = boost::json::parse(quoted, ec);
        return !ec && key.is_string() && key.get_string() == name;
    }
    // The start of the last member named `name` of the object at `i` (the one a parser keeps).
    std::optional<std::size_t> member(std::size_t i, std::string_view name) const {
        std::optional<std::size_t> found;
        for_each_item(i, [&](std::string_view key, std::size_t at, std::size_t) {
            if (key_is(key, name)) found = at;
        });
        return found;
    }
};

// The exact text of MsgBody[i].MsgContent for each element, empty where there is none.
inline std::vector<std::string_view> raw_msg_contents(std::string_view body) {
    std::vector<std::string_view> out;
    const json_spans spans{body};
    const auto msg_body = spans.member(spans.skip_space(0), "MsgBody");
    if (!msg_body) return out;
    spans.for_each_item(*msg_body, [&](std::string_view, std::size_t at, std::size_t) {
        const auto content = spans.member(at, "MsgContent");
        out.push_back(content ? body.substr(*content, spans.end_of_value(*content) - *content) : std::string_view{});
    });
    return out;
}

// An integer given as a number or as a string of decimal digits.
inline void read_lenient_int64(std::optional<std::int64_t>& v, const boost::json::value& j, reporter& c) {
    if (j.is_null()) return v.reset();
    if (j.is_string()) {
        if (auto n = decimal_in_text(j.get_string(), "an integer or a string of decimal digits", c)) v = n;
        return;
    }
    field_traits<std::optional<std::int64_t>>::read(v, j, c);
}

inline void read_string(std::string& v, const boost::json::value& j, reporter& c) {
    if (!j.is_null()) field_traits<std::string>::read(v, j, c);
}

// Parses `body` and reads it with read(T&, json, reporter&): the T, or every problem found with
// the body kept (errors().input()).
template <class T, class Read>
checked<T> read_json_body(std::string_view body, const Read& read) {
    validation_errors errors(livemsg::detail::type_name<T>());
    T out;
    {
        boost::json::monotonic_resource arena;
        boost::system::error_code ec;
        const boost::json::value json = boost::json::parse(body, ec, &arena);
        reporter c(errors);
        if (ec) c.report(error_code::not_json, "body is not valid JSON: " + ec.message());
        else read(out, json, c);
    }
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return out;
}

// MsgBody: each element's MsgType, and its MsgContent as the bytes that came (`body` is the
// whole text `j` was parsed from, MsgBody one of its top-level members).
inline void read_msg_body(std::vector<message_element>& elements_out, const boost::json::value& j,
                          std::string_view body, reporter& c) {
    if (!j.is_array()) return livemsg::detail::report_wrong_type(c, "an array", j);
    const auto raw = raw_msg_contents(body);
    const auto& elements = j.get_array();
    elements_out.resize(elements.size());
    for (std::size_t i = 0; i < elements.size(); ++i) {
        c.at(i, [&] {
            if (!elements[i].is_object()) return livemsg::detail::report_wrong_type(c, "an object", elements[i]);
            const auto& e = elements[i].get_object();
            c.at("MsgType", [&] {
                if (const auto* t = e.if_contains("MsgType")) field_traits<std::string>::read(elements_out[i].MsgType, *t, c);
                else c.report(error_code::missing, "field required");
            });
            c.at("MsgContent", [&] {
                const auto* content = e.if_contains("MsgContent");
                if (!content) return c.report(error_code::missing, "field required");
                if (i < raw.size() && !raw[i].empty()) elements_out[i].MsgContent.assign(raw[i]);
                else elements_out[i].MsgContent = boost::json::serialize(*content);
            });
        });
    }
}

inline void read_webhook(group_message_webhook& hook, const boost::json::value& json, std::string_view body,
                         reporter& c) {
    if (!json.is_object()) return livemsg::detail::report_wrong_type(c, "an object", json);
    const auto& obj = json.get_object();
    const auto member = [&](std::string_view name, auto&& read) {
        if (const auto* found = obj.if_contains(name)) c.at(name, [&] { read(*found); });
    };
    member("CallbackCommand", [&](const boost::json::value& j) {
        if (!j.is_null()) field_traits<open_enum<callback_command>>::read(hook.CallbackCommand, j, c);
    });
    member("GroupId", [&](const boost::json::value& j) { read_string(hook.GroupId, j, c); });
    member("Type", [&](const boost::json::value& j) { read_string(hook.Type, j, c); });
    member("From_Account", [&](const boost::json::value& j) { read_string(hook.From_Account, j, c); });
    member("Operator_Account", [&](const boost::json::value& j) { read_string(hook.Operator_Account, j, c); });
    member("Random", [&](const boost::json::value& j) {
        field_traits<std::optional<std::uint32_t>>::read(hook.Random, j, c);
    });
    member("MsgId", [&](const boost::json::value& j) {
        if (j.is_null()) return;
        if (j.is_string()) hook.MsgId = std::string(j.get_string());
        else if (j.is_int64()) hook.MsgId = std::to_string(j.get_int64());
        else if (j.is_uint64()) hook.MsgId = std::to_string(j.get_uint64());
        else livemsg::detail::report_wrong_type(c, "a string or an integer", j);
    });
    c.at("MsgBody", [&] {
        if (const auto* found = obj.if_contains("MsgBody")) read_msg_body(hook.MsgBody, *found, body, c);
        else c.report(error_code::missing, "field required: the message's elements");
    });
    member("CloudCustomData", [&](const boost::json::value& j) {
        field_traits<std::optional<std::string>>::read(hook.CloudCustomData, j, c);
    });
    member("EventTime", [&](const boost::json::value& j) { read_lenient_int64(hook.EventTime, j, c); });
    member("MsgSeq", [&](const boost::json::value& j) { read_lenient_int64(hook.MsgSeq, j, c); });
    member("MsgTime", [&](const boost::json::value& j) { read_lenient_int64(hook.MsgTime, j, c); });
}

}  // namespace detail

/// Reads a Before or After group message webhook's body: the webhook, or every problem found
/// with the body kept (errors().input()).
[[nodiscard]] inline checked<group_message_webhook> read_group_message_webhook(std::string_view body) {
    return detail::read_json_body<group_message_webhook>(
        body, [&](group_message_webhook& hook, const boost::json::value& json, reporter& c) {
            detail::read_webhook(hook, json, body, c);
        });
}

/// The body the webhooks carry for `msg`, as the send_text_msg page shows it: CloudCustomData
/// only when ExtensionInfo is set. Written as it is: validate `msg` first.
[[nodiscard]] inline std::string webhook_body_of(const send_text_msg& msg) {
    std::string out = "{";
    if (msg.ExtensionInfo.has_value()) {
        out += R"("CloudCustomData":)";
        livemsg::detail::append_json_string(out, msg.ExtensionInfo.view());
        out += ',';
    }
    out += R"("MsgBody":[{"MsgContent":{"Text":)";
    livemsg::detail::append_json_string(out, msg.TextContent.view());
    out += R"(},"MsgType":"TIMTextElem"}]})";
    return out;
}

/// Whether the webhook carries `msg`'s message: its texts are exactly [TextContent] (one text
/// element, the same bytes; elements of other types are not compared), and CloudCustomData equals
/// ExtensionInfo, absent matching absent. The room and the sender are not compared: the page's
/// example body has neither; compare GroupId and From_Account yourself where they matter.
[[nodiscard]] inline bool carries(const group_message_webhook& hook, const send_text_msg& msg) {
    if (!msg.TextContent.has_value()) return false;
    const auto texts = hook.texts();
    if (texts.size() != 1 || texts[0] != msg.TextContent.view()) return false;
    if (hook.CloudCustomData.has_value() != msg.ExtensionInfo.has_value()) return false;
    return !hook.CloudCustomData || *hook.CloudCustomData == msg.ExtensionInfo.view();
}

/// The send_text_msg a webhook's message amounts to: RoomId from GroupId, Sender_Account from
/// From_Account, TextContent from the texts joined with nothing between them, ExtensionInfo from
/// CloudCustomData. What the webhook lacks stays unset, so validate() reports it as missing.
[[nodiscard]] inline send_text_msg send_text_msg_of(const group_message_webhook& hook) {
    send_text_msg msg;
    if (!hook.GroupId.empty()) msg.RoomId = hook.GroupId;
    if (!hook.From_Account.empty()) msg.Sender_Account = hook.From_Account;
    const auto texts = hook.texts();
    if (!texts.empty()) {
        std::string joined;
        for (const auto& t : texts) joined += t;
        msg.TextContent = std::move(joined);
    }
    if (hook.CloudCustomData) msg.ExtensionInfo = *hook.CloudCustomData;
    return msg;
}

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
