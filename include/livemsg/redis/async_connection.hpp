// SPDX-License-Identifier: BSL-1.0
// Detail of async_rate_limiter: one connection to Redis on a strand, and the decisions in flight
// on it. A connection is made when a decision needs it (AUTH, SELECT and SCRIPT LOAD pipelined
// ahead of the first command, all before the connect completes), and rebuilt the same way after
// it failed, once a short backoff has passed; during the backoff a decision fails at once.
//
// A hiredis context may end inside any call into hiredis: its pending commands are then answered
// with no reply, in order, and its cleanup hook runs. So each context is a link, which keeps the
// commands in flight on it in the order hiredis answers them and is deleted from that hook.
#pragma once

#include <livemsg/redis/asio_adapter.hpp>
#include <livemsg/redis/url.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <hiredis/async.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::redis::detail {

/// What a command's answer goes to: a reply, or nullptr when the connection ended first, with
/// the reason. Called on the strand, inside hiredis: it may send on the connection again but must
/// not free it.
class command_sink {
public:
    virtual void answered(const redisReply* reply, const std::string& why_none) = 0;

protected:
    ~command_sink() = default;
};

class async_connection : public std::enable_shared_from_this<async_connection> {
public:
    using clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds first_backoff{20};
    static constexpr std::chrono::milliseconds last_backoff{500};

    /// `script` is loaded (SCRIPT LOAD) on every new connection; script_sha() is its SHA1 once
    /// Redis has answered.
    async_connection(boost::asio::any_io_executor strand, const server_url& url, std::string_view script)
        : strand_(std::move(strand)), url_(url), script_(script), resolver_(strand_) {}
    async_connection(const async_connection&) = delete;
    async_connection& operator=(const async_connection&) = delete;
    ~async_connection() { close("the limiter was destroyed"); }

    /// Sends `argv` (on a new connection when there is none), or, while the backoff after a
    /// failure lasts, answers `sink` with no reply at once. `sink` is answered exactly once.
    void send(std::vector<std::string> argv, command_sink& sink) {
        if (!link_ && !resolving_) {
            if (clock::now() < retry_at_ || !open()) return sink.answered(nullptr, last_error_);
        }
        if (!link_) return waiting_.push_back({std::move(argv), &sink});  // resolving the host
        link_->send(argv, sink);
    }

    /// Ends the connection, its commands in flight (and those waiting for it) answered with no
    /// reply and `why`, and starts the backoff. Not from inside a sink's answer.
    void drop(const std::string& why) {
        if (!link_ && !resolving_) return;
        fail(why);
        answer_waiting(why);
        if (link_) link_->end(why);
    }

    /// Ends the connection for good, answering every command with no reply and `why`.
    void close(const std::string& why) {
        resolver_.cancel();
        answer_waiting(why);
        if (link_) link_->end(why);
    }

    /// A command was answered: the connection works, and a failure waits the shortest backoff.
    void healthy() noexcept { backoff_ = std::chrono::milliseconds(0); }

    const std::string& script_sha() const noexcept { return script_sha_; }
    std::string where() const { return "Redis at " + url_.redacted() + ": "; }

private:
    struct pending {
        std::vector<std::string> argv;
        command_sink* sink;
    };

    // One hiredis context and the sinks of its commands, first to be answered first.
    struct link {
        async_connection* owner;
        redisAsyncContext* ac;
        std::deque<command_sink*> in_flight{};
        std::string ended_because{};
        bool lost_commands = false;  // it ended with commands unanswered

        void send(const std::vector<std::string>& argv, command_sink& sink) {
            std::vector<const char*> args;
            std::vector<std::size_t> lengths;
            for (const std::string& a : argv) {
                args.push_back(a.data());
                lengths.push_back(a.size());
            }
            if (redisAsyncCommandArgv(ac, &link::reply, this, static_cast<int>(args.size()), args.data(),
                                      lengths.data()) != REDIS_OK)
                return sink.answered(nullptr, owner->where() + "the connection is closing");
            in_flight.push_back(&sink);
        }

        static void reply(redisAsyncContext* ac, void* r, void* data) noexcept {
            auto* self = static_cast<link*>(data);
            command_sink* sink = self->in_flight.front();
            self->in_flight.pop_front();
            std::string why;
            if (!r) {
                why = !self->ended_because.empty() ? self->ended_because : self->owner->where() + error_of(ac);
                self->lost_commands = true;
            }
            sink->answered(static_cast<const redisReply*>(r), why);
        }

        // hiredis frees the context now, or once the reply callback it is in returns; either way
        // this link is deleted by then, from the cleanup hook.
        void end(const std::string& why) {
            if (ended_because.empty()) ended_because = why;
            redisAsyncFree(ac);
        }
    };

