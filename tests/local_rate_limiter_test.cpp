// SPDX-License-Identifier: BSL-1.0
#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/alibaba/send_live_message_user.hpp>
#include <livemsg/alibaba/send_message_to_group.hpp>
#include <livemsg/core/local_rate_limiter.hpp>
#include <livemsg/tencent/send_text_msg_request.hpp>
#include <livemsg/volcengine/p2p_send_message_request.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace local_rate_limiter_test {

using namespace std::chrono_literals;
using livemsg::call_rate;
using livemsg::limit_key;
using livemsg::local_rate_limiter;
using livemsg::reservation;
using clock_type = local_rate_limiter::clock;

const clock_type::time_point t0 = clock_type::time_point(1000s);
constexpr limit_key group_key{"LTAI5tAccount", "SendLiveMessageGroup"};

// The most admissions any window [t, t + 1 s) holds, over sorted admission times.
std::size_t busiest_second(std::vector<clock_type::time_point> times) {
    std::sort(times.begin(), times.end());
    std::size_t most = 0;
    for (std::size_t i = 0, j = 0; i < times.size(); ++i) {
        while (j < times.size() && times[j] < times[i] + 1s) ++j;
        most = std::max(most, j - i);
    }
    return most;
}

TEST_CASE("call rates: the documented presets, by the operation's own name", "[limits]") {
    using namespace livemsg;
    STATIC_REQUIRE(documented_rate<alibaba::SendLiveMessageGroup>() == call_rate{50});
    STATIC_REQUIRE(documented_rate<alibaba::SendMessageToGroup>() == call_rate{100});
    STATIC_REQUIRE(documented_rate<tencent::send_text_msg>() == call_rate{200});
    STATIC_REQUIRE(documented_rate<volcengine::P2PSendMessage>() == call_rate{100});
    STATIC_REQUIRE(!documented_rate<alibaba::SendLiveMessageUser>().limited());  // its page gives none
    STATIC_REQUIRE(operation_name<tencent::send_text_msg>() == "send_text_msg");
    STATIC_REQUIRE(limit_key_for<volcengine::P2PSendMessage>("AKLT").operation == "P2PSendMessage");

    // 0.9 of 50 is 45 a second, one every 22,222,222.2 ns, rounded up so that 45 never become 46.
    STATIC_REQUIRE(call_rate{50}.interval(0.9) == std::chrono::nanoseconds(22'222'223));
    STATIC_REQUIRE(call_rate{200}.interval(1.0) == 5ms);
    STATIC_REQUIRE(call_rate{0}.interval(0.9) == 0ns);
}

TEST_CASE("local limiter: one slot per interval, a wait handed out, a held slot kept", "[limits]") {
    local_rate_limiter limiter;  // 0.9 of the documented rate
    const call_rate rate{50};
    const auto interval = rate.interval(0.9);

    const reservation first = limiter.reserve_at(group_key, rate, 0ns, t0);
    CHECK(first.admitted());
    CHECK(first.wait == 0ns);
    CHECK_FALSE(first.by_fallback);

    // Now or not: not yet, and the wait is one interval. Nothing is held.
    const reservation refused = limiter.reserve_at(group_key, rate, 0ns, t0);
    CHECK(refused.state == reservation::status::not_yet);
    CHECK_FALSE(refused);
    CHECK(refused.wait == interval);

    // Accepting that wait holds the slot: the next caller is told two intervals.
    const reservation held = limiter.reserve_at(group_key, rate, interval, t0);
    CHECK(held.admitted());
    CHECK(held.wait == interval);
    CHECK(limiter.reserve_at(group_key, rate, 0ns, t0).wait == 2 * interval);

    // Once the held slots have passed, a call goes at once again.
    CHECK(limiter.reserve_at(group_key, rate, 0ns, t0 + 2 * interval).wait == 0ns);

    const auto seen = limiter.counters().read();
    CHECK(seen.ok == 3);
    CHECK(seen.over_limit == 2);
    CHECK(seen.error == 0);
    CHECK(seen.failure_mode_allowed == 0);
    CHECK(seen.wait == interval);
}

TEST_CASE("local limiter: never more than the rate in any one second, and close to the headroom's share", "[limits]") {
    // Callers at random times, ten a millisecond on average for 10 s, each asking "now or not";
    // and callers that accept any wait of up to a second, whose sends go at now + wait.
    for (const bool waiting : {false, true}) {
        local_rate_limiter limiter;
        std::mt19937 random(42);
        std::exponential_distribution<double> gap_us(1.0 / 100);
        std::vector<clock_type::time_point> sends;
        auto now = t0;
        while (now < t0 + 10s) {
            now += std::chrono::microseconds(static_cast<std::int64_t>(gap_us(random)));
            const auto r = limiter.reserve_at(group_key, call_rate{50}, waiting ? 1s : 0s, now);
            if (r) sends.push_back(now + r.wait);
        }
        INFO("callers wait: " << waiting);
        CHECK(busiest_second(sends) <= 46);   // 45 intervals span a whole second
        CHECK(busiest_second(sends) >= 45);
        const auto in_time = std::count_if(sends.begin(), sends.end(), [](auto t) { return t < t0 + 10s; });
        CHECK(in_time >= 440);  // of the 450 the headroom allows in 10 s; a caller comes a little after each slot
    }
}

