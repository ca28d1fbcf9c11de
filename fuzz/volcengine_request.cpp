// SPDX-License-Identifier: BSL-1.0
// Volcengine's P2PSendMessage: decoded from JSON, validated, rendered, then read back from its
// JSON body, Long IDs exactly. Input: the JSON body, then optionally (after 0xFF bytes) the
// endpoint's host and region.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace livemsg::volcengine;
    const auto fields = fuzz::split_fields(fuzz::as_text(data, size), 3);
    const std::string_view json = fields[0];
    endpoint to = endpoint_for(rtc_region::cn_north_1);
    if (!fields[1].empty()) to.host = fields[1];
    if (!fields[2].empty()) to.region = fields[2];

    const auto decoded = livemsg::decode_json<P2PSendMessage>(json);
    if (!decoded) {
        fuzz::check_errors_are_usable(decoded.errors(), json);
        return 0;
    }
    const P2PSendMessage& msg = *decoded;
    FUZZ_CHECK(livemsg::validate(msg).empty());

    livemsg::http_request http;
    const auto errors = render(msg, to, http);
    if (!errors.empty()) {
        // Only the endpoint can be wrong now; a control character in it is always refused.
        for (const auto& v : errors) FUZZ_CHECK(v.field == "host" || v.field == "region" || v.field == "service");
        if (fuzz::has_control(to.host)) FUZZ_CHECK(errors.find("host"));
        if (fuzz::has_control(to.region)) FUZZ_CHECK(errors.find("region"));
        return 0;
    }
    FUZZ_CHECK(!fuzz::has_control(to.host) && !fuzz::has_control(to.region));
    fuzz::check_request_line(http);
    FUZZ_CHECK(http.host == to.host);

    FUZZ_CHECK(livemsg::detail::is_valid_utf8(http.body));
    FUZZ_CHECK(livemsg::detail::is_valid_json(http.body));
    const auto back = livemsg::decode_json<P2PSendMessage>(http.body);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(fuzz::same_request(*back, msg));
    FUZZ_CHECK(back->Sender.raw() == msg.Sender.raw());
    FUZZ_CHECK(back->ConversationShortId.raw() == msg.ConversationShortId.raw());
    return 0;
}
