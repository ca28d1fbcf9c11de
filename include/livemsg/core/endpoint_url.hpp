// SPDX-License-Identifier: BSL-1.0
// Where requests go instead of a vendor's own host: a proxy, a VPC endpoint, a private
// deployment or a local test server. Every vendor's render() takes one; the request is then
// signed for that host.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/wire_checks.hpp>
#include <livemsg/detail/ostream.hpp>

#include <charconv>
#include <string>
#include <string_view>

namespace livemsg {

/// A base URL: `https://host`, `http://host:port`, `http://[::1]:8080`, with at most a trailing
/// `/`. No user, path, query or fragment: each vendor's path and query are its own.
class endpoint_url {
public:
    /// Checks `url`; violations are reported under `endpoint`.
    static checked<endpoint_url> parse(std::string_view url) {
        validation_errors errors;
        reporter c(errors);
        endpoint_url out;
        c.at("endpoint", [&] {
            if (url.starts_with("https://")) out.scheme_ = "https";
            else if (url.starts_with("http://")) out.scheme_ = "http";
            else
                return c.report(error_code::not_one_of, "must start with http:// or https://, got '" +
                                                            std::string(url.substr(0, url.find("://"))) + "'");
            std::string_view host = url.substr(out.scheme_.size() + 3);
            if (host.ends_with('/')) host.remove_suffix(1);
            livemsg::detail::check_bytes("host", host, livemsg::detail::is_host_byte,
                                         "ASCII letters, digits, '.', '-', ':', '[' and ']' (no path or user)", c);
            if (errors.empty()) check_port(host, c);
            out.host_.assign(host);
        });
        if (!errors.empty()) return errors;
        return out;
    }

    /// "https" or "http".
    std::string_view scheme() const noexcept { return scheme_; }
    /// "host" or "host:port", as the Host header carries it.
    std::string_view host() const noexcept { return host_; }

    friend bool operator==(const endpoint_url&, const endpoint_url&) = default;
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const endpoint_url& u) {
        return os << u.scheme_ << "://" << u.host_;
    }

private:
    endpoint_url() = default;

    /// After the host (or the bracketed IPv6 literal), nothing or ":" and a port from 1 to 65535.
    static void check_port(std::string_view authority, reporter& c) {
        const std::size_t host_end = authority.starts_with('[') ? authority.find(']') : authority.find(':');
        if (authority.starts_with('[') && host_end == std::string_view::npos)
            return c.at("host", [&] { c.report(error_code::not_one_of, "must close its IPv6 literal with ']'"); });
        const std::string_view rest =
            host_end == std::string_view::npos ? std::string_view() : authority.substr(host_end + (authority[0] == '['));
        if (rest.empty()) return;
        const std::string_view digits = rest.substr(1);
        unsigned port = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
        if (rest[0] != ':' || digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
            port < 1 || port > 65535)
            c.at("port", [&] {
                c.report(error_code::out_of_range, "must be a port from 1 to 65535, got '" + std::string(rest) + "'");
            });
    }

    std::string_view scheme_;  // static text
    std::string host_;
};

}  // namespace livemsg
