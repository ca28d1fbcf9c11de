// SPDX-License-Identifier: BSL-1.0
// A few connections to one Redis server, shared by threads, each call bounded by one timeout in
// all: waiting for a free connection, connecting, and the command.
//
// Connections open lazily, on the call that needs one, so a pool is made without I/O and an
// unreachable server costs nothing until it is asked. While the server is failing, reconnecting
// is rationed: one attempt per backoff (100 ms, doubling to 1 s), the calls in between failing
// at once with the last reason, so that a server that is down or stopped makes no call wait
// its timeout again and again. A connection that fails after it has served (a server restarted)
// is replaced at once on the next call.
#pragma once

#include <livemsg/redis/connection.hpp>
#include <livemsg/redis/url.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace livemsg::redis {

class connection_pool {
public:
    using clock = connection::clock;
    static constexpr std::chrono::milliseconds first_backoff{100};
    static constexpr std::chrono::milliseconds last_backoff{1000};

    /// `size` connections at most (at least one), each call `timeout` at most (at least 1 ms).
    connection_pool(server_url url, std::chrono::milliseconds timeout, std::size_t size)
        : timeout_(std::max(timeout, std::chrono::milliseconds(1))),
          size_(std::max<std::size_t>(size, 1)),
          where_("Redis at " + url.redacted()) {
        connections_.reserve(size_);
        for (std::size_t i = 0; i < size_; ++i) {
            connections_.push_back(std::make_unique<connection>(url, timeout_));
            free_.push_back(connections_.back().get());
        }
    }
    connection_pool(const connection_pool&) = delete;
    connection_pool& operator=(const connection_pool&) = delete;

    std::chrono::milliseconds timeout() const noexcept { return timeout_; }
    std::size_t size() const noexcept { return size_; }

    /// Runs `f(connection&, deadline)`, which returns an integer_reply, on a connected
    /// connection by the deadline of this call; the reply, or why there is none.
    template <class F>
    integer_reply run(F&& f) {
        const clock::time_point deadline = clock::now() + timeout_;
        connection* c = take(deadline);
        if (!c) {
            return integer_reply::failed(where_ + ": all " + std::to_string(size_) + " connections busy for " +
                                         std::to_string(timeout_.count()) + " ms");
        }
        const give_back returned{*this, c};
        if (!c->connected()) {
            if (std::string why = may_connect(); !why.empty()) return integer_reply::failed(std::move(why));
            if (std::string why = c->connect(deadline); !why.empty()) {
                failed(why);
                return integer_reply::failed(std::move(why));
            }
        }
        const bool proven = c->proven();
        integer_reply r = std::forward<F>(f)(*c, deadline);
        if (!r.ok()) {
            if (!proven) failed(r.error);
        } else if (failing_.load(std::memory_order_relaxed)) {
            recovered();
        }
        return r;
    }

private:
    struct give_back {
        connection_pool& pool;
        connection* c;
        ~give_back() {
            {
                std::lock_guard lock(pool.mutex_);
                pool.free_.push_back(c);
            }
            pool.freed_.notify_one();
        }
    };

    connection* take(clock::time_point deadline) {
        std::unique_lock lock(mutex_);
        if (!freed_.wait_until(lock, deadline, [this] { return !free_.empty(); })) return nullptr;
        connection* c = free_.back();  // the most recently used: the likeliest to be connected
        free_.pop_back();
        return c;
    }

    /// Empty when this call may connect; while failing, one call per backoff may.
    std::string may_connect() {
        if (!failing_.load(std::memory_order_relaxed)) return {};
        std::lock_guard lock(gate_mutex_);
        if (!failing_.load(std::memory_order_relaxed)) return {};
        const auto now = clock::now();
        if (now < next_attempt_) {
            const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next_attempt_ - now).count();
            return last_error_ + " (the next attempt to reconnect in " + std::to_string(ms) + " ms)";
        }
        next_attempt_ = now + backoff_;
        return {};
    }

    void failed(const std::string& why) {
        std::lock_guard lock(gate_mutex_);
        failing_.store(true, std::memory_order_relaxed);
        last_error_ = why;
        next_attempt_ = clock::now() + backoff_;
        backoff_ = std::min<std::chrono::milliseconds>(backoff_ * 2, last_backoff);
    }

    void recovered() {
        std::lock_guard lock(gate_mutex_);
        failing_.store(false, std::memory_order_relaxed);
        backoff_ = first_backoff;
    }

    std::chrono::milliseconds timeout_;
    std::size_t size_;
    std::string where_;
    std::vector<std::unique_ptr<connection>> connections_;

    std::mutex mutex_;  // guards free_
    std::condition_variable freed_;
    std::vector<connection*> free_;

    std::atomic<bool> failing_{false};
    std::mutex gate_mutex_;  // guards what follows
    clock::time_point next_attempt_{};
    std::chrono::milliseconds backoff_{first_backoff};
    std::string last_error_;
};

}  // namespace livemsg::redis
