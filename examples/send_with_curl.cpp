// SPDX-License-Identifier: BSL-1.0
// Sends one request with libcurl: livemsg renders and signs it, libcurl carries it, livemsg
// reads the answer. The command line and the output are in operations.hpp.
#include "operations.hpp"

#include <curl/curl.h>

#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

namespace {

using examples::answer;
using examples::fatal;
using examples::names_equal;
using livemsg::http_request;

// ---- Sending with libcurl ----------------------------------------------------------------------

constexpr long connect_timeout_ms = 5'000;
constexpr long total_timeout_ms = 30'000;
constexpr std::size_t max_answer_bytes = 1 << 20;  // the vendors answer in a few hundred bytes

struct curl_deleter {
    void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto& body = *static_cast<std::string*>(user);
    if (body.size() + size * count > max_answer_bytes) return 0;  // libcurl then fails the transfer
    body.append(data, size * count);
    return size * count;
}

// Called once per header line, with the status line of each response first.
std::size_t keep_retry_after(char* data, std::size_t size, std::size_t count, void* user) {
    const std::string_view line(data, size * count);
    auto& retry_after = *static_cast<std::string*>(user);
    if (line.starts_with("HTTP/")) retry_after.clear();  // a new response (after a 100 Continue, say)
    constexpr std::string_view name = "x-acs-retry-after:";
    if (line.size() > name.size() && names_equal(line.substr(0, name.size()), name)) {
        std::string_view value = line.substr(name.size());
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        retry_after = first == std::string_view::npos ? std::string() : std::string(value.substr(first, last - first + 1));
    }
    return size * count;
}

answer send_request(const http_request& http) {
    std::unique_ptr<CURL, curl_deleter> curl(curl_easy_init());
    if (!curl) throw fatal("libcurl could not start");
    CURL* c = curl.get();

    // Every header is livemsg's, some of them signed: libcurl's own Host and Content-Type are
    // replaced, and it must add no "Expect: 100-continue", "Accept" or form Content-Type.
    curl_slist* list = nullptr;
    const auto add = [&](const std::string& line) {
        curl_slist* grown = curl_slist_append(list, line.c_str());
        if (!grown) throw fatal("out of memory");
        list = grown;
    };
    http.for_each_header([&](std::string_view name, std::string_view value) {
        add(std::string(name) + ": " + std::string(value));
    });
    if (http.content_type.empty()) add("Content-Type:");  // "Name:" removes a header libcurl adds
    add("Expect:");
    add("Accept:");
    std::unique_ptr<curl_slist, curl_deleter> headers(list);

    const std::string url = http.url();
    answer out;
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    if (http.method == "GET") {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        if (http.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, std::string(http.method).c_str());
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, http.body.data());  // not copied: http outlives the transfer
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(http.body.size()));
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, keep_retry_after);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &out.retry_after);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);

    if (const CURLcode code = curl_easy_perform(c); code != CURLE_OK)
        // A request that was written may have been delivered: reuse its MsgTid when retrying.
        throw fatal(std::string("the exchange failed: ") +
                    (error[0] ? error : curl_easy_strerror(code)));
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out.status = static_cast<int>(status);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return std::cerr << "libcurl could not start\n", examples::failure;
    const int code = examples::program_main("send_with_curl", argc, argv, send_request);
    curl_global_cleanup();
    return code;
}
