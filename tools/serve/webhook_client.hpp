// SPDX-License-Identifier: BSL-1.0
// POSTs a webhook over plain HTTP as Tencent's backend would, within a deadline (Tencent's Before
// webhook waits 2 seconds), on its own io_context: the server's one thread waits for it, as
// Tencent holds the message until the app answers.
#pragma once

#include "tencent_webhooks.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::serve {

/// The parts of an http:// URL a client needs.
struct http_url {
    std::string host;
    std::string port;
    std::string target;  // path and query, "/" at least

    /// http://HOST[:PORT][/PATH][?QUERY]; nothing for any other scheme, userinfo or an empty host.
    static std::optional<http_url> parse(std::string_view url) {
        constexpr std::string_view scheme = "http://";
        if (url.size() < scheme.size() || !livemsg::detail::iequals(url.substr(0, scheme.size()), scheme))
            return std::nullopt;
        url.remove_prefix(scheme.size());
        const auto authority_end = url.find_first_of("/?#");
        const std::string_view authority = url.substr(0, authority_end);
        std::string_view rest = authority_end == std::string_view::npos ? std::string_view() : url.substr(authority_end);
        if (const auto fragment = rest.find('#'); fragment != std::string_view::npos) rest = rest.substr(0, fragment);
        if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;

        http_url out;
        std::string_view host = authority;
        std::string_view port = "80";
        if (host.front() == '[') {  // [IPv6]:port
            const auto close = host.find(']');
            if (close == std::string_view::npos) return std::nullopt;
            const std::string_view after = host.substr(close + 1);
            if (!after.empty()) {
                if (after.front() != ':') return std::nullopt;
                port = after.substr(1);
            }
            host = host.substr(1, close - 1);
        } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
            port = host.substr(colon + 1);
            host = host.substr(0, colon);
        }
        if (host.empty() || port.empty() || port.size() > 5 ||
            port.find_first_not_of("0123456789") != std::string_view::npos || std::stoul(std::string(port)) > 65535)
            return std::nullopt;
        out.host = host;
        out.port = port;
        out.target = rest.empty() || rest.front() == '?' ? "/" + std::string(rest) : std::string(rest);
        return out;
    }
};

/// POSTs `call` (application/json) and gives the answer's body when it is HTTP 200 within `deadline`
/// (connecting included); nothing otherwise.
inline std::optional<std::string> post_webhook(const webhook_call& call,
                                               std::chrono::milliseconds deadline = std::chrono::seconds(2)) {
    namespace beast = boost::beast;
    namespace http = boost::beast::http;
    using tcp = boost::asio::ip::tcp;

    const auto url = http_url::parse(call.url);
    if (!url) return std::nullopt;
    boost::asio::io_context io;
    tcp::resolver resolver(io);
    beast::tcp_stream stream(io);
    beast::flat_buffer buffer;
    http::request<http::string_body> request{http::verb::post, url->target, 11};
    request.set(http::field::host, url->host + ":" + url->port);
    request.set(http::field::user_agent, "livemsg serve");
    request.set(http::field::content_type, "application/json");
    request.body() = call.body;
    request.prepare_payload();
    http::response_parser<http::string_body> response;
    response.body_limit(1024 * 1024);
    std::optional<std::string> answer;

    const auto started = std::chrono::steady_clock::now();
    resolver.async_resolve(url->host, url->port, [&](beast::error_code ec, tcp::resolver::results_type endpoints) {
        if (ec) return;
        stream.expires_at(started + deadline);
        stream.async_connect(endpoints, [&](beast::error_code connected, const tcp::endpoint&) {
            if (connected) return;
            http::async_write(stream, request, [&](beast::error_code written, std::size_t) {
                if (written) return;
                http::async_read(stream, buffer, response, [&](beast::error_code read, std::size_t) {
                    if (!read && response.get().result() == http::status::ok) answer = std::move(response.get().body());
                    beast::error_code ignored;
                    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
                });
            });
        });
    });
    // The resolver has no deadline of its own: the whole exchange is bounded here.
    io.run_for(deadline);
    return answer;
}

}  // namespace livemsg::serve
