#!/usr/bin/env bash
# SPDX-License-Identifier: BSL-1.0
# Runs every fuzz target for a bounded time from its committed seeds, as many at once as there are
# processors (LIVEMSG_FUZZ_JOBS to say otherwise: each target runs on one); stops starting
# targets at the first crash, and fails.
# usage: fuzz/run.sh BUILD_DIR [SECONDS_EACH [TARGET...]]   (BUILD_DIR configured with -DLIVEMSG_BUILD_FUZZERS=ON)
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
shift $(($# < 2 ? $# : 2))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || for corpus in "$here"/corpus/*/; do targets+=("$(basename "$corpus")"); done
parallel=${LIVEMSG_FUZZ_JOBS:-$(nproc)}

# One target, its report printed in one piece when it ends, so that reports do not interleave.
fuzz_one() {
    local name=$1
    local corpus="$here/corpus/$name"
    local work="$build/fuzz/work/$name"   # new inputs go here, never into the committed seeds
    local log="$build/fuzz/$name.log"
    mkdir -p "$work"
    if ! "$build/fuzz/fuzz_$name" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$build/fuzz/crash-$name-" "$work" "$corpus" >"$log" 2>&1; then
        printf '== fuzz_%s, %s s\n%s\nfuzz_%s failed; the input is in %s\n' "$name" "$seconds" \
            "$(tail -n 60 "$log")" "$name" "$build/fuzz/crash-$name-*"
        return 1
    fi
    printf '== fuzz_%s, %s s\n%s\n' "$name" "$seconds" "$(grep -E '^stat::number_of_executed_units' "$log")"
}

failed=0
running=0
for name in "${targets[@]}"; do
    if [ "$running" -ge "$parallel" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
    [ "$failed" -eq 0 ] || break
    fuzz_one "$name" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
exit "$failed"
