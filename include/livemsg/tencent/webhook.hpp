// SPDX-License-Identifier: BSL-1.0
// The live-room group message webhooks ("Before Group Message Is Sent", "After Group Message Is
// Sent"): Tencent POSTs the message to the app's URL, whose query names the command
// (webhook_query.hpp). The app answers (before_send_answer.hpp), and for the Before webhook may
// let the message through, refuse it, discard it or replace it. Authentication (Sign,
// RequestTime) is in webhook_auth.hpp, which needs OpenSSL.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/number_or_digits.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/raw_json.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
#include <livemsg/tencent/webhook_query.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::tencent {

/// One element of MsgBody: its type, and its content as the JSON it came as, whatever the type
/// (TIMTextElem's {"Text"}, TIMCustomElem's {"Data","Desc","Ext"}, and the others the message
/// format pages list): every element is kept.
struct message_element {
    std::string MsgType{};
    raw_json MsgContent{};

    /// MsgContent.Text of a TIMTextElem; nullopt for any other element.
    std::optional<std::string> text() const {
        if (MsgType != "TIMTextElem") return std::nullopt;
        boost::system::error_code ec;
        const boost::json::value content = boost::json::parse(MsgContent.view(), ec);
        if (ec || !content.is_object()) return std::nullopt;
        const auto* found = content.get_object().if_contains("Text");
        if (!found || !found->is_string()) return std::nullopt;
        return std::string(found->get_string());
    }

    friend bool operator==(const message_element&, const message_element&) = default;
};
BOOST_DESCRIBE_STRUCT(message_element, (), (MsgType, MsgContent))

/// A text element, its MsgContent written as escaped JSON. The text should be valid UTF-8;
/// append_answer refuses an element that is not.
inline message_element text_element(std::string_view text) {
    std::string content = R"({"Text":)";
    livemsg::detail::append_json_string(content, text);
    content += '}';
    return {"TIMTextElem", raw_json(std::move(content))};
}

/// The body of a Before or After group message webhook, as the live room's pages list its
/// fields (Before Group Message Is Sent, https://trtc.io/document/74347; After,
/// https://www.tencentcloud.com/document/product/647/74348). Read as every response is: unknown
/// members are ignored, and each member may be absent (the send_text_msg page's example has only
/// CloudCustomData and MsgBody); a MsgBody absent has no elements.
struct group_message_webhook {
    std::optional<open_enum<callback_command>> CallbackCommand{};  // String: the webhook command
    std::optional<std::string> GroupId{};           // String: the room's ID
    std::optional<std::string> Type{};              // String: "Live" for a live room
    std::optional<std::string> From_Account{};      // String: the sender's UserID
    std::optional<std::string> Operator_Account{};  // String: who made the request (an admin, by REST API)
    std::optional<std::uint32_t> Random{};          // Integer: the request's 32-bit random number
    std::optional<std::string> MsgId{};             // String: the message's ID on the client
    std::vector<message_element> MsgBody{};         // Array: the message's elements
    std::optional<std::string> CloudCustomData{};   // String: the message's custom data
    // Integer, milliseconds; the pages' examples send it as a string of digits.
    std::optional<number_or_digits<std::int64_t>> EventTime{};
    std::optional<number_or_digits<std::int64_t>> MsgSeq{};   // Integer, After only: the message's sequence number
    std::optional<number_or_digits<std::int64_t>> MsgTime{};  // Integer, After only: the message's Unix time

    /// The Text of every TIMTextElem, in order.
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& e : MsgBody)
            if (auto t = e.text()) out.push_back(std::move(*t));
        return out;
    }
};
BOOST_DESCRIBE_STRUCT(group_message_webhook, (),
                      (CallbackCommand, GroupId, Type, From_Account, Operator_Account, Random, MsgId, MsgBody,
                       CloudCustomData, EventTime, MsgSeq, MsgTime))

/// Reads a Before or After group message webhook's body (read_json): the webhook, or every
/// problem found with the body kept (errors().input()).
[[nodiscard]] inline checked<group_message_webhook> read_group_message_webhook(std::string_view body) {
    return read_json<group_message_webhook>(body);
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
    if (hook.GroupId && !hook.GroupId->empty()) msg.RoomId = *hook.GroupId;
    if (hook.From_Account && !hook.From_Account->empty()) msg.Sender_Account = *hook.From_Account;
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
