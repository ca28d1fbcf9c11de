#!/bin/bash
# SPDX-License-Identifier: BSL-1.0
# `livemsg serve` on a free port, sent to by the real curl binary running what
# `livemsg render --format curl --endpoint` prints, every answer read by `livemsg parse`:
# the five operations are sent, the vendors' refusals come back as typed errors, bad HTTP gets
# 400 or 413, a client that stops mid-body is cut off, many idle connections hold up nobody, each example program given (send_with_curl,
# send_with_beast) sends the five operations too, and SIGTERM stops the server with exit 0.
# usage: serve_with_curl.sh LIVEMSG CURL [EXAMPLE...]
set -u
tool=$1
curl=$2
shift 2
examples=("$@")
work=$(mktemp -d /tmp/livemsg-serve-XXXXXX)
server=
cleanup() {
    if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f "$work/err" ] && cat "$work/err"; exit 1; }
. "$(dirname "$0")/../harness/serve_helpers.sh"

cat > "$work/credentials.json" <<'JSON'
{"alibaba":[{"access_key_id":"LTAI5tServe","access_key_secret":"alibaba-secret"}],
 "volcengine":[{"access_key_id":"AKLTServe","secret_access_key":"volcengine-secret"}],
 "tencent":[{"sdkappid":1400000000,"secret_key":"tencent-secret-key","identifier":"administrator"}]}
JSON

clear_credentials

start_serve "$work/out" "$work/err" --credentials "$work/credentials.json" --keep 100 --read-timeout 1
echo "server at $endpoint"

alibaba=(--access-key-id LTAI5tServe --access-key-secret alibaba-secret)
volcengine=(--access-key-id AKLTServe --access-key-secret volcengine-secret)
tencent=(--sdkappid 1400000000 --identifier administrator --secret-key tencent-secret-key)

# send OP EXPECTED_EXIT RENDER_OPTIONS...: renders OP's page example (or $input) for the server,
# sends it with curl, and parses the answer; prints the parsed JSON.
send() {
    local op=$1 expected=$2
    shift 2
    local command
    if [ -n "${input:-}" ]; then
        command=$("$tool" render "$op" - --format curl --endpoint "$endpoint" "$@" <<< "$input") || fail "render $op $*"
    else
        command=$("$tool" render "$op" --format curl --endpoint "$endpoint" "$@" < /dev/null) || fail "render $op $*"
    fi
    case $command in "curl "*) ;; *) fail "render $op did not print a curl command: $command" ;; esac
    local status
    status=$(eval "${command/#curl/\"\$curl\"} -s -o \"\$work/body\" -w '%{http_code}'") || fail "curl for $op"
    local parsed
    parsed=$("$tool" parse "$op" "$work/body" --status "$status")
    local code=$?
    [ "$code" = "$expected" ] || fail "$op $*: parse exited $code, not $expected: HTTP $status $(cat "$work/body")"
    echo "$parsed"
}

expect() {  # expect TEXT PATTERN WHAT
    case $1 in *$2*) ;; *) fail "$3: expected $2 in $1" ;; esac
}

for op in alibaba.SendLiveMessageUser alibaba.SendLiveMessageGroup alibaba.SendMessageToGroup; do
    expect "$(send $op 0 "${alibaba[@]}")" '"outcome":"sent"' "$op V3"
done
expect "$(send alibaba.SendLiveMessageUser 0 "${alibaba[@]}" --signature-version v1)" '"outcome":"sent"' "V1"
expect "$(send volcengine.P2PSendMessage 0 "${volcengine[@]}")" '"outcome":"sent"' "volcengine"
expect "$(send volcengine.P2PSendMessage 0 "${volcengine[@]}" --region ap-singapore-1)" '"Region":"ap-singapore-1"' \
    "volcengine in another region"
expect "$(send tencent.send_text_msg 0 "${tencent[@]}")" '"outcome":"sent"' "tencent"

# The vendors' refusals, read into typed errors with their retry advice.
wrong=$(send alibaba.SendLiveMessageUser 4 --access-key-id LTAI5tServe --access-key-secret wrong)
expect "$wrong" '"code":"SignatureDoesNotMatch"' "wrong secret"
expect "$wrong" '"retryable":false' "wrong secret"
expect "$(send alibaba.SendLiveMessageUser 4 "${alibaba[@]}" --timestamp 2020-01-01T00:00:00Z)" \
    '"code":"InvalidTimeStamp.Expired"' "stale time"
nonce=n-$RANDOM-$$
expect "$(send alibaba.SendMessageToGroup 0 "${alibaba[@]}" --nonce "$nonce")" '"outcome":"sent"' "first nonce"
expect "$(send alibaba.SendMessageToGroup 4 "${alibaba[@]}" --nonce "$nonce")" '"code":"SignatureNonceUsed"' "replay"
expect "$(send alibaba.SendLiveMessageUser 4 --access-key-id LTAI5tNobody --access-key-secret x)" \
    '"http_status":404' "unknown key"
expect "$(send volcengine.P2PSendMessage 4 --access-key-id AKLTServe --access-key-secret wrong)" \
    '"code":"SignatureDoesNotMatch"' "volcengine wrong secret"
