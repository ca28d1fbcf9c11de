// SPDX-License-Identifier: BSL-1.0
// A one-request HTTP/1.1 server for testing the examples on the loopback interface.
//
//   loopback_server STATUS BODY_FILE RECORD_FILE [HEADER_LINE...]
//
// Listens on 127.0.0.1, on a port the system picks, and prints that port on a line of its own.
// Accepts one connection, reads one request (its head at most 64 KiB, its body at most 1 MiB,
// sized by Content-Length), writes what it read to RECORD_FILE as JSON
// {"request_line", "headers": [[name, value], ...], "body"}, answers STATUS with the body of
// BODY_FILE and each HEADER_LINE ("Name: value"), and exits. It gives up after 10 s.
// The request is parsed by hand, byte by byte, so that what a client sent is seen as sent:
// duplicate headers stay duplicates.
#include <boost/asio.hpp>
#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr std::size_t max_head_bytes = 64 * 1024;
constexpr std::size_t max_body_bytes = 1024 * 1024;
constexpr auto time_limit = std::chrono::seconds(10);

struct recorded {
    std::string request_line;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

bool names_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if ((a[i] | 0x20) != (b[i] | 0x20)) return false;
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The head's lines; nullopt when a line is not "Name: value".
std::optional<recorded> parse_head(std::string_view head) {
    recorded out;
    std::size_t end = head.find("\r\n");
    out.request_line.assign(head.substr(0, end));
    while (end != std::string_view::npos && end + 2 < head.size()) {
        const std::size_t start = end + 2;
        end = head.find("\r\n", start);
        const std::string_view line = head.substr(start, end == std::string_view::npos ? end : end - start);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return std::nullopt;
        out.headers.emplace_back(std::string(line.substr(0, colon)), std::string(trimmed(line.substr(colon + 1))));
    }
    return out;
}

std::optional<std::size_t> content_length(const recorded& r) {
    for (const auto& [name, value] : r.headers)
        if (names_equal(name, "Content-Length")) {
            std::size_t n = 0;
            const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || ptr != value.data() + value.size()) return std::nullopt;
            return n;
        }
    return 0;
}

std::string read_file(const char* path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void write_record(const char* path, const recorded& r) {
    boost::json::array headers;
    for (const auto& [name, value] : r.headers) headers.push_back(boost::json::array{name, value});
    const boost::json::object json{
        {"request_line", r.request_line}, {"headers", std::move(headers)}, {"body", r.body}};
    std::ofstream(path, std::ios::binary) << boost::json::serialize(json) << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: loopback_server STATUS BODY_FILE RECORD_FILE [HEADER_LINE...]\n";
        return 2;
    }
    const std::string status = argv[1];
    const std::string answer_body = read_file(argv[2]);
    std::string answer = "HTTP/1.1 " + status + " Canned\r\nContent-Type: application/json\r\nContent-Length: " +
                         std::to_string(answer_body.size()) + "\r\nConnection: close\r\n";
    for (int i = 4; i < argc; ++i) answer += std::string(argv[i]) + "\r\n";
    answer += "\r\n" + answer_body;

    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    std::cout << acceptor.local_endpoint().port() << std::endl;  // flushed: the test waits for it

    tcp::socket socket(io);
    std::string received;
    std::optional<recorded> request;
    int exit_code = 1;
    const auto fail = [&](std::string_view why) { std::cerr << "loopback_server: " << why << '\n'; };

    acceptor.async_accept(socket, [&](boost::system::error_code ec) {
        if (ec) return fail("accept: " + ec.message());
        // The head, then as many body bytes as Content-Length says, then the canned answer.
        asio::async_read_until(
            socket, asio::dynamic_buffer(received, max_head_bytes), "\r\n\r\n",
            [&](boost::system::error_code ec, std::size_t head_size) {
                if (ec) return fail("reading the head: " + ec.message());
                request = parse_head(std::string_view(received).substr(0, head_size - 2));
                const auto length = request ? content_length(*request) : std::nullopt;
                if (!length || *length > max_body_bytes) return fail("a malformed head or an oversized body");
                const std::size_t have = received.size() - head_size;
                received.resize(head_size + *length);  // read the rest of the body in place
                const auto on_body = [&, head_size](boost::system::error_code ec, std::size_t) {
                    if (ec) return fail("reading the body: " + ec.message());
                    request->body = received.substr(head_size);
                    asio::async_write(socket, asio::buffer(answer), [&](boost::system::error_code ec, std::size_t) {
                        if (ec) return fail("writing the answer: " + ec.message());
                        boost::system::error_code ignored;
                        socket.shutdown(tcp::socket::shutdown_both, ignored);
                        exit_code = 0;
                    });
                };
                if (have >= *length) return on_body({}, 0);
                asio::async_read(socket, asio::buffer(received.data() + head_size + have, *length - have), on_body);
            });
    });
    io.run_for(time_limit);
    if (request) write_record(argv[3], *request);
    if (exit_code != 0 && !request) fail("no request within the time limit");
    return exit_code;
}
