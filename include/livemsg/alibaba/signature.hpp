// SPDX-License-Identifier: BSL-1.0
// Signing Alibaba Cloud RPC requests: V1 (HMAC-SHA1, in the query) and V3 (ACS3-HMAC-SHA256,
// in headers, the current SDKs' default). Both sign any livemsg::http_request in place, such as
// one that render() produced.
#pragma once

#include <livemsg/alibaba/credentials.hpp>
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
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
