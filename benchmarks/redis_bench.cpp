// SPDX-License-Identifier: BSL-1.0
// The Redis-backed limiters' decisions against a redis-server this program starts (the tests'
// fixture, tests/redis/redis_server.hpp) on a unix socket and on loopback TCP, stopped at exit.
//
//   redis/reserve/<unix|tcp>/real_time/threads:N   redis::rate_limiter::reserve, one key, a rate
//                                                  never reached: each call one EVALSHA
//   redis/admit/round_trip                         redis::msg_type_budget::admit of a known type
//                                                  that the cache has forgotten: one EVALSHA
//   redis/admit/cached                             the same type again: from the cache, no I/O
//   redis/bare_hiredis/evalsha/unix                the baseline: the same EVALSHA by hiredis's own
//                                                  blocking redisCommandArgv, no livemsg around it
//
// Counters: decisions_per_s (all threads together, by the wall clock); p50_us and p99_us of one
// decision, per thread and averaged over the threads.
#include "redis_server.hpp"

#include <livemsg/redis/msg_type_budget.hpp>
#include <livemsg/redis/rate_limiter.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

livemsg_test::redis_server& server() {
    static livemsg_test::redis_server s({.tcp = true});  // killed and reaped at exit
    return s;
}

/// The latencies of one thread's decisions, as counters.
void report(benchmark::State& state, std::vector<double>& us) {
    if (us.empty()) return;
    std::sort(us.begin(), us.end());
    const auto at = [&](double q) { return us[std::min(us.size() - 1, static_cast<std::size_t>(q * static_cast<double>(us.size())))]; };
    state.counters["p50_us"] = benchmark::Counter(at(0.50), benchmark::Counter::kAvgThreads);
    state.counters["p99_us"] = benchmark::Counter(at(0.99), benchmark::Counter::kAvgThreads);
    state.counters["decisions_per_s"] = benchmark::Counter(static_cast<double>(us.size()), benchmark::Counter::kIsRate);
}

template <class F>
void timed(benchmark::State& state, F&& decide) {
    std::vector<double> us;
    us.reserve(1 << 16);
    for (auto _ : state) {
        const auto t0 = clock_type::now();
        const bool ok = decide();
        us.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - t0).count());
        if (!ok) {
            state.SkipWithError("a decision failed");
            break;
        }
    }
    report(state, us);
}

std::unique_ptr<livemsg::redis::rate_limiter> unix_limiter, tcp_limiter;

void reserve(benchmark::State& state, bool tcp) {
    auto& limiter = tcp ? tcp_limiter : unix_limiter;
    if (state.thread_index() == 0 && !limiter) {
        livemsg::redis::options o;
        o.connections = 8;  // one per thread: the pool is not what is measured
        limiter = std::make_unique<livemsg::redis::rate_limiter>(server().url(tcp), o);
    }
    // Threads start together after thread 0's setup (Google Benchmark's barrier).
    const livemsg::limit_key key{"bench-account", "SendLiveMessageGroup"};
    const livemsg::call_rate rate{1'000'000};  // 2 µs apart: never waited for
    timed(state, [&] { return limiter->reserve(key, rate, std::chrono::nanoseconds(0)).admitted(); });
}

void BM_reserve_unix(benchmark::State& state) { reserve(state, false); }
void BM_reserve_tcp(benchmark::State& state) { reserve(state, true); }

void BM_admit_round_trip(benchmark::State& state) {
    // A cache of one group, two groups in turn: each admission finds the other in the cache and asks Redis.
    livemsg::redis::msg_type_budget budget(server().url(), {}, 1);
    if (!budget.admit("app", "a", 1).empty() || !budget.admit("app", "b", 1).empty()) state.SkipWithError("no Redis");
    bool which = false;
    timed(state, [&] {
        which = !which;
        return budget.admit("app", which ? "a" : "b", 1).empty();
    });
}

void BM_admit_cached(benchmark::State& state) {
    livemsg::redis::msg_type_budget budget(server().url());
    if (!budget.admit("app", "c", 1).empty()) state.SkipWithError("no Redis");
    timed(state, [&] { return budget.admit("app", "c", 1).empty(); });
}

void BM_bare_hiredis(benchmark::State& state) {
    redisContext* c = redisConnectUnixWithTimeout(server().socket_path().c_str(), timeval{1, 0});
    if (!c || c->err) {
        state.SkipWithError("no Redis");
        if (c) redisFree(c);
        return;
    }
    const std::string script(livemsg::redis::rate_script);
    auto* loaded = static_cast<redisReply*>(redisCommand(c, "SCRIPT LOAD %b", script.data(), script.size()));
    const std::string sha = loaded && loaded->type == REDIS_REPLY_STRING ? std::string(loaded->str, loaded->len) : "";
    if (loaded) freeReplyObject(loaded);
    const std::string key = livemsg::redis::rate_key({"bare-account", "SendLiveMessageGroup"});
    const char* argv[] = {"EVALSHA", sha.c_str(), "1", key.c_str(), "2", "0"};
    timed(state, [&] {
        auto* r = static_cast<redisReply*>(redisCommandArgv(c, 6, argv, nullptr));
        const bool ok = r && r->type == REDIS_REPLY_ARRAY && r->elements == 2;
        if (r) freeReplyObject(r);
        return ok;
    });
    redisFree(c);
}

}  // namespace

BENCHMARK(BM_reserve_unix)->Name("redis/reserve/unix")->UseRealTime()->Threads(1)->Threads(8);
BENCHMARK(BM_reserve_tcp)->Name("redis/reserve/tcp")->UseRealTime()->Threads(1)->Threads(8);
BENCHMARK(BM_admit_round_trip)->Name("redis/admit/round_trip")->UseRealTime();
BENCHMARK(BM_admit_cached)->Name("redis/admit/cached")->UseRealTime();
BENCHMARK(BM_bare_hiredis)->Name("redis/bare_hiredis/evalsha/unix")->UseRealTime();
