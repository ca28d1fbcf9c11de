// SPDX-License-Identifier: BSL-1.0
// The emulator's server on a socket, with clients on other threads: every keep-alive request is
// answered and kept, and stop() from another thread ends run(). CI runs it under ThreadSanitizer.
#include "received.hpp"
#include "serve/emulator.hpp"
#include "serve/http_server.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace http_server_test {

namespace {

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

constexpr int clients = 4;
constexpr int requests_per_client = 10;

// Sends `request` `requests_per_client` times on one connection; counts the answers parse_response
// reads as sent.
int send_on_one_connection(const tcp::endpoint& server, const livemsg::http_request& request) {
    boost::asio::io_context io;
    tcp::socket socket(io);
    socket.connect(server);
    const timeval five_seconds{5, 0};  // a server that stops answering fails the test, never hangs it
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);
    http::request<http::string_body> out{http::verb::post, request.target(), 11};
    request.for_each_header([&](std::string_view name, std::string_view value) { out.set(name, value); });
    out.body() = request.body;
    out.prepare_payload();
    out.keep_alive(true);

    int sent = 0;
    boost::beast::flat_buffer buffer;
    for (int i = 0; i < requests_per_client; ++i) {
        http::write(socket, out);
        http::response<http::string_body> answer;
        boost::beast::error_code ec;
        http::read(socket, buffer, answer, ec);
        if (ec) break;
        const auto outcome =
            livemsg::tencent::parse_response<livemsg::tencent::send_text_msg>(answer.result_int(), answer.body());
        if (outcome.result() && outcome.result()->sent()) ++sent;
    }
    return sent;
}

}  // namespace

TEST_CASE("http_server: keep-alive clients on other threads, stopped from another thread", "[serve][threads]") {
    livemsg::serve::emulator emulator(serve_test::accounts(), {.rate_limits = false});
    livemsg::serve::http_server server({boost::asio::ip::make_address("127.0.0.1"), 0}, emulator);
    const tcp::endpoint at = server.local_endpoint();
    std::thread serving([&] { server.run(); });

    const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:" + std::to_string(at.port())).value();
    const livemsg::tencent::usersig_grant grant{.sdkappid = 1400000000, .identifier = "administrator"};
    const auto sig = livemsg::tencent::generate_usersig(grant, livemsg::secret("tencent-secret-key")).value();
    const auto request =
        livemsg::tencent::render(livemsg::tencent::send_text_msg{.RoomId = "r", .Sender_Account = "u", .TextContent = "t"},
                                 {.domain = livemsg::tencent::endpoint(url), .sdkappid = 1400000000,
                                  .identifier = "administrator", .usersig = sig},
                                 7)
            .value();

    std::atomic<int> sent{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) threads.emplace_back([&] { sent += send_on_one_connection(at, request); });
    for (auto& t : threads) t.join();
    server.stop();
    serving.join();

    CHECK(sent == clients * requests_per_client);
    CHECK(emulator.messages().size() == static_cast<std::size_t>(clients * requests_per_client));
}

}  // namespace http_server_test
