#!/bin/bash
# SPDX-License-Identifier: BSL-1.0
# no_stray_processes catches what a test leaves running: a process started inside $(...), whose
# pid the test's cleanup never sees (serve_webhooks.sh's servers once), is reported, stopped and
# makes the run fail with 3; a test that fails keeps its own exit status; a clean one passes
# through untouched.
# usage: no_stray_processes_check.sh NO_STRAY_PROCESSES
set -u
harness=$1
work=$(mktemp -d /tmp/livemsg-strays-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The leak: the background sleep's parent, the $(...) subshell, exits at once.
leak='pid=$(sleep 30 > /dev/null 2>&1 & echo $!); echo "$pid" > "$1"; exit '
started=$SECONDS
out=$("$harness" bash -c "${leak}0" leak "$work/pid")
code=$?
[ "$code" = 3 ] || fail "a leaking command: exit $code, not 3: $out"
pid=$(cat "$work/pid")
# Named by its pid and command line (bash's own, when the fork has not yet run sleep).
case $out in *"stray process left running: $pid "*) ;; *) fail "the stray is not named: $out" ;; esac
case $out in *"stray processes: 1 left running by bash, stopped"*) ;; *) fail "no count: $out" ;; esac
kill -0 "$pid" 2>/dev/null && fail "the stray $pid still runs"
[ $((SECONDS - started)) -le 10 ] || fail "stopping the stray took $((SECONDS - started)) s"

out=$("$harness" bash -c "${leak}5" leak "$work/pid")
code=$?
[ "$code" = 5 ] || fail "a failing, leaking command: exit $code, not its own 5: $out"
kill -0 "$(cat "$work/pid")" 2>/dev/null && fail "the failing command's stray still runs"

out=$("$harness" bash -c 'sleep 0.1 & wait; echo clean; exit 7')
code=$?
[ "$code" = 7 ] && [ "$out" = clean ] || fail "a clean command: exit $code, output '$out'"
echo "harness ok: a stray reported, stopped and failed with 3; a failure's own status kept; a clean run untouched"
