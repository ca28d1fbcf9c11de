// SPDX-License-Identifier: BSL-1.0
// Signing Alibaba Cloud RPC requests with V1 (HMAC-SHA1, in the query), in place.
#pragma once

#include <livemsg/alibaba/credentials.hpp>
#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/alibaba/signature_common.hpp>
#include <livemsg/core/checked.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/detail/canonical.hpp>
#include <livemsg/detail/crypto.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::alibaba {

namespace detail {

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

// A parameter to sign: decoded text from the query, or a form body's pair as it was encoded.
struct signed_param {
    std::string_view name;
    std::string_view value;
    bool encoded = false;
};

using signed_params = livemsg::detail::short_list<signed_param, 32>;

constexpr int upper_hex_value(char c) noexcept {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// Whether `text` is exactly how RFC 3986 encodes what it decodes to: unreserved bytes as they
// are, every other byte as %XX in upper case. Such a form pair is signed as it comes, since
// decoding and encoding it again would give it back.
constexpr bool is_canonical_encoding(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (livemsg::detail::is_unreserved(text[i])) continue;
        if (text[i] != '%' || text.size() - i < 3) return false;
        const int hi = upper_hex_value(text[i + 1]), lo = upper_hex_value(text[i + 2]);
        if (hi < 0 || lo < 0 || livemsg::detail::is_unreserved(static_cast<char>(hi * 16 + lo))) return false;
        i += 2;
    }
    return true;
}

// The decoded byte at `at` (a %XX escape when `encoded`), moving `at` past it.
constexpr unsigned char next_decoded_byte(std::string_view text, bool encoded, std::size_t& at) noexcept {
    if (encoded && text[at] == '%') {
        at += 3;
        return static_cast<unsigned char>(upper_hex_value(text[at - 2]) * 16 + upper_hex_value(text[at - 1]));
    }
    return static_cast<unsigned char>(text[at++]);
}

// Compares two texts as decoded bytes, as the SDKs sort parameters before encoding them.
constexpr int compare_decoded(std::string_view a, bool a_encoded, std::string_view b, bool b_encoded) noexcept {
    if (!a_encoded && !b_encoded) return a.compare(b);
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const unsigned char x = next_decoded_byte(a, a_encoded, i), y = next_decoded_byte(b, b_encoded, j);
        if (x != y) return x < y ? -1 : 1;
    }
    return (i < a.size()) - (j < b.size());
}

inline void sort_for_signing(std::span<signed_param> params) {
    std::sort(params.begin(), params.end(), [](const signed_param& a, const signed_param& b) {
        const int by_name = compare_decoded(a.name, a.encoded, b.name, b.encoded);
        return by_name != 0 ? by_name < 0 : compare_decoded(a.value, a.encoded, b.value, b.encoded) < 0;
    });
}

// What percent-encoding a byte once or twice writes, for every byte: the text in the low
// bytes, its length in the top byte, so that each byte's text is one 8-byte store.
using escape_table = std::array<std::uint64_t, 256>;

constexpr escape_table make_escape_table(std::string_view escape) {
    escape_table table{};
    for (unsigned b = 0; b < 256; ++b) {
        std::uint64_t entry = 0;
        std::size_t size = 0;
        const auto put = [&](char c) { entry |= std::uint64_t{static_cast<unsigned char>(c)} << (8 * size++); };
        if (livemsg::detail::is_unreserved(static_cast<char>(b))) {
            put(static_cast<char>(b));
        } else {
            for (char c : escape) put(c);
            put(livemsg::detail::upper_hex_digits[b >> 4]);
            put(livemsg::detail::upper_hex_digits[b & 0xF]);
        }
        table[b] = entry | std::uint64_t{size} << 56;
    }
    return table;
}

inline constexpr escape_table encoded_once = make_escape_table("%");
// Encoding "%XX" again only turns its '%' into "%25".
inline constexpr escape_table encoded_twice = make_escape_table("%25");

inline std::size_t escaped_size(std::string_view s, const escape_table& table) noexcept {
    std::size_t size = 0;
    for (char c : s) size += table[static_cast<unsigned char>(c)] >> 56;
    return size;
}

// Writes `s` escaped at `out` and returns the end. Each byte is an 8-byte store, so 7 bytes of
// room must follow the escaped text.
inline char* write_escaped(char* out, std::string_view s, const escape_table& table) noexcept {
    for (char c : s) {
        const std::uint64_t entry = table[static_cast<unsigned char>(c)];
        if constexpr (std::endian::native == std::endian::little) {
            std::memcpy(out, &entry, sizeof entry);
        } else {
            for (std::size_t i = 0; i < sizeof entry; ++i) out[i] = static_cast<char>(entry >> (8 * i));
        }
        out += entry >> 56;
    }
    return out;
}

