// SPDX-License-Identifier: BSL-1.0
// Tencent's REST gateway as the emulator plays it for send_text_msg: the app by sdkappid, the
// UserSig checked with the library's verify_usersig (format, sdkappid, identifier, signature,
// expiry), the caller an app admin, the documented calls per second, and the body decoded
// strictly. Every answer is HTTP 200, an error told by ErrorCode.
#pragma once

#include "credentials_file.hpp"
#include "limits.hpp"
#include "received_request.hpp"
#include "tencent_webhooks.hpp"

#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
#include <livemsg/tencent/usersig.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace livemsg::serve {

namespace detail {

// {"ActionStatus":"FAIL","ErrorInfo","ErrorCode","RequestId"}, with HTTP 200 as Tencent answers.
inline answer tencent_error(std::int64_t code, std::string_view info, const std::string& request_id) {
    boost::json::object out;
    out["ActionStatus"] = "FAIL";
    out["ErrorInfo"] = info;
    out["ErrorCode"] = code;
    out["RequestId"] = request_id;
    return {200, boost::json::serialize(out)};
}

}  // namespace detail

/// Verifies and answers send_text_msg, and with webhooks configured, delivers each accepted
/// message's Before and After webhooks. Not thread-safe.
class tencent_verifier {
public:
    explicit tencent_verifier(const served_credentials& accounts, bool rate_limits = true,
                              std::optional<tencent_webhook_options> webhooks = std::nullopt)
        : accounts_(&accounts), rates_(rate_limits) {
        if (webhooks) webhooks_.emplace(std::move(*webhooks));
    }

    handled verify(const received_request& r, std::chrono::system_clock::time_point now) {
        using tencent::errc;
        using Op = tencent::send_text_msg;
        const std::string request_id = detail::fresh_request_id();
        const auto fail = [&](errc code, std::string_view info) {
            return handled{detail::tencent_error(static_cast<std::int64_t>(code), info, request_id), std::nullopt};
        };
        const auto query = r.query();
        if (!query) return fail(errc::bad_url, "the URL's query is not valid percent-encoding");
        const auto sdkappid_text = query->find("sdkappid");
        if (!sdkappid_text) return fail(errc::sdkappid_missing, "sdkappid is missing from the URL");
        std::int64_t sdkappid = 0;
        const auto parsed = std::from_chars(sdkappid_text->data(), sdkappid_text->data() + sdkappid_text->size(), sdkappid);
        if (parsed.ec != std::errc() || parsed.ptr != sdkappid_text->data() + sdkappid_text->size())
            return fail(errc::invalid_sdkappid, "sdkappid is not a number");
        const auto* app = accounts_->tencent_app(sdkappid);
        // 70020: "SDKAppID does not exist, UserSig verification failed", as the REST error table has it.
        if (!app) return fail(errc::usersig_sdkappid_not_found, "no such SDKAppID");
        const auto identifier = query->find("identifier");
        const auto usersig = query->find("usersig");
        if (!identifier || !usersig) return fail(errc::bad_url, "identifier and usersig are required in the URL");

        const auto verdict = tencent::verify_usersig(*usersig, app->secret_key, app->sdkappid, *identifier,
                                                     std::chrono::floor<std::chrono::seconds>(now));
        if (!verdict) return fail(*verdict.error(), verdict.reason());
        if (*identifier != app->identifier) return fail(errc::needs_admin, "the identifier is not the app's admin");
        // 60007, "REST API call frequency exceeded"; 60011 is the SDKAppID's limit over every API.
        if (!rates_.admit(*sdkappid_text, Op::api.command, Op::api.qps_limit, now))
            return fail(errc::rate_limited, "REST API call frequency exceeded");

        auto op = decode_json<Op>(r.body);
        if (!op) {
            const bool too_long = std::ranges::any_of(op.errors(), [](const violation& v) {
                return v.field == "TextContent" && v.code == error_code::too_long;
            });
            return fail(too_long ? errc::message_too_long : errc::invalid_parameter, op.errors().report());
        }
        if (!webhooks_) {
            const std::int64_t sequence = ++sequence_;
            return {success(request_id, now, sequence), kept_message(request_id, *op)};
        }
        const auto before = webhooks_->before(*op, *app, r.client_ip, now);
        if (before.outcome == before_send_outcome::refuse)
            return {detail::tencent_error(before.refusal.code, before.refusal.info, request_id), std::nullopt};
        const std::int64_t sequence = ++sequence_;
        if (before.outcome == before_send_outcome::discard) return {success(request_id, now, sequence), std::nullopt};
        webhooks_->after(before, *app, r.client_ip, sequence, now);
        return {success(request_id, now, sequence), kept_message(request_id, before.delivered)};
    }

private:
    static accepted_message kept_message(const std::string& request_id, const tencent::send_text_msg& msg) {
        return {"tencent", std::string(tencent::send_text_msg::api.command), request_id, boost::json::parse(to_json(msg))};
    }

    static answer success(const std::string& request_id, std::chrono::system_clock::time_point now, std::int64_t sequence) {
        const auto seconds = std::chrono::floor<std::chrono::seconds>(now).time_since_epoch().count();
        boost::json::object ok{{"ActionStatus", "OK"},
                               {"ErrorInfo", ""},
                               {"ErrorCode", 0},
                               {"RequestId", request_id},
                               {"Response", boost::json::object{{"MsgTime", seconds}, {"MsgSeq", sequence}}}};
        return {200, boost::json::serialize(ok)};
    }

    const served_credentials* accounts_;
    rate_limiter rates_;
    std::optional<tencent_webhooks> webhooks_;
    std::int64_t sequence_ = 0;
};

}  // namespace livemsg::serve
