// SPDX-License-Identifier: BSL-1.0
// Sends one request with Boost.Beast, asynchronously: livemsg renders and signs it, Beast
// carries it (over TLS to https:// endpoints, over plain TCP to http:// ones, such as a local
// test server), livemsg reads the answer. The command line and the output are in operations.hpp.
//
// Built with hiredis (LIVEMSG_EXAMPLE_REDIS), it also takes --limits redis://...|unix://...: the
// call then waits for a slot of the operation's documented rate for the credentials' account,
// shared in that Redis by every sender, awaited on the same event loop as the request.
#include "operations.hpp"

#ifdef LIVEMSG_EXAMPLE_REDIS
#include <livemsg/redis/async_rate_limiter.hpp>
#endif

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <chrono>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using examples::answer;
using examples::fatal;
using livemsg::http_request;

// ---- Sending with Boost.Beast, asynchronously ----------------------------------------------------

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

constexpr auto step_timeout = std::chrono::seconds(5);    // connecting, the TLS handshake, closing
constexpr auto total_timeout = std::chrono::seconds(30);  // everything, resolving included
constexpr std::size_t max_answer_bytes = 1 << 20;         // the vendors answer in a few hundred bytes

// "host", "host:port" or "[::1]:port" (as the Host header has it): the host to resolve, and
// to name in TLS, and the port.
std::pair<std::string, std::string> split_authority(std::string_view authority, std::string_view scheme) {
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

// livemsg's request as Beast writes it: every header is livemsg's, some of them signed; Beast
// adds only Content-Length.
beast::http::request<beast::http::string_body> to_beast(const http_request& http) {
    beast::http::request<beast::http::string_body> request;
    request.method_string(http.method);
    request.target(http.target());
    request.version(11);
    http.for_each_header([&](std::string_view name, std::string_view value) { request.insert(name, value); });
    request.body() = http.body;
    request.prepare_payload();
    return request;
}

// Writes the request and reads the answer on a connected stream, TLS or not.
template <class Stream>
asio::awaitable<answer> exchange(Stream& stream, const http_request& http) {
    beast::get_lowest_layer(stream).expires_after(total_timeout);
    auto request = to_beast(http);
    co_await beast::http::async_write(stream, request, asio::use_awaitable);

    beast::flat_buffer buffer;
    beast::http::response_parser<beast::http::string_body> parser;
    parser.body_limit(max_answer_bytes);
    co_await beast::http::async_read(stream, buffer, parser, asio::use_awaitable);
    auto& response = parser.get();
    co_return answer{static_cast<int>(response.result_int()), std::move(response.body()),
                     std::string(response["x-acs-retry-after"])};
}

#ifdef LIVEMSG_EXAMPLE_REDIS
std::optional<livemsg::redis::server_url> limits;  // --limits
constexpr auto longest_wait = std::chrono::seconds(10);

// Reserves the call's slot in Redis and waits for it on a timer: the loop goes on meanwhile.
asio::awaitable<void> pace(const examples::operation& op) {
    namespace redis = livemsg::redis;
    const auto executor = co_await asio::this_coro::executor;
    const std::string account = op.account();
    redis::async_rate_limiter limiter(executor, *limits, redis::options{.timeout = std::chrono::milliseconds(200)});
    const livemsg::reservation r =
        co_await limiter.async_reserve({account, op.counted_as}, op.rate, longest_wait, asio::use_awaitable);
    if (r.state == livemsg::reservation::status::unavailable) throw fatal("no call limit: " + r.reason);
    if (!r)
        throw fatal("no slot of " + std::to_string(op.rate.per_second) + "/s within " +
                    std::to_string(longest_wait.count()) + " s");
    std::cerr << "limits: " << op.rate.per_second << "/s, a slot in "
              << std::chrono::duration_cast<std::chrono::milliseconds>(r.wait).count() << " ms\n";
    asio::steady_timer slot(executor, r.wait);
    co_await slot.async_wait(asio::use_awaitable);
}
#endif

asio::awaitable<answer> send_async(const http_request& http, const examples::operation& op, ssl::context& tls) {
    const auto executor = co_await asio::this_coro::executor;
#ifdef LIVEMSG_EXAMPLE_REDIS
    if (limits) co_await pace(op);
#else
    (void)op;
#endif
    const auto [host, port] = split_authority(http.host, http.scheme);
    tcp::resolver resolver(executor);
    const auto addresses = co_await resolver.async_resolve(host, port, asio::use_awaitable);

    if (http.scheme == "http") {  // a local server: plain TCP
        beast::tcp_stream stream(executor);
        stream.expires_after(step_timeout);
        co_await stream.async_connect(addresses, asio::use_awaitable);
        answer out = co_await exchange(stream, http);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return out;
    }

    beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
    // SNI names the host, so that a shared server shows its certificate; the certificate must
    // then be for that host.
    if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str()))
        throw beast::system_error(static_cast<int>(::ERR_get_error()), asio::error::get_ssl_category());
    stream.set_verify_callback(ssl::host_name_verification(host));

    beast::get_lowest_layer(stream).expires_after(step_timeout);
    co_await beast::get_lowest_layer(stream).async_connect(addresses, asio::use_awaitable);
    beast::get_lowest_layer(stream).expires_after(step_timeout);
    co_await stream.async_handshake(ssl::stream_base::client, asio::use_awaitable);
    answer out = co_await exchange(stream, http);

    // The answer is in: a server that closes without the TLS goodbye changes nothing.
    beast::error_code ignored;
    beast::get_lowest_layer(stream).expires_after(step_timeout);
    co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ignored));
    co_return out;
}

answer send_request(const http_request& http, const examples::operation& op) {
    ssl::context tls(ssl::context::tls_client);
    tls.set_default_verify_paths();  // the system's CA certificates
    tls.set_verify_mode(ssl::verify_peer);

    asio::io_context io;
    std::optional<answer> out;
    std::exception_ptr failed;
    asio::co_spawn(io, send_async(http, op, tls), [&](std::exception_ptr e, answer a) {
        if (e) failed = e;
        else out = std::move(a);
    });
    io.run_for(total_timeout);
    try {
        if (failed) std::rethrow_exception(failed);
    } catch (const boost::system::system_error& e) {
        // A request that was written may have been delivered: reuse its MsgTid when retrying.
        throw fatal("the exchange failed: " + e.code().message());
    }
    if (!out) throw fatal("the exchange failed: no answer within " + std::to_string(total_timeout.count()) + " s");
    return *out;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<char*> args(argv, argv + argc);
#ifdef LIVEMSG_EXAMPLE_REDIS
    if (args.size() > 1 && (std::string_view(args[1]) == "--help" || std::string_view(args[1]) == "-h")) {
        std::cout << examples::usage_text("send_with_beast")
                  << "--limits redis://[[user]:password@]host[:port][/db] or unix:///path[?db=N]: first wait for a slot\n"
                     "            of the operation's documented rate for the account, shared in that Redis\n";
        return 0;
    }
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (std::string_view(args[i]) != "--limits") continue;
        std::string why = "--limits needs a Redis URL";
        if (i + 1 < args.size()) limits = livemsg::redis::parse_url(args[i + 1], &why);
        if (!limits) return std::cerr << "send_with_beast: " << why << '\n', examples::failure;
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i), args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        break;
    }
#endif
    return examples::program_main("send_with_beast", static_cast<int>(args.size()), args.data(), send_request);
}
