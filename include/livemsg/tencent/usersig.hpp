// SPDX-License-Identifier: BSL-1.0
// UserSig (TLSSigAPIv2): generate, decode and verify the admin's signature. Needs
// livemsg::signing. admin_signer.hpp caches one for every call; fresh_random.hpp draws `random`.
//
// A UserSig is URL-safe Base64 ('+' '/' '=' spelled '*' '-' '_') of zlib-compressed JSON
// {"TLS.ver":"2.0","TLS.identifier","TLS.sdkappid","TLS.expire","TLS.time","TLS.userbuf"?,"TLS.sig"},
// where TLS.sig is Base64(HMAC-SHA256(key, "TLS.identifier:..\nTLS.sdkappid:..\nTLS.time:..\n
// TLS.expire:..\n" [+ "TLS.userbuf:..\n"])).
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/zlib.hpp>
#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/rest.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::tencent {

/// Tencent's SDKs default to 180 days.
inline constexpr std::chrono::seconds default_usersig_lifetime{180 * 86400};

/// Bytes carried as they are, such as a privilege map; Base64 inside the UserSig.
class user_buffer {
public:
    user_buffer() = default;
    user_buffer(std::string_view bytes) : bytes_(std::in_place, bytes) {}
    user_buffer(std::string bytes) noexcept : bytes_(std::move(bytes)) {}
    template <std::size_t N>
    user_buffer(const char (&literal)[N]) : bytes_(std::in_place, literal, N - 1) {}

    bool has_value() const noexcept { return bytes_.has_value(); }
    std::string_view bytes() const noexcept { return bytes_ ? std::string_view(*bytes_) : std::string_view(); }

    friend bool operator==(const user_buffer&, const user_buffer&) = default;

private:
    std::optional<std::string> bytes_;
};

/// What a UserSig grants: an identity of an app, for a lifetime.
struct usersig_grant {
    sdk_app_id sdkappid{};
    nonempty_text<> identifier{};
    integer<std::int32_t, 1> expire{default_usersig_lifetime.count()};  // seconds; int in Tencent's C++ library
    user_buffer userbuf{};                                               // optional
};
BOOST_DESCRIBE_STRUCT(usersig_grant, (), (sdkappid, identifier, expire, userbuf))

}  // namespace livemsg::tencent

template <>
struct livemsg::field_traits<livemsg::tencent::user_buffer> {
    static constexpr bool required = false;
    static constexpr bool can_be_unset = true;
    static bool is_set(const tencent::user_buffer& b) noexcept { return b.has_value(); }
    static void check(const tencent::user_buffer&, reporter&) noexcept {}  // any bytes
};

namespace livemsg::tencent {

/// A decoded UserSig, as it claims: nothing here is verified (see verify_usersig).
struct usersig_contents {
    std::string version{};     // TLS.ver
    std::string identifier{};  // TLS.identifier
    std::int64_t sdkappid{};   // TLS.sdkappid
    std::int64_t time{};       // TLS.time: Unix seconds when signed
    std::int64_t expire{};     // TLS.expire: seconds of validity after `time`
    std::optional<std::string> userbuf{};         // TLS.userbuf, decoded
    std::optional<std::string> userbuf_base64{};  // TLS.userbuf as it came
    std::string sig{};         // TLS.sig: Base64 of the HMAC-SHA256
    std::string json{};        // the decompressed JSON

