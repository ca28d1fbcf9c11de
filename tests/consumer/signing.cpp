// SPDX-License-Identifier: BSL-1.0
// A project that signs with livemsg: the official V3 example signature.
#include <livemsg/signing.hpp>

#include <chrono>
#include <iostream>

int main() {
    using namespace std::chrono;
    livemsg::http_request r;
    r.host = "ecs.cn-shanghai.aliyuncs.com";
    r.query.add("Action", "RunInstances");
    r.query.add("Version", "2014-05-26");
    r.query.add("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
    r.query.add("RegionId", "cn-shanghai");
    const auto time = sys_days{year{2023} / 10 / 26} + hours{10} + minutes{22} + seconds{32};
    auto s = livemsg::alibaba::sign_v3(r, {"YourAccessKeyId", livemsg::secret("YourAccessKeySecret"), {}},
                                       {time, "3156853299f313e23d1673dc12e1703d"});
    if (!s || s->signature != "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0") {
        std::cerr << "unexpected signature\n";
        return 1;
    }
    std::cout << "consumer signing ok\n";
}
