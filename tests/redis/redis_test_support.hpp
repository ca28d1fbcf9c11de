// SPDX-License-Identifier: BSL-1.0
// What the Redis tests share: a direct command to a fixture's server, to look at what the
// limiters left there, and a stopwatch.
#pragma once

#include "redis_server.hpp"

#include <hiredis/hiredis.h>

#include <chrono>
#include <string>

namespace livemsg_test {

/// One command over a fresh connection to the server's socket: its integer, string or status
/// answer as text, "nil", or what went wrong.
inline std::string ask(const redis_server& server, const char* format, const char* arg = nullptr) {
    redisContext* c = redisConnectUnixWithTimeout(server.socket_path().c_str(), timeval{1, 0});
    if (!c) return "no context";
    std::string out = "connect failed";
    if (!c->err) {
        redisSetTimeout(c, timeval{1, 0});
        auto* reply = static_cast<redisReply*>(arg ? redisCommand(c, format, arg) : redisCommand(c, format));
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

/// Milliseconds since the stopwatch was made.
struct stopwatch {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    double ms() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    }
};

}  // namespace livemsg_test
