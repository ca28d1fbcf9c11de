// SPDX-License-Identifier: BSL-1.0
// Tencent's Before and After group message webhooks, as the emulator delivers them for a
// send_text_msg it accepted: the URL's query (with Sign and RequestTime when a callback token is
// set), the live-room body, and the Before answer honoured: refuse (with 10016, or with the app's
// own code and ErrorInfo), discard silently, or deliver, with the app's replacement MsgBody and
// CloudCustomData. How a call is POSTed is given, so that this part needs no socket.
#pragma once

#include "received_request.hpp"

#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/tencent/before_send_answer.hpp>
#include <livemsg/tencent/credentials.hpp>
#include <livemsg/tencent/fresh_random.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
#include <livemsg/tencent/webhook.hpp>
#include <livemsg/tencent/webhook_auth.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::serve {

/// One webhook as Tencent POSTs it: the app's URL with Tencent's query added, and a JSON body.
struct webhook_call {
    std::string url;
    std::string body;
};

/// POSTs a call and gives the app's answer body, or nothing when the call failed: not delivered,
/// not answered with HTTP 200, or not within Tencent's 2 seconds.
using webhook_sender = std::function<std::optional<std::string>(const webhook_call&)>;

/// Where the webhooks go and how.
struct tencent_webhook_options {
    std::string url;    // the app's webhook URL, as configured in Tencent's console
    std::string token;  // the callback token; empty: the URL carries no Sign and no RequestTime
    webhook_sender send;
};

/// What became of a message at its Before webhook.
enum class before_send_outcome {
    deliver,  // allowed, or the webhook failed (Tencent then delivers)
    refuse,   // the sender gets an error: before_result's refusal
    discard,  // the sender is told it was sent; nobody gets it
};

/// The error a refused message's sender gets.
struct webhook_refusal {
    std::int64_t code;
    std::string info;
};

/// Delivers the two webhooks of each message. Not thread-safe.
class tencent_webhooks {
public:
    /// Tencent's ErrorCode to the sender when the Before webhook refuses a message with ErrorCode 1:
    /// 10016, "the app's backend refused this operation through a webhook", as in Tencent Chat's
    /// error codes. An answer's code in [10100, 10200] goes to the sender instead, with its ErrorInfo.
    static constexpr std::int64_t refused_by_webhook = 10016;

    /// A fragment of the URL is dropped here, once: it is never sent.
    explicit tencent_webhooks(tencent_webhook_options options) : options_(std::move(options)) {
        if (const auto fragment = options_.url.find('#'); fragment != std::string::npos) options_.url.erase(fragment);
    }

    struct before_result {
        before_send_outcome outcome = before_send_outcome::deliver;
        tencent::before_send_answer answer;  // as read; allow and no replacement when the webhook failed
        tencent::send_text_msg delivered;    // the message as it goes out, replacements applied
        webhook_refusal refusal{};           // with refuse: what the sender is told
    };

    /// Calls the Before webhook for `msg`, sent by `app`'s admin from `client_ip`, and reads its answer.
    before_result before(const tencent::send_text_msg& msg, const tencent::admin_credentials& app,
                         std::string_view client_ip, std::chrono::system_clock::time_point now) {
        before_result result{before_send_outcome::deliver, {}, msg};
        const auto answer = options_.send(
            {url_for(tencent::callback_command::before_send_msg, app.sdkappid, client_ip, now),
             body_for(tencent::callback_command::before_send_msg, msg, app, now, std::nullopt)});
        if (!answer) return result;
        auto read = tencent::read_before_send_answer(*answer);
        if (!read) return result;  // an answer Tencent cannot read counts as a failed webhook
        result.answer = std::move(read).value();
        switch (*result.answer.verdict()) {  // read_before_send_answer reads only codes with a verdict
            case tencent::before_send_verdict::refuse:
                result.outcome = before_send_outcome::refuse;
                result.refusal = {refused_by_webhook, "the app's backend refused the message through its webhook"};
                break;
            case tencent::before_send_verdict::refuse_with_code:
                result.outcome = before_send_outcome::refuse;
                result.refusal = {result.answer.ErrorCode, result.answer.ErrorInfo.value_or("")};
                break;
            case tencent::before_send_verdict::discard: result.outcome = before_send_outcome::discard; break;
            case tencent::before_send_verdict::allow: replace(result.delivered, result.answer); break;
        }
        return result;
    }

