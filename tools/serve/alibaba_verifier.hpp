// SPDX-License-Identifier: BSL-1.0
// Alibaba's RPC gateway as the emulator plays it: V1 signatures recomputed over exactly the
// parameters that arrived, V3 ones with the library's signer on a request rebuilt from what
// arrived, the 15-minute time window, nonces used once, the documented calls per second, the
// parameters decoded strictly into the operation's struct, and at most 30 message types per group.
#pragma once

#include "credentials_file.hpp"
#include "decode_params.hpp"
#include "limits.hpp"
#include "received_request.hpp"

#include <livemsg/alibaba/alibaba.hpp>
#include <livemsg/alibaba/msg_type_budget.hpp>
#include <livemsg/alibaba/signature.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/detail/crypto.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livemsg::serve {

namespace detail {

// {"RequestId","HostId","Code","Message","Recommend"}, as the gateway answers every error.
inline answer alibaba_error(int status, std::string_view code, std::string_view message, std::string_view host,
                            const std::string& request_id) {
    boost::json::object out;
    out["RequestId"] = request_id;
    out["HostId"] = host.empty() ? std::string_view(alibaba::live_host) : host;
    out["Code"] = code;
    out["Message"] = message;
    out["Recommend"] = "https://api.aliyun.com/troubleshoot?q=" + std::string(code) + "&product=live";
    return {status, boost::json::serialize(out)};
}

// "2025-01-02T03:04:05Z", as Timestamp and x-acs-date carry it.
inline std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text) {
    int y, mo, d, h, mi, s;
    char z = 0;
    if (text.size() != 20 ||
        std::sscanf(std::string(text).c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
        z != 'Z')
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day day{year{y}, month{static_cast<unsigned>(mo)}, std::chrono::day{static_cast<unsigned>(d)}};
    if (!day.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
    return sys_days{day} + hours{h} + minutes{mi} + seconds{s};
}

// The parameters a signature adds, which are not the operation's.
inline bool is_alibaba_common_param(std::string_view name) {
    return name == "Action" || name == "Version" || name == "Format" ||
           std::ranges::find(alibaba::detail::alibaba_v1_parameters, name) !=
               alibaba::detail::alibaba_v1_parameters.end();
}

}  // namespace detail

/// Verifies and answers Alibaba's three operations. Keeps the nonces, the call counts and the
/// message types of each group between calls; not thread-safe.
class alibaba_verifier {
public:
    static constexpr std::chrono::minutes time_window{15};

    explicit alibaba_verifier(const served_credentials& accounts, bool rate_limits = true)
        : accounts_(&accounts), rates_(rate_limits) {}

    /// The gateway's answer to `r` at `now`, and the message when it was accepted.
    handled verify(const received_request& r, std::chrono::system_clock::time_point now) {
        const std::string request_id = detail::fresh_request_id();
        const std::string host(r.header("Host").value_or(""));
        const auto fail = [&](int status, std::string_view code, std::string_view message) {
            return handled{detail::alibaba_error(status, code, message, host, request_id), std::nullopt};
        };
        auto query = r.query();
        if (!query) return fail(400, "InputInvalid", "the query is not valid percent-encoding");

        const auto authorization = r.header("Authorization");
        const bool v3 = authorization && authorization->starts_with("ACS3-HMAC-SHA256 ");
        if (!v3 && !query->find("Signature")) return missing(fail, "Signature");
        const auto action = v3 ? r.header("x-acs-action") : query->find("Action");
        if (!action) return v3 ? missing_header(fail, "x-acs-action") : missing(fail, "Action");

        auto refused = v3 ? verify_v3(r, *authorization, now, fail) : verify_v1(r, *query, now, fail);
        if (refused) return *std::move(refused);
        // The vendor counts calls per account: here, per AccessKeyId that signed.
        const std::string account(
            v3 ? detail::authorization_part(authorization->substr(authorization->find(' ') + 1), "Credential").value_or("")
               : query->find("AccessKeyId").value_or(""));

        if (*action == alibaba::SendLiveMessageUser::api.action)
            return accept<alibaba::SendLiveMessageUser>(r, *query, account, now, request_id, fail);
        if (*action == alibaba::SendLiveMessageGroup::api.action)
            return accept<alibaba::SendLiveMessageGroup>(r, *query, account, now, request_id, fail);
        if (*action == alibaba::SendMessageToGroup::api.action)
            return accept<alibaba::SendMessageToGroup>(r, *query, account, now, request_id, fail);
        // What the gateway answers an unknown Action, as Alibaba's Java SDK core tests expect it
        // (its older common-error table names it InvalidApi.NotFound, with the same message).
        return fail(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
    }

private:
    // Checks the key, the time, the signature and the nonce, in that order; nullopt when all hold.
    template <class Fail>
    std::optional<handled> verify_v1(const received_request& r, const param_list& query,
                                     std::chrono::system_clock::time_point now, const Fail& fail) {
        for (std::string_view name : {"Version", "AccessKeyId", "SignatureNonce", "Timestamp"})
            if (!query.find(name)) return missing(fail, name);
        const auto* key = accounts_->alibaba_key(*query.find("AccessKeyId"));
        if (!key) return fail(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        const auto when = detail::parse_iso8601(*query.find("Timestamp"));
        // The common error table's code and message (help.aliyun.com/document_detail/48054.html).
        if (!when) return fail(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        if (auto late = outside_window(*when, now, fail)) return late;

        // The common error table's code for a method other than HMAC-SHA1; left out, it defaults to it.
        if (const auto method = query.find("SignatureMethod"); method && *method != "HMAC-SHA1")
            return fail(400, "InvalidSignatureMethod", "Specified signature method is not valid.");

        // Signed as sent: sign_v1 would add the Format=JSON that a caller may have left out.
        http_request rebuilt = rebuild(r);
        rebuilt.query = query;
        const auto expected = alibaba::detail::v1_signature_of(rebuilt, key->access_key_secret);
        if (!livemsg::detail::same_signature(expected.signature, *query.find("Signature")))
            return fail(400, "SignatureDoesNotMatch",
                        "Specified signature is not matched with our calculation. server string to sign is:" +
                            expected.string_to_sign);
        return used_nonce(std::string(*query.find("SignatureNonce")), now, fail);
    }

    template <class Fail>
    std::optional<handled> verify_v3(const received_request& r, std::string_view authorization,
                                     std::chrono::system_clock::time_point now, const Fail& fail) {
        authorization.remove_prefix(std::string_view("ACS3-HMAC-SHA256 ").size());
        const auto credential = detail::authorization_part(authorization, "Credential");
        if (!credential || !detail::authorization_part(authorization, "SignedHeaders") ||
            !detail::authorization_part(authorization, "Signature"))
            return fail(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
        for (std::string_view name : {"x-acs-date", "x-acs-signature-nonce", "x-acs-version"})
            if (!r.header(name)) return missing_header(fail, name);
        const auto* key = accounts_->alibaba_key(*credential);
        if (!key) return fail(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        const auto when = detail::parse_iso8601(*r.header("x-acs-date"));
        if (!when) return fail(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        if (auto late = outside_window(*when, now, fail)) return late;

        http_request rebuilt = rebuild(r);
        if (auto query = r.query())
            for (const param& p : *query) rebuilt.query.add(p.name, p.value);
        // sign_v3 takes Action and Version from these headers, where an earlier signature put them.
        rebuilt.headers.add("x-acs-action", *r.header("x-acs-action"));
        rebuilt.headers.add("x-acs-version", *r.header("x-acs-version"));
        alibaba::credentials creds{key->access_key_id, key->access_key_secret,
                                   secret(std::string(r.header("x-acs-security-token").value_or("")))};
        const std::string nonce(*r.header("x-acs-signature-nonce"));
        auto expected = alibaba::sign_v3(rebuilt, creds, {*when, nonce});
        if (!expected) return fail(400, "IncompleteSignature", expected.errors().report());
        const std::string expected_authorization(*rebuilt.headers.find("Authorization"));
        if (!livemsg::detail::same_signature(expected_authorization, *r.header("Authorization")))
            return fail(400, "SignatureDoesNotMatch",
                        "Specified signature is not matched with our calculation. server string to sign is:" +
                            expected->string_to_sign);
        return used_nonce(nonce, now, fail);
    }

    // A required parameter left out is Missing{ParameterName}, HTTP 400, "{ParameterName} is
    // mandatory for this action.": the gateway's common client errors (developer.aliyun.com/ask/278265),
    // and what it answers, e.g. {"Message":"Timestamp is mandatory for this action.","HostId":
    // "dns.aliyuncs.com","Code":"MissingTimestamp"} (github.com/rfancn/aliyun-ddns-client/issues/13).
    template <class Fail>
    static handled missing(const Fail& fail, std::string_view name) {
        return fail(400, "Missing" + std::string(name), std::string(name) + " is mandatory for this action.");
    }

    // No page gives V3's code for a missing x-acs-* header: the generic one of the error tables.
    template <class Fail>
    static handled missing_header(const Fail& fail, std::string_view name) {
        return fail(400, "MissingParameter", std::string(name) + " is mandatory for this action.");
    }

    // The request as render() would have made it, but for the signature: method, host, body.
    static http_request rebuild(const received_request& r) {
        http_request out;
        out.method = r.method == "GET" ? "GET" : "POST";
        out.host.assign(r.header("Host").value_or(""));
        out.content_type.assign(r.header("Content-Type").value_or(""));
        out.body = r.body;
        return out;
    }

    template <class Fail>
    static std::optional<handled> outside_window(std::chrono::system_clock::time_point when,
                                                 std::chrono::system_clock::time_point now, const Fail& fail) {
        if (when < now - time_window || when > now + time_window)
            return fail(400, "InvalidTimeStamp.Expired",
                        "Specified time stamp or date value is expired: more than 15 minutes from the server's time.");
        return std::nullopt;
    }

    // Remembered only once the signature holds, so that a forged request burns no nonce.
    template <class Fail>
    std::optional<handled> used_nonce(const std::string& nonce, std::chrono::system_clock::time_point now,
                                      const Fail& fail) {
        if (!nonces_.first_use(nonce, now))
            return fail(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        return std::nullopt;
    }

    template <class Op, class Fail>
    handled accept(const received_request& r, const param_list& query, std::string_view account,
                   std::chrono::system_clock::time_point now, const std::string& request_id, const Fail& fail) {
        if (!rates_.admit(account, Op::api.action, Op::api.qps_limit, now)) {
            // HTTP 400, as the common error tables give it (help.aliyun.com/document_detail/51132.html:
            // "Throttling | Request was denied due to request throttling. | 400";
            // help.aliyun.com/knowledge_detail/446611.html: "ErrorCode=Throttling.User HttpCode=400"),
            // with x-acs-retry-after in milliseconds, as the darabonba SDKs read it: here the
            // time until the next second's calls.
            handled refused = fail(400, "Throttling.User", "Request was denied due to user flow control.");
            refused.reply.headers.emplace_back("x-acs-retry-after",
                                               std::to_string(rate_limiter::until_next_second(now).count()));
            return refused;
        }
        param_list params;
        for (const param& p : query)
            if (!detail::is_alibaba_common_param(p.name)) params.add(p.name, p.value);
        if (r.header("Content-Type").value_or("").starts_with(alibaba::form_content_type) &&
            !received_request::add_form_pairs(r.body, params))
            return fail(400, "InputInvalid", "the body is not valid percent-encoding");
        auto op = decode_params<Op>(params);
        if (!op) {
            const auto& violations = op.errors().items();
            const auto absent = std::ranges::find(violations, error_code::missing, &violation::code);
            if (absent != violations.end()) return missing(fail, absent->field);
            return fail(400, "InputInvalid", op.errors().report());
        }
        if constexpr (std::is_same_v<Op, alibaba::SendLiveMessageGroup>)
            if (auto refused = msg_types_.admit(*op); !refused.empty())
                return fail(400, "ErrorTooManyMsgTypes", refused.report());

        typename Op::response response;
        response.RequestId = request_id;
        if constexpr (std::is_same_v<Op, alibaba::SendMessageToGroup>)
            response.Result = alibaba::SendMessageToGroupResult{detail::fresh_request_id()};
        else
            response.MsgTid = op->MsgTid.has_value() ? op->MsgTid.str() : detail::fresh_request_id();
        return {{200, to_json(response)},
                accepted_message{"alibaba", std::string(Op::api.action), request_id, boost::json::parse(to_json(*op))}};
    }

    const served_credentials* accounts_;
    nonce_store nonces_{time_window};
    rate_limiter rates_;
    alibaba::msg_type_budget msg_types_;
};

}  // namespace livemsg::serve
