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
    auto requests = [](const options& o) -> request_maker {
        struct shared {
            computed_once<std::optional<endpoint_url>> url;  // what `to` points into
            computed_once<volcengine::endpoint> to;
            computed_once<std::optional<volcengine::credentials>> creds;
        };
        return [&o, state = std::make_shared<shared>()](std::string_view input) -> std::variant<prepared, validation_errors> {
            auto decoded = decode_json<Op>(input);
            if (!decoded) return decoded.errors();
            const volcengine::endpoint& to = state->to.get([&] {
                const std::string region = o.get("--region", "VOLC_REGION").value_or("cn-north-1");
                const auto known = from_wire<volcengine::rtc_region>(region);
                if (!known)
                    throw failure{usage, "--region takes " + wire_choices<volcengine::rtc_region>() + ", got " + region};
                // Another base URL keeps the region's signing scope.
                const auto& url = state->url.get([&] { return endpoint_option(o); });
                return url ? volcengine::endpoint_at(*url, *known) : volcengine::endpoint_for(*known);
            });

            prepared out;
            if (auto errors = volcengine::render(*decoded, to, out.request); !errors.empty()) return errors;
            out.operation = operation_name<Op>();
            out.rate = documented_rate<Op>();
            const auto& creds = state->creds.get([&] {
                return usable_credentials(
                    volcengine::default_credentials(credential_environment(o, volcengine_credential_options)),
                    volcengine_credential_options);
            });
            if (!creds) return out;
            out.account = creds->access_key_id;
            out.is_signed = true;
            // X-Date is the time of signing, unless --timestamp fixes it (render's).
            out.sign = [&o, state, key = &*creds, scope = volcengine::scope_of(to)](http_request& request) -> validation_errors {
                auto signature =
                    volcengine::sign(request, *key, scope, parse_timestamp(o).value_or(std::chrono::system_clock::now()));
                if (!signature) return signature.errors();
                return {};
            };
            return out;
        };
    };
    auto parse = [](int status, std::string_view body, std::string_view) -> parsed {
        return answer_json(volcengine::parse_response<Op>(status, body));
    };
    // The page's example request.
    return {"volcengine.P2PSendMessage",
            R"({"AppId":666675,"Sender":10008,"ConversationShortId":7221856821303361536,"MsgType":10013,)"
            R"("Content":"{\"type\":1000,\"ext\":\"\",\"message_type\":10001}","ReceiverUserId":[],"IgnoreUserIds":[]})",
            validate_input<Op>, requests, parse};
}

}  // namespace livemsg::cli