    /// Calls the After webhook for a delivered message, with the elements the Before answer put in
    /// place as they came; its answer is ignored, as Tencent ignores it.
    void after(const before_result& before, const tencent::admin_credentials& app, std::string_view client_ip,
               std::int64_t msg_seq, std::chrono::system_clock::time_point now) {
        options_.send({url_for(tencent::callback_command::after_send_msg, app.sdkappid, client_ip, now),
                       body_for(tencent::callback_command::after_send_msg, before.delivered, app, now, msg_seq,
                                &before.answer)});
    }

    /// The app's URL with Tencent's query: SdkAppid, CallbackCommand, contenttype, ClientIP,
    /// OptPlatform (RESTAPI: the message came through the REST API), and with a token RequestTime
    /// and Sign.
    std::string url_for(tencent::callback_command command, std::int64_t sdkappid, std::string_view client_ip,
                        std::chrono::system_clock::time_point now) const {
        std::string url = options_.url;
        const auto add = [&](std::string_view name, std::string_view value) {
            url += url.find('?') == std::string::npos ? '?' : '&';
            url += name;
            url += '=';
            livemsg::append_percent_encoded(url, value);
        };
        add("SdkAppid", std::to_string(sdkappid));
        add("CallbackCommand", tencent::wire_name(command));
        add("contenttype", "json");
        add("ClientIP", client_ip);
        add("OptPlatform", tencent::wire_name(tencent::opt_platform::restapi));
        if (!options_.token.empty()) {
            const std::string request_time = std::to_string(seconds_of(now));
            add("RequestTime", request_time);
            add("Sign", tencent::webhook_sign(options_.token, request_time));
        }
        return url;
    }

    /// The live-room body: the page's CloudCustomData and MsgBody (webhook_body_of), with the
    /// room, the sender, the admin as operator, a Random, a MsgId and EventTime in milliseconds
    /// as a string (as the live-room example has it); the After webhook adds MsgSeq and MsgTime.
    /// A `replacement`'s MsgBody and CloudCustomData take the message's place.
    std::string body_for(tencent::callback_command command, const tencent::send_text_msg& msg,
                         const tencent::admin_credentials& app, std::chrono::system_clock::time_point now,
                         std::optional<std::int64_t> msg_seq, const tencent::before_send_answer* replacement = nullptr) {
        boost::json::object body = boost::json::parse(tencent::webhook_body_of(msg)).as_object();
        if (replacement && replacement->MsgBody) {
            boost::json::array elements;
            for (const auto& e : *replacement->MsgBody)
                elements.push_back({{"MsgType", e.MsgType}, {"MsgContent", boost::json::parse(e.MsgContent.view())}});
            body["MsgBody"] = std::move(elements);
        }
        if (replacement && replacement->CloudCustomData) body["CloudCustomData"] = *replacement->CloudCustomData;
        body["CallbackCommand"] = tencent::wire_name(command);
        body["GroupId"] = msg.RoomId.view();
        body["Type"] = "Live";
        body["From_Account"] = msg.Sender_Account.view();
        body["Operator_Account"] = app.identifier;
        body["Random"] = tencent::fresh_random();
        body["MsgId"] = std::to_string(++message_ids_);
        const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
        body["EventTime"] = std::to_string(millis);
        if (msg_seq) {
            body["MsgSeq"] = *msg_seq;
            body["MsgTime"] = seconds_of(now);
        }
        return boost::json::serialize(body);
    }

private:
    static std::int64_t seconds_of(std::chrono::system_clock::time_point t) {
        return std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
    }

    // The app's replacement: TextContent becomes the replacement's texts joined (Tencent delivers
    // the elements; the emulator keeps what a text message amounts to), ExtensionInfo its
    // CloudCustomData.
    static void replace(tencent::send_text_msg& msg, const tencent::before_send_answer& answer) {
        if (answer.MsgBody) {
            std::string joined;
            for (const auto& element : *answer.MsgBody)
                if (auto text = element.text()) joined += *text;
            msg.TextContent = std::move(joined);
        }
        if (answer.CloudCustomData) msg.ExtensionInfo = *answer.CloudCustomData;
    }

    tencent_webhook_options options_;
    std::int64_t message_ids_ = 0;
};

}  // namespace livemsg::serve
