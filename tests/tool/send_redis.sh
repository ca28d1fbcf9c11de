#!/bin/bash
# SPDX-License-Identifier: BSL-1.0
# The limits of several processes shared through Redis, end to end: a redis-server of the test's
# own on a unix socket, `livemsg serve` with its rate limits on, and four `livemsg send --limits
# unix://...` processes at once, 60 SendLiveMessageGroup calls each for one account: every call is
# accepted and none throttled, where the same four without --limits draw Throttling.User. Then
# four processes offer ten new MsgTypes each to one group: the server is offered 30, all kept, and
# the other ten are refused before sending.
# usage: send_redis.sh LIVEMSG CURL REDIS_SERVER
set -u
tool=$1
curl=$2
redis_server=$3
work=$(mktemp -d /tmp/livemsg-send-redis-XXXXXX)
server=
redis=
senders=()
cleanup() {
    for pid in "${senders[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    if [ -n "$redis" ]; then kill -TERM "$redis" 2>/dev/null; wait "$redis" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/../harness/serve_helpers.sh"
count() { grep -o "$1" "${@:2}" | wc -l; }

# No TCP port: the socket in the test's directory only, nothing written to disk.
"$redis_server" --port 0 --unixsocket "$work/redis.sock" --unixsocketperm 700 --save '' --appendonly no \
    --dir "$work" --logfile "$work/redis.log" &
redis=$!
for _ in $(seq 100); do
    [ -S "$work/redis.sock" ] && break
    sleep 0.05
done
[ -S "$work/redis.sock" ] || fail "redis-server made no socket: $(cat "$work/redis.log")"

cat > "$work/credentials.json" <<'JSON'
{"alibaba":[{"access_key_id":"LTAI5tShared","access_key_secret":"shared-secret"},
            {"access_key_id":"LTAI5tControl","access_key_secret":"control-secret"}]}
JSON
clear_credentials
start_serve "$work/serve.out" - --credentials "$work/credentials.json" --keep 1000

for p in 1 2 3 4; do
    for i in $(seq 60); do
        echo "{\"AppId\":\"demo\",\"GroupId\":\"shared\",\"SenderId\":\"uid$p\",\"Body\":\"p${p}m$i\",\"MsgType\":1}"
    done > "$work/calls$p.json"
done

# four PREFIX ACCOUNT SECRET OPTIONS...: four senders at once, one input each; waits for them all.
four() {
    local prefix=$1 account=$2 secret=$3
    shift 3
    senders=()
    for p in 1 2 3 4; do
        "$tool" send alibaba.SendLiveMessageGroup "$work/$prefix$p.json" --endpoint "$endpoint" \
            --access-key-id "$account" --access-key-secret "$secret" "$@" > "$work/$prefix$p.out" 2> "$work/$prefix$p.err" &
        senders+=($!)
    done
    for pid in "${senders[@]}"; do wait "$pid"; done
    senders=()
}

started=$(date +%s%N)
four calls LTAI5tShared shared-secret --limits "unix://$work/redis.sock"
took_ms=$((($(date +%s%N) - started) / 1000000))
sent=$(count '"outcome":"sent"' "$work"/calls?.out)
throttled=$(count Throttling "$work"/calls?.out)
[ "$sent" = 240 ] || fail "shared limits: $sent of 240 sent; $(grep -hv '"sent"' "$work"/calls?.out | head -3) $(cat "$work"/calls?.err)"
[ "$throttled" = 0 ] || fail "shared limits: $throttled throttled"
# 240 calls at 45 per second between them: about 5.3 s.
[ "$took_ms" -ge 4800 ] || fail "240 calls at 45 per second took only $took_ms ms"
kept=$("$curl" -s -X DELETE "$endpoint/_livemsg/messages")
[ "$kept" = '{"cleared":240}' ] || fail "shared limits: the server kept $kept"

# The control: the same four, another account, no --limits.
for p in 1 2 3 4; do cp "$work/calls$p.json" "$work/control$p.json"; done
four control LTAI5tControl control-secret
control=$(count '"code":"Throttling.User"' "$work"/control?.out)
[ "$control" -ge 1 ] || fail "the control drew no Throttling.User"
"$curl" -s -X DELETE "$endpoint/_livemsg/messages" > /dev/null

# One group's types, shared: ten new ones from each of four processes, 30 admitted between them.
for p in 1 2 3 4; do
    for t in $(seq 10); do
        echo "{\"AppId\":\"demo\",\"GroupId\":\"types\",\"SenderId\":\"uid$p\",\"Body\":\"t\",\"MsgType\":$((p * 100 + t))}"
    done > "$work/types$p.json"
done
four types LTAI5tShared shared-secret --limits "unix://$work/redis.sock"
typed=$(count '"outcome":"sent"' "$work"/types?.out)
refused=$(count '"code":"too_many_msg_types"' "$work"/types?.out)
[ "$typed" = 30 ] && [ "$refused" = 10 ] || fail "shared types: $typed sent, $refused refused: $(cat "$work"/types?.out)"
[ "$(count ErrorTooManyMsgTypes "$work"/types?.out)" = 0 ] || fail "the server was offered a 31st type"
kept=$("$curl" -s -X DELETE "$endpoint/_livemsg/messages")
[ "$kept" = '{"cleared":30}' ] || fail "shared types: the server kept $kept"

kill -TERM "$server"
wait "$server" || fail "serve exited $? after SIGTERM"
server=
echo "send redis ok: 4 processes, 240 of 240 accepted in $took_ms ms with --limits unix://; without, $control throttled; 30 of 40 new types, across 4 processes"