    /// The last second at which the server accepts it.
    std::chrono::sys_seconds expires_at() const noexcept {
        constexpr auto max = std::numeric_limits<std::int64_t>::max();
        constexpr auto min = std::numeric_limits<std::int64_t>::min();
        const std::int64_t end = expire > 0 && time > max - expire   ? max
                                 : expire < 0 && time < min - expire ? min
                                                                     : time + expire;
        return std::chrono::sys_seconds(std::chrono::seconds(end));
    }
};

namespace detail {

inline std::chrono::sys_seconds system_now() {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

inline std::string usersig_content(std::string_view identifier, std::int64_t sdkappid, std::int64_t time,
                                   std::int64_t expire, const std::optional<std::string>& userbuf_base64) {
    std::string out = "TLS.identifier:";
    out += identifier;
    out += "\nTLS.sdkappid:";
    out += std::to_string(sdkappid);
    out += "\nTLS.time:";
    out += std::to_string(time);
    out += "\nTLS.expire:";
    out += std::to_string(expire);
    out += '\n';
    if (userbuf_base64) {
        out += "TLS.userbuf:";
        out += *userbuf_base64;
        out += '\n';
    }
    return out;
}

inline std::string usersig_hmac(const secret& key, std::string_view content) {
    return livemsg::detail::base64_encode(livemsg::detail::as_chars(livemsg::detail::hmac_sha256(key.reveal(), content)));
}

// A bound on a UserSig's decompressed JSON, far above a real one's: it stops a zip bomb.
inline constexpr std::size_t max_usersig_json_bytes = 1 << 20;

inline std::string to_usersig_alphabet(std::string base64) {
    for (char& c : base64) c = c == '+' ? '*' : c == '/' ? '-' : c == '=' ? '_' : c;
    return base64;
}

// Standard Base64 from a UserSig's alphabet; missing padding is tolerated.
inline std::optional<std::string> from_usersig_alphabet(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 3);
    for (char c : text) {
        if (!is_usersig_char(c)) return std::nullopt;
        out += c == '*' ? '+' : c == '-' ? '/' : c == '_' ? '=' : c;
    }
    while (out.size() % 4 != 0) out += '=';
    return out;
}

inline void append_json_number(std::string& out, std::int64_t v) {
    char digits[24];
    out += livemsg::detail::format_integer(v, digits);
}

inline std::string usersig_json(const usersig_contents& c) {
    std::string out = "{\"TLS.ver\":";
    livemsg::detail::append_json_string(out, c.version);
    out += ",\"TLS.identifier\":";
    livemsg::detail::append_json_string(out, c.identifier);
    out += ",\"TLS.sdkappid\":";
    append_json_number(out, c.sdkappid);
    out += ",\"TLS.expire\":";
    append_json_number(out, c.expire);
    out += ",\"TLS.time\":";
    append_json_number(out, c.time);
    if (c.userbuf_base64) {
        out += ",\"TLS.userbuf\":";
        livemsg::detail::append_json_string(out, *c.userbuf_base64);
    }
    out += ",\"TLS.sig\":";
    livemsg::detail::append_json_string(out, c.sig);
    out += '}';
    return out;
}

inline void read_usersig_string(const boost::json::object& o, std::string_view key, std::string& out,
                                livemsg::reporter& c) {
    c.at(key, [&] {
        if (const auto* j = o.if_contains(key)) field_traits<std::string>::read(out, *j, c);
        else c.report(error_code::missing, "field required");
    });
}

// A number, or (leniently) a string of decimal digits.
inline void read_usersig_integer(const boost::json::object& o, std::string_view key, std::int64_t& out,
                                 livemsg::reporter& c) {
    c.at(key, [&] {
        const auto* j = o.if_contains(key);
        if (!j) return c.report(error_code::missing, "field required");
        if (j->is_string()) {
            const std::string_view s = j->get_string();
            std::int64_t v = 0;
            const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
            if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size())
                return c.report(error_code::wrong_type, "must be an integer");
            out = v;
            return;
        }
        if (auto v = livemsg::detail::read_int64(*j, c)) out = *v;
    });
}

inline validation_errors check_grant(const usersig_grant& grant, const secret& key) {
    validation_errors errors = validate(grant);
    if (key.empty()) errors.add({"key", error_code::empty, "must not be empty", std::nullopt});
    return errors;
}

}  // namespace detail

/// A UserSig for `grant`, signed with `key` at `now` (injectable for tests), or every reason
/// the grant or key is unusable.
[[nodiscard]] inline checked<user_sig> generate_usersig(const usersig_grant& grant, const secret& key,
                                                        std::chrono::sys_seconds now = detail::system_now()) {
    validation_errors errors = detail::check_grant(grant, key);
    if (!errors.empty()) return errors;

    usersig_contents c;
    c.version = "2.0";
    c.identifier.assign(grant.identifier.view());
    c.sdkappid = grant.sdkappid.raw();
    c.time = now.time_since_epoch().count();
    c.expire = grant.expire.raw();
    if (grant.userbuf.has_value()) {
        c.userbuf.emplace(grant.userbuf.bytes());
        c.userbuf_base64 = livemsg::detail::base64_encode(grant.userbuf.bytes());
    }
    c.sig = detail::usersig_hmac(key, detail::usersig_content(c.identifier, c.sdkappid, c.time, c.expire, c.userbuf_base64));
    const auto compressed = livemsg::detail::zlib_compress(detail::usersig_json(c));
    if (!compressed) throw std::runtime_error("livemsg: zlib could not compress a UserSig");
    return user_sig(detail::to_usersig_alphabet(livemsg::detail::base64_encode(*compressed)));
}

