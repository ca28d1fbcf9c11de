// SPDX-License-Identifier: BSL-1.0
// Heap allocations per operation, counted by a replaced global operator new and reported as the
// counter allocs_per_op. Validate + serialize into warmed buffers must allocate nothing.
// Names: allocations/<operation>/<payload>/<writer>.
#include "serializers.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {
std::atomic<long> allocations{0};
}

void* operator new(std::size_t size) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
// Not inlined: GCC would otherwise see free() meet a pointer from operator new and warn.
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using bench::payload;

// Runs `step` once to warm its buffers, then reports the allocations of the timed iterations.
template <class Step>
void register_counted(const std::string& name, Step step) {
    benchmark::RegisterBenchmark(name.c_str(), [step](benchmark::State& state) mutable {
        step();
        const long before = allocations.load();
        for (auto _ : state) step();
        const long counted = allocations.load() - before;
        state.counters["allocs_per_op"] =
            static_cast<double>(counted) / static_cast<double>(state.iterations());
    });
}

template <class Op, class Write>
void register_operation(std::string_view operation, payload p, const Op& op, Write write) {
    const std::string prefix =
        "allocations/" + std::string(operation) + "/" + std::string(bench::payload_name(p)) + "/";
    register_counted(prefix + "livemsg", [op, write, out = std::make_shared<bench::livemsg_output>()] {
        benchmark::DoNotOptimize(write(op, *out));
    });
    register_counted(prefix + "rapidjson", [op, out = std::make_shared<bench::rapidjson_output>()] {
        benchmark::DoNotOptimize(bench::write_rapidjson(op, *out));
    });
    register_counted(prefix + "value_from", [op, out = std::string()]() mutable {
        bench::write_value_from(op, out);
        benchmark::DoNotOptimize(out.data());
    });
    register_counted(prefix + "nlohmann", [op, out = std::string()]() mutable {
        bench::write_nlohmann(op, out);
        benchmark::DoNotOptimize(out.data());
    });
}

const int registered = (bench::for_each_operation([](auto&&... args) { register_operation(args...); }), 0);

}  // namespace
