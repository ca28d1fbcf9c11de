// SPDX-License-Identifier: BSL-1.0
// redis::rate_limiter against a real redis-server: its decisions, its waits, its keys, its counters.
#include "redis_test_support.hpp"

#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/redis/rate_limiter.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace redis_rate_limiter_test {

using namespace std::chrono_literals;
using livemsg::call_rate;
using livemsg::limit_key;
using livemsg::reservation;
using livemsg::redis::rate_limiter;

constexpr limit_key key{"acct-1", "SendLiveMessageGroup"};

livemsg::redis::options exact() {
    livemsg::redis::options o;
    o.headroom = 1.0;
    o.timeout = 500ms;  // generous: these cases test decisions, not time limits
    return o;
}

TEST_CASE("redis rate limiter: admitted at once, then not yet, with the wait to the next slot", "[redis][rate]") {
    livemsg_test::redis_server server;
    rate_limiter limiter(server.url(), exact());
    const call_rate ten{10};  // a slot every 100 ms

    const reservation first = limiter.reserve(key, ten, 0ns);
    CHECK(first.admitted());
    CHECK(first.wait == 0ns);
    CHECK_FALSE(first.by_fallback);

    const reservation second = limiter.reserve(key, ten, 0ns);
    CHECK(second.state == reservation::status::not_yet);
    CHECK(second.wait > 80ms);
    CHECK(second.wait <= 100ms);

    // A caller that waits up to 250 ms is given the next slot, held for it...
    const reservation held = limiter.reserve(key, ten, 250ms);
    CHECK(held.admitted());
    CHECK(held.wait > 80ms);
    CHECK(held.wait <= 100ms);
    // ...so the one after it waits two intervals, and one that waits less is turned away.
    const reservation after = limiter.reserve(key, ten, 150ms);
    CHECK(after.state == reservation::status::not_yet);
    CHECK(after.wait > 180ms);
    CHECK(after.wait <= 200ms);

    // The key holds the slot in microseconds of the server's clock, and expires once it passes.
    const std::string redis_key = livemsg::redis::rate_key(key);
    const long long pttl = std::stoll(livemsg_test::ask(server, "PTTL %s", redis_key.c_str()));
    CHECK(pttl > 0);
    CHECK(pttl <= 201);
}

TEST_CASE("redis rate limiter: callers that wait for their slots go one interval apart", "[redis][rate]") {
    livemsg_test::redis_server server;
    rate_limiter limiter(server.url(), exact());
    const call_rate twenty{20};  // 50 ms
    std::vector<std::chrono::steady_clock::time_point> at;
    for (int i = 0; i < 6; ++i) {
        const reservation r = limiter.reserve(key, twenty, 1s);
        REQUIRE(r.admitted());
        std::this_thread::sleep_for(r.wait);  // what acquire() does
        at.push_back(std::chrono::steady_clock::now());
    }
    for (std::size_t i = 1; i < at.size(); ++i) {
        INFO("admission " << i);
        CHECK(at[i] - at[i - 1] > 45ms);  // the server's spacing, less the jitter of two round trips
    }
    CHECK(at.back() - at.front() >= 245ms);
    CHECK(at.back() - at.front() < 400ms);
}

TEST_CASE("redis rate limiter: the headroom narrows the rate", "[redis][rate]") {
    livemsg_test::redis_server server;
    livemsg::redis::options o = exact();
    o.headroom = 0.5;
    rate_limiter limiter(server.url(), o);
    REQUIRE(limiter.reserve(key, call_rate{10}, 0ns).admitted());
    const reservation next = limiter.reserve(key, call_rate{10}, 0ns);
    CHECK(next.wait > 180ms);  // 5 per second: 200 ms apart
    CHECK(next.wait <= 200ms);
}

