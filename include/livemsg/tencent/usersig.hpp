// UserSig (TLSSigAPIv2): generate, decode and verify the admin's signature, a cached signer
// that renews it, and render() with a fresh CSPRNG `random`. Needs livemsg::signing.
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
#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/rest.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <zlib.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::tencent {

// Tencent's SDKs default to 180 days.
inline constexpr std::chrono::seconds default_usersig_lifetime{180 * 86400};

// Bytes carried as they are, such as a privilege map; Base64 inside the UserSig.
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

// What a UserSig grants: an identity of an app, for a lifetime.
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

// A decoded UserSig, as it claims: nothing here is verified (see verify_usersig).
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

    // The last second at which the server accepts it.
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

// Equal contents in a time that does not depend on where they differ.
inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

inline std::string zlib_compress(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        throw std::runtime_error("livemsg: zlib could not compress a UserSig");
    out.resize(size);
    return out;
}

// The inflated bytes, or nullopt for anything but one whole zlib stream of at most max_size bytes.
inline std::optional<std::string> zlib_decompress(std::string_view data, std::size_t max_size = 1 << 20) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return std::nullopt;
    zs.next_in = const_cast<Bytef*>(reinterpret_cast<const Bytef*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    std::array<char, 4096> chunk;
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
        zs.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&zs, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - zs.avail_out);
        if (out.size() > max_size) rc = Z_MEM_ERROR;
        else if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) rc = Z_BUF_ERROR;  // truncated
    }
    const bool whole = rc == Z_STREAM_END && zs.avail_in == 0;
    inflateEnd(&zs);
    if (!whole) return std::nullopt;
    return out;
}

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

// A UserSig for `grant`, signed with `key` at `now` (injectable for tests), or every reason
// the grant or key is unusable.
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
    const std::string compressed = detail::zlib_compress(detail::usersig_json(c));
    return user_sig(detail::to_usersig_alphabet(livemsg::detail::base64_encode(compressed)));
}

// What a UserSig claims, or why it cannot be read. The errors never quote the UserSig.
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
    auto content = detail::zlib_decompress(*compressed);
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

// Whether the server would accept a UserSig for `sdkappid` and `identifier` at `now`, and if
// not, the error it would answer, so that a service can tell before sending.
class usersig_verdict {
public:
    usersig_verdict() = default;
    usersig_verdict(errc problem, std::string reason) : problem_(problem), reason_(std::move(reason)) {}

    bool ok() const noexcept { return !problem_; }
    explicit operator bool() const noexcept { return ok(); }
    // usersig_unparsable, usersig_sdkappid_mismatch, usersig_userid_mismatch,
    // usersig_verification_failed (tampered, or signed with another key) or usersig_expired.
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
    if (!detail::same_bytes(expected, c.sig))
        return {errc::usersig_verification_failed, "TLS.sig does not match: altered, or signed with another key"};
    if (now > c.expires_at())
        return {errc::usersig_expired, "expired at Unix time " + std::to_string(c.expires_at().time_since_epoch().count())};
    return {};
}

// A `random` for one REST call, from OpenSSL's CSPRNG.
inline std::uint32_t fresh_random() {
    std::array<unsigned char, 4> bytes;
    livemsg::detail::random_bytes(bytes);
    return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
           static_cast<std::uint32_t>(bytes[2]) << 8 | static_cast<std::uint32_t>(bytes[3]);
}

// render() with a fresh CSPRNG `random`.
template <rest_operation Op>
validation_errors render(const Op& op, const rest_caller& caller, http_request& out) {
    return render(op, caller, fresh_random(), out);
}

template <rest_operation Op>
checked<http_request> render(const Op& op, const rest_caller& caller) {
    return render(op, caller, fresh_random());
}

// An admin's UserSig, generated once and handed out until it nears expiry, then renewed.
// Safe to share between threads.
class admin_signer {
public:
    using clock = std::function<std::chrono::sys_seconds()>;

    // Renews once `renew_before` of the lifetime is left (by default a tenth). Throws
    // std::invalid_argument, with every reason, when the grant or key is unusable.
    admin_signer(usersig_grant grant, secret key, clock now = detail::system_now,
                 std::optional<std::chrono::seconds> renew_before = std::nullopt)
        : grant_(std::move(grant)), key_(std::move(key)), now_(std::move(now)) {
        const validation_errors errors = detail::check_grant(grant_, key_);
        if (!errors.empty()) throw std::invalid_argument(errors.report());
        const std::chrono::seconds lifetime(grant_.expire.raw());
        renew_before_ = renew_before.value_or(lifetime / 10);
        if (renew_before_ < std::chrono::seconds(0) || renew_before_ >= lifetime)
            throw std::invalid_argument("livemsg: renew_before must be at least 0 and less than the UserSig's lifetime");
        current_ = issue(now_());
    }

    admin_signer(const admin_signer&) = delete;
    admin_signer& operator=(const admin_signer&) = delete;

    // The current UserSig, renewed first when it is due.
    user_sig usersig() const { return current()->sig; }

    // Sets the caller's sdkappid, identifier and UserSig; copies only what changed.
    void sign(rest_caller& caller) const {
        const auto issued = current();
        if (!(caller.sdkappid == grant_.sdkappid)) caller.sdkappid = grant_.sdkappid;
        if (!(caller.identifier == grant_.identifier)) caller.identifier = grant_.identifier;
        if (caller.usersig.reveal() != issued->sig.reveal()) caller.usersig = issued->sig;
    }

    // When the current UserSig was signed, and when it will be renewed.
    std::chrono::sys_seconds signed_at() const { return current()->signed_at; }
    std::chrono::sys_seconds renews_at() const { return current()->renew_at; }

private:
    struct issued {
        user_sig sig;
        std::chrono::sys_seconds signed_at;
        std::chrono::sys_seconds renew_at;
    };

    std::shared_ptr<const issued> issue(std::chrono::sys_seconds now) const {
        auto sig = generate_usersig(grant_, key_, now);
        if (!sig) throw std::invalid_argument(sig.errors().report());
        const std::chrono::seconds lifetime(grant_.expire.raw());
        return std::make_shared<const issued>(issued{std::move(sig).value(), now, now + lifetime - renew_before_});
    }

    std::shared_ptr<const issued> current() const {
        const auto now = now_();
        std::lock_guard lock(mutex_);
        if (now >= current_->renew_at) current_ = issue(now);
        return current_;
    }

    usersig_grant grant_;
    secret key_;
    clock now_;
    std::chrono::seconds renew_before_{};
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const issued> current_;
};

}  // namespace livemsg::tencent
