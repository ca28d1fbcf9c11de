// SPDX-License-Identifier: BSL-1.0
// A tour of livemsg: for each vendor, build a request, see every rule it breaks, render the
// bytes to send, sign them, and read the vendor's answers. The README quotes this file.
#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <chrono>
#include <iostream>
#include <string>

namespace {

using namespace std::chrono;

// Example credentials, and a fixed time and nonce, keep the output the same on every run.
const auto example_time = sys_days{year{2025} / 1 / 2} + hours{3};

void print(const livemsg::http_request& http) {
    std::cout << http.method << ' ' << http.url() << '\n';
    http.for_each_header([](std::string_view name, std::string_view value) { std::cout << name << ": " << value << '\n'; });
    if (!http.body.empty()) std::cout << http.body << '\n';
}

bool alibaba_tour() {
    std::cout << "==== Alibaba Cloud\n";
    // tour: alibaba
    using namespace livemsg::alibaba;

    // Literals are checked while compiling: "uid-2" as an ID would not build.
    SendLiveMessageUser req{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello, user"};

    // Runtime values are checked together: every broken rule is reported at once.
    SendLiveMessageUser bad = req;
    bad.ReceiverId = std::string("uid-2");
    bad.SenderId = std::string(65, 'u');
    bad.Body = std::string("caf\xC3", 4);  // a truncated UTF-8 sequence
    std::cout << livemsg::validate(bad) << "\n\n";

    livemsg::http_request http;  // reuse it: its storage is kept between requests
    if (auto errors = render(req, http); !errors.empty()) return false;
    const credentials creds{"LTAI5tExampleKeyId", livemsg::secret("example-secret"), {}};
    if (!sign_v3(http, creds, {example_time, "3156853299f313e23d1673dc12e1703d"})) return false;
    print(http);

    auto answer = parse_response<SendLiveMessageUser>(
        400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})", "2000");
    if (const error* e = answer.error())  // x-acs-retry-after counts milliseconds
        std::cout << e->code << ", retryable: " << (e->retryable() ? "yes" : "no") << ", after "
                  << e->retry_after()->count() << " ms\n";
    // end tour

    // The other two operations: a group message (with its 30-type budget), and a form body.
    msg_type_budget budget;
    SendLiveMessageGroup group{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1", .Body = "hello,group",
                               .MsgType = 1};
    if (!budget.admit(group).empty() || !render(group, http).empty() || !sign_v1(http, creds, {example_time, "n1"}))
        return false;
    print(http);
    SendMessageToGroup to_group{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                .Data = R"({"text":"test"})", .SkipAudit = true};
    if (!render(to_group, http).empty()) return false;
    print(http);
    return answer.error() != nullptr;
}

bool tencent_tour() {
    std::cout << "\n==== Tencent Cloud Chat\n";
    // tour: tencent
    using namespace livemsg::tencent;

    send_text_msg msg{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg",
                      .ExtensionInfo = R"({"data":1,"value":2})"};

    // One signer per admin, shared between threads; it renews the UserSig before it expires.
    const admin_signer signer({.sdkappid = 1400000000, .identifier = "admin"},
                              livemsg::secret("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"),
                              [] { return floor<seconds>(example_time); });
    rest_caller caller{.domain = region::singapore};
    signer.sign(caller);

    livemsg::http_request http;
    if (auto errors = render(msg, caller, 99999999, http); !errors.empty()) return false;  // random: 99999999
    print(http);

    auto answer = parse_response<send_text_msg>(200, R"({"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK",
        "RequestId":"Id-1","Response":{"MsgTime":1750074420,"MsgSeq":25,"MsgDropReason":"MsgFreqCtrl"}})");
    if (const auto* result = answer.result()) {
        if (const auto* dropped = result->dropped()) std::cout << "dropped: " << dropped->reason << '\n';
        else if (const auto* sent = result->sent()) std::cout << "sent as " << sent->msg_seq << '\n';
    }
    // end tour
    return answer.ok() && answer.result()->dropped();
}

bool volcengine_tour() {
    std::cout << "\n==== Volcengine RTC\n";
    // tour: volcengine
    using namespace livemsg::volcengine;

    P2PSendMessage msg{.AppId = 666675, .Sender = 10008, .ConversationShortId = 7221856821303361536,
                       .MsgType = 10013, .Content = R"({"type":1000,"ext":"","message_type":10001})",
                       .Recipients = recipients::only({10001, 10008})};

    livemsg::http_request http;
    const endpoint to = endpoint_for(rtc_region::cn_north_1);
    if (auto errors = render(msg, to, http); !errors.empty()) return false;
    const credentials creds{"AKLTExampleKeyId", livemsg::secret("example-secret"), {}};
    if (!sign(http, creds, scope_of(to), example_time)) return false;
    print(http);

    auto answer = parse_response<P2PSendMessage>(200, R"({
        "ResponseMetadata": {"RequestId": "20240604150611EC00A9D1A0E4F0DF98AB", "Action": "P2PSendMessage",
                             "Version": "2020-12-01", "Service": "", "Region": ""},
        "Result": {"P2PResult": [{"UserId": 10008, "Code": "NOT_ONLINE", "DevicePlatform": "Default"},
                                 {"UserId": 10001, "Code": "SUCCESS", "DevicePlatform": "Web"}]}})");
    if (const auto* response = answer.result(); response && response->Result)
        for (std::int64_t user : response->Result->offline()) std::cout << "offline: " << user << '\n';
    // end tour
    return answer.ok();
}

}  // namespace

int main() {
    const bool ok = alibaba_tour() && tencent_tour() && volcengine_tour();
    if (!ok) std::cerr << "the tour did not go as the vendors' documentation says\n";
    return ok ? 0 : 1;
}
