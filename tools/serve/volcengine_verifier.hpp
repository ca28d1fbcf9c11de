// SPDX-License-Identifier: BSL-1.0
// Volcengine's OpenAPI gateway as the emulator plays it for P2PSendMessage: the HMAC-SHA256
// signature recomputed with the library's signer on a request rebuilt from what arrived, the
// X-Date window, the documented calls per second, and the body decoded strictly; errors in the
// ResponseMetadata.Error envelope with the common table's codes and statuses.
#pragma once

#include "credentials_file.hpp"
#include "limits.hpp"
#include "received_request.hpp"

#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/volcengine/error.hpp>
#include <livemsg/volcengine/p2p_send_message.hpp>
#include <livemsg/volcengine/signature.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::serve {

namespace detail {

// What every answer's ResponseMetadata says about the request. Action and Version are the
// request's own, whatever they name ("Obtained from the query of the request Action", the
// OpenAPI response pages, docs.byteplus.com/en/docs/vpc/Responses), empty when it had none.
struct volcengine_echo {
    std::string request_id;
    std::string region;
    std::string action{};
    std::string version{};
};

// {"ResponseMetadata":{"RequestId","Action","Version","Service","Region","Error":{...}}}
inline boost::json::object volcengine_metadata(const volcengine_echo& echo) {
    boost::json::object m;
    m["RequestId"] = echo.request_id;
    m["Action"] = echo.action;
    m["Version"] = echo.version;
    m["Service"] = volcengine::rtc_service;
    m["Region"] = echo.region;
    return m;
}

inline answer volcengine_error(int status, std::string_view code, std::optional<std::int64_t> code_n,
                               std::string_view message, const volcengine_echo& echo) {
    boost::json::object error;
    error["Code"] = code;
    if (code_n) error["CodeN"] = *code_n;
    error["Message"] = message;
    boost::json::object metadata = volcengine_metadata(echo);
    metadata["Error"] = std::move(error);
    return {status, boost::json::serialize(boost::json::object{{"ResponseMetadata", std::move(metadata)}})};
}

inline answer volcengine_error(volcengine::common_error e, std::string_view message, const volcengine_echo& echo) {
    const auto& info = volcengine::documented(e);
    return volcengine_error(info.http_status ? info.http_status : 500, info.wire, info.code_n, message, echo);
}

// "20250102T030405Z".
inline std::optional<std::chrono::system_clock::time_point> parse_x_date(std::string_view text) {
    int y, mo, d, h, mi, s;
    char t = 0, z = 0;
    if (text.size() != 16 ||
        std::sscanf(std::string(text).c_str(), "%4d%2d%2d%c%2d%2d%2d%c", &y, &mo, &d, &t, &h, &mi, &s, &z) != 8 ||
        t != 'T' || z != 'Z')
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day day{year{y}, month{static_cast<unsigned>(mo)}, std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
    return sys_days{day} + hours{h} + minutes{mi} + seconds{s};
}

// "AK/20250102/cn-north-1/rtc/request" split at '/'.
struct volcengine_credential {
    std::string_view access_key_id, date, region, service, terminal;
};

inline std::optional<volcengine_credential> split_credential(std::string_view text) {
    std::string_view parts[5];
    for (auto& part : parts) {
        const auto slash = text.find('/');
        part = text.substr(0, slash);
        if (part.empty()) return std::nullopt;
        text = slash == std::string_view::npos ? std::string_view() : text.substr(slash + 1);
        if (slash == std::string_view::npos && &part != &parts[4]) return std::nullopt;
    }
    if (!text.empty()) return std::nullopt;
    return volcengine_credential{parts[0], parts[1], parts[2], parts[3], parts[4]};
}

}  // namespace detail

/// RTC's OpenAPI code for a call over the operation's calls per second ("qps 超过限制", on
/// RTC's OpenAPI error code page). The page gives no HTTP status and no CodeN: 429 is the status
/// Volcengine's SDKs retry as rate limiting.
inline constexpr std::string_view volcengine_qps_over_limit = "FlowLimitExceeded.QPSOverLimit";

/// Verifies and answers P2PSendMessage. Keeps the call counts between calls; not thread-safe.
class volcengine_verifier {
public:
    static constexpr std::chrono::minutes time_window{15};

    /// `rate_limits` false admits any number of calls per second (load tests).
    explicit volcengine_verifier(const served_credentials& accounts, bool rate_limits = true)
        : accounts_(&accounts), rates_(rate_limits) {}

