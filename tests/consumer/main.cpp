// SPDX-License-Identifier: BSL-1.0
// A project that uses livemsg: validates and serializes one request.
#include <livemsg/livemsg.hpp>

#include <iostream>

int main() {
    using namespace livemsg::alibaba;
    SendLiveMessageUser req{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello, user"};
    auto request = render(req);
    if (!request) {
        std::cerr << request.errors() << '\n';
        return 1;
    }
    const std::string expected =
        "https://live.aliyuncs.com/?Action=SendLiveMessageUser&Version=2016-11-01&AppId=demo"
        "&ReceiverId=uid2&SenderId=uid1&Body=hello%2C%20user";
    if (request->url() != expected) {
        std::cerr << "unexpected URL " << request->url() << '\n';
        return 1;
    }
    std::cout << "consumer ok\n";
}