    // AUTH, SELECT and SCRIPT LOAD: a refused AUTH or SELECT ends the connection, and the commands
    // behind it are answered with the refusal.
    struct setup_sink final : command_sink {
        async_connection* owner;
        bool loads_script;
        explicit setup_sink(async_connection* o, bool load) : owner(o), loads_script(load) {}

        void answered(const redisReply* r, const std::string&) override {
            if (!r || !owner->link_) return;
            if (loads_script) {
                if (r->type == REDIS_REPLY_STRING && r->len == 40) owner->script_sha_.assign(r->str, r->len);
            } else if (r->type == REDIS_REPLY_ERROR) {
                const std::string why = owner->where() + "refused the connection's setup: " + std::string(r->str, r->len);
                owner->fail(why);
                owner->link_->end(why);
            }
        }
    };

    static std::string error_of(const redisAsyncContext* ac) {
        return ac->err && ac->errstr && *ac->errstr ? std::string(ac->errstr) : std::string("the connection closed");
    }

    void fail(const std::string& why) {
        last_error_ = why;
        backoff_ = std::clamp<std::chrono::milliseconds>(backoff_ * 2, first_backoff, last_backoff);
        retry_at_ = clock::now() + backoff_;
    }

    bool open() {
        if (url_.is_unix()) return connect(redisAsyncConnectUnix(url_.socket_path.c_str()));
        boost::system::error_code ec;
        (void)boost::asio::ip::make_address(url_.host, ec);
        if (!ec) return connect(redisAsyncConnect(url_.host.c_str(), url_.port));
        // hiredis resolves a name with getaddrinfo, which blocks: Asio resolves it first.
        resolving_ = true;
        resolver_.async_resolve(url_.host, std::to_string(url_.port),
                                [weak = weak_from_this()](const boost::system::error_code& error, const auto& results) {
                                    if (const auto self = weak.lock()) self->resolved(error, results);
                                });
        return true;
    }

    void resolved(const boost::system::error_code& error, const boost::asio::ip::tcp::resolver::results_type& results) {
        resolving_ = false;
        if (error == boost::asio::error::operation_aborted) return;
        if (error || results.empty()) {
            fail(where() + "cannot resolve " + url_.host + ": " + error.message());
        } else if (connect(redisAsyncConnect(results.begin()->endpoint().address().to_string().c_str(), url_.port))) {
            auto waiting = std::move(waiting_);
            waiting_.clear();
            for (pending& p : waiting) send(std::move(p.argv), *p.sink);
            return;
        }
        answer_waiting(last_error_);
    }

    // The context's connect completes through its socket's write readiness; the setup goes first
    // in its output buffer, written once connected.
    bool connect(redisAsyncContext* ac) {
        if (!ac || ac->err) {
            fail(where() + (ac ? error_of(ac) : std::string("cannot allocate a connection")));
            if (ac) redisAsyncFree(ac);  // never connected: it has nothing to answer
            return false;
        }
        auto fresh = std::make_unique<link>(link{this, ac});
        link* raw = fresh.get();
        if (!asio_events::attach(ac, strand_, [this, raw]() noexcept { closed(raw); })) {
            fail(where() + "cannot watch the connection's socket");
            redisAsyncFree(ac);
            return false;
        }
        ac->data = raw;
        redisAsyncSetConnectCallback(ac, [](const redisAsyncContext*, int) {});  // arms the write wait
        link_ = std::move(fresh);
        if (!url_.password.empty()) {
            if (url_.user.empty()) link_->send({"AUTH", url_.password}, auth_sink_);
            else link_->send({"AUTH", url_.user, url_.password}, auth_sink_);
        }
        if (url_.db != 0) link_->send({"SELECT", std::to_string(url_.db)}, auth_sink_);
        link_->send({"SCRIPT", "LOAD", std::string(script_)}, load_sink_);
        return true;
    }

    // The cleanup hook: hiredis frees the context next, and the link goes now. A connection the
    // server closed while nothing was asked of it (its idle timeout, a restart) is made again at
    // the next command, with no backoff; one that failed a command waits for the backoff.
    void closed(link* l) noexcept {
        if (link_.get() != l) return;
        if (l->ended_because.empty() && l->lost_commands) fail(where() + error_of(l->ac));
        link_.reset();
    }

    void answer_waiting(const std::string& why) {
        auto waiting = std::move(waiting_);
        waiting_.clear();
        for (pending& p : waiting) p.sink->answered(nullptr, why);
    }

    boost::asio::any_io_executor strand_;
    server_url url_;
    std::string_view script_;
    boost::asio::ip::tcp::resolver resolver_;
    std::unique_ptr<link> link_;
    bool resolving_ = false;
    std::vector<pending> waiting_;
    setup_sink auth_sink_{this, false};
    setup_sink load_sink_{this, true};
    std::string script_sha_;
    std::string last_error_;
    clock::time_point retry_at_{};
    std::chrono::milliseconds backoff_{0};
};

}  // namespace livemsg::redis::detail
