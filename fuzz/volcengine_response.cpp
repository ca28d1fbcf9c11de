// SPDX-License-Identifier: BSL-1.0
// Volcengine's parse_response for P2PSendMessage, on any status and body.
#include "response_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace livemsg::volcengine;
    const auto in = fuzz::split_response(fuzz::as_text(data, size));
    const auto answer = parse_response<P2PSendMessage>(in.status, in.body);
    fuzz::check_outcome_shape(answer, in.body);
    fuzz::check_readers_agree<P2PSendMessage::response>(in.body);
    if (!fuzz::is_2xx(in.status)) FUZZ_CHECK(answer.error() != nullptr);  // a failed status is always an error
    if (const auto* e = answer.error()) {
        FUZZ_CHECK(e->http_status == in.status);
        FUZZ_CHECK(e->body == in.body);
        (void)e->retryable();
    }
    if (const auto* r = answer.result()) {
        if (r->Result) {
            const auto delivered = r->Result->delivered();
            const auto offline = r->Result->offline();
            FUZZ_CHECK(delivered.size() + offline.size() + r->Result->unrecognized().size() == r->results().size());
        } else {
            FUZZ_CHECK(r->results().empty());
        }
        fuzz::check_rewrite_is_stable(*r);
    }
    return 0;
}
