// SPDX-License-Identifier: BSL-1.0
// Tencent's live-room webhooks: the query of the URL they are posted to, authenticated with a
// fixed token and clock, and the body, read as a webhook and as the app's answer, by the event
// reader and by the DOM reader alike (members kept as text, integers given as digits). Input: the
// URL (or its query) up to the first newline, then the body.
#include "fuzz_common.hpp"
#include "response_common.hpp"

#include <livemsg/tencent/before_send_answer.hpp>
#include <livemsg/tencent/webhook.hpp>
#include <livemsg/tencent/webhook_auth.hpp>

#include <chrono>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace livemsg::tencent;
    using std::chrono::seconds;
    using std::chrono::system_clock;
    const std::string_view input = fuzz::as_text(data, size);
    const auto newline = input.find('\n');
    const std::string_view url = input.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    // The body reads, or is refused with usable reasons that keep it whole.
    const auto hook = read_group_message_webhook(body);
    if (!hook) {
        fuzz::check_errors_are_usable(hook.errors(), body);
    } else {
        const auto texts = hook->texts();
        FUZZ_CHECK(texts.size() <= hook->MsgBody.size());
        std::size_t text_elements = 0;
        for (const message_element& e : hook->MsgBody) text_elements += e.text() ? 1 : 0;
        FUZZ_CHECK(texts.size() == text_elements);
    }
    fuzz::check_readers_agree<group_message_webhook>(body);

    // The same body as the app's answer: read, it writes again as it came, a verdict's members
    // included.
    fuzz::check_readers_agree<before_send_answer>(body);
    const auto answer = read_before_send_answer(body);
    if (!answer) {
        fuzz::check_errors_are_usable(answer.errors(), body);
    } else {
        FUZZ_CHECK(answer->verdict().has_value());
        std::string written;
        if (append_answer(*answer, written).empty()) {
            const auto again = read_before_send_answer(written);
            FUZZ_CHECK(again.ok());
            FUZZ_CHECK(livemsg::to_json(*again) == livemsg::to_json(*answer));
        }
    }

    const auto query = read_webhook_query(url);
    if (!query) {
        fuzz::check_errors_are_usable(query.errors(), url);
        return 0;
    }

    // The worked example's token and time: only the Sign webhook_sign makes is accepted.
    constexpr std::string_view token = "xxxxyyyy";
    const system_clock::time_point now{seconds(1669872112)};
    const auto verdict = authenticate_webhook(*query, token, now);
    FUZZ_CHECK(verdict.ok() == verdict.reason().empty());
    if (verdict) FUZZ_CHECK(query->Sign == webhook_sign(token, query->RequestTime));
    if (authenticate_webhook(*query, "xxxxyyyz", now))
        FUZZ_CHECK(query->Sign == webhook_sign("xxxxyyyz", query->RequestTime));

    // Signed right and checked at its own RequestTime (decimal digits the clock can hold), a
    // query is accepted.
    const std::string& t = query->RequestTime;
    if (!t.empty() && t.size() <= 10 && t.find_first_not_of("0123456789") == std::string::npos &&
        std::stoll(t) <= 9'000'000'000) {
        webhook_query signed_query = *query;
        signed_query.Sign = webhook_sign(token, t);
        const system_clock::time_point then{seconds(std::stoll(t))};
        FUZZ_CHECK(authenticate_webhook(signed_query, token, then).ok());
        FUZZ_CHECK(!authenticate_webhook(signed_query, token, then + seconds(61)).ok());
        FUZZ_CHECK(!authenticate_webhook(signed_query, "xxxxyyyz", then).ok());
    }
    return 0;
}
