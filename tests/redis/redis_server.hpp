// SPDX-License-Identifier: BSL-1.0
// A redis-server of a test's own: started in a fresh mkdtemp directory, listening on a unix
// socket there (and, when asked, on 127.0.0.1 at a port the system picked), saving nothing, and
// killed, reaped and removed with its directory when the fixture goes, or killed by the system
// when the process that started it dies first (Linux). The tests and the Redis benchmark share
// it; make it in the main thread (the death signal follows the thread that forked).
#pragma once

#include <livemsg/redis/url.hpp>

#include <hiredis/hiredis.h>

#include <netinet/in.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#ifndef LIVEMSG_REDIS_SERVER
#define LIVEMSG_REDIS_SERVER "redis-server"
#endif

namespace livemsg_test {

/// A port on 127.0.0.1 that was free a moment ago: bound to port 0, read back, and closed.
inline std::uint16_t free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("could not bind a loopback port");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

struct redis_server_settings {
    bool tcp = false;        // also listen on 127.0.0.1 at a free port
    std::string password{};  // --requirepass
};

class redis_server {
public:
    using settings = redis_server_settings;

    explicit redis_server(settings s = {}) : settings_(std::move(s)) {
        std::string tmpl = (std::filesystem::temp_directory_path() / "livemsg-redis-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = tmpl;
        if (settings_.tcp) port_ = free_loopback_port();
        start();
    }

    redis_server(const redis_server&) = delete;
    redis_server& operator=(const redis_server&) = delete;

    ~redis_server() {
        stop();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    std::string socket_path() const { return dir_ + "/redis.sock"; }
    std::uint16_t port() const noexcept { return port_; }
    pid_t pid() const noexcept { return pid_; }
    bool running() const noexcept { return pid_ > 0; }

    /// The unix socket's URL, or with `tcp` the loopback port's, with the password when there is one.
    livemsg::redis::server_url url(bool tcp = false) const {
        livemsg::redis::server_url u;
        if (tcp) {
            u.host = "127.0.0.1";
            u.port = port_;
        } else {
            u.socket_path = socket_path();
        }
        u.password = settings_.password;
        return u;
    }

    /// Kills the server (SIGKILL, so that a paused one goes too) and reaps it.
    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        int status = 0;
        while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        pid_ = -1;
        std::error_code ignored;
        std::filesystem::remove(socket_path(), ignored);
    }

    void pause() { send_signal(SIGSTOP); }
    void resume() { send_signal(SIGCONT); }

    /// A fresh, empty server on the same socket and port.
    void restart() {
        stop();
        start();
    }

private:
    void send_signal(int sig) {
        if (pid_ > 0) ::kill(pid_, sig);
    }

    void start() {
        std::vector<std::string> args{LIVEMSG_REDIS_SERVER,
                                      "--port", std::to_string(port_),
                                      "--bind", "127.0.0.1",
                                      "--unixsocket", socket_path(),
                                      "--unixsocketperm", "700",
                                      "--save", "",
                                      "--appendonly", "no",
                                      "--dir", dir_,
                                      "--daemonize", "no",
                                      "--logfile", dir_ + "/redis.log"};
        if (!settings_.password.empty()) {
            args.push_back("--requirepass");
            args.push_back(settings_.password);
        }
        std::vector<char*> argv;
        for (std::string& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
#if defined(__linux__)
            // A test killed outright (a timeout, SIGKILL) runs no destructor: the server goes with it.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) ::_exit(1);
#else
            (void)parent;
#endif
            const int null = ::open("/dev/null", O_RDWR);
            if (null >= 0) {
                ::dup2(null, 0);
                ::dup2(null, 1);
            }
            ::execvp(argv[0], argv.data());
            ::_exit(127);
        }
        wait_until_ready();
    }

    /// PING on the socket until PONG (or NOAUTH: it answers), 10 s at most.
    void wait_until_ready() {
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (std::chrono::steady_clock::now() < until) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("redis-server exited at start; see " + dir_ + "/redis.log");
            }
            if (ping()) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        stop();
        throw std::runtime_error("redis-server did not answer PING within 10 s");
    }

    bool ping() const {
        redisContext* c = redisConnectUnixWithTimeout(socket_path().c_str(), timeval{0, 200'000});
        if (!c) return false;
        bool ok = false;
        if (!c->err) {
            redisSetTimeout(c, timeval{0, 200'000});
            if (auto* reply = static_cast<redisReply*>(redisCommand(c, "PING"))) {
                const std::string text(reply->str ? reply->str : "", reply->str ? reply->len : 0);
                ok = text == "PONG" || text.starts_with("NOAUTH");
                freeReplyObject(reply);
            }
        }
        redisFree(c);
        return ok;
    }

    settings settings_;
    std::string dir_;
    std::uint16_t port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace livemsg_test
