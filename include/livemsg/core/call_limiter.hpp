// SPDX-License-Identifier: BSL-1.0
// Pacing calls to a vendor's documented rate: what a limiter is asked (a key and a rate), what it
// answers (a reservation), the counters it keeps, and the blocking helper that waits for a slot.
//
// The vendors count calls per account and operation across every caller of the account, so a
// limiter is keyed by both. Backends: local_rate_limiter (this process, core/local_rate_limiter.hpp)
// and redis::rate_limiter (every instance of a service, livemsg/redis/rate_limiter.hpp).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace livemsg {

/// A documented call rate: at most `per_second` calls in any one second. Zero means the vendor
/// documents none, and a limiter admits every call.
struct call_rate {
    unsigned per_second = 0;

    constexpr bool limited() const noexcept { return per_second != 0; }

    /// The time between two admissions at `headroom` (0 < headroom <= 1) of the rate: admissions
    /// at least this far apart never put more than per_second into one second. Rounded up.
    constexpr std::chrono::nanoseconds interval(double headroom) const noexcept {
        if (!limited()) return std::chrono::nanoseconds(0);
        const double calls = static_cast<double>(per_second) * headroom;
        if (!(calls >= 1e-9)) return std::chrono::nanoseconds(1'000'000'000'000'000);  // about 11 days
        const double ns = 1e9 / calls;
        const auto whole = static_cast<std::int64_t>(ns);
        return std::chrono::nanoseconds(whole + (static_cast<double>(whole) < ns ? 1 : 0));
    }

    friend constexpr bool operator==(call_rate, call_rate) = default;
};

/// The share of a documented rate a limiter admits by default. Between a decision and the call's
/// arrival at the vendor lie a send and a network; a tenth left free absorbs that jitter.
inline constexpr double default_headroom = 0.9;

/// The operation's documented rate (its `api.qps_limit`): the preset a limiter is given.
template <class Op>
constexpr call_rate documented_rate() noexcept {
    return call_rate{Op::api.qps_limit};
}

/// The operation's name as the vendor counts it: its Action, or for Tencent its command.
template <class Op>
constexpr std::string_view operation_name() noexcept {
    if constexpr (requires { Op::api.action; })
        return Op::api.action;
    else
        return Op::api.command;
}

/// What a vendor counts calls by: the account (an AccessKeyId, an SDKAppID, or a name the
/// caller chooses for several keys of one account) and the operation.
struct limit_key {
    std::string_view account;
    std::string_view operation;
};

/// The key of an operation's calls for `account`.
template <class Op>
constexpr limit_key limit_key_for(std::string_view account) noexcept {
    return {account, operation_name<Op>()};
}

/// A limiter's answer. `admitted`: the call has a slot, `wait` from now (zero: at once); the
/// slot is held, so the caller sleeps `wait` and sends. `not_yet`: no slot within the wait the
/// caller accepted; the next one is `wait` away, and nothing is held. `unavailable`: the shared
/// store could not answer and the limiter fails closed; `reason` says why, and nothing may be sent.
struct reservation {
    enum class status { admitted, not_yet, unavailable };

    status state = status::admitted;
    std::chrono::nanoseconds wait{0};
    /// Admitted by the in-process fallback because the shared store failed (`reason` says how).
    bool by_fallback = false;
    std::string reason{};

    bool admitted() const noexcept { return state == status::admitted; }
    explicit operator bool() const noexcept { return admitted(); }

    static reservation admit(std::chrono::nanoseconds wait = {}) { return {status::admitted, wait, false, {}}; }
    static reservation later(std::chrono::nanoseconds wait) { return {status::not_yet, wait, false, {}}; }
    static reservation unavailable(std::string reason) { return {status::unavailable, {}, false, std::move(reason)}; }
};

inline std::string_view to_string(reservation::status s) noexcept {
    switch (s) {
        case reservation::status::admitted: return "admitted";
        case reservation::status::not_yet: return "not_yet";
        case reservation::status::unavailable: return "limiter_unavailable";
    }
    return "unknown";
}

/// What a limiter has decided, as Envoy's rate-limit filter counts it (ok, over_limit, error,
/// failure_mode_allowed), plus the waits handed out. Monotonic; safe to read from any thread.
struct limiter_counters {
    std::atomic<std::uint64_t> ok{0};                    // admitted by the limiter itself
    std::atomic<std::uint64_t> over_limit{0};            // not_yet
    std::atomic<std::uint64_t> error{0};                 // the shared store failed to answer
    std::atomic<std::uint64_t> failure_mode_allowed{0};  // admitted by the fallback after an error
    std::atomic<std::uint64_t> wait_ns{0};               // the sum of the waits of admitted calls

    struct snapshot {
        std::uint64_t ok, over_limit, error, failure_mode_allowed;
        std::chrono::nanoseconds wait;
    };
    snapshot read() const noexcept {
        return {ok.load(std::memory_order_relaxed), over_limit.load(std::memory_order_relaxed),
                error.load(std::memory_order_relaxed), failure_mode_allowed.load(std::memory_order_relaxed),
                std::chrono::nanoseconds(static_cast<std::int64_t>(wait_ns.load(std::memory_order_relaxed)))};
    }

    /// Counts one decision (an error before a fallback's admission is counted by the caller).
    void count(const reservation& r) noexcept {
        switch (r.state) {
            case reservation::status::admitted:
                (r.by_fallback ? failure_mode_allowed : ok).fetch_add(1, std::memory_order_relaxed);
                wait_ns.fetch_add(static_cast<std::uint64_t>(r.wait.count()), std::memory_order_relaxed);
                break;
            case reservation::status::not_yet: over_limit.fetch_add(1, std::memory_order_relaxed); break;
            case reservation::status::unavailable: error.fetch_add(1, std::memory_order_relaxed); break;
        }
    }
};

/// A limiter: reserve() decides at once, holding a slot at most `max_wait` away. Zero max_wait
/// asks "now or not"; a rate that is not limited() is always admitted at once.
template <class L>
concept call_limiter = requires(L& l, const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait) {
    { l.reserve(key, rate, max_wait) } -> std::same_as<reservation>;
};

/// Waits for a slot until `deadline`: reserves one no later than the deadline and sleeps until
/// it comes, with the caller's `sleep` (as retry() does: std::this_thread::sleep_for, or a
/// test's clock). The answer is the reservation; when it is not admitted(), nothing was slept.
template <call_limiter L, class Clock, class Duration, std::invocable<std::chrono::nanoseconds> Sleep>
reservation acquire(L& limiter, const limit_key& key, call_rate rate, std::chrono::time_point<Clock, Duration> deadline,
                    Sleep&& sleep) {
    const auto left = std::chrono::duration_cast<std::chrono::nanoseconds>(deadline - Clock::now());
    reservation r = limiter.reserve(key, rate, std::max(left, std::chrono::nanoseconds(0)));
    if (r.admitted() && r.wait > std::chrono::nanoseconds(0)) sleep(r.wait);
    return r;
}

}  // namespace livemsg