/// What a UserSig claims, or why it cannot be read. The errors never quote the UserSig.
[[nodiscard]] inline checked<usersig_contents> decode_usersig(std::string_view usersig) {
    validation_errors errors("usersig");
    auto unreadable = [&](std::string message) -> checked<usersig_contents> {
        errors.add({"", error_code::not_json, std::move(message), std::nullopt});
        return errors;
    };
    if (usersig.empty()) return unreadable("is empty");
    const auto base64 = detail::from_usersig_alphabet(usersig);
    if (!base64) return unreadable("is not a UserSig: a byte outside ASCII letters, digits, '*', '-' and '_'");
    const auto compressed = livemsg::detail::base64_decode(*base64);
    if (!compressed) return unreadable("is not a UserSig: not Base64");
    auto content = livemsg::detail::zlib_decompress(*compressed, detail::max_usersig_json_bytes);
    if (!content) return unreadable("is not a UserSig: not zlib-compressed data");

    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(*content, ec);
    if (ec) return unreadable("is not a UserSig: its content is not JSON: " + ec.message());
    if (!json.is_object()) return unreadable("is not a UserSig: its content is not a JSON object");
    const auto& o = json.get_object();

    usersig_contents c;
    livemsg::reporter collect(errors);
    detail::read_usersig_string(o, "TLS.ver", c.version, collect);
    detail::read_usersig_string(o, "TLS.identifier", c.identifier, collect);
    detail::read_usersig_integer(o, "TLS.sdkappid", c.sdkappid, collect);
    detail::read_usersig_integer(o, "TLS.time", c.time, collect);
    detail::read_usersig_integer(o, "TLS.expire", c.expire, collect);
    detail::read_usersig_string(o, "TLS.sig", c.sig, collect);
    if (o.contains("TLS.userbuf")) {
        std::string text;
        detail::read_usersig_string(o, "TLS.userbuf", text, collect);
        if (errors.empty()) {
            c.userbuf = livemsg::detail::base64_decode(text);
            if (!c.userbuf) collect.at("TLS.userbuf", [&] { collect.report(error_code::wrong_type, "must be Base64"); });
            c.userbuf_base64 = std::move(text);
        }
    }
    if (!errors.empty()) return errors;
    c.json = std::move(*content);
    return c;
}

/// Whether the server would accept a UserSig for `sdkappid` and `identifier` at `now`, and if
/// not, the error it would answer, so that a service can tell before sending.
class usersig_verdict {
public:
    usersig_verdict() = default;
    usersig_verdict(errc problem, std::string reason) : problem_(problem), reason_(std::move(reason)) {}

    bool ok() const noexcept { return !problem_; }
    explicit operator bool() const noexcept { return ok(); }
    /// usersig_unparsable, usersig_sdkappid_mismatch, usersig_userid_mismatch,
    /// usersig_verification_failed (tampered, or signed with another key) or usersig_expired.
    std::optional<errc> error() const noexcept { return problem_; }
    const std::string& reason() const noexcept { return reason_; }

private:
    std::optional<errc> problem_;
    std::string reason_;
};

[[nodiscard]] inline usersig_verdict verify_usersig(std::string_view usersig, const secret& key,
                                                    std::uint32_t sdkappid, std::string_view identifier,
                                                    std::chrono::sys_seconds now = detail::system_now()) {
    const auto decoded = decode_usersig(usersig);
    if (!decoded) return {errc::usersig_unparsable, decoded.errors().report()};
    const usersig_contents& c = *decoded;
    if (c.sdkappid != static_cast<std::int64_t>(sdkappid))
        return {errc::usersig_sdkappid_mismatch, "signed for SDKAppID " + std::to_string(c.sdkappid)};
    if (c.identifier != identifier) return {errc::usersig_userid_mismatch, "signed for another identifier"};
    const std::string expected =
        detail::usersig_hmac(key, detail::usersig_content(c.identifier, c.sdkappid, c.time, c.expire, c.userbuf_base64));
    if (!livemsg::detail::same_signature(expected, c.sig))
        return {errc::usersig_verification_failed, "TLS.sig does not match: altered, or signed with another key"};
    if (now > c.expires_at())
        return {errc::usersig_expired, "expired at Unix time " + std::to_string(c.expires_at().time_since_epoch().count())};
    return {};
}

}  // namespace livemsg::tencent
