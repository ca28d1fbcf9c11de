// SPDX-License-Identifier: BSL-1.0
// The HTTP/1.1 client of `livemsg send`: Boost.Beast, one request at a time on one connection kept
// alive, made again when the server has closed it between requests; TLS for https:// with the
// peer verified as examples/send_with_beast.cpp does (the system's CA certificates, SNI, the
// host name checked); a deadline on connecting and on each answer. Asynchronous operations run
// to completion one by one, so that Beast's stream timeouts bound every step.
#pragma once

#include <livemsg/core/http_request.hpp>
#include <livemsg/core/retry.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <poll.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::cli {

/// What the server answered: all parse_response needs.
struct http_answer {
    int status = 0;
    std::string body;
    std::string retry_after;  // Alibaba's x-acs-retry-after, empty when absent
};

struct http_timeouts {
    std::chrono::milliseconds connect{std::chrono::seconds(5)};  // resolving, connecting, the TLS handshake
    std::chrono::milliseconds answer{std::chrono::seconds(30)};  // writing a request and reading its answer
};

/// One exchange: the answer, or why none came.
struct exchange_result {
    std::optional<http_answer> answer;
    transport_error failure{};  // when there is no answer
};

class http_client {
public:
    static constexpr std::size_t max_answer_bytes = 1 << 20;  // the vendors answer in a few hundred bytes

    explicit http_client(http_timeouts timeouts) : timeouts_(timeouts) {
        boost::system::error_code ignored;  // without CA certificates, verification fails and says so
        tls_context_.set_default_verify_paths(ignored);
        tls_context_.set_verify_mode(boost::asio::ssl::verify_peer);
    }

    http_client(const http_client&) = delete;
    http_client& operator=(const http_client&) = delete;
    ~http_client() { close(true); }

    /// Sends `r` and reads its answer, on the open connection when the server has kept it.
    exchange_result exchange(const http_request& r) {
        const std::string peer = std::string(r.scheme) + "://" + r.host;
        bool reused = connected() && peer == peer_ && !closed_by_server();
        if (!reused) {
            close(true);
            if (auto failed = connect(r)) return {std::nullopt, *failed};
        }
        auto request = to_beast(r);
        boost::system::error_code ec = write(request);
        if (ec && reused) {
            // A write that failed did not hand the whole request over: the server, which closed the
            // connection meanwhile, cannot have taken it. Once more on a new connection.
            close(false);
            if (auto failed = connect(r)) return {std::nullopt, *failed};
            ec = write(request);
        }
        if (ec) {
            close(false);
            return failure(transport_error::stage::not_sent, "writing the request to " + peer + ": " + ec.message());
        }
        boost::beast::http::response_parser<boost::beast::http::string_body> parser;
        parser.body_limit(max_answer_bytes);
        ec = read(parser);
        if (ec) {
            close(false);
            // Written whole: the server may have taken the message before the answer was lost.
            const std::string what = ec == boost::beast::error::timeout
                                         ? "no answer from " + peer + " within " + seconds(timeouts_.answer)
                                         : "reading the answer from " + peer + ": " + ec.message();
            return failure(transport_error::stage::maybe_delivered, what);
        }
        auto& response = parser.get();
        http_answer out{static_cast<int>(response.result_int()), std::move(response.body()),
                        std::string(response["x-acs-retry-after"])};
        if (!response.keep_alive()) close(true);
        return {std::move(out), {}};
    }

private:
    using tcp = boost::asio::ip::tcp;
    using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

    static std::string seconds(std::chrono::milliseconds d) {
        return d.count() % 1000 ? std::to_string(d.count()) + " ms" : std::to_string(d.count() / 1000) + " s";
    }

    static exchange_result failure(transport_error::stage at, std::string what) {
        return {std::nullopt, transport_error{at, std::move(what)}};
    }

    // livemsg's request as Beast writes it: every header is livemsg's, some of them signed; Beast
    // adds only Content-Length.
    static boost::beast::http::request<boost::beast::http::string_body> to_beast(const http_request& r) {
        boost::beast::http::request<boost::beast::http::string_body> request;
        request.method_string(r.method);
        request.target(r.target());
        request.version(11);
        r.for_each_header([&](std::string_view name, std::string_view value) { request.insert(name, value); });
        request.body() = r.body;
        request.prepare_payload();
        return request;
    }

