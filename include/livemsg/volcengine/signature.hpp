// SPDX-License-Identifier: BSL-1.0
// Volcengine's HMAC-SHA256 request signature. Signs any http_request in place: adds X-Date,
// X-Content-Sha256 (when there is a body), X-Security-Token (with a session token) and
// Authorization. Needs the livemsg::signing target (OpenSSL).
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/core/string_field.hpp>
#include <livemsg/core/wire_checks.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/canonical.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/detail/ostream.hpp>
#include <livemsg/detail/utc_time.hpp>
#include <livemsg/volcengine/credentials.hpp>
#include <livemsg/volcengine/openapi.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::volcengine {

/// The region and service a signature is valid for.
struct signing_scope {
    std::string_view region;
    std::string_view service;
};

constexpr signing_scope scope_of(const endpoint& e) noexcept { return {e.region, e.service}; }

/// Every intermediate value of one signature, to compare with the server's when it disagrees.
struct signing_details {
    std::string x_date{};                  // 20240619T071306Z
    std::string content_sha256{};          // hex SHA-256 of the body
    std::string canonical_request{};
    std::string canonical_request_hash{};  // hex SHA-256 of canonical_request
    std::string credential_scope{};        // 20240619/cn-beijing/iam/request
    std::string signed_headers{};          // host;x-date
    std::string string_to_sign{};
    secret signing_key{};                  // hex; derived from the secret key, so printed as a mask
    std::string signature{};               // hex
    std::string authorization{};           // the Authorization header's value

    /// The session token, signed as a header, is masked in the canonical request too.
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const signing_details& d) {
        constexpr std::string_view token_line = "\nx-security-token:";
        std::string_view canonical = d.canonical_request;
        os << "CanonicalRequest:\n";
        if (const auto at = canonical.find(token_line); at != std::string_view::npos) {
            const auto end = canonical.find('\n', at + token_line.size());
            os << canonical.substr(0, at + token_line.size()) << "******";
            canonical.remove_prefix(end == std::string_view::npos ? canonical.size() : end);
        }
        return os << canonical << "\nStringToSign:\n"
                  << d.string_to_sign << "\nSigningKey: " << d.signing_key << "\nSignature: " << d.signature;
    }
};

namespace detail {

using livemsg::detail::check_header_value;
using livemsg::detail::iequals;
using livemsg::detail::iless;
using livemsg::detail::short_list;
using livemsg::detail::to_lower;
using livemsg::detail::trim;

// Signed besides Host and Content-Type, as Volcengine's Go SDK does: Content-Md5 and every X-
// header. Headers a proxy may rewrite (User-Agent, Accept-Encoding) are left out.
inline bool is_signed_header(std::string_view name) noexcept {
    return iequals(name, "content-md5") || (name.size() >= 2 && to_lower(name[0]) == 'x' && name[1] == '-');
}

struct header_line {
    std::string_view name;
    std::string_view value;
};

inline void append_lower(std::string& out, std::string_view s) {
    for (char ch : s) out += to_lower(ch);
}

// YYYYMMDD'T'HHMMSS'Z' in UTC, or false for a year outside 0000-9999. Written in place: the
// string keeps its storage from one signature to the next.
inline bool format_x_date(std::chrono::system_clock::time_point at, std::string& out) {
    const auto t = livemsg::detail::to_utc_fields(at);
    if (t.year < 0 || t.year > 9999) return false;
    const auto put = [&](int v, int width) {
        char digits[4];
        for (int i = width - 1; i >= 0; --i, v /= 10) digits[i] = static_cast<char>('0' + v % 10);
        out.append(digits, static_cast<std::size_t>(width));
    };
    out.clear();
    put(t.year, 4);
    put(t.month, 2);
    put(t.day, 2);
    out += 'T';
    put(t.hour, 2);
    put(t.minute, 2);
    put(t.second, 2);
    out += 'Z';
    return true;
}

}  // namespace detail

