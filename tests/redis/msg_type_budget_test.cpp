// SPDX-License-Identifier: BSL-1.0
// redis::msg_type_budget against a real redis-server: the contract of alibaba::msg_type_budget,
// shared through Redis, with its cache of known types.
#include "redis_test_support.hpp"

#include <livemsg/redis/msg_type_budget.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

namespace redis_msg_type_budget_test {

using namespace std::chrono_literals;
using livemsg::error_code;
using livemsg::redis::msg_type_budget;

livemsg::redis::options generous() {
    livemsg::redis::options o;
    o.timeout = 500ms;
    return o;
}

TEST_CASE("redis budget: 30 types per group, the 31st refused on MsgType", "[redis][budget]") {
    livemsg_test::redis_server server;
    msg_type_budget budget(server.url(), generous());
    for (int t = 1; t <= 30; ++t) {
        const auto a = budget.admit("app", "g1", t);
        INFO(t);
        REQUIRE(a.empty());
        CHECK(a.added);
    }
    CHECK(budget.types_used("app", "g1") == 30u);
    CHECK(livemsg_test::ask(server, "SCARD %s", livemsg::redis::types_key("app", "g1").c_str()) == "30");

    const auto refused = budget.admit("app", "g1", 31);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].field == "MsgType");
    CHECK(refused[0].code == error_code::too_many_msg_types);
    CHECK(refused[0].limit == 30);
    CHECK(refused[0].message == "group already uses 30 message types; 31 would be one more than the 30 allowed");
    CHECK_FALSE(refused.added);

    // A type the group has stays admitted, and is not added again; another group is its own.
    const auto again = budget.admit("app", "g1", 7);
    CHECK(again.empty());
    CHECK_FALSE(again.added);
    CHECK(budget.admit("app", "g2", 31).added);
    CHECK(budget.admit("ap", "pg1", 31).added);  // length-prefixed: not the group "app" + "g1"

    const auto c = budget.counters().read();
    CHECK(c.ok == 33);
    CHECK(c.over_limit == 1);
    CHECK(c.error == 0);
}

TEST_CASE("redis budget: a type admitted before is admitted from the cache, without Redis", "[redis][budget]") {
    livemsg_test::redis_server server;
    msg_type_budget budget(server.url(), generous());
    REQUIRE(budget.admit("app", "g", 5).added);
    CHECK(budget.cached_groups() == 1);
    server.stop();
    const auto cached = budget.admit("app", "g", 5);
    CHECK(cached.empty());
    CHECK_FALSE(cached.added);
    // A type not in the cache needs Redis, which is gone: fail closed.
    const auto unknown = budget.admit("app", "g", 6);
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].code == error_code::limiter_unavailable);
    CHECK(unknown[0].field == "MsgType");
    CHECK(budget.types_used("app", "g") == std::nullopt);
}

TEST_CASE("redis budget: another process's types count, and the cache is bounded", "[redis][budget]") {
    livemsg_test::redis_server server;
    msg_type_budget first(server.url(), generous());
    msg_type_budget second(server.url(), generous(), 4);
    for (int t = 1; t <= 20; ++t) REQUIRE(first.admit("app", "shared", t).empty());
    for (int t = 101; t <= 110; ++t) REQUIRE(second.admit("app", "shared", t).added);
    CHECK_FALSE(second.admit("app", "shared", 111).empty());
    CHECK_FALSE(first.admit("app", "shared", 112).empty());
    // A type the other one added is admitted, not added.
    const auto seen = first.admit("app", "shared", 105);
    CHECK(seen.empty());
    CHECK_FALSE(seen.added);

    for (int g = 0; g < 40; ++g) REQUIRE(second.admit("app", "group-" + std::to_string(g), 1).empty());
    CHECK(second.cached_groups() <= 4);
}

TEST_CASE("redis budget: release gives back an added type, mark_full and forget", "[redis][budget]") {
    livemsg_test::redis_server server;
    msg_type_budget budget(server.url(), generous());
    for (int t = 1; t <= 30; ++t) REQUIRE(budget.admit("app", "g", t).empty());
    CHECK_FALSE(budget.admit("app", "g", 99).empty());
    CHECK(budget.release("app", "g", 30).empty());
    CHECK(budget.types_used("app", "g") == 29u);
    const auto now_fits = budget.admit("app", "g", 99);
    CHECK(now_fits.empty());
    CHECK(now_fits.added);
    // Released from the cache too: 30 is new again, and the group is full.
    CHECK_FALSE(budget.admit("app", "g", 30).empty());

    // The server refused another type: only the types known are admitted, even under 30.
    REQUIRE(budget.admit("app", "h", 1).empty());
    CHECK(budget.mark_full("app", "h").empty());
    CHECK(livemsg_test::ask(server, "EXISTS %s", livemsg::redis::types_full_key("app", "h").c_str()) == "1");
    const auto refused = budget.admit("app", "h", 2);
    REQUIRE(refused.size() == 1);
    CHECK(refused[0].message == "group already uses 1 message types and the server refused another; 2 would be one more than the 30 allowed");
    CHECK(budget.admit("app", "h", 1).empty());

    CHECK(budget.forget("app", "h").empty());
    CHECK(livemsg_test::ask(server, "EXISTS %s", livemsg::redis::types_full_key("app", "h").c_str()) == "0");
    CHECK(budget.types_used("app", "h") == 0u);
    CHECK(budget.admit("app", "h", 2).added);
}

TEST_CASE("redis budget: requests, with and without MsgType", "[redis][budget]") {
    livemsg_test::redis_server server;
    msg_type_budget budget(server.url(), generous());
    livemsg::alibaba::SendLiveMessageGroup req{.AppId = "app-1", .GroupId = "room-1", .SenderId = "uid1", .Body = "hi"};
    const auto none = budget.admit(req);
    CHECK(none.empty());
    CHECK_FALSE(none.added);
    CHECK(budget.types_used("app-1", "room-1") == 0u);
    req.MsgType = 10001;
    CHECK(budget.admit(req).added);
    CHECK(budget.types_used("app-1", "room-1") == 1u);
    CHECK(budget.release(req).empty());
    CHECK(budget.types_used("app-1", "room-1") == 0u);
}

}  // namespace redis_msg_type_budget_test
