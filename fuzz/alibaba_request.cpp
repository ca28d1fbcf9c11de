// SPDX-License-Identifier: BSL-1.0
// Alibaba's three requests: decoded from JSON, validated, rendered, then read back from the
// query (and form body) they render to. What validates must come back exactly, int64 included.
#include "fuzz_common.hpp"

#include <livemsg/alibaba/signature.hpp>

namespace {

using namespace livemsg::alibaba;

template <class Op>
void round_trip(std::string_view json) {
    const auto decoded = livemsg::decode_json<Op>(json);
    if (!decoded) return fuzz::check_errors_are_usable(decoded.errors(), json);
    const Op& op = *decoded;
    FUZZ_CHECK(livemsg::validate(op).empty());

    // Written back as JSON, it decodes to the same request.
    const auto again = livemsg::decode_json<Op>(livemsg::to_json(op));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(fuzz::same_request(*again, op));

    livemsg::http_request http;
    FUZZ_CHECK(render(op, http).empty());
    fuzz::check_request_line(http);
    FUZZ_CHECK(fuzz::is_strictly_encoded(http.body));

    std::string query;
    http.append_query_string(query);
    auto params = fuzz::decode_params(query);
    FUZZ_CHECK(params.has_value());
    FUZZ_CHECK(params->size() >= 2);
    FUZZ_CHECK((*params)[0] == (std::pair<std::string, std::string>("Action", std::string(Op::api.action))));
    FUZZ_CHECK((*params)[1] == (std::pair<std::string, std::string>("Version", std::string(Op::api.version))));
    for (std::size_t i = 2; i < params->size(); ++i) FUZZ_CHECK(Op::api.in_query((*params)[i].first));
    const auto form = fuzz::decode_params(http.body);
    FUZZ_CHECK(form.has_value());
    for (const auto& p : *form) FUZZ_CHECK(!Op::api.in_query(p.first));
    params->insert(params->end(), form->begin(), form->end());
    fuzz::check_params_round_trip(op, *params, {"Action", "Version"});

    // Both signatures accept what render() produced, and sign it the same way twice.
    const credentials creds{"LTAI5tExampleKeyId", livemsg::secret("example-secret"), {}};
    const signing_options at{std::chrono::system_clock::time_point(std::chrono::seconds(1700000000)), "nonce1"};
    livemsg::http_request v1 = http, v1_again = http, v3 = http;
    const auto s1 = sign_v1(v1, creds, at);
    FUZZ_CHECK(s1.ok());
    FUZZ_CHECK(sign_v1(v1_again, creds, at)->signature == s1->signature);
    fuzz::check_request_line(v1);
    FUZZ_CHECK(sign_v3(v3, creds, at).ok());
    fuzz::check_request_line(v3);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json = fuzz::as_text(data, size);
    round_trip<SendLiveMessageUser>(json);
    round_trip<SendLiveMessageGroup>(json);
    round_trip<SendMessageToGroup>(json);
    return 0;
}
