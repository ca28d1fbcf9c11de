# SPDX-License-Identifier: BSL-1.0
# Sourced by the shell tests that run `livemsg serve`: what each of them did alike.
# They define $tool (the livemsg binary), $work (their temporary directory) and fail() first.

# No credentials from the caller's environment or home.
clear_credentials() {
    export HOME=$work
    unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN ALIBABA_CLOUD_PROFILE \
          VOLC_ACCESSKEY VOLC_SECRETKEY VOLC_SESSION_TOKEN VOLC_REGION TENCENT_IM_SDKAPPID TENCENT_IM_IDENTIFIER \
          TENCENT_IM_SECRET_KEY TENCENT_IM_USERSIG TENCENT_IM_REGION
}

# start_serve OUT ERR [SERVE OPTIONS...]: starts `livemsg serve` on a free loopback port, its
# standard output to OUT and its errors to ERR (- for OUT too), and waits, 5 s at most, for its
# "listening on" line. Sets $server (its pid, for the caller's cleanup), $address (HOST:PORT) and
# $endpoint (http://HOST:PORT).
start_serve() {
    local out=$1 err=$2
    shift 2
    if [ "$err" = - ]; then
        "$tool" serve --listen 127.0.0.1:0 "$@" > "$out" 2>&1 &
    else
        "$tool" serve --listen 127.0.0.1:0 "$@" > "$out" 2> "$err" &
    fi
    server=$!
    for _ in $(seq 50); do
        grep -q '^listening on ' "$out" && break
        sleep 0.1
    done
    address=$(sed -n '1s/^listening on //p' "$out")
    [ -n "$address" ] || fail "no 'listening on' line"
    endpoint="http://$address"
}
