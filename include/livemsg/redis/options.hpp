// SPDX-License-Identifier: BSL-1.0
// What the Redis-backed limiters are told: how long a decision may take, how many connections
// they keep, and what they do when Redis cannot decide.
#pragma once

#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/local_rate_limiter.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>

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

/// The options in force: a headroom out of (0, 1] taken as 1, zero connections or instances as
/// one, a timeout of at least 1 ms.
inline options normalized(options o) {
    if (!(o.headroom > 0 && o.headroom <= 1)) o.headroom = 1.0;
    o.connections = std::max<std::size_t>(o.connections, 1);
    o.instances = std::max(o.instances, 1u);
    o.timeout = std::max(o.timeout, std::chrono::milliseconds(1));
    return o;
}

namespace detail {

/// Failing open: the decision of this process's own limiter on its share of the rate
/// (rate / instances, at least 1 a second), marked as the fallback's, with why Redis did not decide.
inline reservation fallback_decision(local_rate_limiter& fallback, const limit_key& key, call_rate rate,
                                     std::chrono::nanoseconds max_wait, unsigned instances, const std::string& why) {
    const call_rate share{std::max(1u, rate.per_second / instances)};
    reservation r = fallback.reserve(key, share, max_wait);
    r.by_fallback = true;
    r.reason = "decided in this process on " + std::to_string(share.per_second) + "/s: " + why;
    return r;
}

}  // namespace detail

}  // namespace livemsg::redis
