// SPDX-License-Identifier: BSL-1.0
// redis::async_rate_limiter against a redis-server of the test's own: its decisions are the
// synchronous model's, through every completion style, and none of them ever blocks the event
// loop or outlasts the timeout, whether Redis is stopped, paused or restarted.
#include "redis_test_support.hpp"

#include <livemsg/redis/async_rate_limiter.hpp>

#include <livemsg/core/local_rate_limiter.hpp>

#include <catch2/catch.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <cstddef>
#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace async_rate_limiter_test {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using livemsg::call_rate;
using livemsg::limit_key;
using livemsg::reservation;
using livemsg::redis::async_rate_limiter;
using livemsg::redis::failure_mode;
using livemsg::redis::options;
using clock_type = std::chrono::steady_clock;

constexpr limit_key key{"LTAI5tAccount", "SendLiveMessageGroup"};

/// Runs `io` one handler at a time until `done()` or `limit`, whichever comes first.
inline bool run_until(asio::io_context& io, const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
    const auto until = clock_type::now() + limit;
    io.restart();
    while (!done() && clock_type::now() < until)
        if (io.run_one_for(2ms) == 0) io.restart();
    return done();
}

/// One decision, awaited by running the io_context; nullopt if none came within 5 s.
inline std::optional<reservation> decide(asio::io_context& io, async_rate_limiter& limiter, call_rate rate,
                                         std::chrono::nanoseconds max_wait, limit_key k = key) {
    std::optional<reservation> out;
    limiter.async_reserve(k, rate, max_wait, [&](reservation r) { out = std::move(r); });
    run_until(io, [&] { return out.has_value(); });
    return out;
}

TEST_CASE("async_rate_limiter: admitted and not_yet, with the waits of the local model", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    async_rate_limiter limiter(io, server.url(), options{.timeout = 500ms});
    livemsg::local_rate_limiter model;  // the same GCRA, in this process, asked at the same moments
    const call_rate rate{10};           // at 0.9: one call per 111112 us

    for (int i = 0; i < 5; ++i) {
        INFO("decision " << i);
        const reservation got = decide(io, limiter, rate, 250ms).value();
        const reservation expected = model.reserve(key, rate, 250ms);
        CHECK(got.state == expected.state);
        CHECK_FALSE(got.by_fallback);
        // Redis decided a round trip before the model: the same waits, give or take that.
        CHECK(got.wait < expected.wait + 3ms);
        CHECK(got.wait > expected.wait - 3ms);
    }
    // Back to back: 0, one and two intervals; then the next slot is further than 250 ms.
    const auto seen = limiter.counters().read();
    CHECK(seen.ok == 3);
    CHECK(seen.over_limit == 2);
    CHECK(seen.error == 0);
    CHECK(seen.wait > 3 * rate.interval(livemsg::default_headroom) - 20ms);

    // Another account is a key of its own.
    CHECK(decide(io, limiter, rate, 0ms, limit_key{"other", key.operation}).value().wait == 0ns);

    // A rate that is not limited is admitted at once, through the executor all the same.
    bool called = false;
    limiter.async_reserve(key, call_rate{0}, 0ms, [&](reservation r) { called = r.admitted() && r.wait == 0ns; });
    CHECK_FALSE(called);
    io.restart();
    io.poll();
    CHECK(called);
}

TEST_CASE("async_rate_limiter: co_await with use_awaitable, use_future from another thread", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    async_rate_limiter limiter(io.get_executor(), server.url(), options{.timeout = 500ms});
    const call_rate rate{100};  // 11112 us apart

    std::vector<reservation> awaited;
    bool finished = false;
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            for (int i = 0; i < 3; ++i) awaited.push_back(co_await limiter.async_reserve(key, rate, 1s, asio::use_awaitable));
            finished = true;
        },
        asio::detached);
    REQUIRE(run_until(io, [&] { return finished; }));
    REQUIRE(awaited.size() == 3);
    for (const reservation& r : awaited) CHECK(r.admitted());
    CHECK(awaited[0].wait < 2ms);
    CHECK(awaited[2].wait > awaited[1].wait);

    // The io_context runs on a thread of its own; the future is waited for here.
    auto work = asio::make_work_guard(io);
    io.restart();
    std::thread runner([&] { io.run(); });
    std::future<reservation> later = limiter.async_reserve(key, rate, 0ms, asio::use_future);
    const bool ready = later.wait_for(5s) == std::future_status::ready;
    work.reset();
    std::optional<reservation> r;
    if (ready) r = later.get();
    asio::post(io, [&] { io.stop(); });
    runner.join();
    REQUIRE(r);
    CHECK(r->state == reservation::status::not_yet);  // the three above hold the next slots
    CHECK(r->wait > 10ms);
}

