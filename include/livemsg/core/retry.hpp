// SPDX-License-Identifier: BSL-1.0
// retry_policy: when to send a failed call again, and after how long. livemsg never sends, so
// the policy only decides; retry() runs the loop with the caller's own send and sleep.
#pragma once

#include <livemsg/detail/ostream.hpp>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <type_traits>
#include <utility>

namespace livemsg {

/// An error that says whether sending again can help, and when the server wants it back:
/// every vendor's error (see vendor_error.hpp), and transport_error.
template <class E>
concept retry_advice = requires(const E& e) {
    { e.retryable() } -> std::same_as<bool>;
    { e.retry_after() } -> std::same_as<std::optional<std::chrono::seconds>>;
};

/// What one attempt gave: anything whose error() points to a retry_advice, null when there is
/// none, such as livemsg::outcome. A result, or a body that could not be read, is no error.
template <class A>
concept attempt_answer = requires(const A& a) {
    { a.error() == nullptr } -> std::convertible_to<bool>;
    requires retry_advice<std::remove_cvref_t<decltype(*a.error())>>;
};

/// A send that got no HTTP answer. Sends are not idempotent: once the request may have left,
/// a timeout says nothing about whether the vendor accepted the message, and sending it again
/// may deliver it twice. So only a failure before sending (`not_sent`: DNS, connect, TLS
/// handshake) is retryable by itself; one after (`maybe_delivered`: a timeout or a reset while
/// waiting for the answer) is retryable only when the caller says duplicates are harmless,
/// because the receivers drop them by an ID the message carries (see retry_policy).
struct transport_error {
    enum class stage {
        not_sent,         // the request never left: safe to send again
        maybe_delivered,  // the request may have reached the vendor
    };
    stage at = stage::maybe_delivered;
    std::string what{};                // the transport's own description
    bool duplicates_harmless = false;  // the message carries an ID its receivers deduplicate on

    bool retryable() const noexcept { return at == stage::not_sent || duplicates_harmless; }
    /// A transport failure carries no server's word on when to come back.
    std::optional<std::chrono::seconds> retry_after() const noexcept { return std::nullopt; }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const transport_error& e) {
        os << (e.at == stage::not_sent ? "transport error, not sent" : "transport error, maybe delivered");
        if (!e.what.empty()) os << ": " << e.what;
        return os;
    }
};

namespace detail {

// One engine per thread, so that concurrent retries share no state and need no lock. Seeded
// from std::random_device: jitter spreads clients apart, so no two processes should draw alike.
inline std::mt19937_64& retry_engine() {
    thread_local std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    return engine;
}

}  // namespace detail

