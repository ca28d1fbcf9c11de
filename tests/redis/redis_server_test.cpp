// SPDX-License-Identifier: BSL-1.0
// The fixture itself: it serves, it stops, it comes back empty.
#include "redis_server.hpp"

#include <catch2/catch.hpp>

#include <hiredis/hiredis.h>

#include <string>

namespace redis_server_test {

/// One command over a fresh connection to the fixture's socket; its string or integer answer.
std::string ask(const livemsg_test::redis_server& server, const char* command) {
    redisContext* c = redisConnectUnixWithTimeout(server.socket_path().c_str(), timeval{1, 0});
    if (!c) return "no context";
    std::string out = "connect failed";
    if (!c->err) {
        redisSetTimeout(c, timeval{1, 0});
        auto* reply = static_cast<redisReply*>(redisCommand(c, command));
        if (!reply) {
            out = "no reply";
        } else {
            out = reply->type == REDIS_REPLY_INTEGER ? std::to_string(reply->integer)
                  : reply->str                       ? std::string(reply->str, reply->len)
                                                     : "nil";
            freeReplyObject(reply);
        }
    }
    redisFree(c);
    return out;
}

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
