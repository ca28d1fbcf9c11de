// SPDX-License-Identifier: BSL-1.0
// One synchronous connection to Redis, over hiredis 0.14 or later: a connect by server_url (TCP
// or a unix socket) with AUTH and SELECT, and the few commands the limiters send, each answered
// by integers or by an error as a value.
//
// Every call has a deadline, and no call outlives it: hiredis connects within the time left, and
// then this file writes the command and waits for its answer itself (poll, then hiredis's reader),
// so that a server that stops answering, or answers a byte at a time, costs at most the time left.
// The socket's own timeout (redisSetTimeout) is set too, as a backstop. Writes use MSG_NOSIGNAL:
// a server gone away must not raise SIGPIPE in the caller's process.
//
// Any failure closes the connection; the caller (connection_pool) opens a new one later. One
// caller at a time: the pool lends each connection to one thread. A host name is resolved by
// getaddrinfo, which no timeout bounds: where a slow resolver must not cost a call its deadline,
// give an address or a unix socket.
#pragma once

#include <livemsg/redis/url.hpp>

#include <hiredis/hiredis.h>

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::redis {

namespace detail {

/// An integer as a command's argument, in decimal, without an allocation.
struct decimal {
    std::array<char, 24> digits{};
    std::size_t size = 0;

    explicit decimal(long long v) noexcept {
        size = static_cast<std::size_t>(std::to_chars(digits.data(), digits.data() + digits.size(), v).ptr - digits.data());
    }
    std::string_view view() const noexcept { return {digits.data(), size}; }
};

}  // namespace detail

/// An answer of integers, or why there is none (error not empty).
struct integer_reply {
    std::array<long long, 4> values{};
    std::size_t size = 0;
    std::string error{};

    bool ok() const noexcept { return error.empty(); }
    long long operator[](std::size_t i) const noexcept { return values[i]; }

    static integer_reply failed(std::string why) {
        integer_reply r;
        r.error = std::move(why);
        return r;
    }
};

class connection {
public:
    using clock = std::chrono::steady_clock;
    static constexpr std::size_t max_arguments = 8;

    /// No I/O here: connect() opens the connection. `socket_timeout` is the backstop set on the socket.
    connection(server_url url, std::chrono::milliseconds socket_timeout)
        : url_(std::move(url)), where_("Redis at " + url_.redacted()), socket_timeout_(socket_timeout) {}
    ~connection() { close(); }
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    bool connected() const noexcept { return ctx_ != nullptr; }
    /// Whether a command has been answered since the connection opened: a failure before that
    /// says the server (or what listens in its place) is unwell, not just that it restarted.
    bool proven() const noexcept { return proven_; }

    /// Connects, authenticates and selects the database; empty on success, else the reason.
    std::string connect(clock::time_point deadline) {
        close();
        const auto left = deadline - clock::now();
        if (left <= clock::duration::zero()) return where_ + ": no time left to connect";
        const timeval tv = to_timeval(left);
        ctx_ = url_.is_unix() ? redisConnectUnixWithTimeout(url_.socket_path.c_str(), tv)
                              : redisConnectWithTimeout(url_.host.c_str(), url_.port, tv);
        if (!ctx_) return where_ + ": out of memory for a connection";
        if (ctx_->err) return placed(fail("cannot connect: " + std::string(ctx_->errstr)));
        redisSetTimeout(ctx_, to_timeval(socket_timeout_));
        if (!url_.password.empty()) {
            std::array<std::string_view, 3> auth{"AUTH", url_.password, {}};
            std::size_t n = 2;
            if (!url_.user.empty()) {
                auth = {"AUTH", url_.user, url_.password};
                n = 3;
            }
            reply_ptr r;
            if (std::string why = call(std::span(auth).first(n), deadline, r); !why.empty())
                return placed(fail("no answer to authentication: " + why));
            if (r->type != REDIS_REPLY_STATUS) return placed(fail("authentication refused: " + describe(*r)));
        }
        if (url_.db != 0) {
            const std::string db = std::to_string(url_.db);
            const std::array<std::string_view, 2> select{"SELECT", db};
            reply_ptr r;
            if (std::string why = call(select, deadline, r); !why.empty()) return placed(fail("SELECT " + db + ": " + why));
            if (r->type != REDIS_REPLY_STATUS) return placed(fail("SELECT " + db + " refused: " + describe(*r)));
        }
        return {};
    }

    /// EVALSHA of a script (a static text: it is known by its address) with KEYS and ARGV,
    /// answered by an array of exactly `expected` integers (at most 4). The script's SHA1 comes
    /// from SCRIPT LOAD, once per connection; a NOSCRIPT answer (a server that lost its scripts)
    /// loads it again and retries once.
    integer_reply eval(std::string_view script, std::span<const std::string_view> keys,
                       std::span<const std::string_view> args, std::size_t expected, clock::time_point deadline) {
        if (keys.size() + args.size() + 3 > max_arguments || expected > 4)
            return integer_reply::failed(where_ + ": too many arguments for one script");
        const std::string* sha = loaded(script);
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (!sha) {
                std::string why = load(script, deadline);
                if (!why.empty()) return integer_reply::failed(placed(why));
                sha = &scripts_.back().second;
            }
            std::array<std::string_view, max_arguments> argv{};
            std::size_t n = 0;
            const std::string numkeys = std::to_string(keys.size());
            argv[n++] = "EVALSHA";
            argv[n++] = *sha;
            argv[n++] = numkeys;
            for (std::string_view k : keys) argv[n++] = k;
            for (std::string_view a : args) argv[n++] = a;
            reply_ptr r;
            std::string why = call(std::span(argv).first(n), deadline, r);
            if (!why.empty()) return integer_reply::failed(placed(why));
            if (r->type == REDIS_REPLY_ERROR && attempt == 0 && std::string_view(r->str, r->len).starts_with("NOSCRIPT")) {
                forget(script);
                sha = nullptr;
                continue;
            }
            return integers_of(*r, expected);
        }
        return integer_reply::failed(placed(fail("the script is still unknown after SCRIPT LOAD")));
    }

    /// A command answered by an integer (`integer`: SCARD, SREM, DEL) or by +OK (SET).
    integer_reply command(std::span<const std::string_view> argv, bool integer, clock::time_point deadline) {
        reply_ptr r;
        std::string why = call(argv, deadline, r);
        if (!why.empty()) return integer_reply::failed(placed(why));
        if (integer) return integers_of(*r, 0);
        if (r->type == REDIS_REPLY_STATUS && std::string_view(r->str, r->len) == "OK") {
            proven_ = true;
            return {};
        }
        return integer_reply::failed(placed(fail("unexpected reply: " + describe(*r) + ", not +OK")));
    }

    void close() noexcept {
        if (ctx_) redisFree(ctx_);
        ctx_ = nullptr;
        proven_ = false;
        scripts_.clear();
    }

private:
    struct reply_free {
        void operator()(redisReply* r) const noexcept { freeReplyObject(r); }
    };
    using reply_ptr = std::unique_ptr<redisReply, reply_free>;

    static timeval to_timeval(clock::duration d) noexcept {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
        if (us < 1) us = 1;  // zero would mean "no timeout" to hiredis
        return timeval{static_cast<decltype(timeval::tv_sec)>(us / 1'000'000),
                       static_cast<decltype(timeval::tv_usec)>(us % 1'000'000)};
    }

    /// Closes the connection and says why.
    std::string fail(std::string why) {
        close();
        return why;
    }
    /// A reason, with the server it is about.
    std::string placed(const std::string& why) const { return where_ + ": " + why; }

    static std::string describe(const redisReply& r) {
        switch (r.type) {
            case REDIS_REPLY_ERROR: return "an error (" + std::string(r.str, std::min<std::size_t>(r.len, 200)) + ")";
            case REDIS_REPLY_STATUS: return "a status (" + std::string(r.str, std::min<std::size_t>(r.len, 200)) + ")";
            case REDIS_REPLY_STRING: return "a string";
            case REDIS_REPLY_INTEGER: return "an integer";
            case REDIS_REPLY_NIL: return "nil";
            case REDIS_REPLY_ARRAY: return "an array of " + std::to_string(r.elements);
        }
        return "a reply of type " + std::to_string(r.type);
    }

    /// `expected` integers in an array, or with 0 a single integer.
    integer_reply integers_of(const redisReply& r, std::size_t expected) {
        integer_reply out;
        if (expected == 0) {
            if (r.type != REDIS_REPLY_INTEGER)
                return integer_reply::failed(placed(fail("unexpected reply: " + describe(r) + ", not an integer")));
            out.values[0] = r.integer;
            out.size = 1;
        } else {
            if (r.type != REDIS_REPLY_ARRAY || r.elements != expected)
                return integer_reply::failed(placed(fail("unexpected reply: " + describe(r) + ", not an array of " +
                                                         std::to_string(expected) + " integers")));
            for (std::size_t i = 0; i < expected; ++i) {
                if (!r.element[i] || r.element[i]->type != REDIS_REPLY_INTEGER)
                    return integer_reply::failed(placed(fail("unexpected reply: element " + std::to_string(i) + " is " +
                                                             (r.element[i] ? describe(*r.element[i]) : "missing"))));
                out.values[i] = r.element[i]->integer;
            }
            out.size = expected;
        }
        proven_ = true;
        return out;
    }

    const std::string* loaded(std::string_view script) const noexcept {
        for (const auto& [text, sha] : scripts_)
            if (text.data() == script.data() && text.size() == script.size()) return &sha;
        return nullptr;
    }
    void forget(std::string_view script) noexcept {
        std::erase_if(scripts_, [&](const auto& s) { return s.first.data() == script.data(); });
    }
    std::string load(std::string_view script, clock::time_point deadline) {
        const std::array<std::string_view, 3> argv{"SCRIPT", "LOAD", script};
        reply_ptr r;
        std::string why = call(argv, deadline, r);
        if (!why.empty()) return why;
        if (r->type != REDIS_REPLY_STRING || r->len != 40) return fail("unexpected reply to SCRIPT LOAD: " + describe(*r));
        scripts_.emplace_back(script, std::string(r->str, r->len));
        return {};
    }

    /// Sends one command and reads its answer, both by the deadline; empty on success (the
    /// answer in `out`), else the reason, the connection closed once anything was sent.
    std::string call(std::span<const std::string_view> argv, clock::time_point deadline, reply_ptr& out) {
        if (!ctx_) return "not connected";
        if (argv.size() > max_arguments) return fail("too many arguments");
        // Nothing is sent whose answer could not be waited for: a script would decide unread.
        // The connection stays as it was, open and in step.
        if (clock::now() >= deadline) return "no time left to send";
        std::array<const char*, max_arguments> ptrs{};
        std::array<std::size_t, max_arguments> lens{};
        for (std::size_t i = 0; i < argv.size(); ++i) {
            ptrs[i] = argv[i].data();
            lens[i] = argv[i].size();
        }
        char* formatted = nullptr;
        const int len = redisFormatCommandArgv(&formatted, static_cast<int>(argv.size()), ptrs.data(), lens.data());
        if (len < 0 || !formatted) return fail("out of memory for a command");
        std::string why = send_all(formatted, static_cast<std::size_t>(len), deadline);
        redisFreeCommand(formatted);
        if (!why.empty()) return fail(why);
        for (;;) {
            void* reply = nullptr;
            if (redisGetReplyFromReader(ctx_, &reply) != REDIS_OK)
                return fail("unexpected reply: not the Redis protocol (" + std::string(ctx_->errstr) + ")");
            if (reply) {
                out.reset(static_cast<redisReply*>(reply));
                return {};
            }
            if (!ready(POLLIN, deadline)) return fail("no answer in time");
            if (redisBufferRead(ctx_) != REDIS_OK) return fail(std::string(ctx_->errstr));
        }
    }

    std::string send_all(const char* data, std::size_t size, clock::time_point deadline) {
        while (size > 0) {
            const ssize_t n = ::send(ctx_->fd, data, size, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                data += n;
                size -= static_cast<std::size_t>(n);
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
                if (!ready(POLLOUT, deadline)) return "could not send in time";
            } else {
                return "send failed: " + std::string(std::strerror(errno));
            }
        }
        return {};
    }

    /// Waits until the socket is ready for `events` (or has failed: the next read or write says
    /// how), false when the deadline passes first.
    bool ready(short events, clock::time_point deadline) const {
        for (;;) {
            const auto left = deadline - clock::now();
            if (left <= clock::duration::zero()) return false;
            const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
            const timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
            pollfd p{ctx_->fd, events, 0};
            const int rc = ::ppoll(&p, 1, &ts, nullptr);
            if (rc > 0) return true;
            if (rc < 0 && errno != EINTR) return true;  // let the read or write report it
        }
    }

    server_url url_;
    std::string where_;
    std::chrono::milliseconds socket_timeout_;
    redisContext* ctx_ = nullptr;
    bool proven_ = false;
    std::vector<std::pair<std::string_view, std::string>> scripts_;  // script text, its SHA1
};

}  // namespace livemsg::redis
