// SPDX-License-Identifier: BSL-1.0
// Detail of async_rate_limiter: a hiredis redisAsyncContext driven by an Asio executor. hiredis
// asks for read and write readiness through its ev hooks; each wanted readiness is one async_wait
// on a stream_descriptor over the context's socket, whose handler calls redisAsyncHandleRead or
// redisAsyncHandleWrite and waits again while hiredis still wants it.
//
// hiredis owns the socket: it closes it when it frees the context, after calling the cleanup hook,
// so the descriptor is released there, never closed. hiredis may free the context inside any call
// into it, so each handler holds the shared state and looks, after the call, whether the context
// is still there. Every handler runs on the given executor, which must be a strand (or a
// single-threaded context) that every other use of the context also runs on.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <hiredis/async.h>

#include <pthread.h>
#include <signal.h>
#include <time.h>

#include <functional>
#include <memory>
#include <utility>

namespace livemsg::redis::detail {

/// hiredis writes with write(2), which raises SIGPIPE on a connection the server has closed, and
/// SIGPIPE's default ends the process. The signal is blocked around the write and one it raised
/// is taken back before it is unblocked, as libpq does, so that the process's handling of SIGPIPE
/// is left as it is.
class sigpipe_guard {
public:
    sigpipe_guard() noexcept {
        sigemptyset(&pipe_);
        sigaddset(&pipe_, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        was_pending_ = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
    }
    ~sigpipe_guard() {
        if (!was_pending_) {
            sigset_t pending;
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                const timespec none{};
                sigtimedwait(&pipe_, nullptr, &none);
            }
        }
        pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    }
    sigpipe_guard(const sigpipe_guard&) = delete;
    sigpipe_guard& operator=(const sigpipe_guard&) = delete;

private:
    sigset_t pipe_{};
    sigset_t old_{};
    bool was_pending_ = false;
};

/// The readiness waits of one redisAsyncContext.
class asio_events : public std::enable_shared_from_this<asio_events> {
public:
    /// Sets `ac`'s hooks so that its readiness is waited for on `executor`; `on_cleanup` is called
    /// when hiredis cleans up, just before it frees the context. Call it before anything else that
    /// makes hiredis ask for readiness (redisAsyncSetConnectCallback, a command). False, and
    /// nothing attached, when the context has hooks already or its socket cannot be registered.
    static bool attach(redisAsyncContext* ac, const boost::asio::any_io_executor& executor,
                       std::function<void()> on_cleanup = {}) {
        if (!ac || ac->ev.data || ac->c.fd < 0) return false;
        auto events = std::shared_ptr<asio_events>(new asio_events(ac, executor, std::move(on_cleanup)));
        boost::system::error_code ec;
        events->fd_.assign(ac->c.fd, ec);
        if (ec) return false;
        ac->ev.data = new std::shared_ptr<asio_events>(std::move(events));
        ac->ev.addRead = [](void* data) { self(data).want(read, true); };
        ac->ev.delRead = [](void* data) { self(data).want(read, false); };
        ac->ev.addWrite = [](void* data) { self(data).want(write, true); };
        ac->ev.delWrite = [](void* data) { self(data).want(write, false); };
        ac->ev.cleanup = [](void* data) {
            auto* holder = static_cast<std::shared_ptr<asio_events>*>(data);
            const std::shared_ptr<asio_events> events = std::move(*holder);
            delete holder;
            events->detach();
        };
        return true;
    }

    asio_events(const asio_events&) = delete;
    asio_events& operator=(const asio_events&) = delete;

private:
    enum direction { read = 0, write = 1 };

    asio_events(redisAsyncContext* ac, const boost::asio::any_io_executor& executor, std::function<void()> on_cleanup)
        : ac_(ac), fd_(executor), on_cleanup_(std::move(on_cleanup)) {}

    static asio_events& self(void* data) { return **static_cast<std::shared_ptr<asio_events>*>(data); }

    // hiredis calls add* again and again (after every read, for one): idempotent.
    void want(direction d, bool wanted) {
        wanted_[d] = wanted;
        if (wanted && !waiting_[d]) arm(d);
    }

    // A wait with none pending re-registers the socket (EPOLL_CTL_MOD), which reports a readiness
    // that is already there: nothing read or written in between is missed.
    void arm(direction d) {
        waiting_[d] = true;
        using wait_type = boost::asio::posix::stream_descriptor::wait_type;
        fd_.async_wait(d == read ? wait_type::wait_read : wait_type::wait_write,
                       [self = shared_from_this(), d](const boost::system::error_code&) { self->ready(d); });
    }

    // An error on the socket is hiredis's to find, by reading or writing; a cancelled wait finds
    // the context gone (release() cancels only from detach()).
    void ready(direction d) {
        waiting_[d] = false;
        if (!ac_ || !wanted_[d]) return;
        if (d == read) {
            redisAsyncHandleRead(ac_);
        } else {
            sigpipe_guard guard;
            redisAsyncHandleWrite(ac_);
        }
        if (ac_ && wanted_[d] && !waiting_[d]) arm(d);  // hiredis may have freed it, or asked again
    }

    void detach() {
        ac_ = nullptr;
        wanted_[read] = wanted_[write] = false;
        fd_.release();  // cancels the waits; hiredis closes the socket itself
        if (auto notify = std::move(on_cleanup_)) notify();
    }

    redisAsyncContext* ac_;
    boost::asio::posix::stream_descriptor fd_;
    std::function<void()> on_cleanup_;
    bool wanted_[2] = {false, false};
    bool waiting_[2] = {false, false};
};

}  // namespace livemsg::redis::detail
