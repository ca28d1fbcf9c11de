// SPDX-License-Identifier: BSL-1.0
// redis::rate_limiter: the call_limiter of every instance of a service, one Redis between them.
// Each decision is one EVALSHA of rate_script (redis/scripts.hpp): GCRA without a burst, on the
// server's clock, atomic on the server, so that instances on several machines admit no more
// than the rate together whatever their clocks say.
//
// A decision takes at most options::timeout (connection_pool). When Redis cannot decide, the
// limiter fails closed (unavailable, with the reason) or open: an in-process local_rate_limiter
// decides on this instance's share of the rate, rate / instances, so that the instances together
// still stay within the rate while Redis is away. Either way the failure is counted as an error.
#pragma once

#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/local_rate_limiter.hpp>
#include <livemsg/redis/options.hpp>
#include <livemsg/redis/pool.hpp>
#include <livemsg/redis/scripts.hpp>
#include <livemsg/redis/url.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::redis {

class rate_limiter {
public:
    /// Makes no connection: the first reserve() does, so an unreachable server throws nothing here.
    explicit rate_limiter(server_url url, options opts = {})
        : opts_(normalized(opts)), pool_(std::move(url), opts_.timeout, opts_.connections), fallback_(opts_.headroom) {}

    rate_limiter(const rate_limiter&) = delete;
    rate_limiter& operator=(const rate_limiter&) = delete;

    reservation reserve(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait) {
        if (!rate.limited()) return counted(reservation::admit());
        const std::string redis_key = rate_key(key);
        const detail::decimal interval(to_microseconds(rate.interval(opts_.headroom)));
        // Rounded down: a wait the caller did not accept is never handed out.
        const detail::decimal wait_us(std::max<long long>(0, std::chrono::duration_cast<std::chrono::microseconds>(max_wait).count()));
        const std::array<std::string_view, 1> keys{redis_key};
        const std::array<std::string_view, 2> args{interval.view(), wait_us.view()};
        integer_reply r = pool_.run([&](connection& c, connection::clock::time_point deadline) {
            return c.eval(rate_script, keys, args, 2, deadline);
        });
        if (r.ok() && (r[0] == 0 || r[0] == 1) && r[1] >= 0) {
            const auto wait = std::chrono::microseconds(r[1]);
            return counted(r[0] == 1 ? reservation::admit(wait) : reservation::later(wait));
        }
        if (r.ok()) r.error = "Redis answered the rate script with {" + std::to_string(r[0]) + ", " + std::to_string(r[1]) + "}";
        return failed(key, rate, max_wait, std::move(r.error));
    }

    const limiter_counters& counters() const noexcept { return counters_; }
    /// The options in force: a headroom out of (0, 1] taken as 1, zero connections or instances as one.
    const options& settings() const noexcept { return opts_; }

private:

    reservation counted(reservation r) {
        counters_.count(r);
        return r;
    }

    reservation failed(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait, std::string why) {
        if (opts_.on_failure == failure_mode::closed) return counted(reservation::unavailable(std::move(why)));
        counters_.error.fetch_add(1, std::memory_order_relaxed);
        return counted(detail::fallback_decision(fallback_, key, rate, max_wait, opts_.instances, why));
    }

    options opts_;
    connection_pool pool_;
    local_rate_limiter fallback_;
    limiter_counters counters_;
};

static_assert(call_limiter<rate_limiter>);

}  // namespace livemsg::redis