TEST_CASE("local limiter: accounts and operations are counted apart; a rate with no limit is not counted", "[limits]") {
    local_rate_limiter limiter;
    REQUIRE(limiter.reserve_at(group_key, call_rate{50}, 0ns, t0));
    CHECK_FALSE(limiter.reserve_at(group_key, call_rate{50}, 0ns, t0));
    CHECK(limiter.reserve_at({"LTAI5tOther", "SendLiveMessageGroup"}, call_rate{50}, 0ns, t0));
    CHECK(limiter.reserve_at({"LTAI5tAccount", "SendMessageToGroup"}, call_rate{100}, 0ns, t0));
    // The account and the operation never run together into one key.
    CHECK(limiter.reserve_at({"LTAI5tAccountSend", "LiveMessageGroup"}, call_rate{50}, 0ns, t0));
    for (int i = 0; i < 100; ++i)
        CHECK(limiter.reserve_at({"LTAI5tAccount", "SendLiveMessageUser"}, call_rate{}, 0ns, t0).wait == 0ns);
    CHECK(limiter.keys() == 4);
}

TEST_CASE("local limiter: memory stays bounded, and the keys forgotten first are those with no slot held", "[limits]") {
    local_rate_limiter limiter(livemsg::default_headroom, 16 * 4);  // four keys in each of 16 shards
    // A key whose slots are held a second ahead.
    for (int i = 0; i < 45; ++i) REQUIRE(limiter.reserve_at(group_key, call_rate{50}, 2s, t0));
    for (int i = 0; i < 1000; ++i)
        REQUIRE(limiter.reserve_at({"account" + std::to_string(i), "SendLiveMessageGroup"}, call_rate{50}, 0ns,
                                   t0 + 1ms * i));
    CHECK(limiter.keys() <= 16 * 4);
    // The busy key was kept: its next slot is still a second ahead.
    CHECK(limiter.reserve_at(group_key, call_rate{50}, 0ns, t0 + 1s).state == reservation::status::not_yet);
}

TEST_CASE("local limiter: acquire() sleeps until its slot, and not at all past the deadline", "[limits]") {
    local_rate_limiter limiter(1.0);
    const call_rate rate{100};  // one every 10 ms
    const limit_key key{"acct", "op"};
    const auto sleep = [](std::chrono::nanoseconds d) { std::this_thread::sleep_for(d); };
    REQUIRE(livemsg::acquire(limiter, key, rate, clock_type::now() + 1s, sleep));
    const auto before = clock_type::now();
    const reservation second = livemsg::acquire(limiter, key, rate, clock_type::now() + 1s, sleep);
    REQUIRE(second);
    CHECK(clock_type::now() - before >= second.wait);
    CHECK(second.wait > 0ns);

    // A deadline sooner than the next slot: refused at once, nothing held, nothing slept.
    const auto start = clock_type::now();
    const reservation late = livemsg::acquire(limiter, key, rate, clock_type::now(), sleep);
    CHECK(late.state == reservation::status::not_yet);
    CHECK(clock_type::now() - start < 5ms);
}

TEST_CASE("local limiter: threads sharing one key never exceed the rate", "[limits][threads]") {
    local_rate_limiter limiter;
    std::mutex mutex;
    std::vector<clock_type::time_point> admitted;
    std::vector<std::thread> threads;
    const auto stop_at = clock_type::now() + 300ms;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            std::vector<clock_type::time_point> mine;
            for (int i = 0; i < 1'000'000 && clock_type::now() < stop_at; ++i) {
                const auto now = clock_type::now();
                if (limiter.reserve_at(group_key, call_rate{50}, 0ns, now)) mine.push_back(now);
            }
            std::lock_guard lock(mutex);
            admitted.insert(admitted.end(), mine.begin(), mine.end());
        });
    for (auto& t : threads) t.join();
    std::sort(admitted.begin(), admitted.end());
    for (std::size_t i = 1; i < admitted.size(); ++i)
        REQUIRE(admitted[i] - admitted[i - 1] >= call_rate{50}.interval(0.9) - 1us);  // the clock read under no lock
    CHECK(admitted.size() >= 10);  // 300 ms at 45 a second, less a loaded machine's stalls
    CHECK(admitted.size() <= 15);
}

}  // namespace local_rate_limiter_test
