// SPDX-License-Identifier: BSL-1.0
// The emulator on a socket: Boost.Beast over Boost.Asio, one thread, each connection read with
// a deadline and a body limit, so that a slow, silent or oversized client holds up nobody else.
#pragma once

#include "emulator.hpp"
#include "received_request.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace livemsg::serve {

/// How the server treats its clients.
struct server_limits {
    std::size_t body_bytes = 1024 * 1024;   // larger: 413 and the connection closed
    std::chrono::seconds read_timeout{10};  // a request not read whole by then: the connection closed
};

namespace detail {

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110's IMF-fixdate): the Date every answer carries, from
// which a client measures its clock's offset before signing again.
inline std::string http_date(std::chrono::system_clock::time_point t) {
    using namespace std::chrono;
    static constexpr const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = floor<days>(t);
    const year_month_day date(day);
    const hh_mm_ss<seconds> time(floor<seconds>(t - day));
    char out[32];
    std::snprintf(out, sizeof out, "%s, %02u %s %04d %02d:%02d:%02d GMT", weekdays[weekday(day).c_encoding()],
                  static_cast<unsigned>(date.day()), months[static_cast<unsigned>(date.month()) - 1],
                  static_cast<int>(date.year()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return out;
}

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// One connection: read a request, answer it, again while the client keeps the connection.
class http_session : public std::enable_shared_from_this<http_session> {
public:
    http_session(tcp::socket socket, emulator& server, const server_limits& limits)
        : stream_(std::move(socket)), server_(server), limits_(limits) {}

    void start() { read(); }

private:
    void read() {
        parser_.emplace();
        parser_->body_limit(limits_.body_bytes);
        stream_.expires_after(limits_.read_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == boost::asio::error::eof ||
            ec == boost::asio::error::connection_reset || ec == boost::asio::error::operation_aborted)
            return close();
        if (ec == http::error::body_limit) return answer_and_close(http::status::payload_too_large, "body too large");
        if (ec) return answer_and_close(http::status::bad_request, "malformed HTTP request: " + ec.message());

        const auto& request = parser_->get();
        received_request r;
        r.method = std::string(request.method_string());
        r.target = std::string(request.target());
        for (const auto& field : request) r.headers.emplace_back(field.name_string(), field.value());
        r.body = request.body();
        beast::error_code no_peer;
        if (const auto peer = stream_.socket().remote_endpoint(no_peer); !no_peer) r.client_ip = peer.address().to_string();
        const answer a = server_.handle(r, std::chrono::system_clock::now());
        write(a, request.keep_alive(), request.version());
    }

    void answer_and_close(http::status status, const std::string& message) {
        write(emulator::plain(static_cast<int>(status), message), false, 11);
    }

    void write(const answer& a, bool keep_alive, unsigned version) {
        auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(a.status), version);
        response->set(http::field::server, "livemsg serve");
        response->set(http::field::date, http_date(std::chrono::system_clock::now()));
        response->set(http::field::content_type, "application/json");
        for (const auto& [name, value] : a.headers) response->set(name, value);
        response->keep_alive(keep_alive);
        response->body() = a.body;
        response->prepare_payload();
        stream_.expires_after(limits_.read_timeout);
        http::async_write(stream_, *response,
                          [self = shared_from_this(), response, keep_alive](beast::error_code ec, std::size_t) {
                              if (ec || !keep_alive) return self->close();
                              self->read();
                          });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    emulator& server_;
    const server_limits& limits_;
};

}  // namespace detail

/// Listens on an address and serves the emulator until SIGINT or SIGTERM (or stop()).
class http_server {
public:
    /// Binds `endpoint` (port 0: a free port, see local_endpoint()). Throws boost::system::system_error.
    http_server(boost::asio::ip::tcp::endpoint endpoint, emulator& server, server_limits limits = {})
        : acceptor_(io_, endpoint), signals_(io_, SIGINT, SIGTERM), server_(server), limits_(limits) {}

    boost::asio::ip::tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

    /// Serves until a signal or stop(); returns then.
    void run() {
        signals_.async_wait([this](boost::system::error_code ec, int) {
            if (!ec) stop();
        });
        accept();
        io_.run();
    }

    /// Safe from any thread: the work is done on the server's own.
    void stop() {
        boost::asio::post(io_, [this] {
            boost::system::error_code ignored;
            acceptor_.close(ignored);
            signals_.cancel(ignored);
            retry_.cancel();
            io_.stop();
        });
    }

private:
    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, boost::asio::ip::tcp::socket socket) {
            if (ec == boost::asio::error::operation_aborted) return;
            if (!ec) {
                std::make_shared<detail::http_session>(std::move(socket), server_, limits_)->start();
                return accept();
            }
            // Out of descriptors, say: the connections already open are still served, and the
            // next accept waits a little rather than failing again at once.
            retry_.expires_after(std::chrono::milliseconds(100));
            retry_.async_wait([this](boost::system::error_code wait) {
                if (!wait) accept();
            });
        });
    }

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::signal_set signals_;
    boost::asio::steady_timer retry_{io_};
    emulator& server_;
    server_limits limits_;
};

}  // namespace livemsg::serve
