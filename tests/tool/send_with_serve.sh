#!/bin/bash
# SPDX-License-Identifier: BSL-1.0
# `livemsg send` to `livemsg serve` on a free port (rate limits on), which checks every signature
# and keeps what it accepts: one request per vendor sent; several JSON texts sent and kept in
# order; an invalid request refused with nothing sent; a vendor's refusal printed as parse prints
# it; requests piped in sent as they come; with --limits local, 60 SendLiveMessageGroup calls all
# accepted where the same without --limits draws Throttling.User, and a group's 31st MsgType
# refused before sending; a Redis --limits that cannot be reached sends nothing (fail closed) or
# sends anyway (fail open), or, in a build without Redis, is refused as a usage error.
# usage: send_with_serve.sh LIVEMSG CURL with-redis|without-redis
set -u
tool=$1
curl=$2
redis=$3
work=$(mktemp -d /tmp/livemsg-send-XXXXXX)
server=
cleanup() {
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$work/err" ] && cat "$work/err"; exit 1; }
. "$(dirname "$0")/../harness/serve_helpers.sh"
expect() {  # expect TEXT PATTERN WHAT
    case $1 in *$2*) ;; *) fail "$3: expected $2 in $1" ;; esac
}

# One Alibaba account per check that counts calls, so that no check spends another's second.
cat > "$work/credentials.json" <<'JSON'
{"alibaba":[{"access_key_id":"LTAI5tServe","access_key_secret":"alibaba-secret"},
            {"access_key_id":"LTAI5tPaced","access_key_secret":"paced-secret"},
            {"access_key_id":"LTAI5tControl","access_key_secret":"control-secret"},
            {"access_key_id":"LTAI5tTypes","access_key_secret":"types-secret"}],
 "volcengine":[{"access_key_id":"AKLTServe","secret_access_key":"volcengine-secret"}],
 "tencent":[{"sdkappid":1400000000,"secret_key":"tencent-secret-key","identifier":"administrator"}]}
JSON

clear_credentials

start_serve "$work/out" "$work/err" --credentials "$work/credentials.json" --keep 1000
echo "server at $endpoint"

alibaba() { echo --access-key-id "LTAI5t$1" --access-key-secret "$2"; }
volcengine=(--access-key-id AKLTServe --access-key-secret volcengine-secret)
tencent=(--sdkappid 1400000000 --identifier administrator --secret-key tencent-secret-key)

# send OP FILE EXPECTED_EXIT OPTIONS...: sends FILE's requests to the server; prints the lines.
send() {
    local op=$1 file=$2 expected=$3
    shift 3
    "$tool" send "$op" "$file" --endpoint "$endpoint" "$@" > "$work/lines" 2> "$work/err"
    local code=$?
    [ "$code" = "$expected" ] || fail "send $op $*: exit $code, not $expected: $(cat "$work/lines")"
    cat "$work/lines"
}
# The messages the server kept since the last call, as JSON; the list is then cleared.
kept() {
    "$curl" -s "$endpoint/_livemsg/messages"
    "$curl" -s -X DELETE "$endpoint/_livemsg/messages" > /dev/null
}
count() { grep -o "$1" <<< "$2" | wc -l; }

# One request per vendor.
echo '{"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":"to a user"}' > "$work/user.json"
echo '{"AppId":"demo","GroupId":"g1","SenderId":"uid1","Body":"to a group","MsgType":1}' > "$work/group.json"
echo '{"AppId":"demo","GroupId":"g1","OperatorUserId":"op1","Type":12000,"Data":"{\"text\":\"hi\"}"}' > "$work/to_group.json"
echo '{"RoomId":"room1","Sender_Account":"user1","TextContent":"to a room"}' > "$work/room.json"
echo '{"AppId":666675,"Sender":10008,"ConversationShortId":7221856821303361536,"MsgType":10013,"Content":"{}","ReceiverUserId":[10001]}' \
    > "$work/p2p.json"
expect "$(send alibaba.SendLiveMessageUser "$work/user.json" 0 $(alibaba Serve alibaba-secret))" '{"outcome":"sent","RequestId":' \
    "SendLiveMessageUser"
expect "$(send alibaba.SendLiveMessageUser "$work/user.json" 0 $(alibaba Serve alibaba-secret) --signature-version v1)" \
    '"outcome":"sent"' "SendLiveMessageUser, V1"
expect "$(send alibaba.SendLiveMessageGroup "$work/group.json" 0 $(alibaba Serve alibaba-secret))" '"outcome":"sent"' \
    "SendLiveMessageGroup"
