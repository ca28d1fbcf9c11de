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
    auto render = [](std::string_view input, const options& o) -> std::variant<rendered, validation_errors> {
        auto decoded = decode_json<Op>(input);
        if (!decoded) return decoded.errors();
        rendered out;
        const auto to = endpoint_option(o);
        if (auto errors = to ? alibaba::render(*decoded, *to, out.request) : alibaba::render(*decoded, out.request);
            !errors.empty())
            return errors;

        const auto creds = usable_credentials(
            alibaba::default_credentials(credential_environment(o, alibaba_credential_options)),
            alibaba_credential_options);
        if (!creds) return out;
        const alibaba::signing_options when{parse_timestamp(o), o.get("--nonce")};
        const std::string version = o.get("--signature-version").value_or("v3");
        if (version != "v1" && version != "v3") throw failure{usage, "--signature-version takes v1 or v3"};
        auto signature = version == "v1" ? alibaba::sign_v1(out.request, *creds, when)
                                         : alibaba::sign_v3(out.request, *creds, when);
        if (!signature) return signature.errors();
        out.is_signed = true;
        return out;
    };
    auto parse = [](int status, std::string_view body) -> parsed {
        return answer_json(alibaba::parse_response<Op>(status, body));
    };
    return {name, example, validate_input<Op>, render, parse};
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
