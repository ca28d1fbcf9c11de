// A tour of livemsg on Alibaba SendLiveMessageUser: build a request, see every rule it breaks,
// render the bytes to send, sign them, and read the vendor's answers.
#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <chrono>
#include <iostream>
#include <string>

int main() {
    using namespace livemsg::alibaba;

    // Literals are checked while compiling: "uid-1" as an ID would not build.
    SendLiveMessageUser req{
        .AppId = "demo",
        .ReceiverId = "uid2",
        .SenderId = "uid1",
        .SenderInfo = "uid1meta1",
        .Body = "hello, user",
        .MsgType = 2,
        .DataCenter = data_center::cn_shanghai,
    };

    livemsg::http_request http;  // reuse it: its storage is kept between requests
    if (auto errors = render(req, http); !errors.empty()) {
        std::cerr << errors << '\n';
        return 1;
    }
    std::cout << "== a valid request\n" << http.method << ' ' << http.url() << "\n\n";

    // Signed with V3 (example credentials; a fixed time and nonce keep the output stable).
    const credentials creds{"LTAI5tExampleKeyId", livemsg::secret("example-secret"), {}};
    const auto time = std::chrono::sys_days{std::chrono::year{2025} / 1 / 2} + std::chrono::hours{3};
    if (auto signature = sign_v3(http, creds, {time, "3156853299f313e23d1673dc12e1703d"}); !signature) {
        std::cerr << signature.errors() << '\n';
        return 1;
    }
    std::cout << "== signed with V3 (" << creds << ")\n" << http.method << ' ' << http.url() << '\n';
    for (const auto& header : http.headers) std::cout << header.name << ": " << header.value << '\n';
    std::cout << '\n';

    // Runtime values are checked together: every broken rule is reported at once.
    SendLiveMessageUser bad;
    bad.AppId = std::string("demo");
    bad.ReceiverId = std::string("uid-2");
    bad.SenderId = std::string(65, 'u');
    bad.Body = std::string("caf\xC3", 4);  // a truncated UTF-8 sequence
    std::cout << "== an invalid request\n" << render(bad, http) << "\n\n";

    // Responses are read leniently: unknown keys are ignored.
    auto response = parse_response<SendLiveMessageUser>(
        200, R"({"RequestId":"6CFDE7AB-571A-14EA-B072-989FF753****","NewKey":true})");
    std::cout << "== a response\nRequestId " << response.result()->RequestId << "\n\n";

    // Errors are typed, with advice on retrying.
    auto failure = parse_response<SendLiveMessageUser>(
        400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"R1"})",
        "2");
    const error& e = *failure.error();
    std::cout << "== an error\nHTTP " << e.http_status << ' ' << e.Code << ": " << *e.Message
              << "\nretryable: " << (e.retryable() ? "yes" : "no") << ", after " << e.retry_after->count() << " s\n";
    return 0;
}
