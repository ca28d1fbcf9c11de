// SPDX-License-Identifier: BSL-1.0
// expect: error: ignoring return
// expect-times: 12
// flags: -Werror=unused-result
// Every result that says whether a request, a signature or an answer failed must be looked at:
// ignoring one is diagnosed, once per call below.
#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <chrono>

int main() {
    using namespace livemsg;
    const alibaba::SendLiveMessageUser user{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hi"};
    const alibaba::SendLiveMessageGroup group{.AppId = "demo", .GroupId = "g1", .SenderId = "uid1", .Body = "hi"};
    const volcengine::P2PSendMessage p2p{};
    const tencent::send_text_msg text{};
    const tencent::rest_caller caller{};
    alibaba::msg_type_budget budget;
    http_request http;
    const alibaba::credentials alibaba_key{"id", secret("key"), {}};
    const volcengine::credentials volcengine_key{"id", secret("key"), {}};
#ifdef LIVEMSG_COMPILE_FAIL
    validate(user);
    alibaba::render(user, http);
    tencent::render(text, caller, 1, http);
    volcengine::render(p2p, http);
    decode_json<alibaba::SendLiveMessageUser>("{}");
    read_json<alibaba::SendLiveMessageUser::response>("{}");
    alibaba::parse_response<alibaba::SendLiveMessageUser>(200, "{}");
    tencent::parse_response<tencent::send_text_msg>(200, "{}");
    volcengine::parse_response<volcengine::P2PSendMessage>(200, "{}");
    budget.admit(group);
    alibaba::sign_v3(http, alibaba_key);
    volcengine::sign(http, volcengine_key, volcengine::scope_of(volcengine::endpoint_for(volcengine::rtc_region::cn_north_1)));
#else
    int failures = 0;
    failures += !validate(user).empty();
    failures += !alibaba::render(user, http).empty();
    failures += !tencent::render(text, caller, 1, http).empty();
    failures += !volcengine::render(p2p, http).empty();
    failures += !decode_json<alibaba::SendLiveMessageUser>("{}").ok();
    failures += !read_json<alibaba::SendLiveMessageUser::response>("{}").ok();
    failures += !alibaba::parse_response<alibaba::SendLiveMessageUser>(200, "{}").ok();
    failures += !tencent::parse_response<tencent::send_text_msg>(200, "{}").ok();
    failures += !volcengine::parse_response<volcengine::P2PSendMessage>(200, "{}").ok();
    failures += !budget.admit(group).empty();
    failures += !alibaba::sign_v3(http, alibaba_key).ok();
    failures += !volcengine::sign(http, volcengine_key,
                                  volcengine::scope_of(volcengine::endpoint_for(volcengine::rtc_region::cn_north_1))).ok();
    return failures;
#endif
}
