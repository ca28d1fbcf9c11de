// SPDX-License-Identifier: BSL-1.0
// When Redis fails: stopped, paused, restarted empty, the wrong password, something else on the
// port. Each call still answers within its timeout, as a value, and the limiters come back by
// themselves.
#include "redis_test_support.hpp"

#include <livemsg/redis/msg_type_budget.hpp>
#include <livemsg/redis/rate_limiter.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <string>
#include <thread>

namespace redis_faults_test {

using namespace std::chrono_literals;
using livemsg::call_rate;
using livemsg::limit_key;
using livemsg::reservation;
using livemsg::redis::failure_mode;
using livemsg::redis::rate_limiter;
using livemsg_test::stopwatch;

constexpr limit_key key{"acct", "SendLiveMessageGroup"};
constexpr auto timeout = 50ms;  // the default
constexpr double margin_ms = 30;

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// Reserves until Redis itself decides again (admitted or not, not by the fallback nor
/// unavailable), 3 s at most; whether it did.
bool back_to_redis(rate_limiter& limiter, call_rate rate) {
    const auto until = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < until) {
        const reservation r = limiter.reserve(key, rate, 0ns);
        if (r.state != reservation::status::unavailable && !r.by_fallback) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

TEST_CASE("redis faults: Redis stopped, failing closed: unavailable with a reason, then back", "[redis][faults]") {
    livemsg_test::redis_server server;
    rate_limiter limiter(server.url());
    REQUIRE(limiter.reserve(key, call_rate{1000}, 0ns).admitted());
    server.stop();
    double slowest = 0;
    for (int i = 0; i < 50; ++i) {
        const stopwatch w;
        const reservation r = limiter.reserve(key, call_rate{1000}, 0ns);
        slowest = std::max(slowest, w.ms());
        REQUIRE(r.state == reservation::status::unavailable);
        REQUIRE_FALSE(r.reason.empty());
        CHECK(r.reason.find(server.socket_path()) != std::string::npos);
        std::this_thread::sleep_for(2ms);
    }
    CHECK(slowest < timeout.count() + margin_ms);
    auto c = limiter.counters().read();
    CHECK(c.ok == 1);
    CHECK(c.error == 50);
    CHECK(c.failure_mode_allowed == 0);

    server.restart();
    CHECK(back_to_redis(limiter, call_rate{1000}));
    CHECK(limiter.counters().read().ok >= 2);
}

TEST_CASE("redis faults: Redis stopped, failing open: this instance's share from the fallback", "[redis][faults]") {
    livemsg_test::redis_server server;
    livemsg::redis::options o;
    o.on_failure = failure_mode::open;
    o.instances = 2;
    rate_limiter limiter(server.url(), o);
    const call_rate twenty{20};  // fail open: 10/s here, 9/s with the headroom
    REQUIRE(limiter.reserve(key, twenty, 0ns).admitted());
    server.stop();

    int admitted = 0, calls = 0;
    const auto start = std::chrono::steady_clock::now();
    while (std::chrono::steady_clock::now() - start < 1s && calls < 100'000) {
        ++calls;
        const reservation r = limiter.reserve(key, twenty, 0ns);
        REQUIRE(r.state != reservation::status::unavailable);
        REQUIRE(r.by_fallback);
        REQUIRE_FALSE(r.reason.empty());
        if (r.admitted()) ++admitted;
        std::this_thread::sleep_for(1ms);
    }
    INFO(admitted << " admitted by the fallback in 1 s of " << calls << " calls");
    CHECK(admitted <= 10);
    CHECK(admitted >= 8);
    const auto c = limiter.counters().read();
    CHECK(c.error == static_cast<std::uint64_t>(calls));
    CHECK(c.failure_mode_allowed == static_cast<std::uint64_t>(admitted));
    CHECK(c.ok == 1);

    server.restart();
    CHECK(back_to_redis(limiter, twenty));
}

TEST_CASE("redis faults: the budget failing open decides in the process, then Redis again", "[redis][faults]") {
    livemsg_test::redis_server server;
    livemsg::redis::options o;
    o.on_failure = failure_mode::open;
    livemsg::redis::msg_type_budget budget(server.url(), o);
    REQUIRE(budget.admit("app", "g", 1000).added);
    server.stop();
    for (int t = 1; t <= 30; ++t) {
        const auto a = budget.admit("app", "g", t);
        INFO(t);
        REQUIRE(a.empty());
        CHECK(a.added);  // by the in-process budget, which knows only what it admitted itself
    }
    const auto refused = budget.admit("app", "g", 31);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].code == livemsg::error_code::too_many_msg_types);
    CHECK(budget.admit("app", "g", 1000).empty());  // from the cache: no error counted
    auto c = budget.counters().read();
    CHECK(c.error == 31);
    CHECK(c.failure_mode_allowed == 30);
    CHECK(c.over_limit == 1);
    CHECK(c.ok == 2);

