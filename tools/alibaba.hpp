// SPDX-License-Identifier: BSL-1.0
// The Alibaba operations of the livemsg tool.
#pragma once

#include "cli.hpp"

#include <livemsg/signing.hpp>

namespace livemsg::cli {

// Options win over the variables and ~/.aliyun/config.json that the library's chain reads.
inline constexpr credential_option alibaba_credential_options[] = {
    {"--access-key-id", "ALIBABA_CLOUD_ACCESS_KEY_ID"},
    {"--access-key-secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
    {"--security-token", "ALIBABA_CLOUD_SECURITY_TOKEN"},
};

template <class Op>
operation alibaba_operation(std::string_view name, std::string_view example) {
    auto requests = [](const options& o) -> request_maker {
        // What every request of a run shares: read on the first request, as render always did.
        struct shared {
            computed_once<std::optional<endpoint_url>> to;
            computed_once<std::optional<alibaba::credentials>> creds;
        };
        return [&o, state = std::make_shared<shared>()](std::string_view input) -> std::variant<prepared, validation_errors> {
            auto decoded = decode_json<Op>(input);
            if (!decoded) return decoded.errors();
            prepared out;
            const auto& to = state->to.get([&] { return endpoint_option(o); });
            if (auto errors = to ? alibaba::render(*decoded, *to, out.request) : alibaba::render(*decoded, out.request);
                !errors.empty())
                return errors;
            out.operation = operation_name<Op>();
            out.rate = documented_rate<Op>();
            if constexpr (std::is_same_v<Op, alibaba::SendLiveMessageGroup>) out.group_message = *decoded;

            const auto& creds = state->creds.get([&] {
                return usable_credentials(
                    alibaba::default_credentials(credential_environment(o, alibaba_credential_options)),
                    alibaba_credential_options);
            });
            if (!creds) return out;
            const std::string version = o.get("--signature-version").value_or("v3");
            if (version != "v1" && version != "v3") throw failure{usage, "--signature-version takes v1 or v3"};
            out.account = creds->access_key_id;
            out.is_signed = true;
            // Fresh time and nonce when signed, unless the options fix them (render's --timestamp, --nonce).
            out.sign = [&o, state, key = &*creds, v1 = version == "v1"](http_request& request) -> validation_errors {
                const alibaba::signing_options when{parse_timestamp(o), o.get("--nonce")};
                auto signature = v1 ? alibaba::sign_v1(request, *key, when) : alibaba::sign_v3(request, *key, when);
                if (!signature) return signature.errors();
                return {};
            };
            return out;
        };
    };
    auto parse = [](int status, std::string_view body, std::string_view retry_after) -> parsed {
        return answer_json(alibaba::parse_response<Op>(status, body, retry_after));
    };
    return {name, example, validate_input<Op>, requests, parse};
}

inline void add_alibaba(std::vector<operation>& ops) {
    // The pages' examples; MsgTid is masked on the pages ("169830****"), so a real one stands in,
    // and SendMessageToGroup's Data, shown as "test", is the JSON string the page asks for.
    ops.push_back(alibaba_operation<alibaba::SendLiveMessageUser>(
        "alibaba.SendLiveMessageUser",
        R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","SenderInfo":"uid1meta1","Body":"hello, user",)"
        R"("MsgType":2,"MsgTid":"1698300000","DataCenter":"cn-shanghai"})"));
    ops.push_back(alibaba_operation<alibaba::SendLiveMessageGroup>(
        "alibaba.SendLiveMessageGroup",
        R"({"AppId":"demo","GroupId":"grouptest","SenderId":"uid1","SenderMetaInfo":"uid1meta1","Body":"hello,group",)"
        R"("MsgType":1,"MsgTid":"1698300000","StaticsIncrease":1,"Weight":1,"NoStorage":false,"NoCache":false,)"
        R"("DataCenter":"cn-shanghai"})"));
    ops.push_back(alibaba_operation<alibaba::SendMessageToGroup>(
        "alibaba.SendMessageToGroup",
        R"({"AppId":"VKL3***","GroupId":"AE35-****-T95F","OperatorUserId":"de1**a0","Type":12000,)"
        R"("Data":"{\"text\":\"test\"}","SkipAudit":true})"));
}

}  // namespace livemsg::cli
