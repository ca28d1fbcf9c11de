// SPDX-License-Identifier: BSL-1.0
// Every vendor's request can go to another base URL (a proxy, a VPC endpoint, a local server),
// signed for that host; for_each_header yields what an HTTP client must send.
#include "tencent_page_example.hpp"

#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace endpoint_override_test {

using livemsg::endpoint_url;
using livemsg::http_request;
using livemsg::secret;

namespace {

std::chrono::system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

const auto example_time = utc(2025, 6, 16, 11, 47, 0);

endpoint_url local() { return endpoint_url::parse("http://127.0.0.1:8080").value(); }

std::vector<std::pair<std::string, std::string>> headers_of(const http_request& r) {
    std::vector<std::pair<std::string, std::string>> out;
    r.for_each_header([&](std::string_view name, std::string_view value) { out.emplace_back(name, value); });
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Every name in a ';'-separated SignedHeaders list is among the headers sent, with the value
// the signer saw: a client that sends for_each_header sends what was signed.
void require_signed_headers_sent(const http_request& r, std::string_view signed_headers) {
    const auto sent = headers_of(r);
    for (std::string_view rest = signed_headers; !rest.empty();) {
        const auto semicolon = rest.find(';');
        const std::string name(rest.substr(0, semicolon));
        INFO("signed header " << name);
        CHECK(std::ranges::count_if(sent, [&](const auto& h) { return lower(h.first) == name; }) == 1);
        rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    }
}

std::string after(std::string_view text, std::string_view marker) {
    const auto at = text.find(marker);
    REQUIRE(at != std::string_view::npos);
    const auto start = at + marker.size();
    return std::string(text.substr(start, text.find_first_of(",\n", start) - start));
}

}  // namespace

TEST_CASE("for_each_header yields Host, Content-Type, then the request's headers in order", "[http_request]") {
    http_request r;
    r.host = "example.com:8443";
    CHECK(headers_of(r) == std::vector<std::pair<std::string, std::string>>{{"Host", "example.com:8443"}});

    r.content_type = "application/json";
    r.headers.add("X-Date", "20250616T114700Z");
    r.headers.add("Authorization", "HMAC-SHA256 ...");
    CHECK(headers_of(r) == std::vector<std::pair<std::string, std::string>>{
                               {"Host", "example.com:8443"},
                               {"Content-Type", "application/json"},
                               {"X-Date", "20250616T114700Z"},
                               {"Authorization", "HMAC-SHA256 ..."}});
}

TEST_CASE("Alibaba renders to another base URL and V3 signs for its host", "[endpoint][alibaba]") {
    using namespace livemsg::alibaba;
    const SendMessageToGroup op{.AppId = "demo", .GroupId = "group1", .OperatorUserId = "uid1", .Type = 12000,
                                .Data = R"({"text":"hi"})"};
    http_request public_host, local_host;
    REQUIRE(render(op, public_host).empty());
    REQUIRE(render(op, local(), local_host).empty());

    CHECK(public_host.url().starts_with("https://live.aliyuncs.com/?Action=SendMessageToGroup&"));
    CHECK(local_host.url().starts_with("http://127.0.0.1:8080/?Action=SendMessageToGroup&"));
    CHECK(local_host.query == public_host.query);
    CHECK(local_host.body == public_host.body);
    CHECK(render(op, local()).value() == local_host);

    const credentials creds{"LTAI5tExampleKeyId", secret("example-secret"), {}};
    auto signed_public = sign_v3(public_host, creds, {example_time, "nonce-1"});
    auto signed_local = sign_v3(local_host, creds, {example_time, "nonce-1"});
    REQUIRE(signed_public.ok());
    REQUIRE(signed_local.ok());
    CHECK(signed_local->canonical_request.find("\nhost:127.0.0.1:8080\n") != std::string::npos);
    CHECK(signed_public->canonical_request.find("\nhost:live.aliyuncs.com\n") != std::string::npos);
    CHECK(signed_local->signature != signed_public->signature);

    const auto sent = headers_of(local_host);
    REQUIRE(sent.size() >= 3);
    CHECK(sent[0] == std::pair<std::string, std::string>{"Host", "127.0.0.1:8080"});
    CHECK(sent[1] == std::pair<std::string, std::string>{"Content-Type", std::string(form_content_type)});
    CHECK(sent.back().first == "Authorization");
    const std::string authorization = sent.back().second;
    require_signed_headers_sent(local_host, after(authorization, "SignedHeaders="));
    CHECK(after(authorization, "SignedHeaders=").find("host") != std::string::npos);
}

TEST_CASE("Alibaba V1 signs the same query whatever the host", "[endpoint][alibaba]") {
    using namespace livemsg::alibaba;
    const SendLiveMessageUser op{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello"};
    http_request public_host, local_host;
    REQUIRE(render(op, public_host).empty());
    REQUIRE(render(op, local(), local_host).empty());
    const credentials creds{"LTAI5tExampleKeyId", secret("example-secret"), {}};
    auto a = sign_v1(public_host, creds, {example_time, "nonce-1"});
    auto b = sign_v1(local_host, creds, {example_time, "nonce-1"});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->signature == b->signature);  // V1 signs method, path and query only
    CHECK(local_host.url().starts_with("http://127.0.0.1:8080/?"));
    CHECK(headers_of(local_host) == std::vector<std::pair<std::string, std::string>>{{"Host", "127.0.0.1:8080"}});
}

TEST_CASE("Volcengine renders to another base URL, signed for its host and the region's scope", "[endpoint][volcengine]") {
    using namespace livemsg::volcengine;
    const P2PSendMessage op{.AppId = 666675, .Sender = 10008, .ConversationShortId = 7221856821303361536,
                            .MsgType = 10013, .Content = R"({"type":1000})"};
    const endpoint_url url = endpoint_url::parse("http://[::1]:9000").value();
    const endpoint to = endpoint_at(url, rtc_region::ap_singapore_1);
    CHECK(to.host == "[::1]:9000");
    CHECK(to.region == "ap-singapore-1");

    http_request http;
    REQUIRE(render(op, to, http).empty());
    CHECK(http.url() == "http://[::1]:9000/?Action=P2PSendMessage&Version=2020-12-01");
    const credentials creds{"AKLTExampleKeyId", secret("example-secret"), {}};
    auto signed_ = sign(http, creds, scope_of(to), example_time);
    REQUIRE(signed_.ok());
    CHECK(signed_->canonical_request.find("\nhost:[::1]:9000\n") != std::string::npos);
    CHECK(signed_->credential_scope == "20250616/ap-singapore-1/rtc/request");
    require_signed_headers_sent(http, signed_->signed_headers);
    CHECK(headers_of(http)[0] == std::pair<std::string, std::string>{"Host", "[::1]:9000"});

    endpoint odd = to;
    odd.scheme = "ftp";
    const auto errors = render(op, odd, http);
    REQUIRE(errors.size() == 1);
    CHECK(errors.begin()->field == "scheme");
}

TEST_CASE("Tencent's endpoint takes a base URL: its scheme and host reach the request", "[endpoint][tencent]") {
    using namespace livemsg::tencent;
    rest_caller caller{.domain = endpoint(endpoint_url::parse("http://localhost:8081/").value()),
                       .sdkappid = 88888888,
                       .identifier = "admin",
                       .usersig = user_sig(std::string("xxx"))};
    CHECK(caller.domain.scheme() == "http");
    CHECK(caller.domain.host() == "localhost:8081");
    CHECK_FALSE(caller.domain == endpoint("localhost:8081"));  // same host, another scheme

    http_request http;
    REQUIRE(render(page_example(), caller, 99999999, http).empty());
    CHECK(http.url() == "http://localhost:8081/v4/live_engine_http_srv/send_text_msg?sdkappid=88888888"
                        "&identifier=admin&usersig=xxx&random=99999999&contenttype=json");
    CHECK(headers_of(http) == std::vector<std::pair<std::string, std::string>>{
                                  {"Host", "localhost:8081"}, {"Content-Type", "application/json"}});

    caller.domain = region::singapore;
    REQUIRE(render(page_example(), caller, 99999999, http).empty());
    CHECK(http.url().starts_with("https://adminapisgp.im.qcloud.com/v4/"));
}

}  // namespace endpoint_override_test
