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

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
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

TEST_CASE("http_server: Alibaba's throttling over HTTP, x-acs-retry-after in ms, waited out by retry()", "[serve][alibaba][retry]") {
    using namespace livemsg::alibaba;
    livemsg::serve::emulator emulator(serve_test::accounts());  // the documented calls per second enforced
    livemsg::serve::http_server server({boost::asio::ip::make_address("127.0.0.1"), 0}, emulator);
    const tcp::endpoint at = server.local_endpoint();
    std::thread serving([&] { server.run(); });

    const auto url = livemsg::endpoint_url::parse("http://127.0.0.1:" + std::to_string(at.port())).value();
    const credentials creds{"LTAI5tServeTest", livemsg::secret("alibaba-secret"), {}};
    const SendLiveMessageGroup message{.AppId = "demo", .GroupId = "retrygroup", .SenderId = "uid1", .Body = "hi",
                                       .MsgType = 1, .MsgTid = "retry1"};

    boost::asio::io_context io;
    tcp::socket socket(io);
    socket.connect(at);
    const timeval five_seconds{5, 0};
    ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);
    boost::beast::flat_buffer buffer;
    std::vector<std::string> retry_after_headers;
    const auto send = [&]() -> result<SendLiveMessageGroup> {
        auto request = render(message, url);
        if (!request) return request.errors();
        livemsg::http_request r = *request;
        if (auto signing = sign_v3(r, creds); !signing) return signing.errors();
        http::request<http::string_body> out{http::verb::post, r.target(), 11};
        r.for_each_header([&](std::string_view name, std::string_view value) { out.set(name, value); });
        out.body() = r.body;
        out.prepare_payload();
        out.keep_alive(true);
        http::write(socket, out);
        http::response<http::string_body> answer;
        http::read(socket, buffer, answer);
        const std::string retry_after(answer["x-acs-retry-after"]);
        if (!retry_after.empty()) retry_after_headers.push_back(retry_after);
        return parse_response<SendLiveMessageGroup>(answer.result_int(), answer.body(), retry_after);
    };

    // Spend this second's calls, bounded: the emulator's window is the clock's second, so at most
    // two windows' worth of calls go before one is refused.
    constexpr int limit = static_cast<int>(SendLiveMessageGroup::api.qps_limit);
    std::optional<result<SendLiveMessageGroup>> refused;
    for (int i = 0; i < 2 * limit + 1 && !refused; ++i)
        if (auto answer = send(); answer.error()) refused.emplace(std::move(answer));
    REQUIRE(refused.has_value());
    const error& throttled = *refused->error();
    CHECK(throttled.http_status == 400);
    CHECK(throttled.code == known_error::Throttling_User);
    REQUIRE(throttled.retry_after().has_value());
    CHECK(*throttled.retry_after() >= std::chrono::milliseconds(1));
    CHECK(*throttled.retry_after() <= std::chrono::milliseconds(1000));
    const std::chrono::milliseconds wait = *throttled.retry_after();

    // retry() sleeps at least the header's milliseconds, and the next second takes the call.
    std::vector<std::chrono::milliseconds> slept;
    int attempts = 0;
    const auto last = livemsg::retry(
        livemsg::retry_policy::alibaba(),
        [&](int) {
            ++attempts;
            return attempts == 1 ? std::move(*refused) : send();
        },
        [&](std::chrono::milliseconds d) {
            slept.push_back(d);
            std::this_thread::sleep_for(d);
        });
    CHECK(last.ok());
    CHECK(attempts == 2);
    REQUIRE(slept.size() == 1);
    CHECK(slept[0] == std::max(std::chrono::milliseconds(100), wait));  // alibaba(): 100 ms, or the header's longer wait
    server.stop();
    serving.join();
}

}  // namespace http_server_test
