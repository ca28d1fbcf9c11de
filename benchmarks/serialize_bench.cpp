// SPDX-License-Identifier: BSL-1.0
// Validate + serialize, for each operation at three sizes, against the baselines on the same
// data. Names: serialize/<operation>/<payload>/<writer>.
#include "serializers.hpp"

#include <benchmark/benchmark.h>

#include <cstring>
#include <string>

namespace {

using bench::payload;

void count_bytes(benchmark::State& state, std::size_t wire_bytes) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire_bytes));
    state.counters["wire_bytes"] = static_cast<double>(wire_bytes);
}

// Registers the five writers of one request. `write` renders with livemsg.
template <class Op, class Write>
void register_operation(std::string_view operation, payload p, const Op& op, Write write) {
    const std::string prefix = "serialize/" + std::string(operation) + "/" + std::string(bench::payload_name(p)) + "/";
    bench::livemsg_output sample;
    const std::size_t wire_bytes = write(op, sample);

    benchmark::RegisterBenchmark((prefix + "livemsg").c_str(), [op, write, wire_bytes](benchmark::State& state) {
        bench::livemsg_output out;
        for (auto _ : state) {
            benchmark::DoNotOptimize(write(op, out));
            benchmark::ClobberMemory();
        }
        count_bytes(state, wire_bytes);
    });
    benchmark::RegisterBenchmark((prefix + "rapidjson").c_str(), [op, wire_bytes](benchmark::State& state) {
        bench::rapidjson_output out;
        for (auto _ : state) {
            benchmark::DoNotOptimize(bench::write_rapidjson(op, out));
            benchmark::ClobberMemory();
        }
        count_bytes(state, wire_bytes);
    });
    benchmark::RegisterBenchmark((prefix + "value_from").c_str(), [op, wire_bytes](benchmark::State& state) {
        std::string out;
        for (auto _ : state) {
            bench::write_value_from(op, out);
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
        }
        count_bytes(state, wire_bytes);
    });
    benchmark::RegisterBenchmark((prefix + "nlohmann").c_str(), [op, wire_bytes](benchmark::State& state) {
        std::string out;
        for (auto _ : state) {
            bench::write_nlohmann(op, out);
            benchmark::DoNotOptimize(out.data());
            benchmark::ClobberMemory();
        }
        count_bytes(state, wire_bytes);
    });
    benchmark::RegisterBenchmark((prefix + "memcpy").c_str(), [floor = bench::memcpy_floor(sample)](
                                                                  benchmark::State& state) mutable {
        for (auto _ : state) {
            benchmark::DoNotOptimize(floor.source.data());
            std::memcpy(floor.out.data(), floor.source.data(), floor.source.size());
            benchmark::DoNotOptimize(floor.out.data());
            benchmark::ClobberMemory();
        }
        count_bytes(state, floor.source.size());
    });
}

const int registered = (bench::for_each_operation([](auto&&... args) { register_operation(args...); }), 0);

}  // namespace
