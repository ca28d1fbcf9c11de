// SPDX-License-Identifier: BSL-1.0
// redis::connection_pool and redis::connection on their own, against a real redis-server: the
// wait for a busy pool, the strict reading of answers.
#include "redis_test_support.hpp"

#include <livemsg/redis/pool.hpp>
#include <livemsg/redis/scripts.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

namespace redis_pool_test {

using namespace std::chrono_literals;
using livemsg::redis::connection;
using livemsg::redis::connection_pool;
using livemsg::redis::integer_reply;

TEST_CASE("redis pool: a caller that finds every connection busy waits at most the timeout", "[redis][pool]") {
    livemsg_test::redis_server server;
    connection_pool pool(server.url(), 50ms, 1);
    const std::array<std::string_view, 2> scard{"SCARD", "nothing"};
    REQUIRE(pool.run([&](connection& c, auto deadline) { return c.command(scard, true, deadline); }).ok());

    std::thread holder([&] {
        (void)pool.run([&](connection& c, auto deadline) {
            integer_reply r = c.command(scard, true, deadline);
            std::this_thread::sleep_for(120ms);  // holds the only connection past the other's timeout
            return r;
        });
    });
    std::this_thread::sleep_for(20ms);
    const livemsg_test::stopwatch w;
    const integer_reply waited = pool.run([&](connection& c, auto deadline) { return c.command(scard, true, deadline); });
    const double ms = w.ms();
    holder.join();
    CHECK_FALSE(waited.ok());
    CHECK(waited.error.find("all 1 connections busy for 50 ms") != std::string::npos);
    CHECK(ms >= 49);
    CHECK(ms < 80);
    // Given back, the connection serves again.
    CHECK(pool.run([&](connection& c, auto deadline) { return c.command(scard, true, deadline); }).ok());
}

TEST_CASE("redis connection: answers of the wrong shape are errors, and close the connection", "[redis][pool]") {
    livemsg_test::redis_server server;
    connection c(server.url(), 500ms);
    const auto deadline = [] { return connection::clock::now() + 500ms; };
    REQUIRE(c.connect(deadline()).empty());
    REQUIRE(c.connected());
    CHECK_FALSE(c.proven());

    const std::array<std::string_view, 3> set{"SET", "text", "hello"};
    CHECK(c.command(set, false, deadline()).ok());
    CHECK(c.proven());
    // SET answers +OK, not an integer.
    const integer_reply not_integer = c.command(set, true, deadline());
    CHECK(not_integer.error.find("unexpected reply: a status (OK), not an integer") != std::string::npos);
    CHECK_FALSE(c.connected());

    // A script answering two integers read as one that answers three.
    REQUIRE(c.connect(deadline()).empty());
    const std::array<std::string_view, 1> keys{"livemsg:rate:{1:a}:Op"};
    const std::array<std::string_view, 2> args{"1000", "0"};
    const integer_reply two = c.eval(livemsg::redis::rate_script, keys, args, 2, deadline());
    REQUIRE(two.ok());
    CHECK(two.size == 2);
    CHECK(two[0] == 1);
    const integer_reply three = c.eval(livemsg::redis::rate_script, keys, args, 3, deadline());
    CHECK(three.error.find("unexpected reply: an array of 2, not an array of 3 integers") != std::string::npos);
    CHECK_FALSE(c.connected());

    // An error answer (a wrong type of key) is an error too, with Redis's words.
    REQUIRE(c.connect(deadline()).empty());
    const std::array<std::string_view, 2> scard{"SCARD", "text"};
    const integer_reply wrongtype = c.command(scard, true, deadline());
    CHECK(wrongtype.error.find("WRONGTYPE") != std::string::npos);
    CHECK(wrongtype.error.find("Redis at unix://" + server.socket_path()) == 0);
}

TEST_CASE("redis connection: with no time left, nothing is sent", "[redis][pool]") {
    livemsg_test::redis_server server;
    connection c(server.url(), 50ms);
    CHECK(c.connect(connection::clock::now() - 1ms).find("no time left to connect") != std::string::npos);
    CHECK_FALSE(c.connected());
    REQUIRE(c.connect(connection::clock::now() + 500ms).empty());
    const std::array<std::string_view, 2> incr{"INCR", "counted"};
    const integer_reply late = c.command(incr, true, connection::clock::now() - 1ms);
    CHECK(late.error.find("no time left to send") != std::string::npos);
    CHECK(c.connected());  // nothing was sent: the connection is still in step
    const std::array<std::string_view, 1> dbsize{"DBSIZE"};
    const integer_reply size = c.command(dbsize, true, connection::clock::now() + 500ms);
    REQUIRE(size.ok());
    CHECK(size[0] == 0);
}

}  // namespace redis_pool_test
