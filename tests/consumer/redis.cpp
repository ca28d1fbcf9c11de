// SPDX-License-Identifier: BSL-1.0
// A project that uses livemsg::redis: a limiter whose server is not there answers, as a value,
// that it is unavailable, and names the server without its password.
#include <livemsg/redis/msg_type_budget.hpp>
#include <livemsg/redis/rate_limiter.hpp>

#include <iostream>

int main() {
    const auto url = livemsg::redis::parse_url("unix:///nonexistent/livemsg-consumer.sock");
    if (!url) return 1;
    livemsg::redis::rate_limiter limiter(*url);
    const auto r = limiter.reserve({"account", "SendLiveMessageGroup"}, livemsg::call_rate{50}, {});
    if (r.state != livemsg::reservation::status::unavailable ||
        r.reason.find("unix:///nonexistent/livemsg-consumer.sock") == std::string::npos) {
        std::cerr << "unexpected: " << livemsg::to_string(r.state) << " " << r.reason << '\n';
        return 1;
    }
    std::cout << "consumer redis ok\n";
}
