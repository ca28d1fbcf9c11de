// SPDX-License-Identifier: BSL-1.0
// retry_policy and retry(): full-jitter backoff, the server's retry-after, what is never retried,
// and the driver's loop, with the vendors' own errors read from their error bodies.
#include <livemsg/core/retry.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace retry_policy_test {

using namespace std::chrono_literals;
using livemsg::retry_policy;
using ms = std::chrono::milliseconds;

namespace {

// A fixed seed: every run draws the same delays.
std::mt19937_64 fixed_engine() { return std::mt19937_64(20240601); }

// An error that says what the test wants it to say.
struct scripted_error {
    bool can_retry = true;
    std::optional<std::chrono::milliseconds> after{};
    bool retryable() const noexcept { return can_retry; }
    std::optional<std::chrono::milliseconds> retry_after() const noexcept { return after; }
};
static_assert(livemsg::retry_advice<scripted_error>);
static_assert(livemsg::retry_advice<livemsg::alibaba::error>);
static_assert(livemsg::retry_advice<livemsg::tencent::error>);
static_assert(livemsg::retry_advice<livemsg::volcengine::error>);
static_assert(livemsg::retry_advice<livemsg::transport_error>);
static_assert(livemsg::attempt_answer<livemsg::outcome<int, scripted_error>>);
static_assert(livemsg::attempt_answer<livemsg::alibaba::result<livemsg::alibaba::SendLiveMessageUser>>);
static_assert(!livemsg::attempt_answer<int>);
static_assert(livemsg::retry_answer<livemsg::send_result<livemsg::outcome<int, scripted_error>>>);
static_assert(!livemsg::attempt_answer<livemsg::send_result<livemsg::outcome<int, scripted_error>>>);
static_assert(!livemsg::retry_answer<livemsg::transport_error>);

using scripted_outcome = livemsg::outcome<int, scripted_error>;

const std::string alibaba_throttled =
    R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"A1"})";
const std::string alibaba_nonce_used =
    R"({"Code":"SignatureNonceUsed","Message":"Specified signature nonce was used already.","RequestId":"A2"})";
const std::string alibaba_expired =
    R"({"Code":"InvalidTimeStamp.Expired","Message":"Specified time stamp or date value is expired.","RequestId":"A3"})";
const std::string alibaba_server_error =
    R"({"Code":"InternalError","HostId":"live.aliyuncs.com","Message":"The request processing has failed due to some unknown error.","RequestId":"A4"})";

std::string tencent_error(std::int64_t code, std::string_view info) {
    return R"({"ActionStatus":"FAIL","ErrorCode":)" + std::to_string(code) + R"(,"ErrorInfo":")" + std::string(info) +
           R"(","RequestId":"Id-err"})";
}

std::string volcengine_error(std::string_view code, std::int64_t code_n) {
    return R"({"ResponseMetadata":{"RequestId":"V1","Action":"P2PSendMessage","Version":"2020-12-01",)"
           R"("Service":"rtc","Region":"cn-north-1","Error":{"CodeN":)" +
           std::to_string(code_n) + R"(,"Code":")" + std::string(code) + R"(","Message":"m"}}})";
}

}  // namespace

