// A tour of livemsg on Alibaba SendLiveMessageUser: build a request, see every rule it breaks,
// render the bytes to send, and read the vendor's answer.
#include <livemsg/livemsg.hpp>

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

    // Runtime values are checked together: every broken rule is reported at once.
    SendLiveMessageUser bad;
    bad.AppId = std::string("demo");
    bad.ReceiverId = std::string("uid-2");
    bad.SenderId = std::string(65, 'u');
    bad.Body = std::string("caf\xC3", 4);  // a truncated UTF-8 sequence
    std::cout << "== an invalid request\n" << render(bad, http) << "\n\n";

    // Responses are read leniently: unknown keys are ignored.
    auto response = livemsg::read_json<SendLiveMessageUserResponse>(
        R"({"RequestId":"6CFDE7AB-571A-14EA-B072-989FF753****","NewKey":true})");
    std::cout << "== a response\nRequestId " << response->RequestId << '\n';
    return 0;
}
