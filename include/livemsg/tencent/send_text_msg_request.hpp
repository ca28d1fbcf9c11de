// SPDX-License-Identifier: BSL-1.0
// v4/live_engine_http_srv/send_text_msg: an app admin sends a text message to a live room.
//
// The operation's types alone, for a unit that only renders it: send_text_msg.hpp adds reading
// the answer (parse_response).
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/tencent/rest_request.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace livemsg::tencent {

/// Why an accepted message was not delivered. Only frequency control is documented; any other
/// reason is kept as it came (open_enum).
enum class drop_reason { MsgFreqCtrl };
BOOST_DESCRIBE_ENUM(drop_reason, MsgFreqCtrl)

/// The page's `Response` object.
struct send_text_msg_receipt {
    std::int64_t MsgTime{};  // server time of sending, Unix seconds
    std::int64_t MsgSeq{};   // the message's sequence number, its unique identifier
    livemsg::optional<open_enum<drop_reason>> MsgDropReason{};  // empty or absent unless dropped
};
BOOST_DESCRIBE_STRUCT(send_text_msg_receipt, (), (MsgTime, MsgSeq, MsgDropReason))

/// The response body as sent.
struct send_text_msg_response : rest_status {
    livemsg::optional<send_text_msg_receipt> Response{};  // present on success
};
BOOST_DESCRIBE_STRUCT(send_text_msg_response, (rest_status), (Response))

/// The message reached the room.
struct sent_text_msg {
    std::int64_t msg_time{};
    std::int64_t msg_seq{};
};

/// The call succeeded but the message was dropped, not delivered (e.g. MsgFreqCtrl).
struct dropped_text_msg {
    std::int64_t msg_time{};
    std::int64_t msg_seq{};
    open_enum<drop_reason> reason{};
};

/// A successful call: either sent or dropped. The sequence number is only reachable through
/// sent() or dropped(), so a dropped message cannot pass for a delivered one by accident.
class send_text_msg_result {
public:
    /// Null when the message was dropped.
    const sent_text_msg* sent() const noexcept { return std::get_if<sent_text_msg>(&state_); }
    /// Null when the message was sent.
    const dropped_text_msg* dropped() const noexcept { return std::get_if<dropped_text_msg>(&state_); }

    const std::string& request_id() const noexcept {
        static const std::string none;
        return response_.RequestId ? *response_.RequestId : none;
    }
    /// Everything the server sent, as it came.
    const send_text_msg_response& response() const noexcept { return response_; }

    static checked<send_text_msg_result> from(send_text_msg_response&& response) {
        if (!response.Response) {
            validation_errors errors;
            errors.add({"Response", error_code::missing, "field required: a success carries MsgTime and MsgSeq",
                        std::nullopt});
            return errors;
        }
        const send_text_msg_receipt& r = *response.Response;
        if (r.MsgDropReason && !r.MsgDropReason->str().empty())
            return send_text_msg_result(std::move(response), dropped_text_msg{r.MsgTime, r.MsgSeq, *r.MsgDropReason});
        return send_text_msg_result(std::move(response), sent_text_msg{r.MsgTime, r.MsgSeq});
    }

private:
    send_text_msg_result(send_text_msg_response&& response, std::variant<sent_text_msg, dropped_text_msg> state)
        : response_(std::move(response)), state_(std::move(state)) {}

    send_text_msg_response response_;
    std::variant<sent_text_msg, dropped_text_msg> state_;
};

/// Members are the page's body fields, in its order, by their wire names.
struct send_text_msg {
    static constexpr rest_api api{"live_engine_http_srv", "send_text_msg", 200};
    /// "12 KB" (a KB read as 1024 bytes), error 100603 beyond. The page limits TextContent alone:
    /// ExtensionInfo and the JSON around them do not count.
    static constexpr std::size_t max_text_bytes = 12 * 1024;
    using response = send_text_msg_response;
    using result = send_text_msg_result;

    nonempty_text<> RoomId{};
    nonempty_text<> Sender_Account{};
    nonempty_text<max_text_bytes> TextContent{};
    livemsg::optional<json_text<>> ExtensionInfo{};  // custom data; itself JSON, sent as a string
};
BOOST_DESCRIBE_STRUCT(send_text_msg, (), (RoomId, Sender_Account, TextContent, ExtensionInfo))

}  // namespace livemsg::tencent
