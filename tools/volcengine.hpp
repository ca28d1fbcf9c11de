// SPDX-License-Identifier: BSL-1.0
// The Volcengine operation of the livemsg tool.
#pragma once

#include "cli.hpp"

#include <livemsg/signing.hpp>

namespace livemsg::cli {

// Options win over the variables and ~/.volc/config that the library's chain reads.
inline constexpr credential_option volcengine_credential_options[] = {
    {"--access-key-id", "VOLC_ACCESSKEY"},
    {"--access-key-secret", "VOLC_SECRETKEY"},
    {"--session-token", "VOLC_SESSION_TOKEN"},
};

inline operation volcengine_p2p_send_message() {
    using Op = volcengine::P2PSendMessage;
    auto render = [](std::string_view input, const options& o) -> std::variant<rendered, validation_errors> {
        auto decoded = decode_json<Op>(input);
        if (!decoded) return decoded.errors();
        const std::string region = o.get("--region", "VOLC_REGION").value_or("cn-north-1");
        const auto known = from_wire<volcengine::rtc_region>(region);
        if (!known) throw failure{usage, "--region takes " + wire_choices<volcengine::rtc_region>() + ", got " + region};
        // Another base URL keeps the region's signing scope.
        const auto url = endpoint_option(o);
        const volcengine::endpoint to = url ? volcengine::endpoint_at(*url, *known) : volcengine::endpoint_for(*known);

        rendered out;
        if (auto errors = volcengine::render(*decoded, to, out.request); !errors.empty()) return errors;
        const auto creds = usable_credentials(
            volcengine::default_credentials(credential_environment(o, volcengine_credential_options)),
            volcengine_credential_options);
        if (!creds) return out;
        auto signature = volcengine::sign(out.request, *creds, volcengine::scope_of(to),
                                          parse_timestamp(o).value_or(std::chrono::system_clock::now()));
        if (!signature) return signature.errors();
        out.is_signed = true;
        return out;
    };
    auto parse = [](int status, std::string_view body) -> parsed {
        return answer_json(volcengine::parse_response<Op>(status, body));
    };
    // The page's example request.
    return {"volcengine.P2PSendMessage",
            R"({"AppId":666675,"Sender":10008,"ConversationShortId":7221856821303361536,"MsgType":10013,)"
            R"("Content":"{\"type\":1000,\"ext\":\"\",\"message_type\":10001}","ReceiverUserId":[],"IgnoreUserIds":[]})",
            validate_input<Op>, render, parse};
}

}  // namespace livemsg::cli