expect "$(send alibaba.SendMessageToGroup "$work/to_group.json" 0 $(alibaba Serve alibaba-secret))" \
    '"Result":{"MessageId":' "SendMessageToGroup"
expect "$(send tencent.send_text_msg "$work/room.json" 0 "${tencent[@]}")" '"outcome":"sent","ActionStatus":"OK"' "send_text_msg"
expect "$(send volcengine.P2PSendMessage "$work/p2p.json" 0 "${volcengine[@]}")" '"P2PResult":[{"UserId":10001,"Code":"SUCCESS"' \
    "P2PSendMessage"
messages=$(kept)
[ "$(count '"vendor":' "$messages")" = 6 ] || fail "expected 6 kept messages: $messages"
expect "$messages" '"operation":"SendLiveMessageUser"' "kept"
expect "$messages" '"TextContent":"to a room"' "kept"
expect "$messages" '"Content":"{}"' "kept"

# Several JSON texts, in JSON lines and pretty-printed, sent in order and kept in order.
{
    for body in one two three; do echo "{\"AppId\":\"demo\",\"ReceiverId\":\"uid2\",\"SenderId\":\"uid1\",\"Body\":\"$body\"}"; done
    printf '{\n  "AppId": "demo",\n  "ReceiverId": "uid2",\n  "SenderId": "uid1",\n  "Body": "four"\n}\n'
} > "$work/several.json"
lines=$(send alibaba.SendLiveMessageUser "$work/several.json" 0 $(alibaba Serve alibaba-secret))
[ "$(count '"outcome":"sent"' "$lines")" = 4 ] || fail "several: $lines"
bodies=$(kept | grep -o '"Body":"[a-z]*"' | tr '\n' ' ')
[ "$bodies" = '"Body":"one" "Body":"two" "Body":"three" "Body":"four" ' ] || fail "kept out of order: $bodies"

# An invalid request is refused and not sent; the others are; the exit code is the last one's.
{
    echo '{"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":"valid"}'
    echo '{"AppId":"demo","ReceiverId":"uid-2","SenderId":"uid1","Body":"invalid"}'
} > "$work/mixed.json"
lines=$(send alibaba.SendLiveMessageUser "$work/mixed.json" 1 $(alibaba Serve alibaba-secret))
expect "$(sed -n 1p <<< "$lines")" '"outcome":"sent"' "mixed, first"
expect "$(sed -n 2p <<< "$lines")" '{"errors":[{"field":"ReceiverId","code":"not_alphanumeric",' "mixed, second"
expect "$(sed -n 2p <<< "$lines")" '"outcome":"refused"}' "mixed, second"
messages=$(kept)
[ "$(count '"vendor":' "$messages")" = 1 ] || fail "an invalid request was sent: $messages"

# The vendor's refusal, as parse prints it, with its exit code.
lines=$(send alibaba.SendLiveMessageUser "$work/user.json" 4 $(alibaba Serve wrong-secret))
expect "$lines" '"outcome":"error","http_status":400,"code":"SignatureDoesNotMatch"' "wrong secret"
expect "$(send tencent.send_text_msg "$work/room.json" 4 --sdkappid 1400000000 --identifier administrator --secret-key other)" \
    '"code":70009' "Tencent, a UserSig of another key"
[ "$(kept)" = "[]" ] || fail "a refused request was kept"

# Piped in: each request is sent as it comes, before the next is written.
mkfifo "$work/requests" "$work/answers"
"$tool" send alibaba.SendLiveMessageUser --endpoint "$endpoint" $(alibaba Serve alibaba-secret) \
    < "$work/requests" > "$work/answers" 2> "$work/err" &
sender=$!
exec 3> "$work/requests" 4< "$work/answers"
echo '{"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":"first"}' >&3
read -r -t 10 first <&4 || fail "no answer to the first request while the pipe stays open"
expect "$first" '"outcome":"sent"' "piped, first"
[ "$(count '"Body":"first"' "$("$curl" -s "$endpoint/_livemsg/messages")")" = 1 ] || fail "the first was not kept yet"
echo '{"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":"second"}' >&3
exec 3>&-
read -r -t 10 second <&4 || fail "no answer to the second request"
expect "$second" '"outcome":"sent"' "piped, second"
exec 4<&-
wait "$sender" || fail "the piped send exited $?"
kept > /dev/null

