#!/usr/bin/env python3
# SPDX-License-Identifier: BSL-1.0
"""Prints the ratio tables of benchmarks/run from Google Benchmark JSON files, and the table of
the emulator under load (serve theme) when its file is among them.

Ratios are baseline time / livemsg time: above 1, livemsg is faster. With repetitions, the
medians are used."""
import json
import sys
from collections import defaultdict


# Rows by body size, the escape-heavy mixed text before the plain chat text of the same size.
PAYLOAD_ORDER = {"example": 0, "1KB": 1, "1KB-plain": 2, "max": 3, "max-plain": 4}


def load(paths):
    times, counters, context = {}, {}, None
    for path in paths:
        with open(path) as f:
            text = f.read()
        if not text.strip():  # a program whose benchmarks --benchmark_filter left out writes nothing
            continue
        data = json.loads(text)
        context = context or data["context"]
        for b in data["benchmarks"]:
            if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                continue
            name = b.get("run_name", b["name"])
            if b.get("error_occurred"):  # a failed run has no time; its message is the row
                counters.setdefault(name, b)
                continue
            times[name] = b["cpu_time"] * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
            counters[name] = b
    return times, counters, context or {}


def ns(t):
    return f"{t:,.0f}" if t >= 100 else f"{t:.1f}"


