// SPDX-License-Identifier: BSL-1.0
// Short-lived credentials (STS tokens, say) shared between threads and fetched again ahead of
// their expiry. A failed refresh while the old ones are still valid is not the caller's
// problem yet: the old ones are served, and the refresh is retried a little later.
#pragma once

#include <livemsg/core/credential_source.hpp>
#include <livemsg/detail/utc_time.hpp>

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace livemsg {

/// Credentials and the time they stop working.
template <class Credentials>
struct expiring {
    Credentials value;
    std::chrono::sys_seconds expires_at;
};

/// When refreshing_credentials fetches.
struct refresh_options {
    /// Fetch once this much or less is left: Alibaba's figure, aliyun/credentials-go,
    /// credentials/providers/ram_role_arn.go, needUpdateCredential(), `expirationTimestamp -
    /// time.Now().Unix() <= 180` (and its ECS, OIDC and URI providers). It covers
    /// volcengine-go-sdk's 60 s (volcengine/credentials/sts_provider.go, `DurationSeconds-60`).
    /// credentials-java's and credentials-python's session providers refresh 15 minutes ahead
    /// (RefreshCachedSupplier.STALE_TIME; `expiration - 15 * 60`): set that to match them.
    std::chrono::seconds refresh_ahead = std::chrono::seconds(180);
    /// After a failed fetch, wait this long before the next one.
    std::chrono::seconds retry_after = std::chrono::seconds(30);
    /// The time now; injectable for tests.
    std::function<std::chrono::sys_seconds()> now = [] {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    };
};

/// Credentials fetched by a callback on first use and again once `refresh_ahead` of their
/// lifetime is left. Safe to share between threads: one thread fetches at a time, and while
/// the old credentials are valid the others are served those rather than wait. A fetch that
/// throws is retried no sooner than `retry_after` later; until then the old credentials are
/// served while unexpired, and afterwards credential_error is thrown.
template <class Credentials>
class refreshing_credentials {
public:
    /// Returns fresh credentials, or throws to say it could not.
    using fetch_function = std::function<expiring<Credentials>()>;

    /// Fetches nothing yet. Throws std::invalid_argument for an empty `fetch` or a negative
    /// duration.
    explicit refreshing_credentials(fetch_function fetch, refresh_options options = {})
        : fetch_(std::move(fetch)), options_(std::move(options)) {
        if (!fetch_) throw std::invalid_argument("livemsg: refreshing_credentials needs a fetch function");
        if (!options_.now) throw std::invalid_argument("livemsg: refreshing_credentials needs a clock");
        if (options_.refresh_ahead < std::chrono::seconds(0) || options_.retry_after < std::chrono::seconds(0))
            throw std::invalid_argument("livemsg: refresh_ahead and retry_after must not be negative");
    }

    refreshing_credentials(const refreshing_credentials&) = delete;
    refreshing_credentials& operator=(const refreshing_credentials&) = delete;

    /// The current credentials with their expiry, fetched first when due. Throws
    /// credential_error when there are no unexpired credentials and fetching failed.
    std::shared_ptr<const expiring<Credentials>> current() const {
        const auto now = options_.now();
        state s = snapshot();
        if (s.current && now < s.current->expires_at - options_.refresh_ahead) return s.current;
        if (s.current && now < s.current->expires_at) {
            // Due, but still valid: whoever gets the refresh lock fetches, the others go on.
            if (now < s.next_attempt) return s.current;
            std::unique_lock refreshing(refresh_mutex_, std::try_to_lock);
            if (!refreshing) return s.current;
            if (auto fresh = refresh_if_due(now)) return fresh;
            return s.current;
        }
        // Expired or never fetched: nothing to serve, so wait for the fetch.
        std::unique_lock refreshing(refresh_mutex_);
        if (auto fresh = refresh_if_due(now); fresh && now < fresh->expires_at) return fresh;
        s = snapshot();
        if (s.current && now < s.current->expires_at) return s.current;
        throw credential_error(s.current ? "livemsg: credentials expired at " +
                                               detail::iso8601_utc(s.current->expires_at) +
                                               " and refreshing them failed: " + s.last_error
                                         : "livemsg: fetching credentials failed: " + s.last_error);
    }

    /// The current credentials (see current()).
    Credentials get() const { return current()->value; }

    /// Why the last fetch failed, when no fetch has succeeded since.
    std::optional<std::string> last_error() const {
        std::lock_guard lock(state_mutex_);
        if (last_error_.empty()) return std::nullopt;
        return last_error_;
    }

private:
    struct state {
        std::shared_ptr<const expiring<Credentials>> current;
        std::chrono::sys_seconds next_attempt;
        std::string last_error;
    };

    state snapshot() const {
        std::lock_guard lock(state_mutex_);
        return {current_, next_attempt_, last_error_};
    }

    /// With refresh_mutex_ held: fetches unless another thread just did (or just failed, and
    /// the retry is not due), and returns the credentials to serve, or nullptr after a failure.
    std::shared_ptr<const expiring<Credentials>> refresh_if_due(std::chrono::sys_seconds now) const {
        state s = snapshot();
        if (s.current && now < s.current->expires_at - options_.refresh_ahead) return s.current;
        // A failure waits out retry_after; so do credentials fetched with less than
        // refresh_ahead to live, until they expire.
        const bool expired = !s.current || now >= s.current->expires_at;
        if (now < s.next_attempt && !(expired && s.last_error.empty())) return nullptr;
        std::string error;
        try {
            auto fresh = std::make_shared<const expiring<Credentials>>(fetch_());
            if (now < fresh->expires_at) {
                std::lock_guard lock(state_mutex_);
                current_ = fresh;
                next_attempt_ = now + options_.retry_after;  // bounds fetching for short-lived ones
                last_error_.clear();
                return fresh;
            }
            error = "the fetched credentials expired at " + detail::iso8601_utc(fresh->expires_at);
        } catch (const std::exception& e) {
            error = e.what();
        } catch (...) {
            error = "the fetch threw an exception that is not a std::exception";
        }
        std::lock_guard lock(state_mutex_);
        next_attempt_ = now + options_.retry_after;
        last_error_ = std::move(error);
        return nullptr;
    }

    fetch_function fetch_;
    refresh_options options_;
    mutable std::mutex refresh_mutex_;  // held while fetching: one fetch at a time
    mutable std::mutex state_mutex_;    // held only to read or replace the members below
    mutable std::shared_ptr<const expiring<Credentials>> current_;
    mutable std::chrono::sys_seconds next_attempt_{};
    mutable std::string last_error_;
};

}  // namespace livemsg
