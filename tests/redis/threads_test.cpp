// SPDX-License-Identifier: BSL-1.0
// One redis::rate_limiter and one redis::msg_type_budget shared by eight threads (more than the
// pool's four connections): what they decide together, and, under ThreadSanitizer, no race.
#include "redis_test_support.hpp"

#include <livemsg/redis/msg_type_budget.hpp>
#include <livemsg/redis/rate_limiter.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace redis_threads_test {

using namespace std::chrono_literals;

TEST_CASE("redis limiters: shared by eight threads", "[redis][threads]") {
    livemsg_test::redis_server server;
    livemsg::redis::options o;
    o.timeout = 1s;  // sanitizers are slow; this case is about sharing, not time limits
    livemsg::redis::rate_limiter limiter(server.url(), o);
    livemsg::redis::msg_type_budget budget(server.url(), o);
    constexpr int threads = 8, calls = 150;
    const livemsg::limit_key keys[] = {{"a", "Op"}, {"b", "Op"}};

    std::atomic<int> admitted{0}, added{0}, refused{0}, other{0};
    const livemsg_test::stopwatch w;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < calls; ++i) {
                const auto r = limiter.reserve(keys[i % 2], livemsg::call_rate{1}, 0ns);
                if (r.admitted()) ++admitted;
                else if (r.state != livemsg::reservation::status::not_yet) ++other;
                // 40 types offered for one group, in a different order by each thread.
                const auto a = budget.admit("app", "shared", (i * 7 + t * 13) % 40);
                if (a.empty()) {
                    if (a.added) ++added;
                } else if (a[0].code == livemsg::error_code::too_many_msg_types) {
                    ++refused;
                } else {
                    ++other;
                }
                if (i % 50 == 0) (void)budget.types_used("app", "shared");
            }
        });
    }
    for (std::thread& th : pool) th.join();
    const double seconds = w.ms() / 1000;

    CHECK(other == 0);
    // 1/s at 0.9: one slot per key every 1.11 s, the first at once.
    INFO("the threads took " << seconds << " s");
    CHECK(admitted >= 2);
    CHECK(admitted <= 2 * (1 + static_cast<int>(seconds / 1.11)));
    const auto c = limiter.counters().read();
    CHECK(c.ok + c.over_limit == threads * calls);
    CHECK(added == 30);
    CHECK(refused > 0);
    CHECK(budget.types_used("app", "shared") == 30u);
    CHECK(budget.counters().read().error == 0);
}

}  // namespace redis_threads_test