def serialize_table(times, counters):
    rows = defaultdict(dict)
    for name, t in times.items():
        parts = name.split("/")
        if parts[0] == "serialize":
            rows[(parts[1], parts[2])][parts[3]] = (t, counters[name])
    print("## Validate + serialize (ratio = baseline time / livemsg time; memcpy: livemsg / memcpy)\n")
    print("| operation | payload | wire bytes | livemsg ns | GB/s | vs RapidJSON (target ≥2) "
          "| vs value_from (≥5) | vs nlohmann (≥10) | × memcpy floor (≤4 on max) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    order = PAYLOAD_ORDER
    for (op, size) in sorted(rows, key=lambda k: (order.get(k[1], 9), k[0])):
        r = rows[(op, size)]
        t, c = r["livemsg"]
        wire = c.get("wire_bytes", 0)
        print(f"| {op} | {size} | {wire:,.0f} | {ns(t)} | {wire / t:.2f} | {r['rapidjson'][0] / t:.2f} "
              f"| {r['value_from'][0] / t:.2f} | {r['nlohmann'][0] / t:.2f} | {t / r['memcpy'][0]:.1f} |")
    print()


def parse_table(times):
    rows = defaultdict(dict)
    for name, t in times.items():
        parts = name.split("/")
        if parts[0] == "parse":
            rows[(parts[1], parts[2])][parts[3]] = t
    print("## Parse (ratio = baseline time / livemsg time)\n")
    print("| operation | answer | livemsg ns | boost parse + value_to ns | vs Boost (target ≥1.5) | vs nlohmann (≥5) |")
    print("|---|---|---:|---:|---:|---:|")
    for (op, outcome) in sorted(rows):
        r = rows[(op, outcome)]
        t = r["livemsg"]
        print(f"| {op} | {outcome} | {ns(t)} | {ns(r['boost_value_to'])} | {r['boost_value_to'] / t:.2f} "
              f"| {r['nlohmann'] / t:.2f} |")
    print()


def sign_table(times):
    rows = defaultdict(dict)
    for name, t in times.items():
        parts = name.split("/")
        if parts[0] == "sign":
            rows[(parts[1], parts[2])][parts[3]] = t
    print("## Signing (livemsg time without the request reset / bare OpenSSL time)\n")
    print("| scheme | payload | livemsg ns | reset ns | bare crypto ns | × bare crypto (target ≤1.3) "
          "| bare HMAC ns | × bare HMAC |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (scheme, size) in sorted(rows):
        r = rows[(scheme, size)]
        if "bare_crypto" not in r:
            print(f"| {scheme} | {size} | {ns(r['livemsg'])} | | | | | |")
            continue
        own = r["livemsg"] - r.get("reset", 0)
        print(f"| {scheme} | {size} | {ns(r['livemsg'])} | {ns(r.get('reset', 0))} | {ns(r['bare_crypto'])} "
              f"| {own / r['bare_crypto']:.2f} | {ns(r['bare_hmac'])} | {own / r['bare_hmac']:.2f} |")
    print()


def allocation_table(counters):
    rows = defaultdict(dict)
    for name, c in counters.items():
        parts = name.split("/")
        if parts[0] == "allocations":
            rows[(parts[1], parts[2])][parts[3]] = c.get("allocs_per_op", float("nan"))
    print("## Heap allocations per operation, warmed buffers (target: livemsg 0)\n")
    print("| operation | payload | livemsg | RapidJSON | value_from | nlohmann |")
    print("|---|---|---:|---:|---:|---:|")
    order = PAYLOAD_ORDER
    for (op, size) in sorted(rows, key=lambda k: (order.get(k[1], 9), k[0])):
        r = rows[(op, size)]
        print(f"| {op} | {size} | {r['livemsg']:g} | {r['rapidjson']:g} | {r['value_from']:g} | {r['nlohmann']:g} |")
    print()


def serve_table(counters):
    """The emulator under load: one row per client count, its counters (medians with repetitions)."""
    rows = {}
    for name, c in counters.items():
        parts = name.split("/")
        if parts[0] == "serve":
            clients = next((int(p.split(":")[1]) for p in parts if p.startswith("clients:")), 0)
            rows[clients] = c
    if not rows:
        return
    print("## `livemsg serve` under load: keep-alive clients on loopback (lost = accepted - recorded)\n")
    print("| clients | requests | req/s | p50 µs | p99 µs | lost | RSS before MiB | RSS after MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for clients in sorted(rows):
        c = rows[clients]
        if c.get("error_occurred"):
            print(f"| {clients} | failed: {c.get('error_message', '?')} | | | | | | |")
            continue
        print(f"| {clients} | {c.get('requests', 0):,.0f} | {c.get('req_per_s', 0):,.0f} | {c.get('p50_us', 0):,.0f} "
              f"| {c.get('p99_us', 0):,.0f} | {c.get('lost', 0):g} | {c.get('rss_before_MiB', 0):.1f} "
              f"| {c.get('rss_after_MiB', 0):.1f} |")
    print()


def limits_table(times, counters):
    """The in-process limits' decisions (limits/...): real time per call."""
    rows = [(name, t) for name, t in times.items() if name.split("/")[0] == "limits"]
    if not rows:
        return
    print("## Limits: one decision, beside what a send costs before it leaves (real time per call)\n")
    print("| case | ns per call |")
    print("|---|---:|")
    for name, t in sorted(rows):
        c = counters[name]
        real = c.get("real_time", t) * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[c.get("time_unit", "ns")]
        print(f"| {name} | {ns(real)} |")
    print()


def redis_table(counters):
    """The Redis-backed limiters' decisions: one row per benchmark, its counters."""
    rows = {name: c for name, c in counters.items() if name.startswith("redis/")}
    if not rows:
        return
    print("## Redis-backed decisions (a redis-server on this machine; p50 and p99 per thread, averaged)\n")
    print("| decision | decisions/s | p50 µs | p99 µs |")
    print("|---|---:|---:|---:|")
    for name in sorted(rows):
        c = rows[name]
        if c.get("error_occurred"):
            print(f"| {name} | failed: {c.get('error_message', '?')} | | |")
            continue
        print(f"| {name} | {c.get('decisions_per_s', 0):,.0f} | {c.get('p50_us', 0):.1f} | {c.get('p99_us', 0):.1f} |")
    print()


def main(paths):
    times, counters, context = load(paths)
    print(f"Machine: {context.get('host_name', '?')}, {context.get('num_cpus', '?')} CPUs at "
          f"{context.get('mhz_per_cpu', '?')} MHz; library build: {context.get('library_build_type', '?')}\n")
    serialize_table(times, counters)
    parse_table(times)
    sign_table(times)
    allocation_table(counters)
    serve_table(counters)
    limits_table(times, counters)
    redis_table(counters)


if __name__ == "__main__":
    main(sys.argv[1:])