TEST_CASE("async_rate_limiter: Redis stopped, then restarted", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    const call_rate rate{50};

    SECTION("failing closed: unavailable within the timeout, then decisions again by itself") {
        async_rate_limiter limiter(io, server.url(), options{.timeout = 50ms});
        REQUIRE(decide(io, limiter, rate, 0ms).value().admitted());
        server.stop();
        for (int i = 0; i < 5; ++i) {
            livemsg_test::stopwatch watch;
            const reservation r = decide(io, limiter, rate, 0ms).value();
            CHECK(watch.ms() < 50 + 30);
            CHECK(r.state == reservation::status::unavailable);
            CHECK_THAT(r.reason, Catch::Contains("Redis at unix://"));
        }
        CHECK(limiter.counters().read().error == 5);
        server.restart();
        // No call to make it reconnect: the next decision after the backoff does.
        std::optional<reservation> r;
        livemsg_test::stopwatch watch;
        for (int i = 0; i < 100 && !(r && r->admitted()); ++i) {
            r = decide(io, limiter, rate, 0ms);
            if (!r->admitted()) std::this_thread::sleep_for(10ms);
        }
        REQUIRE(r);
        CHECK(r->admitted());
        CHECK(watch.ms() < 1000);  // the backoff is at most 500 ms
    }

    SECTION("failing open: the fallback decides on this instance's share") {
        async_rate_limiter limiter(io, server.url(), options{.timeout = 50ms, .on_failure = failure_mode::open, .instances = 5});
        server.stop();
        const reservation first = decide(io, limiter, rate, 0ms).value();
        CHECK(first.admitted());
        CHECK(first.by_fallback);
        CHECK_THAT(first.reason, Catch::StartsWith("decided in this process on 10/s: Redis at unix://"));
        const reservation second = decide(io, limiter, rate, 0ms).value();  // 10/s at 0.9: 111 ms apart
        CHECK(second.state == reservation::status::not_yet);
        CHECK(second.by_fallback);
        CHECK(second.wait > 90ms);
        const auto seen = limiter.counters().read();
        CHECK(seen.error == 2);
        CHECK(seen.failure_mode_allowed == 1);
        CHECK(seen.over_limit == 1);
    }
}

TEST_CASE("async_rate_limiter: Redis paused, the event loop keeps running", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    constexpr auto timeout = 100ms;
    async_rate_limiter limiter(io, server.url(), options{.timeout = timeout});
    const call_rate rate{1000};
    REQUIRE(decide(io, limiter, rate, 0ms).value().admitted());

    // A timer that ticks every 5 ms on the same loop: while a decision waits for a paused Redis,
    // it keeps ticking, where a loop blocked in the decision would not tick at all.
    asio::steady_timer ticker(io);
    int ticks = 0;
    bool ticking = true;
    std::function<void()> tick = [&] {
        ticker.expires_after(5ms);
        ticker.async_wait([&](const boost::system::error_code&) {
            ++ticks;
            if (ticking) tick();
        });
    };
    tick();

    server.pause();
    // Decisions one after another for 600 ms, each timed from its start to its answer, with the
    // ticks in between.
    int decided = 0, unavailable = 0, timed_out = 0, fewest_ticks = 1000;
    double slowest_ms = 0;
    bool asking = true, pending = false;
    std::function<void()> ask = [&] {
        auto watch = std::make_shared<livemsg_test::stopwatch>();
        const int ticks_before = ticks;
        pending = true;
        limiter.async_reserve(key, rate, 0ms, [&, watch, ticks_before](reservation r) {
            pending = false;
            const double ms = watch->ms();
            slowest_ms = std::max(slowest_ms, ms);
            ++decided;
            unavailable += r.state == reservation::status::unavailable;
            if (ms >= 90) {  // it was sent, and waited for the timeout
                ++timed_out;
                fewest_ticks = std::min(fewest_ticks, ticks - ticks_before);
                CHECK_THAT(r.reason, Catch::EndsWith("no answer within 100 ms"));
            }
            if (asking) ask();
        });
    };
    ask();
    const auto until = clock_type::now() + 600ms;
    run_until(io, [&] { return clock_type::now() >= until; }, 2s);
    asking = false;
    run_until(io, [&] { return !pending; });
    server.resume();

    INFO("decisions " << decided << ", " << timed_out << " waited for the timeout, slowest " << slowest_ms
                      << " ms, ticks " << ticks << ", fewest while one waited " << fewest_ticks);
    CHECK(decided > 3);
    CHECK(unavailable == decided);
    CHECK(timed_out >= 2);          // the others failed at once, in the backoff after a timeout
    CHECK(slowest_ms < 100 + 100);  // the timeout, and room for a loaded machine
    CHECK(fewest_ticks >= 5);       // 20 in 100 ms on an idle machine
    CHECK(ticks > 60);              // 120 in 600 ms

    // Resumed: decisions again, on a new connection.
    std::optional<reservation> r;
    for (int i = 0; i < 100 && !(r && r->admitted()); ++i) {
        r = decide(io, limiter, rate, 0ms);
        if (!r->admitted()) std::this_thread::sleep_for(10ms);
    }
    CHECK((r && r->admitted()));
    ticking = false;
    run_until(io, [&] { return ticks < 0; }, 20ms);
}