/// Signs `request` as of `at`, writing every intermediate value into `details` (whose storage is
/// reused). Nothing is changed and the problems are returned when the credentials, the scope or
/// a header would not make a valid, unforgeable request (CR or LF in a value, say).
///
/// Signed: host, content-type when there is one, content-md5 and every x- header, sorted. A
/// request without a body gets no X-Content-Sha256 header, as in the official IAM example.
/// Signing a request again, for a retry, gives what signing it once at that time would give.
[[nodiscard]] inline validation_errors sign(http_request& request, const credentials& creds,
                                            const signing_scope& scope, std::chrono::system_clock::time_point at,
                                            signing_details& details) {
    validation_errors errors("Volcengine signature");
    livemsg::reporter c(errors);
    detail::check_bytes("access_key_id", creds.access_key_id, detail::is_ascii_alnum, "ASCII letters and digits", c);
    if (creds.secret_access_key.empty())
        c.at("secret_access_key", [&] { c.report(error_code::empty, "must not be empty"); });
    detail::check_header_value("session_token", creds.session_token.reveal(), c);
    detail::check_scope(scope.region, scope.service, c);
    livemsg::detail::check_request_lines(request, c);
    if (!detail::format_x_date(at, details.x_date))
        c.at("time", [&] { c.report(error_code::out_of_range, "must fall in the years 0000 to 9999"); });
    if (!errors.empty()) return errors;

    // Replaces a header of the same name in any case, so that signing again stays one header,
    // and drops one this signature does not send, so that signing again equals signing once.
    const auto set_header = [&](std::string_view name, std::string_view value) {
        for (const param& h : request.headers)
            if (detail::iequals(h.name, name)) return request.headers.set(h.name, value);
        request.headers.add(name, value);
    };
    const auto remove_header = [&](std::string_view name) {
        request.headers.remove_if([&](const param& h) { return detail::iequals(h.name, name); });
    };
    details.content_sha256.clear();
    livemsg::detail::append_hex(details.content_sha256, livemsg::detail::sha256(request.body));
    set_header("X-Date", details.x_date);
    if (!request.body.empty() || !request.content_type.empty()) set_header("X-Content-Sha256", details.content_sha256);
    else remove_header("X-Content-Sha256");
    if (!creds.session_token.empty()) set_header("X-Security-Token", creds.session_token.reveal());
    else remove_header("X-Security-Token");

    // Canonical query: sorted by name, then value, before RFC 3986 encoding, as Volcengine's
    // own samples and SDKs sort it.
    std::string& canonical = details.canonical_request;
    canonical.assign(request.method);
    canonical += '\n';
    canonical += request.path.empty() ? std::string_view("/") : std::string_view(request.path);
    canonical += '\n';
    livemsg::detail::parameter_views query;
    for (const param& p : request.query) query.push_back({p.name, p.value});
    livemsg::detail::append_canonical_query(canonical, query);
    canonical += '\n';

    // Canonical headers: lower-case names, sorted, trimmed values, each line ending in '\n'.
    detail::short_list<detail::header_line, 16> headers;
    headers.push_back({"host", request.host});
    if (!request.content_type.empty()) headers.push_back({"content-type", request.content_type});
    for (const param& h : request.headers)
        if (detail::is_signed_header(h.name)) headers.push_back({h.name, detail::trim(h.value)});
    std::ranges::sort(headers.items(), [](const detail::header_line& a, const detail::header_line& b) {
        return detail::iless(a.name, b.name);
    });
    details.signed_headers.clear();
    for (const auto& h : headers.items()) {
        detail::append_lower(canonical, h.name);
        canonical += ':';
        canonical += h.value;
        canonical += '\n';
        if (!details.signed_headers.empty()) details.signed_headers += ';';
        detail::append_lower(details.signed_headers, h.name);
    }
    canonical += '\n';
    canonical += details.signed_headers;
    canonical += '\n';
    canonical += details.content_sha256;

    details.canonical_request_hash.clear();
    livemsg::detail::append_hex(details.canonical_request_hash, livemsg::detail::sha256(canonical));

    const std::string_view date = std::string_view(details.x_date).substr(0, 8);
    details.credential_scope.assign(date);
    details.credential_scope += '/';
    details.credential_scope += scope.region;
    details.credential_scope += '/';
    details.credential_scope += scope.service;
    details.credential_scope += "/request";

    details.string_to_sign.assign("HMAC-SHA256\n");
    details.string_to_sign += details.x_date;
    details.string_to_sign += '\n';
    details.string_to_sign += details.credential_scope;
    details.string_to_sign += '\n';
    details.string_to_sign += details.canonical_request_hash;

    using livemsg::detail::as_chars;
    using livemsg::detail::hmac_sha256;
    auto k_date = hmac_sha256(creds.secret_access_key.reveal(), date);
    auto k_region = hmac_sha256(as_chars(k_date), scope.region);
    auto k_service = hmac_sha256(as_chars(k_region), scope.service);
    auto k_signing = hmac_sha256(as_chars(k_service), "request");
    std::string key_hex;
    const livemsg::detail::cleanse_at_exit cleanse_keys(k_date, k_region, k_service, k_signing, key_hex);
    key_hex.reserve(2 * k_signing.size());  // one buffer: growing would free copies of the key uncleansed
    livemsg::detail::append_hex(key_hex, k_signing);
    details.signing_key = secret(std::move(key_hex));  // secret cannot be refilled in place: one allocation

    details.signature.clear();
    livemsg::detail::append_hex(details.signature, hmac_sha256(as_chars(k_signing), details.string_to_sign));

    details.authorization.assign("HMAC-SHA256 Credential=");
    details.authorization += creds.access_key_id;
    details.authorization += '/';
    details.authorization += details.credential_scope;
    details.authorization += ", SignedHeaders=";
    details.authorization += details.signed_headers;
    details.authorization += ", Signature=";
    details.authorization += details.signature;
    set_header("Authorization", details.authorization);
    return errors;
}

/// Signs `request` as of `at` (now, unless given); the intermediate values, or every problem.
[[nodiscard]] inline checked<signing_details> sign(
    http_request& request, const credentials& creds, const signing_scope& scope,
    std::chrono::system_clock::time_point at = std::chrono::system_clock::now()) {
    signing_details details;
    auto errors = sign(request, creds, scope, at, details);
    if (!errors.empty()) return errors;
    return details;
}

}  // namespace livemsg::volcengine
