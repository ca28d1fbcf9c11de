// SPDX-License-Identifier: BSL-1.0
// Alibaba Cloud's answers: the typed response of an operation, or its error body.
#pragma once

#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/outcome.hpp>
#include <livemsg/core/vendor_error.hpp>
#include <livemsg/detail/ostream.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::alibaba {

/// The codes the operations' pages list, and the common ones callers meet.
enum class known_error {
    InputInvalid,              // 400: a parameter the server refused
    ErrorTooManyMsgTypes,      // 400: the group already has 30 message types
    NoAuth,                    // 403
    ResourceNotExist,          // 404: no such application or group
    ServerError,               // 500
    InternalError,             // 500
    ServiceUnavailable,        // 503
    SignatureDoesNotMatch,     // 400: its message echoes the server's string to sign
    SignatureNonceUsed,        // 400: a nonce may be used once
    InvalidTimeStamp_Expired,  // 400: "InvalidTimeStamp.Expired", the clock is off by over 15 minutes
    MissingTimestamp,          // 400: every "Missing{ParameterName}" is a required parameter left out
    MissingAction,             // 400
    MissingVersion,            // 400
    MissingAccessKeyId,        // 400
    MissingSignature,          // 400
    MissingSignatureNonce,     // 400
    MissingParameter,          // 400: the error tables' generic code
    InvalidAccessKeyId_NotFound,  // 404: "InvalidAccessKeyId.NotFound"
    Throttling,                // 400: every "Throttling*" code is throttling
    Throttling_User,           // "Throttling.User"
    Throttling_Api,            // "Throttling.Api"
};
BOOST_DESCRIBE_ENUM(known_error, InputInvalid, ErrorTooManyMsgTypes, NoAuth, ResourceNotExist, ServerError,
                    InternalError, ServiceUnavailable, SignatureDoesNotMatch, SignatureNonceUsed,
                    InvalidTimeStamp_Expired, MissingTimestamp, MissingAction, MissingVersion, MissingAccessKeyId,
                    MissingSignature, MissingSignatureNonce, MissingParameter, InvalidAccessKeyId_NotFound,
                    Throttling, Throttling_User, Throttling_Api)

/// The wire code: the enumerator's name, with '.' where the name has '_'. Spelled out, so that
/// reading a code (from_wire, once per enumerator) compares strings the compiler knows.
constexpr std::string_view wire_name(known_error e) noexcept {
    switch (e) {
        case known_error::InputInvalid: return "InputInvalid";
        case known_error::ErrorTooManyMsgTypes: return "ErrorTooManyMsgTypes";
        case known_error::NoAuth: return "NoAuth";
        case known_error::ResourceNotExist: return "ResourceNotExist";
        case known_error::ServerError: return "ServerError";
        case known_error::InternalError: return "InternalError";
        case known_error::ServiceUnavailable: return "ServiceUnavailable";
        case known_error::SignatureDoesNotMatch: return "SignatureDoesNotMatch";
        case known_error::SignatureNonceUsed: return "SignatureNonceUsed";
        case known_error::InvalidTimeStamp_Expired: return "InvalidTimeStamp.Expired";
        case known_error::MissingTimestamp: return "MissingTimestamp";
        case known_error::MissingAction: return "MissingAction";
        case known_error::MissingVersion: return "MissingVersion";
        case known_error::MissingAccessKeyId: return "MissingAccessKeyId";
        case known_error::MissingSignature: return "MissingSignature";
        case known_error::MissingSignatureNonce: return "MissingSignatureNonce";
        case known_error::MissingParameter: return "MissingParameter";
        case known_error::InvalidAccessKeyId_NotFound: return "InvalidAccessKeyId.NotFound";
        case known_error::Throttling: return "Throttling";
        case known_error::Throttling_User: return "Throttling.User";
        case known_error::Throttling_Api: return "Throttling.Api";
    }
    return {};
}

namespace detail {

// x-acs-retry-after counts milliseconds: the darabonba OpenAPI SDKs declare
// ThrottlingException.retryAfter "Retry After(ms)" and fill it from this header, and a value
// that is empty, not a number or <= 0 means none (aliyun/darabonba-openapi cpp/src/Utils.cpp,
// getThrottlingTimeLeft, and its test cpp/tests/test_utils.cpp: "2000" is 2000, "0", "-5",
// "invalid" and "" are none). livemsg takes only digits, and a number past 64 bits is none.
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view header) noexcept {
    long long milliseconds = 0;
    const auto r = std::from_chars(header.data(), header.data() + header.size(), milliseconds);
    if (header.empty() || r.ec != std::errc() || r.ptr != header.data() + header.size() || milliseconds <= 0)
        return std::nullopt;
    return std::chrono::milliseconds(milliseconds);
}