# 60 SendLiveMessageGroup calls, one account: paced by --limits local, every one is accepted.
for i in $(seq 60); do
    echo "{\"AppId\":\"demo\",\"GroupId\":\"paced\",\"SenderId\":\"uid1\",\"Body\":\"m$i\",\"MsgType\":1}"
done > "$work/sixty.json"
started=$(date +%s%N)
lines=$(send alibaba.SendLiveMessageGroup "$work/sixty.json" 0 $(alibaba Paced paced-secret) --limits local)
took_ms=$((($(date +%s%N) - started) / 1000000))
[ "$(count '"outcome":"sent"' "$lines")" = 60 ] || fail "--limits local: $(grep -v '"sent"' <<< "$lines" | head -3)"
[ "$(count Throttling "$lines")" = 0 ] || fail "--limits local was throttled"
# 45 calls per second (90% of 50): the 60th goes about 1.3 s after the first.
[ "$took_ms" -ge 1200 ] || fail "60 calls at 45 per second took only $took_ms ms"
[ "$(count '"Body":"m' "$(kept)")" = 60 ] || fail "--limits local: not all 60 kept"
# The control: the same calls, twice over, without --limits.
cat "$work/sixty.json" "$work/sixty.json" > "$work/control.json"
"$tool" send alibaba.SendLiveMessageGroup "$work/control.json" --endpoint "$endpoint" $(alibaba Control control-secret) \
    > "$work/lines" 2> "$work/err"
throttled=$(count '"code":"Throttling.User"' "$(cat "$work/lines")")
[ "$throttled" -ge 1 ] || fail "the control drew no Throttling.User"
expect "$(grep -m1 Throttling "$work/lines")" '"retryable":true,"retry_after_ms":' "the control's throttling"
kept > /dev/null
echo "--limits local: 60 of 60 accepted in $took_ms ms; without: $throttled of 120 throttled"

# A group's 31st MsgType is refused before sending; the server keeps 30.
for type in $(seq 31); do
    echo "{\"AppId\":\"demo\",\"GroupId\":\"types\",\"SenderId\":\"uid1\",\"Body\":\"t$type\",\"MsgType\":$type}"
done > "$work/types.json"
lines=$(send alibaba.SendLiveMessageGroup "$work/types.json" 1 $(alibaba Types types-secret) --limits local)
[ "$(count '"outcome":"sent"' "$lines")" = 30 ] || fail "30 types: $lines"
expect "$(tail -n 1 <<< "$lines")" '{"errors":[{"field":"MsgType","code":"too_many_msg_types",' "the 31st type"
expect "$(tail -n 1 <<< "$lines")" '"outcome":"refused"}' "the 31st type"
[ "$(count '"Body":"t' "$(kept)")" = 30 ] || fail "the server did not keep exactly 30 types"

# A Redis that cannot be reached.
if [ "$redis" = with-redis ]; then
    head -n 4 "$work/types.json" > "$work/four.json"
    lines=$(send alibaba.SendLiveMessageGroup "$work/four.json" 1 $(alibaba Serve alibaba-secret) \
            --limits redis://127.0.0.1:1)
    [ "$(count '"code":"limiter_unavailable"' "$lines")" = 4 ] || fail "fail closed: $lines"
    [ "$(kept)" = "[]" ] || fail "fail closed sent something"
    lines=$(send alibaba.SendLiveMessageGroup "$work/four.json" 0 $(alibaba Serve alibaba-secret) \
            --limits redis://127.0.0.1:1 --limits-fail open)
    [ "$(count '"outcome":"sent"' "$lines")" = 4 ] || fail "fail open: $lines"
    [ "$(count '"vendor":' "$(kept)")" = 4 ] || fail "fail open: not all kept"
    echo "--limits redis://127.0.0.1:1: closed sent nothing, open sent all"
else
    "$tool" send alibaba.SendLiveMessageUser "$work/user.json" --endpoint "$endpoint" --limits redis://127.0.0.1:1 \
        > "$work/lines" 2> "$work/err"
    code=$?
    [ "$code" = 2 ] || fail "--limits redis:// without Redis support: exit $code"
    expect "$(cat "$work/err")" "built without Redis support" "--limits redis:// without Redis support"
    [ "$(kept)" = "[]" ] || fail "sent without the limits asked for"
fi

kill -TERM "$server"
wait "$server"
code=$?
server=
[ "$code" = 0 ] || fail "serve exited $code after SIGTERM"
echo "send ok: the five operations, several in order, refusals before and after sending, piped, paced, 30 types and not 31, Redis unreachable"