TEST_CASE("redis rate limiter: an unlimited rate is admitted without asking Redis", "[redis][rate]") {
    livemsg::redis::server_url nowhere;
    nowhere.socket_path = "/nonexistent/livemsg/redis.sock";
    rate_limiter limiter(nowhere);
    for (int i = 0; i < 100; ++i) REQUIRE(limiter.reserve(key, call_rate{0}, 0ns).admitted());
    CHECK(limiter.counters().read().ok == 100);
    CHECK(limiter.counters().read().error == 0);
    // The same limiter asked for a limited rate finds no server: it did not look before.
    CHECK(limiter.reserve(key, call_rate{10}, 0ns).state == reservation::status::unavailable);
}

TEST_CASE("redis rate limiter: accounts and operations are keys of their own", "[redis][rate]") {
    livemsg_test::redis_server server;
    rate_limiter limiter(server.url(), exact());
    const call_rate one{1};
    const auto op = livemsg::limit_key_for<livemsg::alibaba::SendLiveMessageGroup>("acct-a");
    CHECK(op.operation == "SendLiveMessageGroup");
    REQUIRE(limiter.reserve(op, one, 0ns).admitted());
    CHECK_FALSE(limiter.reserve(op, one, 0ns).admitted());
    CHECK(limiter.reserve(limit_key{"acct-b", "SendLiveMessageGroup"}, one, 0ns).admitted());
    CHECK(limiter.reserve(limit_key{"acct-a", "SendLiveMessageUser"}, one, 0ns).admitted());
    // Length-prefixed names: "ab" + "c" and "a" + "bc" are not one account.
    CHECK(limiter.reserve(limit_key{"acct-", "aSendLiveMessageGroup"}, one, 0ns).admitted());
    CHECK_FALSE(limiter.reserve(op, one, 0ns).admitted());
}

TEST_CASE("redis rate limiter: counters and settings", "[redis][rate]") {
    livemsg_test::redis_server server;
    livemsg::redis::options o = exact();
    o.connections = 0;
    o.instances = 0;
    o.headroom = 7;
    rate_limiter limiter(server.url(), o);
    CHECK(limiter.settings().connections == 1);
    CHECK(limiter.settings().instances == 1);
    CHECK(limiter.settings().headroom == 1.0);
    CHECK(limiter.settings().timeout == 500ms);

    const call_rate ten{10};
    REQUIRE(limiter.reserve(key, ten, 0ns).admitted());
    REQUIRE(limiter.reserve(key, ten, 1s).admitted());
    REQUIRE_FALSE(limiter.reserve(key, ten, 0ns).admitted());
    const auto c = limiter.counters().read();
    CHECK(c.ok == 2);
    CHECK(c.over_limit == 1);
    CHECK(c.error == 0);
    CHECK(c.failure_mode_allowed == 0);
    CHECK(c.wait > 80ms);
    CHECK(c.wait <= 100ms);
}

TEST_CASE("redis rate limiter: AUTH with a password, and a database other than 0", "[redis][rate]") {
    livemsg_test::redis_server server({.tcp = true, .password = "right horse"});
    for (bool tcp : {false, true}) {
        livemsg::redis::server_url url = server.url(tcp);
        url.db = 3;
        rate_limiter limiter(url, exact());
        const reservation r = limiter.reserve(key, call_rate{10}, 1s);
        INFO(r.reason);
        CHECK(r.admitted());
        if (tcp)
            CHECK(r.wait > 50ms);  // the second, on TCP, waits for the first's slot to pass
        else
            CHECK(r.wait == 0ns);
    }
    // The decisions went to database 3, and both instances shared the one key there.
    redisContext* c = redisConnectUnixWithTimeout(server.socket_path().c_str(), timeval{1, 0});
    REQUIRE(c);
    REQUIRE(c->err == 0);
    auto* auth = static_cast<redisReply*>(redisCommand(c, "AUTH %s", "right horse"));
    REQUIRE(auth);
    freeReplyObject(auth);
    auto* select = static_cast<redisReply*>(redisCommand(c, "SELECT 3"));
    REQUIRE(select);
    freeReplyObject(select);
    auto* size = static_cast<redisReply*>(redisCommand(c, "DBSIZE"));
    REQUIRE(size);
    CHECK(size->integer == 1);
    freeReplyObject(size);
    redisFree(c);
}

}  // namespace redis_rate_limiter_test
