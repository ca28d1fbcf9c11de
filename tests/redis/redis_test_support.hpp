// SPDX-License-Identifier: BSL-1.0
// What the Redis tests share: a direct command to a fixture's server, to look at what the
// limiters left there, and a stopwatch.
#pragma once

#include "redis_server.hpp"

#include <hiredis/hiredis.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace livemsg_test {

/// One command over a fresh connection to the server's socket: its integer, string or status
/// answer as text, "nil", or what went wrong.
inline std::string ask(const redis_server& server, const char* format, const char* arg = nullptr) {
    redisContext* c = redisConnectUnixWithTimeout(server.socket_path().c_str(), timeval{1, 0});
    if (!c) return "no context";
    std::string out = "connect failed";
    if (!c->err) {
        redisSetTimeout(c, timeval{1, 0});
        auto* reply = static_cast<redisReply*>(arg ? redisCommand(c, format, arg) : redisCommand(c, format));
        if (!reply) {
            out = "no reply";
        } else {
            out = reply->type == REDIS_REPLY_INTEGER ? std::to_string(reply->integer)
                  : reply->str                       ? std::string(reply->str, reply->len)
                                                     : "nil";
            freeReplyObject(reply);
        }
    }
    redisFree(c);
    return out;
}

/// Milliseconds since the stopwatch was made.
struct stopwatch {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    double ms() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
};

/// Something that is not Redis on a loopback port the system picked, served by a thread of its
/// own until the listener goes: `garbage` answers every read with bytes that are not RESP,
/// `silent` accepts and never answers, `strings` answers every read with a 40-byte bulk string
/// (a well-formed answer of the wrong type).
class fake_listener {
public:
    enum class mode { garbage, silent, strings };

    explicit fake_listener(mode m) : mode_(m) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket() failed");
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0 ||
            ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
            ::close(fd_);
            throw std::runtime_error("could not listen on loopback");
        }
        port_ = ntohs(addr.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    fake_listener(const fake_listener&) = delete;
    fake_listener& operator=(const fake_listener&) = delete;
    ~fake_listener() {
        stop_ = true;
        thread_.join();
        for (int c : clients_) ::close(c);
        ::close(fd_);
    }

    livemsg::redis::server_url url() const {
        livemsg::redis::server_url u;
        u.host = "127.0.0.1";
        u.port = port_;
        return u;
    }

    /// How many connections it has accepted.
    int accepted() const noexcept { return accepted_.load(); }

private:
    void serve() {
        while (!stop_) {
            std::vector<pollfd> fds{{fd_, POLLIN, 0}};
            for (int c : clients_) fds.push_back({c, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 10) <= 0) continue;  // 10 ms: the stop flag is seen soon
            if (fds[0].revents & POLLIN) {
                const int c = ::accept(fd_, nullptr, nullptr);
                if (c >= 0) {
                    clients_.push_back(c);
                    ++accepted_;
                }
            }
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                char buf[4096];
                if (::read(fds[i].fd, buf, sizeof buf) <= 0) {  // the client went: forget it
                    ::close(fds[i].fd);
                    std::erase(clients_, fds[i].fd);
                    continue;
                }
                if (mode_ == mode::silent) continue;
                const std::string answer = mode_ == mode::garbage ? std::string("HTTP/1.1 400 Bad Request\r\n\r\n")
                                                                  : "$40\r\n" + std::string(40, 'a') + "\r\n";
                (void)!::send(fds[i].fd, answer.data(), answer.size(), MSG_NOSIGNAL);
            }
        }
    }

    mode mode_;
    int fd_ = -1;
    std::uint16_t port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> accepted_{0};
    std::vector<int> clients_;  // the serving thread's alone until it is joined
    std::thread thread_;
};

}  // namespace livemsg_test
