// SPDX-License-Identifier: BSL-1.0
// What the emulator's verifiers would receive for a request the library rendered and signed,
// and the accounts the tests serve.
#pragma once

#include "serve/credentials_file.hpp"
#include "serve/received_request.hpp"

#include <livemsg/core/http_request.hpp>

#include <chrono>
#include <string>
#include <string_view>

namespace serve_test {

// Every header an HTTP client sends for `r` (for_each_header), the target and the body.
inline livemsg::serve::received_request received(const livemsg::http_request& r) {
    livemsg::serve::received_request out;
    out.method = std::string(r.method);
    out.target = r.target();
    r.for_each_header([&](std::string_view name, std::string_view value) { out.headers.emplace_back(name, value); });
    out.body = r.body;
    return out;
}

// Replaces the value of the first header called `name`.
inline void set_header(livemsg::serve::received_request& r, std::string_view name, std::string_view value) {
    for (auto& [n, v] : r.headers)
        if (n == name) {
            v = value;
            return;
        }
    r.headers.emplace_back(name, value);
}

inline std::chrono::system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

inline const auto signed_at = utc(2025, 6, 16, 11, 47, 0);

inline constexpr std::string_view accounts_json = R"({
    "alibaba": [{"access_key_id": "LTAI5tServeTest", "access_key_secret": "alibaba-secret"},
                {"access_key_id": "LTAI5tServeOther", "access_key_secret": "alibaba-other-secret"}],
    "volcengine": [{"access_key_id": "AKLTServeTest", "secret_access_key": "volcengine-secret"},
                   {"access_key_id": "AKLTServeOther", "secret_access_key": "volcengine-other-secret"}],
    "tencent": [{"sdkappid": 1400000000, "secret_key": "tencent-secret-key", "identifier": "administrator"},
                {"sdkappid": 1400000001, "secret_key": "tencent-other-key", "identifier": "administrator"}]
})";

inline livemsg::serve::served_credentials accounts() {
    return livemsg::serve::read_credentials_file(accounts_json).value();
}

}  // namespace serve_test
