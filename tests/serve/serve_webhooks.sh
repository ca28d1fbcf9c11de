#!/bin/bash
# SPDX-License-Identifier: BSL-1.0
# `livemsg serve --tencent-webhook` against an app's backend (webhook_app) on loopback: each
# send_text_msg sent by curl reaches the app as an authenticated Before webhook, and the app's
# answer is honoured: allowed messages are kept and followed by an After webhook, a refusal comes
# back to the sender as ErrorCode 10016, a discarded message is reported sent but not kept, a
# replacement is kept as replaced. With a token the app does not hold, the app refuses to answer
# and the messages go through, as Tencent delivers them when a webhook fails.
# usage: serve_webhooks.sh LIVEMSG CURL WEBHOOK_APP
set -u
tool=$1
curl=$2
app_program=$3
work=$(mktemp -d /tmp/livemsg-webhooks-XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; for f in "$work"/*.err; do [ -s "$f" ] && cat "$f"; done; exit 1; }
expect() {  # expect TEXT PATTERN WHAT
    case $1 in *$2*) ;; *) fail "$3: expected $2 in $1" ;; esac
}
# start NAME COMMAND...: runs it in the background and sets $address to that of its "listening on"
# line. Not to be called inside $(...): the pid it records must reach the cleanup in this shell.
start() {
    local name=$1
    shift
    "$@" > "$work/$name.out" 2> "$work/$name.err" &
    pids+=($!)
    for _ in $(seq 50); do
        grep -q '^listening on ' "$work/$name.out" && break
        sleep 0.1
    done
    address=$(sed -n '1s/^listening on //p' "$work/$name.out")
}

export HOME=$work
unset TENCENT_IM_SDKAPPID TENCENT_IM_IDENTIFIER TENCENT_IM_SECRET_KEY TENCENT_IM_USERSIG TENCENT_IM_REGION
cat > "$work/credentials.json" <<'JSON'
{"tencent":[{"sdkappid":1400000000,"secret_key":"tencent-secret-key","identifier":"administrator"}]}
JSON
tencent=(--sdkappid 1400000000 --identifier administrator --secret-key tencent-secret-key)

start app "$app_program" app-token 1400000000 "$work/record"
app=$address
[ -n "$app" ] || fail "the app did not start"
start serve "$tool" serve --credentials "$work/credentials.json" \
    --tencent-webhook "http://$app/tencent/hooks?from=livemsg" --tencent-webhook-token app-token
server=$address
[ -n "$server" ] || fail "serve did not start"

# send TEXT EXPECTED_EXIT: sends a send_text_msg with TEXT with curl, prints the parsed answer.
send() {
    local request="{\"RoomId\":\"room1\",\"Sender_Account\":\"user1\",\"TextContent\":\"$1\"}"
    local command
    command=$("$tool" render tencent.send_text_msg - --format curl --endpoint "http://$server" "${tencent[@]}" \
        <<< "$request") || fail "render"
    local status
    status=$(eval "${command/#curl/\"\$curl\"} -s -o \"\$work/body\" -w '%{http_code}'") || fail "curl"
    local parsed
    parsed=$("$tool" parse tencent.send_text_msg "$work/body" --status "$status")
    local code=$?
    [ "$code" = "$2" ] || fail "'$1': parse exited $code, not $2: HTTP $status $(cat "$work/body")"
    echo "$parsed"
}

expect "$(send "hello" 0)" '"outcome":"sent"' "allowed"
refused=$(send "please refuse this" 4)
expect "$refused" '"code":10016' "refused"
expect "$refused" '"retryable":false' "refused"
expect "$(send "discard this" 0)" '"outcome":"sent"' "discarded"
expect "$(send "shout this" 0)" '"outcome":"sent"' "replaced"

messages=$("$curl" -s "http://$server/_livemsg/messages")
texts=$(grep -o '"TextContent":"[^"]*"' <<< "$messages" | tr '\n' ' ')
[ "$texts" = '"TextContent":"hello" "TextContent":"SHOUT THIS" ' ] || fail "kept: $texts"

# What the app received: four Before webhooks and two After, every one authentic.
before=$(grep -c '"command":"Group.CallbackBeforeSendMsg","authentic":true' "$work/record")
after=$(grep -c '"command":"Group.CallbackAfterSendMsg","authentic":true' "$work/record")
[ "$before" = 4 ] && [ "$after" = 2 ] || fail "the app recorded $before Before and $after After: $(cat "$work/record")"
# The replacement's After carries the replaced text and the sender's MsgSeq (3: the discarded one took 2).
grep CallbackAfterSendMsg "$work/record" | tail -1 | grep -qF '"texts":["SHOUT THIS"],"msg_seq":3' ||
    fail "After of the replacement: $(cat "$work/record")"

# A server signing with a token the app does not hold: the app answers 401, and the message
# goes through as if the webhook had timed out.
start wrong "$tool" serve --credentials "$work/credentials.json" \
    --tencent-webhook "http://$app/tencent/hooks" --tencent-webhook-token another-token
server=$address
[ -n "$server" ] || fail "the second serve did not start"
expect "$(send "refuse me, if you can tell it is me" 0)" '"outcome":"sent"' "a failed webhook"
expect "$(tail -1 "$work/record")" '"authentic":false' "the app's verdict on a wrong Sign"

# The app and both servers, each stopped by SIGTERM with exit 0.
[ "${#pids[@]}" = 3 ] || fail "${#pids[@]} processes recorded, not 3"
for pid in "${pids[@]}"; do
    kill -TERM "$pid"
    wait "$pid" || fail "a process exited $? after SIGTERM"
done
pids=()
echo "webhooks ok: allowed, refused with 10016, discarded, replaced; 4 Before and 2 After authenticated; a wrong token fails open; 3 processes stopped by SIGTERM"
