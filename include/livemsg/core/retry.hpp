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
#include <variant>

namespace livemsg {

/// An error that says whether sending again can help, and when the server wants it back:
/// every vendor's error (see vendor_error.hpp), and transport_error.
template <class E>
concept retry_advice = requires(const E& e) {
    { e.retryable() } -> std::same_as<bool>;
    { e.retry_after() } -> std::same_as<std::optional<std::chrono::milliseconds>>;
};

/// What a vendor answered: anything whose error() points to a retry_advice, null when there is
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
    std::optional<std::chrono::milliseconds> retry_after() const noexcept { return std::nullopt; }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const transport_error& e) {
        os << (e.at == stage::not_sent ? "transport error, not sent" : "transport error, maybe delivered");
        if (!e.what.empty()) os << ": " << e.what;
        return os;
    }
};

/// What one attempt of a send gave: the vendor's answer, or a transport_error when none came (a
/// refused connection, a timeout, a reset). An attempt of retry() returns one when its transport
/// can fail, so that a refused connection is retried like a throttled call; see transport_error
/// for which failures are.
template <attempt_answer Answer>
class [[nodiscard]] send_result {
public:
    send_result(Answer answer) : state_(std::in_place_index<0>, std::move(answer)) {}
    send_result(transport_error failure) : state_(std::in_place_index<1>, std::move(failure)) {}

    /// The vendor's answer; null when the transport failed.
    const Answer* answer() const noexcept { return std::get_if<0>(&state_); }
    /// How the transport failed; null when the vendor answered.
    const transport_error* transport_failure() const noexcept { return std::get_if<1>(&state_); }

private:
    std::variant<Answer, transport_error> state_;
};

namespace detail {
template <class A>
inline constexpr bool is_send_result = false;
template <class Answer>
inline constexpr bool is_send_result<send_result<Answer>> = true;
}  // namespace detail