    server.restart();
    // The first call after the restart may find its old connection gone (and fall back once).
    livemsg::alibaba::type_admission fresh = budget.admit("app", "g", 2000);
    for (int i = 0; i < 300 && budget.types_used("app", "g") != 1u; ++i) {
        std::this_thread::sleep_for(10ms);
        fresh = budget.admit("app", "g", 2000);
    }
    CHECK(fresh.empty());
    CHECK(budget.types_used("app", "g") == 1u);  // Redis's set, empty after the restart, took 2000
}

TEST_CASE("redis faults: Redis paused (SIGSTOP): every call returns within its timeout", "[redis][faults]") {
    livemsg_test::redis_server server({.tcp = true});
    for (bool tcp : {false, true}) {
        INFO((tcp ? "TCP" : "unix socket"));
        rate_limiter limiter(server.url(tcp));
        livemsg::redis::msg_type_budget budget(server.url(tcp));
        REQUIRE(limiter.reserve(key, call_rate{1000}, 100ms).admitted());
        REQUIRE(budget.admit("app", "g", 1).empty());
        server.pause();
        double slowest = 0;
        for (int i = 0; i < 12; ++i) {
            stopwatch w;
            const reservation r = limiter.reserve(key, call_rate{1000}, 0ns);
            slowest = std::max(slowest, w.ms());
            CHECK(r.state == reservation::status::unavailable);
            w = stopwatch{};
            const auto a = budget.admit("app", "g", 100 + i);
            slowest = std::max(slowest, w.ms());
            REQUIRE(a.size() == 1);
            CHECK(a[0].code == livemsg::error_code::limiter_unavailable);
            w = stopwatch{};
            CHECK_FALSE(budget.types_used("app", "g"));
            slowest = std::max(slowest, w.ms());
        }
        INFO("the slowest call took " << slowest << " ms");
        CHECK(slowest < timeout.count() + margin_ms);
        server.resume();
        CHECK(back_to_redis(limiter, call_rate{1000}));
    }
}

TEST_CASE("redis faults: Redis restarted empty: the budget starts over, mark_full still refuses", "[redis][faults]") {
    livemsg_test::redis_server server;
    livemsg::redis::msg_type_budget budget(server.url());
    for (int t = 1; t <= 30; ++t) REQUIRE(budget.admit("app", "g", t).empty());
    REQUIRE_FALSE(budget.admit("app", "g", 31).empty());
    server.restart();

    // The first call may find its old connection gone; within a second it is replaced.
    livemsg::alibaba::type_admission fresh = budget.admit("app", "g", 31);
    for (int i = 0; i < 100 && !fresh.empty() && fresh[0].code == livemsg::error_code::limiter_unavailable; ++i) {
        std::this_thread::sleep_for(10ms);
        fresh = budget.admit("app", "g", 31);
    }
    CHECK(fresh.empty());
    CHECK(fresh.added);
    CHECK(budget.types_used("app", "g") == 1u);
    // The vendor still counts the 30 of before, and refuses the next new type: fed back, every
    // instance refuses new types, and admits the ones known.
    CHECK(budget.mark_full("app", "g").empty());
    const auto refused = budget.admit("app", "g", 32);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].code == livemsg::error_code::too_many_msg_types);
    CHECK(budget.admit("app", "g", 31).empty());
    CHECK(budget.admit("app", "g", 5).empty());  // from the cache: Redis lost it, the vendor did not
}

TEST_CASE("redis faults: the wrong password, or none: unavailable, the reason says authentication", "[redis][faults]") {
    livemsg_test::redis_server server({.tcp = true, .password = "the-right-one"});
    for (bool tcp : {false, true}) {
        auto wrong = server.url(tcp);
        wrong.password = "hunter2-is-not-it";
        rate_limiter limiter(wrong);
        const stopwatch w;
        const reservation r = limiter.reserve(key, call_rate{10}, 0ns);
        CHECK(w.ms() < timeout.count() + margin_ms);
        CHECK(r.state == reservation::status::unavailable);
        INFO(r.reason);
        CHECK(lower(r.reason).find("authentication") != std::string::npos);
        CHECK(r.reason.find("hunter2") == std::string::npos);
        CHECK(r.reason.find("the-right-one") == std::string::npos);

        auto none = server.url(tcp);
        none.password.clear();
        rate_limiter anonymous(none);
        const reservation n = anonymous.reserve(key, call_rate{10}, 0ns);
        CHECK(n.state == reservation::status::unavailable);
        INFO(n.reason);
        CHECK(lower(n.reason).find("authentication") != std::string::npos);
    }
}

