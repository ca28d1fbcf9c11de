// SPDX-License-Identifier: BSL-1.0
// Signing Alibaba Cloud RPC requests with V3 (ACS3-HMAC-SHA256, in headers, the current SDKs'
// default), in place.
#pragma once

#include <livemsg/alibaba/credentials.hpp>
#include <livemsg/alibaba/signature_common.hpp>
#include <livemsg/core/checked.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/canonical.hpp>
#include <livemsg/detail/crypto.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::alibaba {

/// V3: moves Action and Version from the query into x-acs-action and x-acs-version, adds the
/// x-acs-* headers and Authorization. Signed headers: host, content-type (with a body) and x-acs-*.
/// Signing again, for a retry, replaces what the last V3 signature added; a V1-signed request is
/// refused.
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
    const detail::iso8601_timestamp date(options.time.value_or(std::chrono::system_clock::now()));
    std::string fresh_nonce;
    const std::string_view nonce = options.nonce ? std::string_view(*options.nonce)
                                                 : std::string_view(fresh_nonce = detail::fresh_nonce());
    livemsg::detail::short_list<std::pair<std::string_view, std::string_view>, 8> headers;
    headers.push_back({"x-acs-action", action});
    headers.push_back({"x-acs-content-sha256", content_sha256});
    headers.push_back({"x-acs-date", date.view()});
    headers.push_back({"x-acs-signature-nonce", nonce});
    headers.push_back({"x-acs-version", version});
    if (!creds.security_token.empty()) headers.push_back({"x-acs-security-token", creds.security_token.reveal()});
    for (const auto& [name, value] : headers.items()) request.headers.add(name, value);

    // Host and Content-Type are sent by the HTTP client from the request's fields; they are signed too.
    headers.push_back({"host", request.host});
    if (!request.content_type.empty()) headers.push_back({"content-type", request.content_type});
    std::ranges::sort(headers.items());

    signature_details d;
    std::string signed_headers;
    d.canonical_request.assign(request.method);
    d.canonical_request += "\n/\n";
    livemsg::detail::parameter_views params;
    for (const param& p : request.query) params.push_back({p.name, p.value});
    livemsg::detail::append_canonical_query(d.canonical_request, params);
    d.canonical_request += '\n';
    for (const auto& [name, value] : headers.items()) {
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
    livemsg::detail::append_hex(d.string_to_sign, livemsg::detail::sha256(d.canonical_request));
    livemsg::detail::append_hex(d.signature,
                                livemsg::detail::hmac_sha256(creds.access_key_secret.reveal(), d.string_to_sign));
    std::string authorization = "ACS3-HMAC-SHA256 Credential=";
    authorization += creds.access_key_id;
    authorization += ",SignedHeaders=";
    authorization += signed_headers;
    authorization += ",Signature=";
    authorization += d.signature;
    request.headers.add("Authorization", authorization);
    return d;
}

}  // namespace livemsg::alibaba
