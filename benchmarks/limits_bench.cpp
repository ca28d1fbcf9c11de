// SPDX-License-Identifier: BSL-1.0
// The in-process limits: one rate decision (a key seen before, one key or many, one thread or
// eight) and one message-type admission of a type the group has, beside what a send costs
// before it leaves (rendering and signing the same SendLiveMessageGroup), so that the table says
// what a decision adds to a send. The Redis decisions are in redis_bench.cpp.
#include <livemsg/alibaba/msg_type_budget.hpp>
#include <livemsg/alibaba/signature_v3.hpp>
#include <livemsg/livemsg.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

namespace {

using livemsg::alibaba::SendLiveMessageGroup;

const auto group_rate = livemsg::documented_rate<SendLiveMessageGroup>();

// One account's decisions, "now or not" (most are not_yet: the cost is the same either way).
void BM_local_one_key(benchmark::State& state) {
    static livemsg::local_rate_limiter limiter;
    const livemsg::limit_key key = livemsg::limit_key_for<SendLiveMessageGroup>("LTAI5tBenchAccount");
    for (auto _ : state) benchmark::DoNotOptimize(limiter.reserve(key, group_rate, std::chrono::nanoseconds(0)));
}
BENCHMARK(BM_local_one_key)->Name("limits/local_reserve/one_key")->Threads(1)->Threads(8)->UseRealTime();

// The same decision without reading the clock (reserve_at, for a caller that has read it): what
// the limiter itself costs.
void BM_local_one_key_given_time(benchmark::State& state) {
    livemsg::local_rate_limiter limiter;
    const livemsg::limit_key key = livemsg::limit_key_for<SendLiveMessageGroup>("LTAI5tBenchAccount");
    auto now = livemsg::local_rate_limiter::clock::now();
    for (auto _ : state) {
        benchmark::DoNotOptimize(limiter.reserve_at(key, group_rate, std::chrono::nanoseconds(0), now));
        now += std::chrono::microseconds(1);
    }
}
BENCHMARK(BM_local_one_key_given_time)->Name("limits/local_reserve_at/one_key")->UseRealTime();

// The clock read that reserve() adds.
void BM_steady_clock(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(std::chrono::steady_clock::now());
}
BENCHMARK(BM_steady_clock)->Name("limits/beside/steady_clock_now")->UseRealTime();

// 1,000 accounts in turn: the table's lookups miss the cache more often.
void BM_local_many_keys(benchmark::State& state) {
    static livemsg::local_rate_limiter limiter;
    std::vector<std::string> accounts;
    for (int i = 0; i < 1000; ++i) accounts.push_back("LTAI5tBench" + std::to_string(i) + "-" + std::to_string(state.thread_index()));
    std::size_t i = 0;
    for (auto _ : state) {
        const livemsg::limit_key key{accounts[i], "SendLiveMessageGroup"};
        benchmark::DoNotOptimize(limiter.reserve(key, group_rate, std::chrono::nanoseconds(0)));
        i = i + 1 == accounts.size() ? 0 : i + 1;
    }
}
BENCHMARK(BM_local_many_keys)->Name("limits/local_reserve/1000_keys")->Threads(1)->Threads(8)->UseRealTime();

// A type the group already uses: the answer of nearly every admission in a live room.
void BM_budget_known_type(benchmark::State& state) {
    livemsg::alibaba::msg_type_budget budget;
    if (!budget.admit("demo", "room-1024", 7).added) state.SkipWithError("the first admission did not add the type");
    for (auto _ : state) benchmark::DoNotOptimize(budget.admit("demo", "room-1024", 7));
}
BENCHMARK(BM_budget_known_type)->Name("limits/budget_admit/known_type");

// What the send itself costs before it leaves: render and sign (V3) the page's example.
void BM_render_and_sign(benchmark::State& state) {
    const SendLiveMessageGroup req{.AppId = "demo", .GroupId = "room-1024", .SenderId = "uid1",
                                   .Body = "hi 👋 nice stream!", .MsgType = 7, .MsgTid = "tid0001"};
    const livemsg::alibaba::credentials creds{"LTAI5tBenchAccount", livemsg::secret("bench-secret"), {}};
    const livemsg::alibaba::signing_options at{std::chrono::system_clock::time_point(std::chrono::seconds(1750000000)),
                                               std::string("nonce-1")};
    livemsg::http_request out;
    for (auto _ : state) {
        if (!livemsg::alibaba::render(req, out).empty() || !livemsg::alibaba::sign_v3(out, creds, at)) {
            state.SkipWithError("render or sign failed");
            break;
        }
        benchmark::DoNotOptimize(out.body.data());
    }
}
BENCHMARK(BM_render_and_sign)->Name("limits/beside/render_and_sign_v3");

}  // namespace
