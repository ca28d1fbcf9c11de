// SPDX-License-Identifier: BSL-1.0
// What Volcengine's gateway answers when a call fails: ResponseMetadata.Error, typed for the
// common codes, kept as it came for the rest.
#pragma once

#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/vendor_error.hpp>
#include <livemsg/detail/ostream.hpp>

#include <boost/describe/enum.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::volcengine {

/// The common error codes every OpenAPI action may answer with.
enum class common_error {
    missing_parameter,
    missing_authentication_token,
    missing_request_info,
    missing_signature,
    invalid_timestamp,
    service_not_found,
    invalid_action_or_version,
    invalid_access_key,
    signature_does_not_match,
    lack_policy,
    access_denied,
    internal_error,
    internal_service_timeout,
};
BOOST_DESCRIBE_ENUM(common_error, missing_parameter, missing_authentication_token, missing_request_info,
                    missing_signature, invalid_timestamp, service_not_found, invalid_action_or_version,
                    invalid_access_key, signature_does_not_match, lack_policy, access_denied, internal_error,
                    internal_service_timeout)

/// A common code as documented: its wire string, its number (CodeN) and its HTTP status.
struct common_error_info {
    common_error code;
    std::string_view wire;
    std::int64_t code_n;
    int http_status;  // 0 where the documentation gives none
};

inline constexpr std::array<common_error_info, 13> common_errors{{
    {common_error::missing_parameter, "MissingParameter", 100002, 400},
    {common_error::missing_authentication_token, "MissingAuthenticationToken", 100003, 401},
    {common_error::missing_request_info, "MissingRequestInfo", 100004, 400},
    {common_error::missing_signature, "MissingSignature", 100005, 401},
    {common_error::invalid_timestamp, "InvalidTimestamp", 100006, 400},
    {common_error::service_not_found, "ServiceNotFound", 100007, 404},
    {common_error::invalid_action_or_version, "InvalidActionOrVersion", 100008, 404},
    {common_error::invalid_access_key, "InvalidAccessKey", 100009, 401},
    {common_error::signature_does_not_match, "SignatureDoesNotMatch", 100010, 401},
    {common_error::lack_policy, "LackPolicy", 100012, 403},
    {common_error::access_denied, "AccessDenied", 100013, 403},
    {common_error::internal_error, "InternalError", 100014, 500},
    {common_error::internal_service_timeout, "InternalServiceTimeout", 100016, 0},
}};

/// What the documentation says about a common code.
constexpr const common_error_info& documented(common_error e) noexcept {
    for (const auto& i : common_errors)
        if (i.code == e) return i;
    return common_errors[0];  // not reached for a declared enumerator
}

constexpr std::string_view wire_name(common_error e) noexcept {
    for (const auto& i : common_errors)
        if (i.code == e) return i.wire;
    return {};
}

/// A failed call. A failed HTTP status always gives one, even when the body is not the
/// documented JSON (a proxy's HTML page, say): then `code` is empty and `body` tells the rest.
struct error {
    int http_status = 0;
    open_enum<common_error> code{};          // Code as it came; known() for the common ones
    std::optional<std::int64_t> code_n{};    // CodeN, when the body has it
    std::string message{};                   // Message
    std::string request_id{};                // ResponseMetadata.RequestId, for support
    std::string body{};                      // the raw body, whole

    std::string code_text() const { return code.str(); }
    /// Volcengine never says when to come back.
    std::optional<std::chrono::milliseconds> retry_after() const noexcept { return std::nullopt; }

    /// Whether sending the same request again may succeed: the service failed or timed out,
    /// or the caller was throttled. Authentication, signature and parameter errors will not
    /// go away by themselves. A send is not idempotent: one that timed out may have been
    /// delivered, so carry an ID of your own in Content.
    bool retryable() const noexcept {
        if (http_status >= 500 || http_status == 429) return true;
        return code == common_error::internal_error || code == common_error::internal_service_timeout;
    }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const error& e) {
        os << "Volcengine error: HTTP " << e.http_status;
        if (!e.code.str().empty()) os << ' ' << e.code;
        if (e.code_n) os << " (" << *e.code_n << ')';
        if (!e.message.empty()) os << ": " << e.message;
        if (!e.request_id.empty()) os << " [RequestId " << e.request_id << ']';
        return os;
    }
};
static_assert(livemsg::vendor_error<error>);

}  // namespace livemsg::volcengine
