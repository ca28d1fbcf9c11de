// SPDX-License-Identifier: BSL-1.0
#include "test_support.hpp"

#include <livemsg/core/endpoint_url.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace endpoint_url_test {

using livemsg::endpoint_url;
using livemsg::error_code;

TEST_CASE("an endpoint URL keeps its scheme and its host with the port", "[endpoint]") {
    struct row {
        const char* url;
        const char* scheme;
        const char* host;
    };
    const row rows[] = {
        {"https://live.aliyuncs.com", "https", "live.aliyuncs.com"},
        {"https://live-vpc.cn-shanghai.aliyuncs.com/", "https", "live-vpc.cn-shanghai.aliyuncs.com"},
        {"http://127.0.0.1:8080", "http", "127.0.0.1:8080"},
        {"http://localhost:1/", "http", "localhost:1"},
        {"http://[::1]:65535", "http", "[::1]:65535"},
        {"https://[2001:db8::7]", "https", "[2001:db8::7]"},
    };
    for (const row& r : rows) {
        INFO(r.url);
        const auto url = endpoint_url::parse(r.url);
        REQUIRE(url.ok());
        CHECK(url->scheme() == r.scheme);
        CHECK(url->host() == r.host);
        std::ostringstream os;
        os << *url;
        CHECK(os.str() == std::string(r.scheme) + "://" + r.host);
    }
}

TEST_CASE("an endpoint URL with anything but a scheme, a host and a port is rejected", "[endpoint]") {
    struct row {
        std::string url;
        const char* field;
        error_code code;
    };
    const row rows[] = {
        {"live.aliyuncs.com", "endpoint", error_code::not_one_of},
        {"ftp://host", "endpoint", error_code::not_one_of},
        {"HTTPS://host", "endpoint", error_code::not_one_of},
        {"https://", "endpoint.host", error_code::empty},
        {"https:///", "endpoint.host", error_code::empty},
        {"https://host/v4", "endpoint.host", error_code::not_alphanumeric},
        {"https://user@host", "endpoint.host", error_code::not_alphanumeric},
        {"https://host?a=1", "endpoint.host", error_code::not_alphanumeric},
        {"https://host//", "endpoint.host", error_code::not_alphanumeric},
        {"https://host\r\nX-Evil: 1", "endpoint.host", error_code::control_character},
        {std::string("https://ho\0st", 13), "endpoint.host", error_code::control_character},
        {"http://host:0", "endpoint.port", error_code::out_of_range},
        {"http://host:65536", "endpoint.port", error_code::out_of_range},
        {"http://host:", "endpoint.port", error_code::out_of_range},
        {"http://host:80:81", "endpoint.port", error_code::out_of_range},
        {"http://host:-1", "endpoint.port", error_code::out_of_range},
        {"http://[::1]8080", "endpoint.port", error_code::out_of_range},
        {"http://[::1", "endpoint.host", error_code::not_one_of},
    };
    for (const row& r : rows) {
        INFO(r.url);
        const auto url = endpoint_url::parse(r.url);
        REQUIRE_FALSE(url.ok());
        REQUIRE(url.errors().size() == 1);
        CHECK(codes_for(url.errors(), r.field) == std::vector{r.code});
    }
}

}  // namespace endpoint_url_test
