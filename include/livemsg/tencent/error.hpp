// SPDX-License-Identifier: BSL-1.0
// Tencent Cloud Chat REST errors: the vendor's ErrorCode, typed when it is documented and kept
// as a number when it is not, with whether trying again can help.
#pragma once

#include <livemsg/core/vendor_error.hpp>
#include <livemsg/detail/ostream.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::tencent {

/// The documented ErrorCode values. The enumerator names are printed by to_string().
enum class errc : std::int64_t {
    // send_text_msg's own codes (the operation's page).
    internal_error = 100001,     // server internal error; try again
    invalid_parameter = 100002,  // see ErrorInfo for the field
    room_not_found = 100004,     // never created, or already dissolved
    not_a_live_room = 100006,    // the room may not use the live-room APIs
    sender_muted = 100601,
    message_rate_limited = 100602,  // the room's message frequency limit; try again later
    message_too_long = 100603,      // TextContent above 12 KB

    // Common REST codes, as the REST API error table has them
    // (cloud.tencent.com/document/product/269/1671).
    http_parse_error = 60002,
    json_parse_error = 60003,
    account_or_signature_wrong = 60004,    // documented alike with 60005
    account_or_signature_invalid = 60005,  // documented alike with 60004
    invalid_sdkappid = 60006,
    rate_limited = 60007,  // "REST API call frequency exceeded": a REST API's own limit (200/s for send_text_msg)
    timeout = 60008,
    bad_url = 60009,
    needs_admin = 60010,       // the identifier is not an app admin
    sdkappid_rate_limited = 60011,  // "SDKAppID request frequency exceeded": the app's, over every API
    sdkappid_missing = 60012,
    sdkappid_disabled = 60016,
    package_expired = 60020,
    ip_not_allowed = 60021,

    // UserSig codes.
    usersig_expired = 70001,
    usersig_unparsable = 70003,
    usersig_verification_failed = 70009,
    usersig_userid_mismatch = 70013,
    usersig_sdkappid_mismatch = 70014,
    usersig_key_missing = 70016,
    usersig_sdkappid_not_found = 70020,
};
BOOST_DESCRIBE_ENUM(errc, internal_error, invalid_parameter, room_not_found, not_a_live_room, sender_muted,
                    message_rate_limited, message_too_long, http_parse_error, json_parse_error,
                    account_or_signature_wrong, account_or_signature_invalid, invalid_sdkappid, rate_limited,
                    timeout, bad_url, needs_admin, sdkappid_rate_limited, sdkappid_missing, sdkappid_disabled,
                    package_expired, ip_not_allowed, usersig_expired, usersig_unparsable,
                    usersig_verification_failed, usersig_userid_mismatch, usersig_sdkappid_mismatch,
                    usersig_key_missing, usersig_sdkappid_not_found)

inline std::string_view to_string(errc code) noexcept { return boost::describe::enum_to_string(code, "unknown"); }
template <class Traits>
livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, errc code) { return os << to_string(code); }

/// The documented code with this number, if any.
constexpr std::optional<errc> known_errc(std::int64_t code) noexcept {
    std::optional<errc> found;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<errc>>([&](auto D) {
        if (static_cast<std::int64_t>(D.value) == code) found = D.value;
    });
    return found;
}

/// Whether sending the same request again later can succeed: internal errors, timeouts and
/// rate limits.
constexpr bool retryable(errc code) noexcept {
    switch (code) {
        case errc::internal_error:
        case errc::message_rate_limited:
        case errc::rate_limited:
        case errc::timeout:
        case errc::sdkappid_rate_limited: return true;
        default: return false;
    }
}

/// What the vendor answered instead of a result: an ErrorCode other than 0 (or ActionStatus
/// FAIL), or an HTTP status other than 2xx, which the page reserves for network failures.
struct error {
    int http_status{};        // 200 for every error the API itself reports
    std::int64_t code{};      // ErrorCode as sent; 0 when the body carries none (a gateway's 502 page)
    std::string message{};    // ErrorInfo
    std::string request_id{}; // RequestId, to quote to Tencent's support
    std::string body{};       // the raw response body, whole

    /// The documented code, or nullopt for a code this version of livemsg does not know.
    std::optional<errc> known() const noexcept { return known_errc(code); }
    bool is(errc c) const noexcept { return code == static_cast<std::int64_t>(c); }
    /// The code as text, "100002"; empty when the body carried none.
    std::string code_text() const { return code == 0 ? std::string() : std::to_string(code); }
    /// Tencent never says when to come back.
    std::optional<std::chrono::milliseconds> retry_after() const noexcept { return std::nullopt; }

    /// Whether the same request may succeed later: a retryable code, or a transient HTTP failure
    /// (408, 429, 5xx) of a body without a code. A send is not idempotent: one that timed out
    /// may have been delivered, so carry an ID of your own in ExtensionInfo.
    bool retryable() const noexcept {
        if (const auto c = known()) return tencent::retryable(*c);
        if (code != 0) return false;
        return http_status == 408 || http_status == 429 || http_status >= 500;
    }

    /// "Tencent error 100002 (invalid_parameter): <ErrorInfo> [HTTP 200, RequestId Id-...]"
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const error& e) {
        os << "Tencent error " << e.code;
        if (const auto c = e.known()) os << " (" << *c << ')';
        if (!e.message.empty()) os << ": " << e.message;
        os << " [HTTP " << e.http_status;
        if (!e.request_id.empty()) os << ", RequestId " << e.request_id;
        return os << ']';
    }
};
static_assert(livemsg::vendor_error<error>);

}  // namespace livemsg::tencent
