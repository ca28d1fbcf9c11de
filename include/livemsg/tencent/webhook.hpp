// SPDX-License-Identifier: BSL-1.0
// The live-room group message webhooks ("Before Group Message Is Sent", "After Group Message Is
// Sent"): Tencent POSTs the message to the app's URL, whose query names the command
// (webhook_query.hpp). The app answers (before_send_answer.hpp), and for the Before webhook may
// let the message through, refuse it, discard it or replace it. Authentication (Sign,
// RequestTime) is in webhook_auth.hpp, which needs OpenSSL.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/type_name.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
#include <livemsg/tencent/webhook_query.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::tencent {

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

}  // namespace livemsg::tencent