TEST_CASE("redis faults: something not Redis on the port: unavailable within the timeout", "[redis][faults]") {
    using mode = livemsg_test::fake_listener::mode;
    for (mode m : {mode::garbage, mode::silent, mode::strings}) {
        livemsg_test::fake_listener listener(m);
        rate_limiter limiter(listener.url());
        livemsg::redis::msg_type_budget budget(listener.url());
        for (int i = 0; i < 5; ++i) {
            stopwatch w;
            const reservation r = limiter.reserve(key, call_rate{10}, 0ns);
            const double reserve_ms = w.ms();
            w = stopwatch{};
            const auto a = budget.admit("app", "g", 1);
            const double admit_ms = w.ms();
            INFO("mode " << static_cast<int>(m) << ": " << r.reason);
            CHECK(reserve_ms < timeout.count() + margin_ms);
            CHECK(admit_ms < timeout.count() + margin_ms);
            CHECK(r.state == reservation::status::unavailable);
            REQUIRE(a.size() == 1);
            CHECK(a[0].code == livemsg::error_code::limiter_unavailable);
            if (i == 0) {
                const std::string expected = m == mode::silent ? "no answer in time" : "unexpected reply";
                CHECK(r.reason.find(expected) != std::string::npos);
            }
        }
    }
}

TEST_CASE("redis faults: while the server fails, one reconnect per backoff, the calls between fail at once", "[redis][faults]") {
    livemsg_test::fake_listener listener(livemsg_test::fake_listener::mode::silent);
    livemsg::redis::options o;
    o.connections = 1;
    rate_limiter limiter(listener.url(), o);
    stopwatch w;
    reservation r = limiter.reserve(key, call_rate{10}, 0ns);
    CHECK(w.ms() >= timeout.count() - 1);  // connected, then waited the whole timeout for an answer
    CHECK(w.ms() < timeout.count() + margin_ms);
    CHECK(r.reason.find("no answer in time") != std::string::npos);
    w = stopwatch{};
    for (int i = 0; i < 20; ++i) {
        r = limiter.reserve(key, call_rate{10}, 0ns);
        REQUIRE(r.state == reservation::status::unavailable);
        CHECK(r.reason.find("the next attempt to reconnect in") != std::string::npos);
    }
    CHECK(w.ms() < 45);  // twenty calls, together shorter than one timeout: none waited
    CHECK(listener.accepted() == 1);
    std::this_thread::sleep_for(livemsg::redis::connection_pool::first_backoff + 20ms);
    w = stopwatch{};
    r = limiter.reserve(key, call_rate{10}, 0ns);
    CHECK(w.ms() >= timeout.count() - 1);  // the backoff passed: one more attempt
    CHECK(r.reason.find("no answer in time") != std::string::npos);
    // Connecting is asynchronous to the listener's thread, which accepts within its 10 ms poll.
    for (int i = 0; i < 100 && listener.accepted() < 2; ++i) std::this_thread::sleep_for(1ms);
    CHECK(listener.accepted() == 2);
    CHECK(limiter.counters().read().error == 22);
}

TEST_CASE("redis faults: a server that lost its scripts (SCRIPT FLUSH): loaded again, no error", "[redis][faults]") {
    livemsg_test::redis_server server;
    rate_limiter limiter(server.url());
    livemsg::redis::msg_type_budget budget(server.url());
    REQUIRE(limiter.reserve(key, call_rate{1000}, 0ns).admitted());
    REQUIRE(budget.admit("app", "g", 1).added);
    REQUIRE(livemsg_test::ask(server, "SCRIPT FLUSH") == "OK");
    CHECK(limiter.reserve(key, call_rate{1000}, 100ms).admitted());
    CHECK(budget.admit("app", "g", 2).added);
    CHECK(limiter.counters().read().error == 0);
    CHECK(budget.counters().read().error == 0);
}

}  // namespace redis_faults_test
