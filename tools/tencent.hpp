// SPDX-License-Identifier: BSL-1.0
// The Tencent operation of the livemsg tool.
#pragma once

#include "cli.hpp"

#include <livemsg/signing.hpp>
#include <livemsg/tencent/webhook.hpp>
#include <livemsg/tencent/webhook_auth.hpp>

#include <chrono>
#include <limits>

namespace livemsg::cli {

// Options win over the variables the library's chain reads.
inline constexpr credential_option tencent_credential_options[] = {
    {"--sdkappid", "TENCENT_IM_SDKAPPID"},
    {"--identifier", "TENCENT_IM_IDENTIFIER"},
    {"--secret-key", "TENCENT_IM_SECRET_KEY"},
    {"--usersig", "TENCENT_IM_USERSIG"},
};

// The caller of a Tencent REST call from the options. Without a UserSig or a secret key (as an
// option or a variable), the page's placeholders fill in what is not given (sdkappid 88888888,
// identifier admin, usersig xxx): unsigned. With one, the library's chain reads the admin's
// identity, and a partial one is a usage failure.
inline rendered tencent_caller(const options& o, tencent::rest_caller& caller) {
    rendered out;
    const auto region = o.get("--region", "TENCENT_IM_REGION").value_or("china");
    if (auto url = endpoint_option(o)) caller.domain = tencent::endpoint(*url);
    else if (auto r = from_wire<tencent::region>(region)) caller.domain = *r;
    else caller.domain = tencent::endpoint(region);  // an explicit domain, checked by render()

    const environment env = credential_environment(o, tencent_credential_options);
    if (!env.get("TENCENT_IM_SECRET_KEY") && !env.get("TENCENT_IM_USERSIG")) {
        caller.sdkappid = detail::integer_option(o, "--sdkappid", "TENCENT_IM_SDKAPPID", 1,
                                                 std::numeric_limits<std::uint32_t>::max())
                              .value_or(88888888);
        caller.identifier = o.get("--identifier", "TENCENT_IM_IDENTIFIER").value_or("admin");
        caller.usersig = tencent::user_sig(std::string("xxx"));
        return out;
    }
    const auto admin = usable_credentials(tencent::default_credentials(env), tencent_credential_options);
    if (!admin) throw failure{usage, "no usable credentials"};  // a key or a UserSig was given: found or failed
    caller.sdkappid = admin->sdkappid;
    caller.identifier = admin->identifier;
    if (!admin->usersig.empty()) {
        caller.usersig = tencent::user_sig(admin->usersig);
    } else {
        tencent::usersig_grant grant{.sdkappid = caller.sdkappid, .identifier = caller.identifier};
        if (auto e = detail::integer_option(o, "--expire", nullptr, 1, std::numeric_limits<std::int32_t>::max()))
            grant.expire = *e;
        const auto now = parse_timestamp(o).value_or(std::chrono::system_clock::now());
        auto sig = tencent::generate_usersig(grant, admin->secret_key, std::chrono::floor<std::chrono::seconds>(now));
        if (!sig) throw sig.errors();
        caller.usersig = *sig;
    }
    out.is_signed = true;
    return out;
}

inline operation tencent_send_text_msg() {
    using Op = tencent::send_text_msg;
    auto requests = [](const options& o) -> request_maker {
        // The caller (domain, admin, UserSig) is made once, on the first request, and serves every
        // request after: a generated UserSig lives 180 days unless --expire says otherwise.
        struct shared {
            computed_once<std::variant<std::pair<tencent::rest_caller, bool>, validation_errors>> caller;
        };
        return [&o, state = std::make_shared<shared>()](std::string_view input) -> std::variant<prepared, validation_errors> {
            auto decoded = decode_json<Op>(input);
            if (!decoded) return decoded.errors();
            const auto& made = state->caller.get([&]() -> std::variant<std::pair<tencent::rest_caller, bool>, validation_errors> {
                tencent::rest_caller caller;
                try {
                    const bool is_signed = tencent_caller(o, caller).is_signed;
                    return std::pair{std::move(caller), is_signed};
                } catch (const validation_errors& errors) {
                    return errors;
                }
            });
            if (const auto* errors = std::get_if<validation_errors>(&made)) return *errors;
            const auto& [caller, is_signed] = std::get<0>(made);
            prepared out;
            // A fresh random for each request, unless --random fixes it (render's).
            auto random = detail::integer_option(o, "--random", nullptr, 0, std::numeric_limits<std::uint32_t>::max());
            auto errors = random ? tencent::render(*decoded, caller, static_cast<std::uint32_t>(*random), out.request)
                                 : tencent::render(*decoded, caller, out.request);
            if (!errors.empty()) return errors;
            out.is_signed = is_signed;
            out.account = std::to_string(caller.sdkappid.raw());
            out.operation = operation_name<Op>();
            out.rate = documented_rate<Op>();
            return out;
        };
    };
    // A dropped message is printed apart from a sent one: the call succeeded, the send did not.
    auto parse = [](int status, std::string_view body, std::string_view) -> parsed {
        return answer_json(tencent::parse_response<Op>(status, body), [](const tencent::result_of<Op>& result) {
            boost::json::object out = sent_json(result.response());
            if (auto* dropped = result.dropped()) {
                out["outcome"] = "dropped";
                out["drop_reason"] = dropped->reason.str();
                return parsed{std::move(out), vendor_failure};
            }
            return parsed{std::move(out), ok};
        });
    };
    // The page's example, with its ExtensionInfo.
    return {"tencent.send_text_msg",
            R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"msg","ExtensionInfo":"{\"data\":1,\"value\":2}"})",
            validate_input<Op>, requests, parse};
}

