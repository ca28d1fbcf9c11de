// SPDX-License-Identifier: BSL-1.0
// Where `livemsg serve` listens: HOST:PORT and [IPv6]:PORT read into a host and a port, the
// host resolved to the endpoint to bind; what is not an address is refused with a reason.
#include "serve/listen_address.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace listen_address_test {

using livemsg::serve::parse_listen_address;
using livemsg::serve::resolve_listen_address;

namespace {

boost::asio::ip::tcp::endpoint resolved(const char* text) {
    const auto parsed = parse_listen_address(text);
    INFO(text << ": " << parsed.error);
    REQUIRE(parsed);
    boost::system::error_code ec;
    const auto endpoint = resolve_listen_address(*parsed.address, ec);
    INFO(ec.message());
    REQUIRE_FALSE(ec);
    return endpoint;
}

}  // namespace

TEST_CASE("listen address: IPv4, IPv6 in brackets, and a host name", "[serve][listen]") {
    const auto v4 = parse_listen_address("127.0.0.1:0");
    REQUIRE(v4);
    CHECK(v4.address->host == "127.0.0.1");
    CHECK(v4.address->port == 0);
    CHECK(v4.error.empty());
    CHECK(resolved("127.0.0.1:0") == boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));

    const auto v6 = parse_listen_address("[::1]:8080");
    REQUIRE(v6);
    CHECK(v6.address->host == "::1");
    CHECK(v6.address->port == 8080);
    CHECK(resolved("[::1]:8080") == boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("::1"), 8080));

    CHECK(parse_listen_address("0.0.0.0:65535").address->port == 65535);
    CHECK(resolved("[::]:80").address().is_unspecified());

    // A name goes through the resolver: localhost is a loopback address (127.0.0.1 on most hosts).
    const auto local = parse_listen_address("localhost:0");
    REQUIRE(local);
    CHECK(local.address->host == "localhost");
    const auto endpoint = resolved("localhost:0");
    CHECK(endpoint.address().is_loopback());
    CHECK(endpoint.port() == 0);
    CHECK(resolved("localhost:8080").port() == 8080);
}

TEST_CASE("listen address: what is not HOST:PORT is refused with a reason", "[serve][listen]") {
    for (const char* bad : {"", "127.0.0.1", "localhost", "127.0.0.1:65536", "127.0.0.1:99999999999", "127.0.0.1:x",
                            "127.0.0.1:-1", "127.0.0.1:+80", "127.0.0.1:80 ", "host:", ":80", ":", "[::1]", "[::1]:",
                            "::1:80", "[::1:80", "[]:80", "[127.0.0.1]:80", "1.2.3:4", "256.0.0.1:80", "a b:80",
                            "-host:80", "host.:80", "héllo:80"}) {
        INFO('"' << bad << '"');
        const auto parsed = parse_listen_address(bad);
        CHECK_FALSE(parsed);
        CHECK_FALSE(parsed.error.empty());
    }
    // ":80" is not every interface: that is asked for by address.
    CHECK(parse_listen_address(":80").error.find("0.0.0.0") != std::string::npos);
    CHECK(parse_listen_address("127.0.0.1:65536").error.find("65535") != std::string::npos);
}

TEST_CASE("listen address: a name that does not resolve is an error, not an endpoint", "[serve][listen]") {
    // .invalid is reserved never to resolve (RFC 6761).
    const auto parsed = parse_listen_address("no-such-host.invalid:0");
    REQUIRE(parsed);
    boost::system::error_code ec;
    (void)resolve_listen_address(*parsed.address, ec);
    CHECK(ec);
}

}  // namespace listen_address_test
