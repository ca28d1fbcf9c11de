// SPDX-License-Identifier: BSL-1.0
// Where `livemsg serve` listens: "HOST:PORT" read into a host and a port, then the host turned
// into an address (an IP address as it is written, a name through the system's resolver).
#pragma once

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::serve {

/// A listen address as written: the host (an IP address, IPv6 without its brackets, or a name)
/// and the port (0: a free one).
struct listen_address {
    std::string host;
    unsigned short port = 0;
};

/// A listen address, or why the text is not one.
struct parsed_listen_address {
    std::optional<listen_address> address;
    std::string error;  // set when address is not

    explicit operator bool() const noexcept { return address.has_value(); }
};

namespace detail {

// A host name's letters, digits, '-' and '.' (RFC 1123), not starting or ending with '.' or '-'.
inline bool is_host_name(std::string_view host) noexcept {
    const auto allowed = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    };
    return !host.empty() && host.size() <= 253 && std::ranges::all_of(host, allowed) && host.front() != '.' &&
           host.front() != '-' && host.back() != '.' && host.back() != '-';
}

// Digits and dots only: meant as an IPv4 address, and so never handed to the resolver, which
// would read "1.2.3" as 1.2.0.3.
inline bool looks_numeric(std::string_view host) noexcept {
    return std::ranges::all_of(host, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

}  // namespace detail

/// "HOST:PORT" or "[IPv6]:PORT", the port a decimal number up to 65535. HOST is an IPv4 address,
/// an IPv6 address in brackets, or a host name. An empty HOST (":80") is refused rather than
/// read as every interface: the emulator accepts any signature its credentials file allows, so
/// listening beyond this machine has to be asked for by address (0.0.0.0:80, [::]:80).
inline parsed_listen_address parse_listen_address(std::string_view text) {
    const auto refuse = [](std::string reason) { return parsed_listen_address{std::nullopt, std::move(reason)}; };
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return refuse("no :PORT");
    std::string_view host = text.substr(0, colon);
    const std::string_view digits = text.substr(colon + 1);

    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (digits.empty()) return refuse("no port after ':'");
    if (ec == std::errc::result_out_of_range) return refuse("the port is over 65535");
    if (ec != std::errc() || end != digits.data() + digits.size()) return refuse("the port is not a decimal number");
    if (port > 65535) return refuse("the port is over 65535");

    if (host.empty()) return refuse("no host: write 0.0.0.0 or [::] to listen on every interface");
    boost::system::error_code bad;
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return refuse("an IPv6 address needs its closing ']'");
        host = host.substr(1, host.size() - 2);
        (void)boost::asio::ip::make_address_v6(std::string(host), bad);
        if (bad) return refuse("not an IPv6 address");
    } else if (host.find(':') != std::string_view::npos) {
        return refuse("an IPv6 address is written in brackets, such as [::1]:8080");
    } else if (detail::looks_numeric(host)) {
        (void)boost::asio::ip::make_address_v4(std::string(host), bad);
        if (bad) return refuse("not an IPv4 address");
    } else if (!detail::is_host_name(host)) {
        return refuse("not a host name");
    }
    return {listen_address{std::string(host), static_cast<unsigned short>(port)}, {}};
}

/// The endpoint to bind for `a`: its IP address as written, or the first address the resolver
/// gives for its name (localhost: usually 127.0.0.1). `ec` is set when the name does not resolve.
inline boost::asio::ip::tcp::endpoint resolve_listen_address(const listen_address& a, boost::system::error_code& ec) {
    ec.clear();
    const auto ip = boost::asio::ip::make_address(a.host, ec);
    if (!ec) return {ip, a.port};
    boost::asio::io_context io;
    boost::asio::ip::tcp::resolver resolver(io);
    const auto found = resolver.resolve(a.host, std::to_string(a.port),
                                        boost::asio::ip::tcp::resolver::numeric_service, ec);
    if (ec) return {};
    if (found.empty()) {
        ec = boost::asio::error::host_not_found;
        return {};
    }
    return found.begin()->endpoint();
}

}  // namespace livemsg::serve