TEST_CASE("the backoff ceiling doubles from the base up to the cap, without overflow", "[retry]") {
    const retry_policy p{10, 100ms, 1000ms, 120s};
    CHECK(p.backoff_ceiling(1) == 100ms);
    CHECK(p.backoff_ceiling(2) == 200ms);
    CHECK(p.backoff_ceiling(3) == 400ms);
    CHECK(p.backoff_ceiling(4) == 800ms);
    CHECK(p.backoff_ceiling(5) == 1000ms);
    CHECK(p.backoff_ceiling(64) == 1000ms);
    CHECK(p.backoff_ceiling(1'000'000) == 1000ms);

    const retry_policy huge{10, 1ms, ms::max(), 120s};
    CHECK(huge.backoff_ceiling(11) == 1024ms);
    CHECK(huge.backoff_ceiling(200) <= ms::max());
    CHECK(huge.backoff_ceiling(200) > ms::max() / 2);

    CHECK(retry_policy{3, 0ms, 1000ms, 120s}.backoff_ceiling(1'000'000'000) == 0ms);
    CHECK(retry_policy{3, 5000ms, 1000ms, 120s}.backoff_ceiling(1) == 1000ms);  // a base above the cap
}

TEST_CASE("full jitter draws spread over [0, ceiling] and never leave it", "[retry]") {
    const retry_policy p{10, 100ms, 1000ms, 120s};
    auto random = fixed_engine();
    for (int attempt = 1; attempt <= 6; ++attempt) {
        INFO("attempt " << attempt);
        const ms ceiling = p.backoff_ceiling(attempt);
        std::set<std::int64_t> seen;
        ms lowest = ms::max(), highest = ms::min();
        for (int i = 0; i < 2000; ++i) {
            const ms d = p.backoff(attempt, random);
            REQUIRE(d >= 0ms);
            REQUIRE(d <= ceiling);
            seen.insert(d.count());
            lowest = std::min(lowest, d);
            highest = std::max(highest, d);
        }
        CHECK(seen.size() > 50);           // not all equal
        CHECK(lowest < ceiling / 10);      // the whole range is used, from near zero...
        CHECK(highest > ceiling * 9 / 10); // ...to near the ceiling
    }
}

TEST_CASE("next_delay: within the backoff, none after max attempts, none for what cannot succeed", "[retry]") {
    const retry_policy p{3, 100ms, 1000ms, 120s};
    auto random = fixed_engine();
    const scripted_error transient{};
    for (int i = 0; i < 200; ++i) {
        const auto first = p.next_delay(1, transient, random);
        REQUIRE(first.has_value());
        CHECK(*first <= 100ms);
        const auto second = p.next_delay(2, transient, random);
        REQUIRE(second.has_value());
        CHECK(*second <= 200ms);
    }
    CHECK_FALSE(p.next_delay(3, transient, random).has_value());  // the third attempt was the last
    CHECK_FALSE(p.next_delay(4, transient, random).has_value());
    CHECK_FALSE(p.next_delay(1, scripted_error{.can_retry = false}, random).has_value());

    // Whole answers: a result and an unreadable body end the retries; an error is asked.
    CHECK_FALSE(p.next_delay(1, scripted_outcome(7), random).has_value());
    CHECK_FALSE(p.next_delay(1, scripted_outcome(livemsg::validation_errors("body")), random).has_value());
    CHECK(p.next_delay(1, scripted_outcome(transient), random).has_value());
    CHECK_FALSE(p.next_delay(1, scripted_outcome(scripted_error{.can_retry = false}), random).has_value());

    // The thread's own engine draws within the same bounds.
    for (int i = 0; i < 100; ++i) {
        const auto d = p.next_delay(2, transient);
        REQUIRE(d.has_value());
        CHECK(*d <= 200ms);
    }
}

TEST_CASE("retry_after is a floor, above the cap too; beyond max_retry_after retrying stops", "[retry]") {
    const retry_policy p{5, 100ms, 500ms, 10s};
    auto random = fixed_engine();
    for (int attempt = 1; attempt <= 4; ++attempt) {
        const auto d = p.next_delay(attempt, scripted_error{.after = 2s}, random);
        REQUIRE(d.has_value());
        CHECK(*d == 2s);  // every backoff draw (<= 500 ms) is below it
    }
    // A retry_after below the draw does not shorten it: over many draws, some exceed it.
    const retry_policy wide{5, 10'000ms, 60'000ms, 120s};
    bool above = false;
    for (int i = 0; i < 100; ++i) {
        const auto d = wide.next_delay(3, scripted_error{.after = 1s}, random);
        REQUIRE(d.has_value());
        CHECK(*d >= 1s);
        CHECK(*d <= 40'000ms);
        above = above || *d > 1s;
    }
    CHECK(above);

    CHECK(p.next_delay(1, scripted_error{.after = 10s}, random) == std::optional<ms>(10s));
    CHECK_FALSE(p.next_delay(1, scripted_error{.after = 11s}, random).has_value());
    // A retry_after does not make a non-retryable error retryable, nor add attempts.
    CHECK_FALSE(p.next_delay(1, scripted_error{.can_retry = false, .after = 1s}, random).has_value());
    CHECK_FALSE(p.next_delay(5, scripted_error{.after = 1s}, random).has_value());
}

TEST_CASE("the vendors' presets wait as their SDKs do; recommended() is livemsg's own", "[retry]") {
    auto random = fixed_engine();
    const scripted_error transient{};
    // alibabacloud-go/tea dara/retry.go: MAX_ATTEMPTS = 3, MIN_DELAY_TIME = 100 ms (the fixed
    // delay of a condition without a backoff policy), MAX_DELAY_TIME = 120 s (a retryAfter's cap).
    constexpr retry_policy alibaba = retry_policy::alibaba();
    static_assert(alibaba.max_attempts == 3 && alibaba.max_retry_after == 120s && !alibaba.jitter);
    CHECK(alibaba.next_delay(1, transient, random) == std::optional<ms>(100ms));
    CHECK(alibaba.next_delay(2, transient, random) == std::optional<ms>(100ms));  // fixed, not doubled
    CHECK_FALSE(alibaba.next_delay(3, transient, random).has_value());
    CHECK(alibaba.next_delay(1, scripted_error{.after = 2000ms}, random) == std::optional<ms>(2000ms));

    // volcengine/volc-sdk-golang base/utils.go: defaultRetryTimes = 2, defaultRetryInterval = 1 s,
    // a constant backoff (base/client.go): three attempts, 1 s apart.
    constexpr retry_policy volcengine = retry_policy::volcengine();
    static_assert(volcengine.max_attempts == 3 && !volcengine.jitter);
    CHECK(volcengine.next_delay(1, transient, random) == std::optional<ms>(1s));
    CHECK(volcengine.next_delay(2, transient, random) == std::optional<ms>(1s));
    CHECK_FALSE(volcengine.next_delay(3, transient, random).has_value());

    // tencentcloud-sdk-go profile.ExponentialBackoff: 2^n seconds, n from 0, no jitter.
    constexpr retry_policy tencent = retry_policy::tencent();
    static_assert(tencent.base_delay == 1s && tencent.backoff_ceiling(3) == 4s && !tencent.jitter);
    CHECK(tencent.next_delay(1, transient, random) == std::optional<ms>(1s));
    CHECK(tencent.next_delay(2, transient, random) == std::optional<ms>(2s));

    // livemsg's own, the default: full jitter from 100 ms, capped at 120 s.
    constexpr retry_policy recommended = retry_policy::recommended();
    static_assert(recommended.max_attempts == 3 && recommended.base_delay == 100ms && recommended.max_delay == 120s &&
                  recommended.max_retry_after == 120s && recommended.jitter);
    const retry_policy defaults{};
    CHECK(defaults.max_attempts == recommended.max_attempts);
    CHECK(defaults.base_delay == recommended.base_delay);
    CHECK(defaults.max_delay == recommended.max_delay);
    CHECK(defaults.max_retry_after == recommended.max_retry_after);
    CHECK(defaults.jitter);
}

TEST_CASE("without jitter the delay is the ceiling: fixed when the base is the cap, else doubling", "[retry]") {
    auto random = fixed_engine();
    const retry_policy doubling{6, 100ms, 1000ms, 120s, false};
    for (int attempt = 1; attempt <= 5; ++attempt) CHECK(doubling.backoff(attempt, random) == doubling.backoff_ceiling(attempt));
    CHECK(doubling.backoff(3, random) == 400ms);
    CHECK(doubling.next_delay(2, scripted_error{.after = 1500ms}, random) == std::optional<ms>(1500ms));  // still a floor
}

TEST_CASE("Alibaba's errors: throttling waits for x-acs-retry-after; nonce and clock errors stop", "[retry]") {
    using namespace livemsg::alibaba;
    const retry_policy p = retry_policy::alibaba();
    auto random = fixed_engine();

    auto throttled = parse_response<SendLiveMessageUser>(400, alibaba_throttled, "2000");  // milliseconds
    REQUIRE(throttled.error() != nullptr);
    const auto wait = p.next_delay(1, throttled, random);
    REQUIRE(wait.has_value());
    CHECK(*wait >= 2s);
    CHECK(*wait <= std::max<ms>(2s, p.backoff_ceiling(1)));

    // Throttled without a header: the backoff alone.
    auto plain = parse_response<SendLiveMessageUser>(400, alibaba_throttled);
    const auto backoff = p.next_delay(2, plain, random);
    REQUIRE(backoff.has_value());
    CHECK(*backoff <= 200ms);

    auto server = parse_response<SendLiveMessageGroup>(500, alibaba_server_error);
    CHECK(p.next_delay(1, server, random).has_value());
    CHECK_FALSE(p.next_delay(3, server, random).has_value());

    // The first attempt may have landed; the clock is off: sending the same again cannot help.
    auto nonce = parse_response<SendLiveMessageUser>(400, alibaba_nonce_used, "1");
    REQUIRE(nonce.error() != nullptr);
    CHECK(nonce.error()->code == known_error::SignatureNonceUsed);
    CHECK_FALSE(p.next_delay(1, nonce, random).has_value());
    auto expired = parse_response<SendLiveMessageUser>(400, alibaba_expired);
    REQUIRE(expired.error() != nullptr);
    CHECK(expired.error()->code == known_error::InvalidTimeStamp_Expired);
    CHECK_FALSE(p.next_delay(1, expired, random).has_value());

    // A 2xx body that is not the documented JSON: the vendor took the call.
    auto unreadable = parse_response<SendLiveMessageUser>(200, "<html>ok</html>");
    REQUIRE(unreadable.unreadable() != nullptr);
    CHECK_FALSE(p.next_delay(1, unreadable, random).has_value());
}

TEST_CASE("Tencent's and Volcengine's errors: transient codes retry, the rest stop", "[retry]") {
    auto random = fixed_engine();
    {
        using namespace livemsg::tencent;
        const retry_policy p = retry_policy::tencent();
        for (std::int64_t code : {100001, 100602, 60007, 60008, 60011}) {
            INFO(code);
            auto parsed = parse_response<send_text_msg>(200, tencent_error(code, "try later"));
            REQUIRE(parsed.error() != nullptr);
            const auto d = p.next_delay(2, parsed, random);
            REQUIRE(d.has_value());
            CHECK(*d == 2s);
        }
        for (std::int64_t code : {100002, 100004, 70001, 60004}) {
            INFO(code);
            auto parsed = parse_response<send_text_msg>(200, tencent_error(code, "no"));
            REQUIRE(parsed.error() != nullptr);
            CHECK_FALSE(p.next_delay(1, parsed, random).has_value());
        }
    }
    {
        using namespace livemsg::volcengine;
        const retry_policy p = retry_policy::volcengine();
        auto internal = parse_response<P2PSendMessage>(500, volcengine_error("InternalError", 100014));
        REQUIRE(internal.error() != nullptr);
        const auto d = p.next_delay(2, internal, random);
        REQUIRE(d.has_value());
        CHECK(*d == 1s);
        CHECK_FALSE(p.next_delay(3, internal, random).has_value());  // 2 retries: 3 attempts
        auto limited = parse_response<P2PSendMessage>(429, volcengine_error("FlowLimitExceeded", 100018));
        CHECK(p.next_delay(1, limited, random).has_value());
        for (auto [status, code, code_n] : {std::tuple{400, "InvalidTimestamp", 100006},
                                             std::tuple{401, "SignatureDoesNotMatch", 100010},
                                             std::tuple{400, "MissingParameter", 100002}}) {
            INFO(code);
            auto parsed = parse_response<P2PSendMessage>(status, volcengine_error(code, code_n));
            REQUIRE(parsed.error() != nullptr);
            CHECK_FALSE(p.next_delay(1, parsed, random).has_value());
        }
    }
}

TEST_CASE("transport failures: before sending retries; after, only when duplicates are harmless", "[retry]") {
    using livemsg::transport_error;
    const retry_policy p{3, 100ms, 1000ms, 120s};
    auto random = fixed_engine();
    CHECK(p.next_delay(1, transport_error{transport_error::stage::not_sent, "connection refused"}, random));
    CHECK_FALSE(p.next_delay(1, transport_error{transport_error::stage::maybe_delivered, "read timeout"}, random));
    CHECK(p.next_delay(1, transport_error{transport_error::stage::maybe_delivered, "read timeout", true}, random));

    std::ostringstream printed;
    printed << transport_error{transport_error::stage::maybe_delivered, "read timeout"};
    CHECK(printed.str() == "transport error, maybe delivered: read timeout");
}

TEST_CASE("retry() retries a refused connection, and a lost answer only when duplicates are harmless", "[retry]") {
    using livemsg::transport_error;
    using sent = livemsg::send_result<scripted_outcome>;
    const retry_policy p{4, 100ms, 1000ms, 120s};
    auto random = fixed_engine();

    SECTION("not sent: retried until the vendor answers") {
        std::vector<int> attempts;
        int sleeps = 0;
        const sent last = livemsg::retry(
            p,
            [&](int n) -> sent {
                attempts.push_back(n);
                if (n < 3) return transport_error{transport_error::stage::not_sent, "connection refused"};
                return scripted_outcome(42);
            },
            [&](ms) { ++sleeps; }, random);
        CHECK(attempts == std::vector<int>{1, 2, 3});
        CHECK(sleeps == 2);
        REQUIRE(last.answer() != nullptr);
        REQUIRE(last.answer()->result() != nullptr);
        CHECK(*last.answer()->result() == 42);
        CHECK(last.transport_failure() == nullptr);
    }
    SECTION("maybe delivered: one attempt, the failure handed back") {
        int calls = 0;
        const sent last = livemsg::retry(
            p,
            [&](int) -> sent {
                ++calls;
                return transport_error{transport_error::stage::maybe_delivered, "read timeout"};
            },
            [&](ms) { FAIL("no sleep expected"); }, random);
        CHECK(calls == 1);
        REQUIRE(last.transport_failure() != nullptr);
        CHECK(last.transport_failure()->what == "read timeout");
        CHECK(last.answer() == nullptr);
    }
    SECTION("maybe delivered, duplicates harmless: retried up to max_attempts") {
        int calls = 0;
        const sent last = livemsg::retry(
            p,
            [&](int) -> sent {
                ++calls;
                return transport_error{transport_error::stage::maybe_delivered, "connection reset", true};
            },
            [&](ms) {}, random);
        CHECK(calls == 4);
        CHECK(last.transport_failure() != nullptr);
    }
    SECTION("the vendor's answer inside decides as before") {
        int calls = 0;
        const sent last = livemsg::retry(
            p,
            [&](int n) -> sent {
                ++calls;
                if (n == 1) return transport_error{transport_error::stage::not_sent, "no route to host"};
                return scripted_outcome(scripted_error{.can_retry = false});
            },
            [&](ms) {}, random);
        CHECK(calls == 2);
        REQUIRE(last.answer() != nullptr);
        CHECK(last.answer()->error() != nullptr);
    }
    // next_delay on a send_result, with the thread's engine too.
    CHECK(p.next_delay(1, sent(transport_error{transport_error::stage::not_sent, "refused"})).has_value());
    CHECK_FALSE(p.next_delay(1, sent(scripted_outcome(1))).has_value());
}

TEST_CASE("retry() calls each attempt with its number and sleeps between, never after the last", "[retry]") {
    auto random = fixed_engine();
    const retry_policy p{4, 100ms, 1000ms, 120s};

    SECTION("every attempt fails: max_attempts attempts, one sleep fewer") {
        std::vector<int> attempts;
        std::vector<ms> sleeps;
        const scripted_outcome last = livemsg::retry(
            p,
            [&](int n) {
                attempts.push_back(n);
                return scripted_outcome(scripted_error{});
            },
            [&](ms d) { sleeps.push_back(d); }, random);
        CHECK(attempts == std::vector<int>{1, 2, 3, 4});
        REQUIRE(sleeps.size() == 3);
        for (std::size_t i = 0; i < sleeps.size(); ++i) CHECK(sleeps[i] <= p.backoff_ceiling(static_cast<int>(i) + 1));
        CHECK(last.error() != nullptr);
    }
    SECTION("success on the third attempt returns it") {
        std::vector<int> attempts;
        int sleeps = 0;
        const scripted_outcome last = livemsg::retry(
            p,
            [&](int n) {
                attempts.push_back(n);
                return n < 3 ? scripted_outcome(scripted_error{}) : scripted_outcome(n * 10);
            },
            [&](ms) { ++sleeps; }, random);
        CHECK(attempts == std::vector<int>{1, 2, 3});
        CHECK(sleeps == 2);
        REQUIRE(last.result() != nullptr);
        CHECK(*last.result() == 30);
    }
    SECTION("a non-retryable error, or a render failure, stops at once") {
        int calls = 0, sleeps = 0;
        const scripted_outcome refused = livemsg::retry(
            p,
            [&](int) {
                ++calls;
                return scripted_outcome(scripted_error{.can_retry = false});
            },
            [&](ms) { ++sleeps; }, random);
        CHECK(calls == 1);
        CHECK(sleeps == 0);
        CHECK(refused.error() != nullptr);

        calls = 0;
        const scripted_outcome invalid = livemsg::retry(
            p,
            [&](int) {
                ++calls;
                return scripted_outcome(livemsg::validation_errors("request"));
            },
            [&](ms) { ++sleeps; }, random);
        CHECK(calls == 1);
        CHECK(sleeps == 0);
        CHECK(invalid.unreadable() != nullptr);
    }
    SECTION("max_attempts of 1 or less still makes one attempt") {
        for (int max : {1, 0, -3}) {
            int calls = 0;
            const scripted_outcome last = livemsg::retry(
                retry_policy{max, 100ms, 1000ms, 120s},
                [&](int) {
                    ++calls;
                    return scripted_outcome(scripted_error{});
                },
                [&](ms) { FAIL("no sleep expected"); });
            CHECK(calls == 1);
            CHECK(last.error() != nullptr);
        }
    }
}

TEST_CASE("retry() re-signs every Alibaba attempt: a fresh nonce each time, the same MsgTid", "[retry]") {
    using namespace livemsg::alibaba;
    const credentials creds{"LTAI5tExample", livemsg::secret("s3cr3t"), {}};
    std::vector<std::string> nonces, message_ids;
    std::vector<ms> sleeps;
    auto random = fixed_engine();

    const auto last = livemsg::retry(
        retry_policy::alibaba(),
        [&](int n) -> result<SendLiveMessageUser> {
            auto request = render(SendLiveMessageUser{
                .AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello", .MsgTid = "msg42"});
            if (!request.ok()) return request.errors();
            livemsg::http_request r = *request;
            if (auto s = sign_v1(r, creds); !s.ok()) return s.errors();
            nonces.emplace_back(r.query.find("SignatureNonce").value_or(""));
            message_ids.emplace_back(r.query.find("MsgTid").value_or(""));
            // What the server would answer: throttled twice, with a retry-after, then accepted.
            if (n < 3) return parse_response<SendLiveMessageUser>(400, alibaba_throttled, "1000");
            return parse_response<SendLiveMessageUser>(200, R"({"RequestId":"R3","MsgTid":"msg42"})");
        },
        [&](ms d) { sleeps.push_back(d); }, random);

    REQUIRE(last.result() != nullptr);
    CHECK(last.result()->RequestId == "R3");
    REQUIRE(nonces.size() == 3);
    CHECK(std::set<std::string>(nonces.begin(), nonces.end()).size() == 3);
    CHECK_FALSE(nonces.front().empty());
    CHECK(message_ids == std::vector<std::string>{"msg42", "msg42", "msg42"});
    REQUIRE(sleeps.size() == 2);
    for (ms d : sleeps) CHECK(d >= 1s);
}

}  // namespace retry_policy_test