    handled verify(const received_request& r, std::chrono::system_clock::time_point now) {
        using volcengine::common_error;
        using Op = volcengine::P2PSendMessage;
        detail::volcengine_echo echo{detail::fresh_request_id(), "cn-north-1"};
        const std::string& request_id = echo.request_id;
        const auto fail = [&](common_error e, std::string_view message) {
            return handled{detail::volcengine_error(e, message, echo), std::nullopt};
        };
        // The common error table (volcengine.com/docs/6369/68677, RTC's; 6720/108305 has every row):
        // MissingParameter (100002, 400) for "关键参数缺失,例如 Action, Version 参数", and
        // InvalidActionOrVersion (100008, 404) for an operation that does not exist; messages as there.
        const auto query = r.query();
        if (query) {
            echo.action.assign(query->find("Action").value_or(""));
            echo.version.assign(query->find("Version").value_or(""));
        }
        for (const std::string_view name : {"Action", "Version"})
            if (!query || query->find(name).value_or("").empty())
                return fail(common_error::missing_parameter, "The request is missing " + std::string(name) + " parameter.");
        const std::string action(*query->find("Action")), version(*query->find("Version"));
        if (action != Op::api.action || version != Op::api.version)
            return fail(common_error::invalid_action_or_version,
                        "Could not find operation " + action + " for version " + version + ".");

        // No Authorization at all is MissingAuthenticationToken (100003, 401: "缺少身份认证的必要信息,
        // 例如 Auth 信息"); one without a Signature is MissingSignature (100005, 401: "缺少签名结果").
        const auto authorization = r.header("Authorization");
        if (!authorization)
            return fail(common_error::missing_authentication_token, "Request is missing Authentication Token.");
        constexpr std::string_view scheme = "HMAC-SHA256 ";
        if (!authorization->starts_with(scheme))
            return fail(common_error::missing_signature, "The Authorization header is not HMAC-SHA256.");
        if (!detail::authorization_part(*authorization, "Signature"))
            return fail(common_error::missing_signature, "The request is missing signature.");
        const auto credential = detail::authorization_part(authorization->substr(scheme.size()), "Credential");
        const auto scope = credential ? detail::split_credential(*credential) : std::nullopt;
        if (!scope || !detail::authorization_part(*authorization, "SignedHeaders"))
            return fail(common_error::missing_signature, "The Authorization header lacks Credential or SignedHeaders.");
        echo.region.assign(scope->region);
        const auto x_date = r.header("X-Date");
        if (!x_date) return fail(common_error::missing_request_info, "X-Date is missing.");
        const auto when = detail::parse_x_date(*x_date);
        if (!when || *when < now - time_window || *when > now + time_window)
            return fail(common_error::invalid_timestamp, "X-Date is not within 15 minutes of the server's time.");
        const auto* key = accounts_->volcengine_key(scope->access_key_id);
        if (!key) return fail(common_error::invalid_access_key, "The access key is not found.");

        http_request rebuilt;
        rebuilt.method = r.method == "GET" ? "GET" : "POST";
        rebuilt.host.assign(r.header("Host").value_or(""));
        rebuilt.path.assign(r.path());
        for (const param& p : *query) rebuilt.query.add(p.name, p.value);
        rebuilt.content_type.assign(r.header("Content-Type").value_or(""));
        rebuilt.body = r.body;
        // The x- headers the client signed; those the signer writes itself it writes again.
        for (const auto& [name, value] : r.headers)
            if (name.size() > 2 && (name[0] == 'x' || name[0] == 'X') && name[1] == '-' &&
                !livemsg::detail::iequals(name, "X-Date") && !livemsg::detail::iequals(name, "X-Content-Sha256") &&
                !livemsg::detail::iequals(name, "X-Security-Token"))
                rebuilt.headers.add(name, value);
        const volcengine::credentials creds{key->access_key_id, key->secret_access_key,
                                            secret(std::string(r.header("X-Security-Token").value_or("")))};
        auto expected = volcengine::sign(rebuilt, creds, {scope->region, scope->service}, *when);
        if (!expected) return fail(common_error::signature_does_not_match, expected.errors().report());
        if (!livemsg::detail::same_signature(expected->authorization, *authorization))
            return fail(common_error::signature_does_not_match,
                        "The request signature we calculated does not match the signature you provided. "
                        "String to sign: " + expected->string_to_sign);

        // Counted once the signature holds, as the gateway counts an account's calls.
        if (!rates_.admit(scope->access_key_id, Op::api.action, Op::api.qps_limit, now))
            return {detail::volcengine_error(429, volcengine_qps_over_limit, std::nullopt,
                                             "Qps exceeded the limit. Do not send requests too frequently.", echo),
                    std::nullopt};

        auto op = decode_json<Op>(r.body);
        if (!op) {
            const bool missing =
                std::ranges::any_of(op.errors(), [](const violation& v) { return v.code == error_code::missing; });
            if (missing) return fail(common_error::missing_parameter, op.errors().report());
            return {detail::volcengine_error(400, "InvalidParameter", std::nullopt, op.errors().report(), echo),
                    std::nullopt};
        }
        boost::json::object ok{{"ResponseMetadata", detail::volcengine_metadata(echo)},
                               {"Result", boost::json::object{{"P2PResult", delivered_to(op->Recipients)}}}};
        return {{200, boost::json::serialize(ok)},
                accepted_message{"volcengine", std::string(Op::api.action), request_id, boost::json::parse(to_json(*op))}};
    }

private:
    // One SUCCESS on the Default platform per ReceiverUserId; none when the message went to the
    // whole conversation. The emulator has no notion of who is online, so nobody is NOT_ONLINE,
    // and it does not know a conversation's members to list them.
    static boost::json::array delivered_to(const volcengine::recipients& to) {
        boost::json::array results;
        if (to.which() != volcengine::recipients::choice::only) return results;
        for (const std::int64_t user : to.users())
            results.push_back(boost::json::object{
                {"UserId", user},
                {"Code", volcengine::wire_name(volcengine::delivery_status::success)},
                {"DevicePlatform", volcengine::wire_name(volcengine::device_platform::default_platform)}});
        return results;
    }

    const served_credentials* accounts_;
    rate_limiter rates_;
};

}  // namespace livemsg::serve