expired=$(send tencent.send_text_msg 4 "${tencent[@]}" --timestamp 2020-01-01T00:00:00Z --expire 60)
expect "$expired" '"code":70001' "expired UserSig"
expect "$(send tencent.send_text_msg 4 --sdkappid 1400000000 --identifier administrator --secret-key other)" \
    '"code":70009' "UserSig of another key"

# Bad HTTP: an oversized body is 413; a request line that is no HTTP is 400; the server lives on.
head -c 2000000 /dev/zero > "$work/big"
status=$("$curl" -s -o /dev/null -w '%{http_code}' -X POST --data-binary @"$work/big" "$endpoint/")
[ "$status" = 413 ] || fail "oversized body: HTTP $status"
exec 3<>"/dev/tcp/${address%:*}/${address##*:}" || fail "cannot connect"
printf 'NOT HTTP AT ALL\r\n\r\n' >&3
read -r -t 5 line <&3
exec 3<&-
expect "$line" ' 400 ' "malformed request"

# The accepted messages, in order; then cleared.
messages=$("$curl" -s "$endpoint/_livemsg/messages")
count=$(grep -o '"vendor":' <<< "$messages" | wc -l)
[ "$count" = 8 ] || fail "expected 8 accepted messages, got $count: $messages"
expect "$messages" '"operation":"send_text_msg"' "messages"
expect "$messages" '"TextContent":"msg"' "decoded fields"
expect "$("$curl" -s -X DELETE "$endpoint/_livemsg/messages")" '"cleared":8' "DELETE"
[ "$("$curl" -s "$endpoint/_livemsg/messages")" = "[]" ] || fail "messages not cleared"

# Every answer carries a Date, from which a client measures its clock's offset.
headers=$("$curl" -s -D - -o /dev/null "$endpoint/_livemsg/messages")
expect "$headers" "Date: " "Date header"

# A group takes 30 message types; the 31st is refused, the types it has are still accepted.
for type in $(seq 30) 7; do
    request="{\"AppId\":\"demo\",\"GroupId\":\"types\",\"SenderId\":\"uid1\",\"Body\":\"hi\",\"MsgType\":$type}"
    expect "$(input=$request send alibaba.SendLiveMessageGroup 0 "${alibaba[@]}")" '"outcome":"sent"' "type $type"
done
request='{"AppId":"demo","GroupId":"types","SenderId":"uid1","Body":"hi","MsgType":31}'
too_many=$(input=$request send alibaba.SendLiveMessageGroup 4 "${alibaba[@]}")
expect "$too_many" '"code":"ErrorTooManyMsgTypes"' "31st message type"
expect "$too_many" '"retryable":false' "31st message type"
expect "$("$curl" -s -X DELETE "$endpoint/_livemsg/messages")" '"cleared":31' "DELETE after the message types"

# A client that stops mid-body is cut off after the read timeout (1 second here).
exec 3<>"/dev/tcp/${address%:*}/${address##*:}" || fail "cannot connect"
printf 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc' >&3
started=$SECONDS
if read -r -t 10 line <&3; then fail "an answer to half a request: $line"; fi
exec 3<&-
[ $((SECONDS - started)) -le 5 ] || fail "a stalled client was not cut off"

# Idle connections: the server still answers others.
idle=()
for _ in $(seq 20); do
    exec {fd}<>"/dev/tcp/${address%:*}/${address##*:}" || fail "cannot open an idle connection"
    idle+=("$fd")
done
[ "$("$curl" -s -m 5 "$endpoint/_livemsg/messages")" = "[]" ] || fail "not served beside idle connections"
for fd in "${idle[@]}"; do exec {fd}<&-; done

# The examples send the five operations with credentials from the environment.
for example in "${examples[@]}"; do
    for op in alibaba.SendLiveMessageUser alibaba.SendLiveMessageGroup alibaba.SendMessageToGroup \
              tencent.send_text_msg volcengine.P2PSendMessage; do
        line=$(ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tServe ALIBABA_CLOUD_ACCESS_KEY_SECRET=alibaba-secret \
               VOLC_ACCESSKEY=AKLTServe VOLC_SECRETKEY=volcengine-secret TENCENT_IM_SDKAPPID=1400000000 \
               TENCENT_IM_IDENTIFIER=administrator TENCENT_IM_SECRET_KEY=tencent-secret-key \
               "$example" "$op" --endpoint "$endpoint" 2>&1)
        code=$?
        [ "$code" = 0 ] || fail "$(basename "$example") $op exited $code: $line"
        expect "$line" "sent" "$(basename "$example") $op"
    done
    count=$("$curl" -s -X DELETE "$endpoint/_livemsg/messages")
    [ "$count" = '{"cleared":5}' ] || fail "$(basename "$example"): expected 5 accepted messages, got $count"
    echo "$(basename "$example"): the five operations sent"
done

kill -TERM "$server"
wait "$server"
code=$?
server=
[ "$code" = 0 ] || fail "serve exited $code after SIGTERM"
echo "serve ok: 8 sent by curl, 7 refusals typed, 30 message types and not 31, 413, 400, a stalled client cut off, served beside idle connections, ${#examples[@]} example programs, stopped by SIGTERM"