// A live room's webhook: the query of the URL it was posted to, authenticated with `token` when
// one is given, and its body. Throws failure (usage) when the URL is not a webhook's.
inline parsed tencent_webhook(std::string_view url, std::string_view body, const std::optional<std::string>& token,
                              std::chrono::system_clock::time_point now) {
    auto query = tencent::read_webhook_query(url);
    if (!query) throw failure{usage, "--url is not a webhook's URL: " + query.errors().report()};

    boost::json::object out;
    exit_code code = ok;
    if (token) {
        const auto verdict = tencent::authenticate_webhook(*query, *token, now);
        out["authentic"] = verdict.ok();
        if (!verdict.ok()) {
            out["reason"] = verdict.reason();
            code = not_authentic;
        }
    } else {
        out["authentic"] = nullptr;  // nothing to check it with
    }
    out["command"] = query->CallbackCommand.str();
    out["sdkappid"] = query->SdkAppid;
    out["platform"] = query->OptPlatform.str();
    const auto hook = tencent::read_group_message_webhook(body);
    // A sender that failed to authenticate is told so first, whatever its body: a server
    // would refuse it before reading the body.
    if (!hook) {
        if (code != ok) return {std::move(out), code};
        return {unreadable_json(hook.errors()), unreadable};
    }
    if (hook->CallbackCommand && !hook->CallbackCommand->str().empty()) out["command"] = hook->CallbackCommand->str();
    out["room"] = hook->GroupId.value_or("");
    out["type"] = hook->Type.value_or("");
    out["sender"] = hook->From_Account.value_or("");
    out["operator"] = hook->Operator_Account.value_or("");
    boost::json::array texts;
    for (const std::string& t : hook->texts()) texts.emplace_back(t);
    out["texts"] = std::move(texts);
    out["cloud_custom_data"] =
        hook->CloudCustomData ? boost::json::value(*hook->CloudCustomData) : boost::json::value(nullptr);
    if (hook->Random) out["random"] = *hook->Random;
    if (hook->MsgId) out["msg_id"] = *hook->MsgId;
    if (hook->MsgSeq) out["msg_seq"] = hook->MsgSeq->value;
    if (hook->MsgTime) out["msg_time"] = hook->MsgTime->value;
    if (hook->EventTime) out["event_time"] = hook->EventTime->value;
    return {std::move(out), code};
}

}  // namespace livemsg::cli
