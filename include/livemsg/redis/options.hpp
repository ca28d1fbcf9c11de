// SPDX-License-Identifier: BSL-1.0
// What the Redis-backed limiters are told: how long a decision may take, how many connections
// they keep, and what they do when Redis cannot decide.
#pragma once

#include <livemsg/core/call_limiter.hpp>

#include <chrono>
#include <cstddef>

namespace livemsg::redis {

/// When Redis cannot answer: `closed` refuses (nothing is sent that Redis has not admitted),
/// `open` decides in this process alone, on its share of the rate (`options::instances`).
enum class failure_mode { closed, open };

struct options {
    std::chrono::milliseconds timeout{50};  // connect and every call, in total
    std::size_t connections = 4;            // the pool
    double headroom = livemsg::default_headroom;
    failure_mode on_failure = failure_mode::closed;
    unsigned instances = 1;                 // fail open: this process admits rate / instances on its own
};

}  // namespace livemsg::redis