// The error body as sent, read by its wire names; parse_response builds an `error` from it.
struct error_body {
    open_enum<known_error> Code{};  // an unknown code is kept as it came
    livemsg::optional<std::string> Message{};
    livemsg::optional<std::string> RequestId{};
    livemsg::optional<std::string> HostId{};
    livemsg::optional<std::string> Recommend{};
};
BOOST_DESCRIBE_STRUCT(error_body, (), (Code, Message, RequestId, HostId, Recommend))

}  // namespace detail

/// A failed call: the error body {"Code","Message","RequestId","HostId","Recommend"} with its HTTP
/// status. A failed status whose body has no readable Code (a gateway's HTML page, say) is an
/// error too: `code` is then empty and `body` tells the rest.
struct error {
    int http_status = 0;
    open_enum<known_error> code{};  // Code; empty when the body has none
    std::string message{};          // Message
    std::string request_id{};       // RequestId, to quote to Alibaba's support
    std::string host_id{};          // HostId
    std::string recommend{};        // Recommend: a diagnosis link, from newer gateways
    std::string body{};             // the raw response body, whole
    std::optional<std::chrono::milliseconds> retry_after_header{};  // x-acs-retry-after, read by retry_after()

    std::string code_text() const { return code.str(); }
    /// "Missing{ParameterName}": the request left out a required parameter, a common one or the operation's.
    bool is_missing_parameter() const noexcept { return code.str().starts_with("Missing"); }
    bool is_throttling() const noexcept { return code.str().starts_with("Throttling"); }
    /// How long the server said to wait before coming back (x-acs-retry-after, milliseconds).
    std::optional<std::chrono::milliseconds> retry_after() const noexcept { return retry_after_header; }

    /// Whether the same request may succeed later: server errors, throttling (429 included), or
    /// a server that said when to come back. A retry is a new request: sign it again, so that it
    /// carries a fresh nonce and timestamp; a signed request is never sent twice. A send is not
    /// idempotent: one that timed out may have been delivered, so reuse its MsgTid when retrying.
    bool retryable() const noexcept {
        if (code == known_error::SignatureNonceUsed) return false;  // the first attempt may have landed
        return http_status >= 500 || http_status == 429 || is_throttling() || retry_after_header.has_value();
    }

    /// "Alibaba error: HTTP 400 Throttling.User: <Message> [RequestId ...]"
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const error& e) {
        os << "Alibaba error: HTTP " << e.http_status;
        if (!e.code.str().empty()) os << ' ' << e.code;
        if (!e.message.empty()) os << ": " << e.message;
        if (!e.request_id.empty()) os << " [RequestId " << e.request_id << ']';
        return os;
    }
};
static_assert(livemsg::vendor_error<error>);

template <class Op>
using result = outcome<typename Op::response, error>;

/// Reads what the server answered to `Op`: its typed response on 2xx, its error otherwise (typed
/// when the body is the documented error JSON, with an empty code when it is not), or, for a 2xx
/// body that is not the documented JSON, the reasons it could not be read (which keep the body).
/// `retry_after` is the value of the x-acs-retry-after header (milliseconds), if any.
template <rpc_operation Op>
result<Op> parse_response(int http_status, std::string_view body, std::string_view retry_after = {}) {
    if (http_status >= 200 && http_status < 300) {
        auto response = read_json<typename Op::response>(body);
        if (!response) return response.errors();
        return std::move(response).value();
    }
    error e;
    e.http_status = http_status;
    e.body.assign(body);
    // A body that is not the documented error JSON leaves every field empty.
    if (auto parsed = read_json<detail::error_body>(body)) {
        detail::error_body& wire = parsed.value();
        e.code = std::move(wire.Code);
        e.message = std::move(wire.Message).value_or(std::string());
        e.request_id = std::move(wire.RequestId).value_or(std::string());
        e.host_id = std::move(wire.HostId).value_or(std::string());
        e.recommend = std::move(wire.Recommend).value_or(std::string());
    }
    e.retry_after_header = detail::parse_retry_after(retry_after);
    return e;
}

}  // namespace livemsg::alibaba
