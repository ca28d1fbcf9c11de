// Signing Alibaba Cloud RPC requests: V1 (HMAC-SHA1, in the query) and V3 (ACS3-HMAC-SHA256,
// in headers, the current SDKs' default). Both sign any livemsg::http_request in place, such as
// one that render() produced.
#pragma once

#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/core/wire_checks.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/canonical.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/detail/utc_time.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::alibaba {

struct credentials {
    std::string access_key_id;
    secret access_key_secret;
    secret security_token;  // STS; empty when the key is long-lived

    friend std::ostream& operator<<(std::ostream& os, const credentials& c) {
        return os << "credentials{access_key_id=" << c.access_key_id << ", access_key_secret=" << c.access_key_secret
                  << ", security_token=" << c.security_token << '}';
    }
};

struct signing_options {
    // Default: the system clock.
    std::optional<std::chrono::system_clock::time_point> time;
    // Default: 128 bits from the CSPRNG, in hex. A nonce must never be used twice.
    std::optional<std::string> nonce;
};

// What was signed, for comparing with what the server says it expected.
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

// The decoded name/value pairs of an application/x-www-form-urlencoded body.
inline std::vector<std::pair<std::string, std::string>> decode_form(std::string_view body) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        const auto eq = pair.find('=');
        out.emplace_back(percent_decode(pair.substr(0, eq)).value_or(""),
                         eq == std::string_view::npos ? "" : percent_decode(pair.substr(eq + 1)).value_or(""));
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    }
    return out;
}

}  // namespace detail

// V1: adds the common parameters (Format=JSON unless the query has a Format, AccessKeyId,
// SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken with STS) and
// Signature to the query. A form body's parameters are signed with the query's. Signing again,
// for a retry, replaces what the last V1 signature added; a V3-signed request is refused.
[[nodiscard]] inline checked<signature_details> sign_v1(http_request& request, const credentials& creds,
                                                        const signing_options& options = {}) {
    using detail::alibaba_signature;
    if (auto errors = detail::check_alibaba_signing(creds, options, request, alibaba_signature::v1);
        !errors.empty())
        return errors;
    auto& q = request.query;
    q.remove_if([](const param& p) {
        return std::ranges::find(detail::alibaba_v1_parameters, p.name) !=
               detail::alibaba_v1_parameters.end();
    });
    if (!q.find("Format")) q.add("Format", "JSON");
    q.add("AccessKeyId", creds.access_key_id);
    q.add("SignatureMethod", "HMAC-SHA1");
    q.add("SignatureVersion", "1.0");
    q.add("SignatureNonce", options.nonce ? *options.nonce : detail::fresh_nonce());
    q.add("Timestamp", livemsg::detail::iso8601_utc(options.time.value_or(std::chrono::system_clock::now())));
    if (!creds.security_token.empty()) q.add("SecurityToken", creds.security_token.reveal());

    // A form body's parameters are signed with the query's.
    const auto form = request.content_type == form_content_type ? detail::decode_form(request.body)
                                                                : std::vector<std::pair<std::string, std::string>>{};
    livemsg::detail::parameter_views params;
    for (const param& p : q) params.push_back({p.name, p.value});
    for (const auto& [name, value] : form) params.push_back({name, value});
    std::string canonical;
    livemsg::detail::append_canonical_query(canonical, params);

    signature_details d;
    d.string_to_sign.assign(request.method);
    d.string_to_sign += "&%2F&";
    append_percent_encoded(d.string_to_sign, canonical);
    std::string key;  // the secret, then '&'
    const livemsg::detail::cleanse_at_exit cleanse_key(key);
    key.reserve(creds.access_key_secret.reveal().size() + 1);  // one buffer: growing would free a copy uncleansed
    key.assign(creds.access_key_secret.reveal());
    key += '&';
    d.signature = livemsg::detail::base64_encode(livemsg::detail::as_chars(livemsg::detail::hmac_sha1(key, d.string_to_sign)));
    q.add("Signature", d.signature);
    return d;
}

// V3: moves Action and Version from the query into x-acs-action and x-acs-version, adds the
// x-acs-* headers and Authorization. Signed headers: host, content-type (with a body) and x-acs-*.
// Signing again, for a retry, replaces what the last V3 signature added; a V1-signed request is
// refused.
[[nodiscard]] inline checked<signature_details> sign_v3(http_request& request, const credentials& creds,
                                                        const signing_options& options = {}) {
    using detail::alibaba_signature;
    if (auto errors = detail::check_alibaba_signing(creds, options, request, alibaba_signature::v3);
        !errors.empty())
        return errors;
    const std::string action(*detail::alibaba_rpc_field(request, "Action", "x-acs-action"));
    const std::string version(*detail::alibaba_rpc_field(request, "Version", "x-acs-version"));
    request.query.remove_if([](const param& p) { return p.name == "Action" || p.name == "Version"; });
    request.headers.remove_if([](const param& h) {
        return std::ranges::any_of(detail::alibaba_v3_headers,
                                   [&](std::string_view name) { return livemsg::detail::iequals(h.name, name); });
    });

    const std::string content_sha256 = livemsg::detail::sha256_hex(request.body);
    const std::string date = livemsg::detail::iso8601_utc(options.time.value_or(std::chrono::system_clock::now()));
    const std::string nonce = options.nonce ? *options.nonce : detail::fresh_nonce();
    std::vector<std::pair<std::string_view, std::string_view>> headers{
        {"x-acs-action", action},
        {"x-acs-content-sha256", content_sha256},
        {"x-acs-date", date},
        {"x-acs-signature-nonce", nonce},
        {"x-acs-version", version},
    };
    if (!creds.security_token.empty()) headers.emplace_back("x-acs-security-token", creds.security_token.reveal());
    for (const auto& [name, value] : headers) request.headers.add(name, value);

    // Host and Content-Type are sent by the HTTP client from the request's fields; they are signed too.
    headers.emplace_back("host", request.host);
    if (!request.content_type.empty()) headers.emplace_back("content-type", request.content_type);
    std::sort(headers.begin(), headers.end());

    signature_details d;
    std::string signed_headers;
    d.canonical_request.assign(request.method);
    d.canonical_request += "\n/\n";
    livemsg::detail::parameter_views params;
    for (const param& p : request.query) params.push_back({p.name, p.value});
    livemsg::detail::append_canonical_query(d.canonical_request, params);
    d.canonical_request += '\n';
    for (const auto& [name, value] : headers) {
        d.canonical_request += name;
        d.canonical_request += ':';
        d.canonical_request += value;
        d.canonical_request += '\n';
        if (!signed_headers.empty()) signed_headers += ';';
        signed_headers += name;
    }
    d.canonical_request += '\n';
    d.canonical_request += signed_headers;
    d.canonical_request += '\n';
    d.canonical_request += content_sha256;

    d.string_to_sign = "ACS3-HMAC-SHA256\n";
    d.string_to_sign += livemsg::detail::sha256_hex(d.canonical_request);
    d.signature = livemsg::detail::hex(livemsg::detail::hmac_sha256(creds.access_key_secret.reveal(), d.string_to_sign));
    request.headers.add("Authorization", "ACS3-HMAC-SHA256 Credential=" + creds.access_key_id +
                                             ",SignedHeaders=" + signed_headers + ",Signature=" + d.signature);
    return d;
}

}  // namespace livemsg::alibaba
