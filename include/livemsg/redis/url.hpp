// SPDX-License-Identifier: BSL-1.0
// Where a Redis server is: redis://[[user]:password@]host[:port][/db] or unix:///path[?db=N],
// the forms redis-cli -u and most clients take. The password may be percent-encoded.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::redis {

struct server_url {
    std::string host;         // empty for a unix socket
    std::uint16_t port = 6379;
    std::string socket_path;  // unix:///path
    std::string user;         // AUTH user password (Redis 6 ACL); empty: AUTH password
    std::string password;     // empty: no AUTH
    int db = 0;

    bool is_unix() const noexcept { return !socket_path.empty(); }

    /// The URL without its password, for a log line. Appended piece by piece: GCC 12 at -O3
    /// warns (-Wrestrict, wrongly) about "[" + host + "]".
    std::string redacted() const {
        std::string out = is_unix() ? "unix://" : "redis://";
        if (is_unix()) {
            out += socket_path;
        } else {
            if (!password.empty()) {
                out += user;
                out += ":***@";
            }
            const bool brackets = host.find(':') != std::string::npos;
            if (brackets) out += '[';
            out += host;
            if (brackets) out += ']';
            out += ':';
            out += std::to_string(port);
        }
        if (db != 0) {
            out += is_unix() ? "?db=" : "/";
            out += std::to_string(db);
        }
        return out;
    }
};

namespace detail {

inline std::optional<std::string> percent_decoded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        unsigned value = 0;
        if (i + 2 >= s.size()) return std::nullopt;
        const auto r = std::from_chars(s.data() + i + 1, s.data() + i + 3, value, 16);
        if (r.ec != std::errc() || r.ptr != s.data() + i + 3) return std::nullopt;
        out += static_cast<char>(value);
        i += 2;
    }
    return out;
}

template <class Int>
bool whole_number(std::string_view s, Int& out) {
    if (s.empty()) return false;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace detail

/// The server a URL names, or nullopt with `why` saying what is wrong with it.
inline std::optional<server_url> parse_url(std::string_view url, std::string* why = nullptr) {
    const auto fail = [&](std::string reason) -> std::optional<server_url> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return fail("a Redis URL holds no spaces or control characters");
    server_url out;
    if (url.starts_with("unix://")) {
        std::string_view rest = url.substr(7);
        std::string_view query;
        if (const auto q = rest.find('?'); q != std::string_view::npos) {
            query = rest.substr(q + 1);
            rest = rest.substr(0, q);
        }
        if (!rest.starts_with('/')) return fail("unix:// takes an absolute path: unix:///path/to/redis.sock");
        out.socket_path = std::string(rest);
        if (!query.empty()) {
            if (!query.starts_with("db=") || !detail::whole_number(query.substr(3), out.db) || out.db < 0)
                return fail("the only query a unix:// URL takes is db=N");
        }
        return out;
    }
    if (!url.starts_with("redis://")) return fail("a Redis URL starts with redis:// or unix://");
    std::string_view rest = url.substr(8);
    if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
        const std::string_view db = rest.substr(slash + 1);
        if (!db.empty() && (!detail::whole_number(db, out.db) || out.db < 0))
            return fail("the path of a Redis URL is a database number: redis://host:port/0");
        rest = rest.substr(0, slash);
    }
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
        const auto colon = userinfo.find(':');
        if (colon == std::string_view::npos) return fail("the password comes after a colon: redis://:password@host");
        auto user = detail::percent_decoded(userinfo.substr(0, colon));
        auto password = detail::percent_decoded(userinfo.substr(colon + 1));
        if (!user || !password) return fail("the user or the password has a malformed percent-escape");
        out.user = std::move(*user);
        out.password = std::move(*password);
    }
    std::string_view port;
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return fail("an IPv6 address in brackets lacks its ]");
        out.host = std::string(rest.substr(1, close - 1));
        rest = rest.substr(close + 1);
        if (!rest.empty() && !rest.starts_with(':')) return fail("after ] comes :port");
        port = rest.empty() ? rest : rest.substr(1);
    } else {
        const auto colon = rest.find(':');
        out.host = std::string(rest.substr(0, colon));
        port = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
    if (out.host.empty()) return fail("a Redis URL names a host: redis://127.0.0.1:6379");
    if (!port.empty() && (!detail::whole_number(port, out.port) || out.port == 0))
        return fail("the port is a number from 1 to 65535");
    return out;
}

}  // namespace livemsg::redis
