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
#include <livemsg/detail/canonical.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/detail/utc_time.hpp>
#include <livemsg/detail/wire_checks.hpp>

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

}  // namespace livemsg::alibaba

namespace livemsg::detail {

inline std::string fresh_nonce() {
    std::array<unsigned char, 16> bytes{};
    random_bytes(bytes);
    return hex(bytes);
}

// Checks what a signature puts into the request, collecting every problem.
inline validation_errors check_alibaba_signing(const alibaba::credentials& creds, const alibaba::signing_options& o,
                                               const http_request& r) {
    validation_errors errors("credentials");
    collector c(errors);
    check_bytes("access_key_id", creds.access_key_id, is_token_byte, "the characters of an HTTP token", c);
    if (creds.access_key_secret.empty())
        c.at("access_key_secret", [&] { c.report(error_code::empty, "must not be empty"); });
    check_header_value("security_token", creds.security_token.reveal(), c);
    if (o.nonce) check_bytes("nonce", *o.nonce, is_token_byte, "the characters of an HTTP token", c);
    if (!r.query.find("Action") || !r.query.find("Version"))
        c.at("request", [&] { c.report(error_code::missing, "must carry Action and Version in its query (see render())"); });
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

}  // namespace livemsg::detail

namespace livemsg::alibaba {

// V1: adds the common parameters (Format=JSON unless the query has a Format, AccessKeyId,
// SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken with STS) and
// Signature to the query. A form body's parameters are signed with the query's.
inline checked<signature_details> sign_v1(http_request& request, const credentials& creds,
                                          const signing_options& options = {}) {
    if (auto errors = livemsg::detail::check_alibaba_signing(creds, options, request); !errors.empty()) return errors;
    auto& q = request.query;
    if (!q.find("Format")) q.add("Format", "JSON");
    q.set("AccessKeyId", creds.access_key_id);
    q.set("SignatureMethod", "HMAC-SHA1");
    q.set("SignatureVersion", "1.0");
    q.set("SignatureNonce", options.nonce ? *options.nonce : livemsg::detail::fresh_nonce());
    q.set("Timestamp", livemsg::detail::iso8601_utc(options.time.value_or(std::chrono::system_clock::now())));
    if (!creds.security_token.empty()) q.set("SecurityToken", creds.security_token.reveal());

    // A form body's parameters are signed with the query's.
    const auto form = request.content_type == form_content_type ? livemsg::detail::decode_form(request.body)
                                                                : std::vector<std::pair<std::string, std::string>>{};
    livemsg::detail::parameter_views params;
    for (const param& p : q)
        if (p.name != "Signature") params.push_back({p.name, p.value});
    for (const auto& [name, value] : form) params.push_back({name, value});
    std::string canonical;
    livemsg::detail::append_canonical_query(canonical, params);

    signature_details d;
    d.string_to_sign.assign(request.method);
    d.string_to_sign += "&%2F&";
    append_percent_encoded(d.string_to_sign, canonical);
    std::string key(creds.access_key_secret.reveal());
    key += '&';
    d.signature = livemsg::detail::base64_encode(livemsg::detail::as_chars(livemsg::detail::hmac_sha1(key, d.string_to_sign)));
    q.set("Signature", d.signature);
    return d;
}

// V3: moves Action and Version from the query into x-acs-action and x-acs-version, adds the
// x-acs-* headers and Authorization. Signed headers: host, content-type (with a body) and x-acs-*.
inline checked<signature_details> sign_v3(http_request& request, const credentials& creds,
                                          const signing_options& options = {}) {
    if (auto errors = livemsg::detail::check_alibaba_signing(creds, options, request); !errors.empty()) return errors;
    const std::string action(*request.query.find("Action"));
    const std::string version(*request.query.find("Version"));
    param_list query;
    for (const param& p : request.query)
        if (p.name != "Action" && p.name != "Version") query.add(p.name, p.value);
    request.query = std::move(query);

    std::vector<std::pair<std::string, std::string>> headers{
        {"x-acs-action", action},
        {"x-acs-content-sha256", livemsg::detail::sha256_hex(request.body)},
        {"x-acs-date", livemsg::detail::iso8601_utc(options.time.value_or(std::chrono::system_clock::now()))},
        {"x-acs-signature-nonce", options.nonce ? *options.nonce : livemsg::detail::fresh_nonce()},
        {"x-acs-version", version},
    };
    if (!creds.security_token.empty())
        headers.emplace_back("x-acs-security-token", std::string(creds.security_token.reveal()));
    for (const auto& [name, value] : headers) request.headers.set(name, value);

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
    d.canonical_request += *request.headers.find("x-acs-content-sha256");

    d.string_to_sign = "ACS3-HMAC-SHA256\n";
    d.string_to_sign += livemsg::detail::sha256_hex(d.canonical_request);
    d.signature = livemsg::detail::hex(livemsg::detail::hmac_sha256(creds.access_key_secret.reveal(), d.string_to_sign));
    request.headers.set("Authorization", "ACS3-HMAC-SHA256 Credential=" + creds.access_key_id +
                                             ",SignedHeaders=" + signed_headers + ",Signature=" + d.signature);
    return d;
}

}  // namespace livemsg::alibaba