/// What an attempt of retry() returns: the vendor's answer, or a send_result of it.
template <class A>
concept retry_answer = attempt_answer<A> || detail::is_send_result<A>;

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
/// says cannot help, and between two of them a backoff: after attempt n fails, its ceiling is
/// min(max_delay, base_delay * 2^(n-1)); with `jitter` (the default, "full jitter" as in AWS's
/// "Exponential Backoff and Jitter") the delay is drawn uniformly from [0, ceiling], without it
/// the delay is the ceiling itself (the vendors' SDKs wait fixed or doubling delays).
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
/// the request may have left, unless duplicates are harmless (see transport_error). Which errors
/// are retryable is the error's own retryable(), the same under every preset.
///
/// Duplicates: give each message an ID of its own and reuse it in every attempt, so receivers
/// can drop a second copy. Alibaba's SendLiveMessageGroup and SendLiveMessageUser have MsgTid
/// for it ("reuse it when retrying"); SendMessageToGroup has none, so carry one in Data. Tencent's
/// send_text_msg has no such field (the query's `random` identifies one HTTP call, not the
/// message, and must change on every attempt): carry an ID in ExtensionInfo. Volcengine's
/// P2PSendMessage has none either: carry it in Content.
///
/// A default retry_policy is recommended(), livemsg's own; alibaba(), tencent() and volcengine()
/// wait as each vendor's SDK does once its retries are turned on (none of them retries by default).
struct retry_policy {
    int max_attempts = 3;                                  ///< attempts in all, the first included
    std::chrono::milliseconds base_delay{100};             ///< the backoff ceiling after attempt 1
    std::chrono::milliseconds max_delay{120'000};          ///< the cap of the backoff ceiling
    std::chrono::milliseconds max_retry_after{120'000};    ///< a longer retry_after() ends retrying
    bool jitter = true;                                    ///< draw each delay from [0, ceiling]

    /// livemsg's own: three attempts, full jitter from 100 ms, capped at 120 s, and a server's
    /// retry-after of up to 120 s waited out. Jitter keeps the instances of a service from
    /// retrying in step after a shared throttling, which the SDKs' fixed delays do not.
    static constexpr retry_policy recommended() noexcept { return {}; }

    /// Alibaba Cloud's darabonba SDKs retry nothing unless RetryOptions turn it on
    /// (alibabacloud-go/tea dara/retry.go: ShouldRetry is false when !options.Retryable). Once on,
    /// a matching RetryCondition allows MAX_ATTEMPTS = 3 attempts, and GetBackoffDelay waits
    /// MIN_DELAY_TIME = 100 ms, fixed, when the condition names no backoff policy, or the error's
    /// retryAfter (x-acs-retry-after, in ms) capped at MAX_DELAY_TIME = 120 s. livemsg ends the
    /// retries instead of cutting a longer retry-after short: a retry before it would be throttled.
    static constexpr retry_policy alibaba() noexcept {
        return {3, std::chrono::milliseconds(100), std::chrono::milliseconds(100),
                std::chrono::milliseconds(120'000), false};
    }

    /// Tencent Cloud's SDKs retry only when asked (RateLimitExceededMaxRetries and
    /// NetworkFailureMaxRetries are 0 by default), then after profile.ExponentialBackoff:
    /// 2^n seconds, n counted from 0, no jitter (TencentCloud/tencentcloud-sdk-go
    /// tencentcloud/common/profile/client_profile.go). That SDK serves Tencent Cloud API 3.0, not
    /// Chat's REST API, which has no official server SDK that retries; it is the vendor's nearest
    /// word. The three attempts and the 32 s cap are livemsg's choice, the SDK having neither.
    static constexpr retry_policy tencent() noexcept {
        return {3, std::chrono::milliseconds(1'000), std::chrono::milliseconds(32'000),
                std::chrono::milliseconds(120'000), false};
    }

    /// volc-sdk-golang, the Volcengine SDK that carries RTC, makes one attempt unless AutoRetry is
    /// set; then defaultRetryTimes = 2 retries, defaultRetryInterval = 1 s apart, constant
    /// (volcengine/volc-sdk-golang base/utils.go, getRetrySetting; base/client.go, requestThumb's
    /// backoff.NewConstantBackOff). It retries every transport error and 5xx only (makeRequest);
    /// livemsg retries what retryable() says: throttling (429) too, and a transport failure after
    /// sending only when duplicates are harmless.
    static constexpr retry_policy volcengine() noexcept {
        return {3, std::chrono::milliseconds(1'000), std::chrono::milliseconds(1'000),
                std::chrono::milliseconds(120'000), false};
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

    /// A backoff after attempt `attempt` failed: with jitter, uniform in [0, backoff_ceiling(attempt)],
    /// drawn from `random` (any uniform random bit generator, so that tests can fix it); without,
    /// the ceiling.
    template <std::uniform_random_bit_generator Random>
    std::chrono::milliseconds backoff(int attempt, Random& random) const {
        if (!jitter) return backoff_ceiling(attempt);
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
        if (const std::optional<std::chrono::milliseconds> server = e.retry_after()) {
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

    /// The same, for a send: the transport's failure when there was one, else the vendor's answer.
    template <class Answer, std::uniform_random_bit_generator Random>
    std::optional<std::chrono::milliseconds> next_delay(int attempt, const send_result<Answer>& sent,
                                                        Random& random) const {
        if (const transport_error* failure = sent.transport_failure()) return next_delay(attempt, *failure, random);
        return next_delay(attempt, *sent.answer(), random);
    }

    /// next_delay with this thread's engine, seeded from std::random_device.
    template <class ErrorOrAnswer>
        requires retry_advice<ErrorOrAnswer> || retry_answer<ErrorOrAnswer>
    std::optional<std::chrono::milliseconds> next_delay(int attempt, const ErrorOrAnswer& failed) const {
        return next_delay(attempt, failed, detail::retry_engine());
    }
};

/// Calls `attempt(1)`, `attempt(2)`, ... until one needs no retry or policy.max_attempts is
/// reached, calling `sleep(delay)` between two attempts (never after the last), and returns the
/// last answer. At least one attempt is made.
///
/// `attempt(n)` must render, SIGN and send the request, each time anew, and return what came
/// back: an outcome<R, E> from the vendor's parse_response (or anything attempt_answer accepts),
/// or a send_result of it, which also carries a transport_error when no answer came.
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
    requires retry_answer<std::invoke_result_t<Attempt&, int>> &&
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
    requires retry_answer<std::invoke_result_t<Attempt&, int>> &&
             std::invocable<Sleep&, std::chrono::milliseconds>
std::invoke_result_t<Attempt&, int> retry(const retry_policy& policy, Attempt attempt, Sleep sleep) {
    return livemsg::retry(policy, std::move(attempt), std::move(sleep), detail::retry_engine());
}

}  // namespace livemsg
