#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Runs every fuzz target for a bounded time from its committed seeds; stops at the first crash.
# usage: fuzz/run.sh BUILD_DIR [SECONDS_EACH [TARGET...]]   (BUILD_DIR configured with -DLIVEMSG_BUILD_FUZZERS=ON)
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
shift $(($# < 2 ? $# : 2))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || for corpus in "$here"/corpus/*/; do targets+=("$(basename "$corpus")"); done
for name in "${targets[@]}"; do
    corpus="$here/corpus/$name"
    work="$build/fuzz/work/$name"   # new inputs go here, never into the committed seeds
    log="$build/fuzz/$name.log"
    mkdir -p "$work"
    echo "== fuzz_$name, ${seconds} s"
    if ! "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$build/fuzz/crash-$name-" "$work" "$corpus" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz_$name failed; the input is in $build/fuzz/crash-$name-*"
        exit 1
    fi
    grep -E '^stat::number_of_executed_units' "$log"
done
