// SPDX-License-Identifier: BSL-1.0
// Tencent's parse_response for send_text_msg, on any status and body.
#include "response_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace livemsg::tencent;
    const auto in = fuzz::split_response(fuzz::as_text(data, size));
    const auto answer = parse_response<send_text_msg>(in.status, in.body);
    fuzz::check_outcome_shape(answer, in.body);
    fuzz::check_readers_agree<send_text_msg::response>(in.body);
    fuzz::check_readers_agree<rest_status>(in.body);
    if (!fuzz::is_2xx(in.status)) FUZZ_CHECK(answer.error() != nullptr);  // a failed status is always an error
    if (const auto* e = answer.error()) {
        FUZZ_CHECK(e->http_status == in.status);
        FUZZ_CHECK(e->body == in.body);
        (void)e->retryable();
        (void)e->known();
    }
    if (const auto* r = answer.result()) {
        FUZZ_CHECK((r->sent() != nullptr) != (r->dropped() != nullptr));
        FUZZ_CHECK(!r->response().failed());
        fuzz::check_rewrite_is_stable(r->response());
    }
    return 0;
}
