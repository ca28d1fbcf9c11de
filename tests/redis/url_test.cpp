// SPDX-License-Identifier: BSL-1.0
#include <livemsg/redis/url.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace redis_url_test {

using livemsg::redis::parse_url;

TEST_CASE("redis URLs: TCP with a user, a password, a port and a database", "[redis][url]") {
    const auto u = parse_url("redis://alice:s%40cret@cache.internal:6380/3");
    REQUIRE(u);
    CHECK(u->host == "cache.internal");
    CHECK(u->port == 6380);
    CHECK(u->user == "alice");
    CHECK(u->password == "s@cret");
    CHECK(u->db == 3);
    CHECK_FALSE(u->is_unix());
    CHECK(u->redacted() == "redis://alice:***@cache.internal:6380/3");
}

TEST_CASE("redis URLs: the defaults, a password alone, IPv6", "[redis][url]") {
    const auto plain = parse_url("redis://127.0.0.1");
    REQUIRE(plain);
    CHECK(plain->port == 6379);
    CHECK(plain->db == 0);
    CHECK(plain->password.empty());
    CHECK(plain->redacted() == "redis://127.0.0.1:6379");

    const auto pass = parse_url("redis://:hunter2@localhost/");
    REQUIRE(pass);
    CHECK(pass->user.empty());
    CHECK(pass->password == "hunter2");
    CHECK(pass->redacted().find("hunter2") == std::string::npos);

    const auto v6 = parse_url("redis://[::1]:7000");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 7000);
    CHECK(v6->redacted() == "redis://[::1]:7000");
}

TEST_CASE("redis URLs: unix sockets", "[redis][url]") {
    const auto u = parse_url("unix:///run/redis/redis.sock?db=2");
    REQUIRE(u);
    CHECK(u->is_unix());
    CHECK(u->socket_path == "/run/redis/redis.sock");
    CHECK(u->db == 2);
    CHECK(u->redacted() == "unix:///run/redis/redis.sock?db=2");
}

TEST_CASE("redis URLs: what is refused, and why", "[redis][url]") {
    const char* bad[] = {
        "",                          // no scheme
        "http://host",               // another scheme
        "redis://",                  // no host
        "redis://host:0",            // port 0
        "redis://host:65536",        // too large
        "redis://host:6379x",        // not a number
        "redis://host/-1",           // negative database
        "redis://host/db",           // not a number
        "redis://user@host",         // a user without the colon before a password
        "redis://:bad%zzpass@host",  // a malformed escape
        "redis://[::1",              // no ]
        "redis://host name",         // a space
        "unix://relative.sock",      // not absolute
        "unix:///x.sock?timeout=1",  // another query
    };
    for (const char* url : bad) {
        std::string why;
        INFO(url);
        CHECK_FALSE(parse_url(url, &why));
        CHECK_FALSE(why.empty());
    }
}

TEST_CASE("redis URLs: the password is never in redacted(), whatever it holds", "[redis][url]") {
    for (const char* url : {"redis://u:p4ss@h:1", "redis://:%2Fsl%3Ash@h", "redis://admin:admin@admin:6379/1"}) {
        const auto u = parse_url(url);
        REQUIRE(u);
        INFO(url);
        CHECK(u->redacted().find(":" + u->password + "@") == std::string::npos);
        CHECK(u->redacted().find("***") != std::string::npos);
    }
}

}  // namespace redis_url_test