/// When to send a failed call again: at most `max_attempts` attempts in all, never one the error
/// says cannot help, and between two of them a "full jitter" exponential backoff (as in AWS's
/// "Exponential Backoff and Jitter"): after attempt n fails, a delay drawn uniformly from
/// [0, min(max_delay, base_delay * 2^(n-1))].
///
/// A server's retry_after() (Alibaba's x-acs-retry-after) is a floor: the delay is never less
/// than it, even above max_delay, since an earlier retry would only be throttled again. The cap
/// bounds the backoff livemsg chooses, not the server's word. A server asking for more than
/// `max_retry_after` ends the retries instead: the caller gets the error, with its retry_after(),
/// to reschedule the work rather than hold it.
///
/// What is never retried: an error whose retryable() is false (a bad parameter, signature or
/// credential stays bad; Alibaba's SignatureNonceUsed means the first attempt may have landed),
/// a body that could not be read (a 2xx answer: the vendor accepted the call), a validation
/// failure before sending (the same request fails the same way), and a transport failure after
/// the request may have left, unless duplicates are harmless (see transport_error).
///
/// Duplicates: give each message an ID of its own and reuse it in every attempt, so receivers
/// can drop a second copy. Alibaba's SendLiveMessageGroup and SendLiveMessageUser have MsgTid
/// for it ("reuse it when retrying"); SendMessageToGroup has none, so carry one in Data. Tencent's
/// send_text_msg has no such field (the query's `random` identifies one HTTP call, not the
/// message, and must change on every attempt): carry an ID in ExtensionInfo. Volcengine's
/// P2PSendMessage has none either: carry it in Content.
///
/// A default retry_policy is alibaba(); tencent() and volcengine() follow their SDKs.
struct retry_policy {
    int max_attempts = 3;                                  ///< attempts in all, the first included
    std::chrono::milliseconds base_delay{100};             ///< the backoff ceiling after attempt 1
    std::chrono::milliseconds max_delay{120'000};          ///< the cap of the backoff ceiling
    std::chrono::milliseconds max_retry_after{120'000};    ///< a longer retry_after() ends retrying

    /// Alibaba Cloud's SDKs. Three attempts: the `maxAttempts` default of RuntimeOptions in
    /// alibabacloud-go/darabonba-openapi client/client.go (`util.DefaultNumber(runtime.MaxAttempts,
    /// tea.Int(3))`, retried only when `autoretry` is set). 100 ms and 120 s: MIN_DELAY_TIME and
    /// MAX_DELAY_TIME of Darabonba's retry policy, aliyun/tea-python darabonba/policy/retry.py,
    /// which also caps a retry-after at 120 s (livemsg stops rather than wait less).
    static constexpr retry_policy alibaba() noexcept {
        return {3, std::chrono::milliseconds(100), std::chrono::milliseconds(120'000),
                std::chrono::milliseconds(120'000)};
    }

    /// Tencent Cloud's SDKs retry only when asked (RateLimitExceededMaxRetries and
    /// NetworkFailureMaxRetries are 0 by default), then after profile.ExponentialBackoff:
    /// 2^n seconds, n counted from 0 (TencentCloud/tencentcloud-sdk-go
    /// tencentcloud/common/profile/client_profile.go). So: a 1 s base; the three attempts and
    /// the 32 s cap are livemsg's choice, the SDK having neither.
    static constexpr retry_policy tencent() noexcept {
        return {3, std::chrono::milliseconds(1'000), std::chrono::milliseconds(32'000),
                std::chrono::milliseconds(120'000)};
    }

    /// Volcengine's SDK: DefaultRetryerMaxNumRetries = 3 retries (4 attempts),
    /// DefaultRetryerMinRetryDelay = 30 ms, DefaultRetryerMaxRetryDelay = 300 s
    /// (volcengine/volcengine-go-sdk volcengine/client/default_retryer.go).
    static constexpr retry_policy volcengine() noexcept {
        return {4, std::chrono::milliseconds(30), std::chrono::milliseconds(300'000),
                std::chrono::milliseconds(300'000)};
    }

    /// The upper bound of the backoff after attempt `attempt` (1-based) failed:
    /// min(max_delay, base_delay * 2^(attempt-1)), without overflow for any attempt.
    constexpr std::chrono::milliseconds backoff_ceiling(int attempt) const noexcept {
        const std::int64_t cap = max_delay.count() > 0 ? max_delay.count() : 0;
        std::int64_t ceiling = base_delay.count() > 0 ? base_delay.count() : 0;
        if (ceiling >= cap) return std::chrono::milliseconds(cap);
        if (ceiling == 0) return std::chrono::milliseconds(0);  // doubling nothing stays nothing
        for (int n = 1; n < attempt; ++n) {
            if (ceiling > cap / 2) return std::chrono::milliseconds(cap);
            ceiling *= 2;
        }
        return std::chrono::milliseconds(ceiling);
    }

    /// A backoff after attempt `attempt` failed: uniform in [0, backoff_ceiling(attempt)], drawn
    /// from `random` (any uniform random bit generator, so that tests can fix it).
    template <std::uniform_random_bit_generator Random>
    std::chrono::milliseconds backoff(int attempt, Random& random) const {
        std::uniform_int_distribution<std::int64_t> draw(0, backoff_ceiling(attempt).count());
        return std::chrono::milliseconds(draw(random));
    }

    /// How long to wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed
    /// with `e`; nullopt to stop: the attempts are spent, `e` is not retryable, or the server
    /// wants more than max_retry_after.
    template <retry_advice E, std::uniform_random_bit_generator Random>
    std::optional<std::chrono::milliseconds> next_delay(int attempt, const E& e, Random& random) const {
        if (attempt >= max_attempts || !e.retryable()) return std::nullopt;
        std::chrono::milliseconds delay = backoff(attempt, random);
        if (const std::optional<std::chrono::seconds> server = e.retry_after()) {
            if (*server > max_retry_after) return std::nullopt;
            if (delay < *server) delay = *server;
        }
        return delay;
    }

    /// The same, for a whole answer: nullopt when it holds no error (a result, or a body that
    /// could not be read, which the vendor answered with a success status).
    template <attempt_answer A, std::uniform_random_bit_generator Random>
    std::optional<std::chrono::milliseconds> next_delay(int attempt, const A& answer, Random& random) const {
        const auto* e = answer.error();
        if (e == nullptr) return std::nullopt;
        return next_delay(attempt, *e, random);
    }

    /// next_delay with this thread's engine, seeded from std::random_device.
    template <class ErrorOrAnswer>
        requires retry_advice<ErrorOrAnswer> || attempt_answer<ErrorOrAnswer>
    std::optional<std::chrono::milliseconds> next_delay(int attempt, const ErrorOrAnswer& failed) const {
        return next_delay(attempt, failed, detail::retry_engine());
    }
};

/// Calls `attempt(1)`, `attempt(2)`, ... until one needs no retry or policy.max_attempts is
/// reached, calling `sleep(delay)` between two attempts (never after the last), and returns the
/// last answer. At least one attempt is made.
///
/// `attempt(n)` must render, SIGN and send the request, each time anew, and return what came
/// back (an outcome<R, E> from the vendor's parse_response, or anything attempt_answer accepts).
/// When rendering or signing fails, return its validation_errors as the outcome: that ends the
/// loop, as the same request would fail the same way.
/// A signed request is never sent twice: Alibaba rejects a SignatureNonce it has seen
/// (SignatureNonceUsed) and a Timestamp over 15 minutes old (InvalidTimeStamp.Expired);
/// Volcengine's X-Date must fall within the gateway's window (InvalidTimestamp); Tencent's
/// `random` should change with every call. Signing inside the attempt gives each try a fresh
/// nonce and time. Keep the message's own ID (MsgTid, or one in the payload) the same in every
/// attempt, so that receivers can drop a duplicate.
///
/// `sleep(std::chrono::milliseconds)` is the caller's: std::this_thread::sleep_for, or a
/// blocking wait on the caller's timer. A caller that cannot block (an asio coroutine, say)
/// drives its own loop with next_delay.
template <class Attempt, class Sleep, std::uniform_random_bit_generator Random>
    requires attempt_answer<std::invoke_result_t<Attempt&, int>> &&
             std::invocable<Sleep&, std::chrono::milliseconds>
std::invoke_result_t<Attempt&, int> retry(const retry_policy& policy, Attempt attempt, Sleep sleep,
                                           Random& random) {
    for (int n = 1;; ++n) {
        std::invoke_result_t<Attempt&, int> answer = std::invoke(attempt, n);
        const std::optional<std::chrono::milliseconds> delay = policy.next_delay(n, answer, random);
        if (!delay) return answer;
        std::invoke(sleep, *delay);
    }
}

/// retry() with this thread's engine, seeded from std::random_device.
template <class Attempt, class Sleep>
    requires attempt_answer<std::invoke_result_t<Attempt&, int>> &&
             std::invocable<Sleep&, std::chrono::milliseconds>
std::invoke_result_t<Attempt&, int> retry(const retry_policy& policy, Attempt attempt, Sleep sleep) {
    return livemsg::retry(policy, std::move(attempt), std::move(sleep), detail::retry_engine());
}

}  // namespace livemsg
