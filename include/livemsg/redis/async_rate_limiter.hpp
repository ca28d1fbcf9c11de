// SPDX-License-Identifier: BSL-1.0
// redis::async_rate_limiter: redis::rate_limiter's decisions for an Asio service, made without
// blocking its event loop. hiredis's asynchronous API runs on the caller's executor (through a
// strand of it), and async_reserve takes a completion token, so that a coroutine awaits it:
//
//     redis::async_rate_limiter limiter(io, *redis::parse_url("unix:///run/redis.sock"));
//     reservation r = co_await limiter.async_reserve(key, rate, max_wait, asio::use_awaitable);
//
// The same script and the same answers as the synchronous limiter: one EVALSHA of rate_script
// (redis/scripts.hpp) per decision, pipelined on the connection of its key (one of
// options::connections, by a hash of the key), so that one key's decisions are answered in the
// order they were asked. A decision never takes longer than options::timeout: past it the
// decision is the failure's (unavailable, or the in-process fallback's when failing open), and
// the connection, whose answers could no longer be matched to the decisions, is dropped; the next
// decision after a short backoff makes a new one, so the limiter recovers by itself when Redis
// comes back.
//
// async_reserve may be called from any thread; its handler runs on the token's associated
// executor (by default the limiter's), never inside async_reserve. A decision is not cancelled
// by a cancellation slot: it ends within the timeout anyway. A connection is work on the
// executor: its io_context's run() returns once the limiter is destroyed. Destroy the limiter
// before its io_context; decisions in flight are then answered unavailable.
#pragma once

#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/local_rate_limiter.hpp>
#include <livemsg/redis/async_connection.hpp>
#include <livemsg/redis/options.hpp>
#include <livemsg/redis/scripts.hpp>
#include <livemsg/redis/url.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::redis {

class async_rate_limiter {
public:
    using executor_type = boost::asio::any_io_executor;

    /// Makes no connection: the first decision does.
    async_rate_limiter(executor_type executor, server_url url, options opts = {})
        : impl_(std::make_shared<impl>(std::move(executor), std::move(url), opts)) {}
    async_rate_limiter(boost::asio::io_context& io, server_url url, options opts = {})
        : async_rate_limiter(io.get_executor(), std::move(url), opts) {}

    async_rate_limiter(const async_rate_limiter&) = delete;
    async_rate_limiter& operator=(const async_rate_limiter&) = delete;

    /// Ends the connections on the strand; decisions in flight are answered unavailable.
    ~async_rate_limiter() {
        if (!impl_) return;
        impl* raw = impl_.get();
        boost::asio::post(raw->strand_, [self = std::move(impl_)] { self->shut_down(); });
    }

    /// Decides as rate_limiter::reserve does, and hands the reservation to the completion handler
    /// (signature void(reservation)). The key's strings are copied: they need not outlive the call.
    template <class CompletionToken>
    auto async_reserve(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait, CompletionToken&& token) {
        return boost::asio::async_initiate<CompletionToken, void(reservation)>(
            [](auto handler, const std::shared_ptr<impl>& self, std::string account, std::string operation, call_rate r,
               std::chrono::nanoseconds wait) {
                start(self, make_op(std::move(handler), self->executor_), std::move(account), std::move(operation), r, wait);
            },
            token, impl_, std::string(key.account), std::string(key.operation), rate, max_wait);
    }

    executor_type get_executor() const noexcept { return impl_->executor_; }
    const limiter_counters& counters() const noexcept { return impl_->counters_; }
    /// The options in force: a headroom out of (0, 1] taken as 1, zero connections or instances as one.
    const options& settings() const noexcept { return impl_->opts_; }

private:
    // A decision's completion handler, with work on its executor until it is called.
    struct op_base {
        virtual void complete(reservation r) = 0;
        virtual ~op_base() = default;
    };
    template <class Handler>
    struct op final : op_base {
        using work_type = boost::asio::executor_work_guard<boost::asio::associated_executor_t<Handler, executor_type>>;
        Handler handler;
        work_type work;
        op(Handler h, const executor_type& fallback)
            : handler(std::move(h)), work(boost::asio::get_associated_executor(handler, fallback)) {}
        void complete(reservation r) override {
            auto executor = work.get_executor();
            boost::asio::post(executor, [h = std::move(handler), r = std::move(r)]() mutable { std::move(h)(std::move(r)); });
            work.reset();
        }
    };
    template <class Handler>
    static std::unique_ptr<op_base> make_op(Handler handler, const executor_type& fallback) {
        return std::make_unique<op<Handler>>(std::move(handler), fallback);
    }

    struct impl;

    // One decision: a command sink for its connection, and its deadline.
    struct call final : detail::command_sink {
        impl* owner;
        std::string account, operation;
        call_rate rate;
        std::chrono::nanoseconds max_wait;
        std::unique_ptr<op_base> handler;
        boost::asio::steady_timer deadline;
        detail::async_connection* connection = nullptr;
        std::list<std::shared_ptr<call>>::iterator entry{};
        bool listed = false;
        bool done = false;
        bool retried = false;

        call(impl* o, std::string a, std::string op, call_rate r, std::chrono::nanoseconds w, std::unique_ptr<op_base> h)
            : owner(o), account(std::move(a)), operation(std::move(op)), rate(r), max_wait(w), handler(std::move(h)),
              deadline(o->strand_) {}
        void answered(const redisReply* reply, const std::string& why_none) override {
            if (!done) owner->answered(*this, reply, why_none);
        }
    };

