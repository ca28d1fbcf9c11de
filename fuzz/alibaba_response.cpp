// SPDX-License-Identifier: BSL-1.0
// Alibaba's parse_response for the three operations, on any status, body and retry-after header.
#include "response_common.hpp"

namespace {

template <class Op>
void parse_as(const fuzz::response_input& in) {
    const auto answer = livemsg::alibaba::parse_response<Op>(in.status, in.body, in.header);
    fuzz::check_outcome_shape(answer, in.body);
    fuzz::check_readers_agree<std::remove_cvref_t<decltype(*answer.result())>>(in.body);
    if (fuzz::is_2xx(in.status)) {
        FUZZ_CHECK(!answer.error());
        if (const auto* r = answer.result()) fuzz::check_rewrite_is_stable(*r);
    } else {
        FUZZ_CHECK(answer.error() != nullptr);  // a failed status is always an error
        if (const auto* e = answer.error()) {
            FUZZ_CHECK(e->http_status == in.status);
            FUZZ_CHECK(e->body == in.body);
            if (const auto after = e->retry_after()) FUZZ_CHECK(after->count() > 0);  // a value <= 0 is none
            (void)e->retryable();
            (void)e->code.known();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto in = fuzz::split_response(fuzz::as_text(data, size));
    parse_as<livemsg::alibaba::SendLiveMessageUser>(in);
    parse_as<livemsg::alibaba::SendLiveMessageGroup>(in);
    parse_as<livemsg::alibaba::SendMessageToGroup>(in);
    return 0;
}