TEST_CASE("async_rate_limiter: 200 decisions in flight, answered in the order asked", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    async_rate_limiter limiter(io, server.url(), options{.timeout = 1s, .headroom = 1.0});
    const call_rate rate{1000};  // 1 ms apart
    constexpr int n = 200;
    std::vector<int> order;
    std::vector<reservation> answers(n);
    for (int i = 0; i < n; ++i)
        limiter.async_reserve(key, rate, 150ms, [&, i](reservation r) {
            order.push_back(i);
            answers[static_cast<std::size_t>(i)] = std::move(r);
        });
    REQUIRE(run_until(io, [&] { return order.size() == n; }));
    int admitted = 0;
    for (int i = 0; i < n; ++i) {
        INFO("decision " << i);
        CHECK(order[static_cast<std::size_t>(i)] == i);
        const reservation& r = answers[static_cast<std::size_t>(i)];
        CHECK(r.state != reservation::status::unavailable);
        if (r.admitted()) {
            ++admitted;
            CHECK(r.wait <= std::chrono::milliseconds(i) + 1ms);  // one slot each, in order
            CHECK(r.wait <= 150ms);
        } else {
            CHECK(r.wait > 150ms);
        }
    }
    // Slots 1 ms apart, 150 ms of them, and a few more as time passes while Redis decides.
    CHECK(admitted >= 150);
    CHECK(admitted < 190);
}

TEST_CASE("async_rate_limiter: asked from several threads, run by several", "[redis][async][threads]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    async_rate_limiter limiter(io, server.url(), options{.timeout = 2s, .headroom = 1.0});
    const call_rate rate{1000};
    constexpr int threads = 4, each = 50;
    std::atomic<int> answered{0}, admitted{0};
    std::vector<std::thread> runners, askers;
    auto work = asio::make_work_guard(io);
    for (int i = 0; i < 2; ++i) runners.emplace_back([&] { io.run(); });
    for (int t = 0; t < threads; ++t)
        askers.emplace_back([&] {
            for (int i = 0; i < each; ++i)
                limiter.async_reserve(key, rate, 1s, [&](reservation r) {
                    admitted += r.admitted();
                    ++answered;
                });
        });
    for (auto& t : askers) t.join();
    const auto until = clock_type::now() + 5s;
    while (answered < threads * each && clock_type::now() < until) std::this_thread::sleep_for(1ms);
    work.reset();
    io.stop();
    for (auto& t : runners) t.join();
    CHECK(answered == threads * each);
    CHECK(admitted == threads * each);  // 200 slots 1 ms apart, all within the second
    const auto seen = limiter.counters().read();
    CHECK(seen.ok == threads * each);
    CHECK(seen.error == 0);
}

TEST_CASE("async_rate_limiter: a password, a wrong one, and TCP by name", "[redis][async]") {
    livemsg_test::redis_server server({.tcp = true, .password = "s3cret"});
    asio::io_context io;
    const call_rate rate{10};

    async_rate_limiter right(io, server.url(), options{.timeout = 500ms});
    CHECK(decide(io, right, rate, 0ms).value().admitted());

    auto url = server.url();
    url.password = "wrong";
    async_rate_limiter wrong(io, url, options{.timeout = 500ms});
    const reservation refused = decide(io, wrong, rate, 0ms).value();
    CHECK(refused.state == reservation::status::unavailable);
    CHECK_THAT(refused.reason, Catch::Contains("WRONGPASS"));
    CHECK_THAT(refused.reason, !Catch::Contains("wrong"));  // the password is not in the reason

    auto tcp = server.url(true);
    tcp.host = "localhost";  // resolved by Asio, not by hiredis's blocking getaddrinfo
    async_rate_limiter by_name(io, tcp, options{.timeout = 500ms});
    const reservation r = decide(io, by_name, rate, 0ms, limit_key{"tcp", "op"}).value();
    CHECK(r.admitted());
    INFO(r.reason);
}

