// SPDX-License-Identifier: BSL-1.0
// What Alibaba's two signatures (signature_v1.hpp, signature_v3.hpp) share: their options, what
// they report, the checks of what they put on the wire, the nonce and the timestamp.
#pragma once

#include <livemsg/alibaba/credentials.hpp>
#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/core/wire_checks.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/detail/utc_time.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::alibaba {

struct signing_options {
    /// Default: the system clock.
    std::optional<std::chrono::system_clock::time_point> time;
    /// Default: 128 bits from the CSPRNG, in hex. A nonce must never be used twice.
    std::optional<std::string> nonce;
};

/// What was signed, for comparing with what the server says it expected.
struct signature_details {
    std::string canonical_request;  // V3 only
    std::string string_to_sign;
    std::string signature;
};

namespace detail {

using livemsg::detail::check_bytes;
using livemsg::detail::check_header_value;
using livemsg::detail::check_request_lines;
using livemsg::detail::hex;
using livemsg::detail::iequals;
using livemsg::detail::is_token_byte;
using livemsg::detail::random_bytes;

inline std::string fresh_nonce() {
    std::array<unsigned char, 16> bytes{};
    random_bytes(bytes);
    return hex(bytes);
}

// The query parameters sign_v1 adds, but Format, which may be the caller's own. Signing again
// replaces them.
inline constexpr std::array<std::string_view, 7> alibaba_v1_parameters{
    "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "Signature"};

// The headers sign_v3 adds. Signing again replaces them.
inline constexpr std::array<std::string_view, 7> alibaba_v3_headers{
    "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-security-token", "x-acs-signature-nonce",
    "x-acs-version", "Authorization"};

inline std::optional<std::string_view> find_header(const http_request& r, std::string_view name) noexcept {
    for (const param& h : r.headers)
        if (iequals(h.name, name)) return std::string_view(h.value);
    return std::nullopt;
}

// Action or Version: in the query, as render() writes them, or in the header where an earlier
// V3 signature moved it.
inline std::optional<std::string_view> alibaba_rpc_field(const http_request& r, std::string_view name,
                                                         std::string_view v3_header) noexcept {
    if (auto in_query = r.query.find(name)) return in_query;
    return find_header(r, v3_header);
}

inline bool signed_with_v1(const http_request& r) noexcept { return r.query.find("Signature").has_value(); }
inline bool signed_with_v3(const http_request& r) noexcept { return find_header(r, "x-acs-action").has_value(); }

enum class alibaba_signature { v1, v3 };

// Checks what a signature puts into the request, collecting every problem.
inline validation_errors check_alibaba_signing(const credentials& creds, const signing_options& o,
                                               const http_request& r, alibaba_signature version) {
    validation_errors errors("credentials");
    reporter c(errors);
    check_bytes("access_key_id", creds.access_key_id, is_token_byte, "the characters of an HTTP token", c);
    if (creds.access_key_secret.empty())
        c.at("access_key_secret", [&] { c.report(error_code::empty, "must not be empty"); });
    check_header_value("security_token", creds.security_token.reveal(), c);
    if (o.nonce) check_bytes("nonce", *o.nonce, is_token_byte, "the characters of an HTTP token", c);
    c.at("request", [&] {
        // The other version's signature would stay beside the new one.
        if (version == alibaba_signature::v1 && signed_with_v3(r))
            return c.report(error_code::conflict,
                            "is already signed with V3; sign_v1 takes the request as render() made it");
        if (version == alibaba_signature::v3 && signed_with_v1(r))
            return c.report(error_code::conflict,
                            "is already signed with V1; sign_v3 takes the request as render() made it");
        if (!alibaba_rpc_field(r, "Action", "x-acs-action") || !alibaba_rpc_field(r, "Version", "x-acs-version"))
            c.report(error_code::missing, "must carry Action and Version in its query (see render())");
    });
    check_request_lines(r, c);
    return errors;
}

// "2023-10-26T10:22:32Z" (ISO 8601, as Alibaba's Timestamp and x-acs-date): the text of
// detail::iso8601_utc, written in place without snprintf and gmtime_r.
class iso8601_timestamp {
public:
    explicit iso8601_timestamp(std::chrono::system_clock::time_point t) {
        using namespace std::chrono;
        const auto since_epoch = duration_cast<seconds>(t.time_since_epoch());  // truncated, as to_time_t
        const sys_days day = floor<days>(sys_seconds(since_epoch));
        const year_month_day date(day);
        const hh_mm_ss<seconds> time(since_epoch - day.time_since_epoch());
        const int y = static_cast<int>(date.year());
        if (y < 0 || y > 9999) {
            fallback_ = livemsg::detail::iso8601_utc(t);
            return;
        }
        char* at = buffer_.data();
        const auto put = [&](int v, int width, char after) {
            for (int i = width - 1; i >= 0; --i, v /= 10) at[i] = static_cast<char>('0' + v % 10);
            at += width;
            if (after) *at++ = after;
        };
        put(y, 4, '-');
        put(static_cast<int>(static_cast<unsigned>(date.month())), 2, '-');
        put(static_cast<int>(static_cast<unsigned>(date.day())), 2, 'T');
        put(static_cast<int>(time.hours().count()), 2, ':');
        put(static_cast<int>(time.minutes().count()), 2, ':');
        put(static_cast<int>(time.seconds().count()), 2, 'Z');
    }

    std::string_view view() const noexcept {
        return fallback_.empty() ? std::string_view(buffer_.data(), buffer_.size()) : std::string_view(fallback_);
    }

private:
    std::array<char, 20> buffer_{};
    std::string fallback_;  // a year beyond four digits
};

}  // namespace detail

}  // namespace livemsg::alibaba
