// SPDX-License-Identifier: BSL-1.0
// Tencent's send_text_msg: decoded from JSON, validated, rendered with a caller, then read back
// from its JSON body and query. Input: the JSON body, then optionally (after 0xFF bytes) the
// caller's domain, identifier, usersig and sdkappid.
#include "fuzz_common.hpp"

#include <livemsg/tencent/usersig.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace livemsg::tencent;
    const auto fields = fuzz::split_fields(fuzz::as_text(data, size), 5);
    const std::string_view json = fields[0];

    rest_caller caller{.domain = region::singapore, .sdkappid = 1400000000, .identifier = "admin",
                       .usersig = user_sig(std::string("eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1JS8kqUYKCwMrWkJDW-"))};
    if (!fields[1].empty()) caller.domain = endpoint(fields[1]);
    if (!fields[2].empty()) caller.identifier = fields[2];
    if (!fields[3].empty()) caller.usersig = user_sig(std::string(fields[3]));
    if (!fields[4].empty()) {
        std::int64_t n = 0;
        std::from_chars(fields[4].data(), fields[4].data() + fields[4].size(), n);
        caller.sdkappid = n;
    }
    const bool caller_ok = livemsg::validate(caller).empty();

    const auto decoded = livemsg::decode_json<send_text_msg>(json);
    if (!decoded) {
        fuzz::check_errors_are_usable(decoded.errors(), json);
        return 0;
    }
    const send_text_msg& msg = *decoded;

    livemsg::http_request http;
    const auto errors = render(msg, caller, 99999999u, http);
    FUZZ_CHECK(errors.empty() == caller_ok);
    if (!caller_ok) return 0;
    fuzz::check_request_line(http);
    FUZZ_CHECK(http.host == caller.domain.host());

    // The body is valid UTF-8 and JSON, and decodes to the same message.
    FUZZ_CHECK(livemsg::detail::is_valid_utf8(http.body));
    FUZZ_CHECK(livemsg::detail::is_valid_json(http.body));
    const auto back = livemsg::decode_json<send_text_msg>(http.body);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(fuzz::same_request(*back, msg));

    // The query carries the caller exactly.
    std::string query;
    http.append_query_string(query);
    const auto params = fuzz::decode_params(query);
    FUZZ_CHECK(params.has_value());
    FUZZ_CHECK(params->size() == 5);
    FUZZ_CHECK((*params)[0].first == "sdkappid" && (*params)[0].second == std::to_string(caller.sdkappid.raw()));
    FUZZ_CHECK((*params)[1].first == "identifier" && caller.identifier == (*params)[1].second);
    FUZZ_CHECK((*params)[2].first == "usersig" && (*params)[2].second == caller.usersig.reveal());
    FUZZ_CHECK((*params)[3].first == "random" && (*params)[3].second == "99999999");
    FUZZ_CHECK((*params)[4].first == "contenttype" && (*params)[4].second == "json");
    return 0;
}
