// SPDX-License-Identifier: BSL-1.0
// An app's backend for Tencent's group message webhooks, built on the library's webhook reader,
// for testing `livemsg serve --tencent-webhook`.
//
//   webhook_app TOKEN SDKAPPID RECORD_FILE
//
// Listens on 127.0.0.1, on a port the system picks, and prints "listening on 127.0.0.1:PORT".
// Each POST is authenticated (its SdkAppid and its Sign for TOKEN) and read; a line of JSON
// {"command","authentic","texts","msg_seq"} is appended to RECORD_FILE. An unauthentic webhook
// gets 401. A Before webhook is answered by its text: "refuse" in it refuses, "forbid" refuses
// with the app's own ErrorCode 10100 and ErrorInfo "forbidden by the app", "discard" discards,
// "shout" replaces the text with its upper case, anything else allows. An After webhook gets the
// plain acknowledgement. Stops on SIGTERM or SIGINT, or after 60 seconds.
#include <livemsg/tencent/before_send_answer.hpp>
#include <livemsg/tencent/webhook.hpp>
#include <livemsg/tencent/webhook_auth.hpp>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

#include <sys/socket.h>
#include <sys/time.h>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace livemsg::tencent;

struct app {
    std::string token;
    std::int64_t sdkappid;
    std::ofstream record;

    // The status and body to answer a webhook with, after recording it.
    std::pair<http::status, std::string> handle(std::string_view target, const std::string& body) {
        const auto query = read_webhook_query(target);
        const bool authentic = query.ok() && query->SdkAppid == sdkappid &&
                               authenticate_webhook(*query, token, std::chrono::system_clock::now()).ok();
        const auto hook = read_group_message_webhook(body);
        boost::json::object line{{"command", query.ok() ? query->CallbackCommand.str() : std::string()},
                                 {"authentic", authentic}};
        boost::json::array texts;
        if (hook.ok())
            for (const auto& text : hook->texts()) texts.emplace_back(text);
        line["texts"] = std::move(texts);
        if (hook.ok() && hook->MsgSeq) line["msg_seq"] = hook->MsgSeq->value;
        record << boost::json::serialize(line) << std::endl;

        if (!authentic || !hook.ok()) return {http::status::unauthorized, R"({"error":"not authentic"})"};
        if (query->CallbackCommand != callback_command::before_send_msg) return {http::status::ok, std::string(after_send_ack)};
        const auto all = hook->texts();
        std::string text;
        for (const auto& t : all) text += t;
        before_send_answer answer;
        if (text.find("refuse") != std::string::npos) {
            answer.ErrorCode = 1;
        } else if (text.find("forbid") != std::string::npos) {
            answer.ErrorCode = first_refusal_code;
            answer.ErrorInfo = "forbidden by the app";
        } else if (text.find("discard") != std::string::npos) {
            answer.ErrorCode = 2;
        } else if (text.find("shout") != std::string::npos) {
            for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            answer.MsgBody = std::vector<message_element>{text_element(text)};
        }
        std::string out;
        if (!append_answer(answer, out).empty()) return {http::status::internal_server_error, "{}"};
        return {http::status::ok, out};
    }
};

void serve_connection(tcp::socket socket, app& backend) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    http::read(socket, buffer, request, ec);
    if (ec) return;
    const auto [status, body] = backend.handle(request.target(), request.body());
    http::response<http::string_body> response{status, 11};
    response.set(http::field::content_type, "application/json");
    response.keep_alive(false);
    response.body() = body;
    response.prepare_payload();
    http::write(socket, response, ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: webhook_app TOKEN SDKAPPID RECORD_FILE\n";
        return 2;
    }
    app backend{argv[1], 0, std::ofstream(argv[3], std::ios::app)};
    const std::string_view id = argv[2];
    if (std::from_chars(id.data(), id.data() + id.size(), backend.sdkappid).ec != std::errc() || !backend.record) {
        std::cerr << "webhook_app: bad SDKAPPID or RECORD_FILE\n";
        return 2;
    }
    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    std::cout << "listening on 127.0.0.1:" << acceptor.local_endpoint().port() << std::endl;

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) { io.stop(); });
    std::function<void()> accept = [&] {
        acceptor.async_accept([&](beast::error_code ec, tcp::socket socket) {
            if (ec) return;
            // One webhook at a time, as the emulator sends them; a client that sends nothing is
            // cut off by the receive timeout.
            timeval five_seconds{5, 0};
            ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);
            serve_connection(std::move(socket), backend);
            accept();
        });
    };
    accept();
    io.run_for(std::chrono::seconds(60));
    return 0;
}