TEST_CASE("async_rate_limiter: a database other than 0", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    auto url = server.url();
    url.db = 3;
    async_rate_limiter limiter(io, url, options{.timeout = 500ms});
    REQUIRE(decide(io, limiter, call_rate{10}, 0ms, limit_key{"db3", "op"}).value().admitted());
    // The key is in database 3 (SELECTed on the connection), and not in 0.
    const char* in_db = "redis.call('SELECT', 3) return redis.call('EXISTS', KEYS[1])";
    CHECK(livemsg_test::ask(server, "EVAL %s 1 livemsg:rate:{3:db3}:op", in_db) == "1");
    CHECK(livemsg_test::ask(server, "EXISTS livemsg:rate:{3:db3}:op") == "0");
}

TEST_CASE("async_rate_limiter: a script Redis forgot is loaded again", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    async_rate_limiter limiter(io, server.url(), options{.timeout = 500ms});
    const call_rate rate{10};
    REQUIRE(decide(io, limiter, rate, 0ms).value().admitted());
    REQUIRE(decide(io, limiter, rate, 0ms, limit_key{"b", "op"}).value().admitted());  // by EVALSHA now
    CHECK(livemsg_test::ask(server, "SCRIPT FLUSH") == "OK");
    const reservation r = decide(io, limiter, rate, 0ms, limit_key{"c", "op"}).value();
    CHECK(r.admitted());
    CHECK(r.reason.empty());
    CHECK(limiter.counters().read().error == 0);
}

TEST_CASE("async_rate_limiter: a connection Redis closed while idle is made again at once", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    async_rate_limiter limiter(io, server.url(), options{.timeout = 500ms});
    const call_rate rate{10};
    REQUIRE(decide(io, limiter, rate, 0ms).value().admitted());
    CHECK(livemsg_test::ask(server, "CLIENT KILL TYPE normal") == "1");  // the limiter's, not the asker's
    io.restart();
    io.run_for(20ms);  // the limiter sees the connection close
    const reservation r = decide(io, limiter, rate, 0ms, limit_key{"b", "op"}).value();
    CHECK(r.admitted());
    CHECK(r.reason.empty());
    CHECK(limiter.counters().read().error == 0);
}

TEST_CASE("async_rate_limiter: destroyed with decisions in flight", "[redis][async]") {
    livemsg_test::redis_server server;
    asio::io_context io;
    const call_rate rate{100};
    std::vector<reservation> answers;
    {
        async_rate_limiter limiter(io, server.url(), options{.timeout = 1s});
        REQUIRE(decide(io, limiter, rate, 0ms).value().admitted());
        server.pause();  // so that the next ones stay in flight
        for (int i = 0; i < 20; ++i)
            limiter.async_reserve(key, rate, 1s, [&](reservation r) { answers.push_back(std::move(r)); });
        io.restart();
        io.run_for(20ms);  // sent, and waiting for Redis
        CHECK(answers.empty());
    }
    // The connection went with the limiter: run() finds no work left once the answers are in.
    livemsg_test::stopwatch watch;
    io.restart();
    io.run();
    CHECK(watch.ms() < 500);
    server.resume();
    REQUIRE(answers.size() == 20);
    for (const reservation& r : answers) {
        CHECK(r.state == reservation::status::unavailable);
        CHECK(r.reason == "the limiter was destroyed");
    }

    // Destroyed before its decisions reached the strand, and with the io_context never run again.
    {
        asio::io_context other;
        int called = 0;
        {
            async_rate_limiter limiter(other, server.url());
            for (int i = 0; i < 5; ++i) limiter.async_reserve(key, rate, 0ms, [&](reservation) { ++called; });
        }
        other.run();
        CHECK(called == 5);
    }
    {
        asio::io_context never_run;
        async_rate_limiter limiter(never_run, server.url());
        limiter.async_reserve(key, rate, 0ms, [](reservation) { FAIL("called after its io_context went"); });
    }
}

}  // namespace async_rate_limiter_test