    struct impl {
        executor_type executor_;
        boost::asio::strand<executor_type> strand_;
        options opts_;
        local_rate_limiter fallback_;
        limiter_counters counters_;
        std::list<std::shared_ptr<call>> calls_;  // the decisions not answered yet
        std::vector<std::shared_ptr<detail::async_connection>> connections_;
        bool closing_ = false;
        bool abandoning_ = false;

        impl(executor_type executor, server_url url, options opts)
            : executor_(std::move(executor)), strand_(executor_), opts_(normalized(opts)), fallback_(opts_.headroom) {
            for (std::size_t i = 0; i < opts_.connections; ++i)
                connections_.push_back(std::make_shared<detail::async_connection>(strand_, url, rate_script));
        }
        impl(const impl&) = delete;
        impl& operator=(const impl&) = delete;

        // Reached when the executor's context goes with the limiter's last work on it: the
        // handlers are destroyed, not called, as Asio destroys those of any operation then.
        ~impl() {
            closing_ = abandoning_ = true;
            connections_.clear();
        }


        void submit(std::shared_ptr<call> c) {
            if (closing_) return finish(*c, reservation::unavailable("the limiter was destroyed"));
            calls_.push_front(c);
            c->entry = calls_.begin();
            c->listed = true;
            c->deadline.expires_after(opts_.timeout);
            c->deadline.async_wait([c](const boost::system::error_code&) {
                if (!c->done) c->owner->timed_out(*c);
            });
            const std::size_t h = std::hash<std::string_view>{}(c->account) * 31 + std::hash<std::string_view>{}(c->operation);
            c->connection = connections_[h % connections_.size()].get();
            send(*c, false);
        }

        // EVALSHA once Redis has told the script's SHA1, EVAL (which loads it) before, or again
        // after NOSCRIPT.
        void send(call& c, bool with_text) {
            const std::string& sha = c.connection->script_sha();
            const bool by_text = with_text || sha.empty();
            // Rounded down: a wait the caller did not accept is never handed out.
            const auto wait_us = std::chrono::duration_cast<std::chrono::microseconds>(c.max_wait).count();
            c.connection->send({by_text ? "EVAL" : "EVALSHA", by_text ? std::string(rate_script) : sha, "1",
                                rate_key({c.account, c.operation}), std::to_string(to_microseconds(c.rate.interval(opts_.headroom))),
                                std::to_string(wait_us)},
                               c);
        }

        void answered(call& c, const redisReply* r, const std::string& why_none) {
            if (!r) return failed(c, why_none);
            if (r->type == REDIS_REPLY_ERROR) {
                const std::string_view error(r->str, r->len);
                if (error.starts_with("NOSCRIPT") && !c.retried) {
                    c.retried = true;
                    return send(c, true);
                }
                return failed(c, c.connection->where() + std::string(error));
            }
            c.connection->healthy();
            if (r->type == REDIS_REPLY_ARRAY && r->elements == 2 && r->element[0]->type == REDIS_REPLY_INTEGER &&
                r->element[1]->type == REDIS_REPLY_INTEGER && (r->element[0]->integer == 0 || r->element[0]->integer == 1) &&
                r->element[1]->integer >= 0) {
                const auto wait = std::chrono::microseconds(r->element[1]->integer);
                return finish(c, r->element[0]->integer == 1 ? reservation::admit(wait) : reservation::later(wait));
            }
            failed(c, c.connection->where() + "answered the rate script with something other than {0 or 1, wait}");
        }

        void timed_out(call& c) {
            const std::string why = c.connection->where() + "no answer within " + std::to_string(opts_.timeout.count()) + " ms";
            failed(c, why);
            c.connection->drop(why + " to an earlier decision on the connection");
        }

        void failed(call& c, std::string why) {
            if (closing_ || opts_.on_failure == failure_mode::closed) return finish(c, reservation::unavailable(std::move(why)));
            counters_.error.fetch_add(1, std::memory_order_relaxed);
            finish(c, detail::fallback_decision(fallback_, {c.account, c.operation}, c.rate, c.max_wait, opts_.instances, why));
        }

        void finish(call& c, reservation r) {
            c.done = true;
            c.deadline.cancel();
            counters_.count(r);
            if (abandoning_) c.handler.reset();
            else c.handler->complete(std::move(r));
            if (c.listed) {
                c.listed = false;
                calls_.erase(c.entry);  // the deadline's handler still holds the call
            }
        }

        void shut_down() {
            closing_ = true;
            for (auto& connection : connections_) connection->close("the limiter was destroyed");
        }
    };

    // On the caller's thread: a rate that is not limited needs no Redis, and no strand.
    static void start(const std::shared_ptr<impl>& self, std::unique_ptr<op_base> handler, std::string account,
                      std::string operation, call_rate rate, std::chrono::nanoseconds max_wait) {
        if (!rate.limited()) {
            const reservation r = reservation::admit();
            self->counters_.count(r);
            return handler->complete(r);  // posted: never inside async_reserve
        }
        boost::asio::post(self->strand_, [self, handler = std::move(handler), account = std::move(account),
                                          operation = std::move(operation), rate, max_wait]() mutable {
            self->submit(std::make_shared<call>(self.get(), std::move(account), std::move(operation), rate,
                                                std::max(max_wait, std::chrono::nanoseconds(0)), std::move(handler)));
        });
    }

    std::shared_ptr<impl> impl_;
};

}  // namespace livemsg::redis