// Appends V1's canonical query percent-encoded a second time, as the string to sign has it, in
// one pass: "a=1&b=x%20y" becomes "a%3D1%26b%3Dx%2520y". Query text is decoded, so it is
// encoded twice; form pairs are encoded already, so once.
inline void append_v1_encoded_canonical_query(std::string& out, std::span<const signed_param> params) {
    constexpr std::string_view ampersand = "%26", equals = "%3D";
    std::size_t size = params.empty() ? 0 : (params.size() - 1) * ampersand.size();
    for (const signed_param& p : params) {
        const escape_table& table = p.encoded ? encoded_once : encoded_twice;
        size += escaped_size(p.name, table) + equals.size() + escaped_size(p.value, table);
    }
    const std::size_t start = out.size();
    out.resize(start + size + 7);  // write_escaped's room
    char* at = out.data() + start;
    for (const signed_param& p : params) {
        const escape_table& table = p.encoded ? encoded_once : encoded_twice;
        if (&p != params.data()) at = std::copy(ampersand.begin(), ampersand.end(), at);
        at = write_escaped(at, p.name, table);
        at = std::copy(equals.begin(), equals.end(), at);
        at = write_escaped(at, p.value, table);
    }
    out.resize(start + size);
}

// Adds a form body's pairs, split as decode_form() splits them. A pair not in canonical
// encoding is decoded into `decoded` (reserved for every pair, so that views stay valid).
inline void add_form_params(std::string_view body, signed_params& params, std::vector<std::string>& decoded) {
    while (!body.empty()) {
        const auto amp = body.find('&');
        const std::string_view pair = body.substr(0, amp);
        const auto eq = pair.find('=');
        const std::string_view name = pair.substr(0, eq);
        const std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        if (is_canonical_encoding(name) && is_canonical_encoding(value)) {
            params.push_back({name, value, true});
        } else {
            if (decoded.empty()) decoded.reserve(2 * static_cast<std::size_t>(std::ranges::count(body, '&') + 1));
            decoded.push_back(percent_decode(name).value_or(""));
            decoded.push_back(percent_decode(value).value_or(""));
            params.push_back({decoded[decoded.size() - 2], decoded.back(), false});
        }
        body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    }
}


// V1's string to sign and signature over the request as it stands: every query parameter but
// Signature and a form body's pairs, signed with the query's. sign_v1 calls it once it has added
// the common parameters; a verifier calls it on what arrived.
inline signature_details v1_signature_of(const http_request& request, const secret& access_key_secret) {
    signed_params params;
    for (const param& p : request.query)
        if (p.name != "Signature") params.push_back({p.name, p.value});
    std::vector<std::string> decoded_form;  // the views in params point into it
    if (request.content_type == form_content_type) add_form_params(request.body, params, decoded_form);
    sort_for_signing(params.items());

    signature_details d;
    d.string_to_sign.assign(request.method);
    d.string_to_sign += "&%2F&";
    append_v1_encoded_canonical_query(d.string_to_sign, params.items());
    std::string key;  // the secret, then '&'
    const livemsg::detail::cleanse_at_exit cleanse_key(key);
    key.reserve(access_key_secret.reveal().size() + 1);  // one buffer: growing would free a copy uncleansed
    key.assign(access_key_secret.reveal());
    key += '&';
    d.signature = livemsg::detail::base64_encode(livemsg::detail::as_chars(livemsg::detail::hmac_sha1(key, d.string_to_sign)));
    return d;
}

}  // namespace detail

/// V1: adds the common parameters (Format=JSON unless the query has a Format, AccessKeyId,
/// SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken with STS) and
/// Signature to the query. A form body's parameters are signed with the query's. Signing again,
/// for a retry, replaces what the last V1 signature added; a V3-signed request is refused.
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
    if (options.nonce) q.add("SignatureNonce", *options.nonce);
    else q.add("SignatureNonce", detail::fresh_nonce());
    q.add("Timestamp", detail::iso8601_timestamp(options.time.value_or(std::chrono::system_clock::now())).view());
    if (!creds.security_token.empty()) q.add("SecurityToken", creds.security_token.reveal());

    signature_details d = detail::v1_signature_of(request, creds.access_key_secret);
    q.add("Signature", d.signature);
    return d;
}

}  // namespace livemsg::alibaba