    // "host", "host:port" or "[::1]:port", as the Host header has it.
    static std::pair<std::string, std::string> split_authority(std::string_view authority, std::string_view scheme) {
        std::string_view host = authority;
        std::string_view port = scheme == "https" ? "443" : "80";
        const auto bracket = authority.rfind(']');
        const auto colon = authority.rfind(':');
        if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
        }
        if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
        return {std::string(host), std::string(port)};
    }

    bool connected() const noexcept { return plain_.has_value() || tls_.has_value(); }

    boost::beast::tcp_stream& lowest() { return plain_ ? *plain_ : boost::beast::get_lowest_layer(*tls_); }

    // A server that closed an idle connection (or sent anything unasked) has made its socket
    // readable: then the connection is not reused, and the request goes on a new one.
    bool closed_by_server() {
        if (buffer_.size() != 0) return true;
        pollfd p{lowest().socket().native_handle(), POLLIN, 0};
        return ::poll(&p, 1, 0) != 0;
    }

    // Runs the operations started until they complete; each is bounded by a stream's or a timer's deadline.
    void run() {
        io_.restart();
        io_.run();
    }

    std::optional<transport_error> connect(const http_request& r) {
        namespace ssl = boost::asio::ssl;
        const auto [host, port] = split_authority(r.host, r.scheme);
        const auto not_sent = [&](const std::string& step, boost::system::error_code ec) {
            return transport_error{transport_error::stage::not_sent,
                                   step + " " + std::string(r.scheme) + "://" + r.host + ": " + ec.message()};
        };
        if (r.scheme != "http" && r.scheme != "https")
            return transport_error{transport_error::stage::not_sent, "cannot send to a " + std::string(r.scheme) + ":// URL"};

        tcp::resolver resolver(io_);
        boost::asio::steady_timer deadline(io_, timeouts_.connect);
        boost::system::error_code ec = boost::asio::error::would_block;
        tcp::resolver::results_type addresses;
        deadline.async_wait([&](boost::system::error_code e) {
            if (!e) resolver.cancel();
        });
        resolver.async_resolve(host, port, [&](boost::system::error_code e, tcp::resolver::results_type found) {
            ec = e;
            addresses = std::move(found);
            deadline.cancel();
        });
        run();
        if (ec) return not_sent("resolving", ec);

        if (r.scheme == "http") {
            plain_.emplace(io_);
        } else {
            tls_.emplace(io_, tls_context_);
            boost::system::error_code not_an_address;
            boost::asio::ip::make_address(host, not_an_address);
            // SNI names the host, so that a shared server shows its certificate (never for an
            // address, as RFC 6066 says); the certificate must then be for that host.
            if (not_an_address && !SSL_set_tlsext_host_name(tls_->native_handle(), host.c_str())) {
                tls_.reset();
                return transport_error{transport_error::stage::not_sent, "cannot set the TLS server name " + host};
            }
            tls_->set_verify_callback(ssl::host_name_verification(host));
        }
        lowest().expires_after(timeouts_.connect);
        ec = boost::asio::error::would_block;
        lowest().async_connect(addresses, [&](boost::system::error_code e, const tcp::endpoint&) { ec = e; });
        run();
        if (ec) {
            close(false);
            return not_sent(ec == boost::beast::error::timeout ? "timed out connecting to" : "connecting to", ec);
        }
        if (tls_) {
            lowest().expires_after(timeouts_.connect);
            ec = boost::asio::error::would_block;
            tls_->async_handshake(ssl::stream_base::client, [&](boost::system::error_code e) { ec = e; });
            run();
            if (ec) {
                close(false);
                return not_sent("the TLS handshake with", ec);
            }
        }
        peer_ = std::string(r.scheme) + "://" + r.host;
        buffer_.clear();
        return std::nullopt;
    }

    template <class Request>
    boost::system::error_code write(Request& request) {
        boost::system::error_code ec = boost::asio::error::would_block;
        const auto done = [&](boost::system::error_code e, std::size_t) { ec = e; };
        lowest().expires_after(timeouts_.answer);
        if (tls_) boost::beast::http::async_write(*tls_, request, done);
        else boost::beast::http::async_write(*plain_, request, done);
        run();
        return ec;
    }

    template <class Parser>
    boost::system::error_code read(Parser& parser) {
        boost::system::error_code ec = boost::asio::error::would_block;
        const auto done = [&](boost::system::error_code e, std::size_t) { ec = e; };
        lowest().expires_after(timeouts_.answer);
        if (tls_) boost::beast::http::async_read(*tls_, buffer_, parser, done);
        else boost::beast::http::async_read(*plain_, buffer_, parser, done);
        run();
        return ec;
    }

    // `graceful`: the connection is in order, so TLS says goodbye (briefly: a server that does
    // not answer it changes nothing, the answers are in).
    void close(bool graceful) {
        boost::system::error_code ignored;
        if (tls_) {
            if (graceful) {
                lowest().expires_after(std::chrono::seconds(1));
                tls_->async_shutdown([](boost::system::error_code) {});
                run();
            }
            lowest().socket().close(ignored);
            tls_.reset();
        }
        if (plain_) {
            plain_->socket().shutdown(tcp::socket::shutdown_both, ignored);
            plain_->socket().close(ignored);
            plain_.reset();
        }
        buffer_.clear();
        peer_.clear();
    }

    http_timeouts timeouts_;
    boost::asio::io_context io_;
    boost::asio::ssl::context tls_context_{boost::asio::ssl::context::tls_client};
    std::optional<boost::beast::tcp_stream> plain_;
    std::optional<tls_stream> tls_;
    boost::beast::flat_buffer buffer_;  // what was read past an answer belongs to its connection
    std::string peer_;                  // scheme://host of the open connection
};

}  // namespace livemsg::cli
