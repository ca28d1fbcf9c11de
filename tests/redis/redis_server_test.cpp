// SPDX-License-Identifier: BSL-1.0
// The fixture itself: it serves, it stops, it comes back empty.
#include "redis_test_support.hpp"

#include <catch2/catch.hpp>

namespace redis_server_test {

using livemsg_test::ask;

TEST_CASE("redis fixture: serves on its socket, restarts empty, stops", "[redis][fixture]") {
    livemsg_test::redis_server server;
    REQUIRE(server.running());
    CHECK(ask(server, "PING") == "PONG");
    CHECK(ask(server, "INCR livemsg:test") == "1");
    server.restart();
    CHECK(ask(server, "GET livemsg:test") == "nil");
    server.stop();
    CHECK_FALSE(server.running());
    CHECK(ask(server, "PING") == "connect failed");
}

TEST_CASE("redis fixture: a loopback port picked by the system, and a password", "[redis][fixture]") {
    livemsg_test::redis_server server({.tcp = true, .password = "fixture-pass"});
    CHECK(server.port() != 0);
    CHECK(ask(server, "PING").starts_with("NOAUTH"));
    CHECK(server.url(true).host == "127.0.0.1");
    CHECK(server.url(true).port == server.port());
    CHECK(server.url().password == "fixture-pass");
}

}  // namespace redis_server_test
