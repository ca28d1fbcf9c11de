// SPDX-License-Identifier: BSL-1.0
// The signers' fast paths against the straightforward ones they replaced: OpenSSL's one-shot
// SHA256() and HMAC(), zlib's compress2(), snprintf timestamps, and canonical queries built by
// decoding the form body and percent-encoding the canonical query a second time. Compared byte
// for byte over many generated requests.
#include <livemsg/detail/canonical.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/detail/utc_time.hpp>
#include <livemsg/detail/zlib.hpp>
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace signing_fast_path_test {

using namespace std::chrono;
using livemsg::http_request;
using livemsg::param;
using livemsg::secret;

namespace {

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string reference_sha256(std::string_view data) {
    unsigned char out[32];
    SHA256(bytes(data), data.size(), out);
    return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string reference_hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), bytes(data), data.size(), out, &size);
    return std::string(reinterpret_cast<const char*>(out), size);
}

std::string reference_compress(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    REQUIRE(compress2(reinterpret_cast<Bytef*>(out.data()), &size, bytes(data), static_cast<uLong>(data.size()),
                      Z_DEFAULT_COMPRESSION) == Z_OK);
    out.resize(size);
    return out;
}

template <std::size_t N>
std::string text(const std::array<unsigned char, N>& digest) {
    return std::string(reinterpret_cast<const char*>(digest.data()), N);
}

// Texts that stress the encoding: non-ASCII, '~' (unreserved), '*' '+' ' ' '%' '&' '=' (not),
// empty ones, and a few repeated so that values decide the order.
class text_maker {
public:
    explicit text_maker(std::uint32_t seed) : random_(seed) {}

    std::string next(std::size_t max_size = 12) {
        static constexpr std::string_view pieces[] = {
            "a", "Z", "0", "9", "-", "_", ".", "~", "*", "+", " ", "%", "&", "=", "/", "?", ":",
            "\xc3\xa9", "\xe4\xbd\xa0\xe5\xa5\xbd", "\xf0\x9f\x98\x80", "\x7f", "\x01", "\xff", "%41", "%2B"};
        std::string out;
        const std::size_t size = pick(max_size + 1);
        for (std::size_t i = 0; i < size; ++i) out += pieces[pick(std::size(pieces))];
        return out;
    }
    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

private:
    std::mt19937 random_;
};

// A form-encoded body: mostly canonical, sometimes as a careless client writes one.
std::string make_form_body(text_maker& make) {
    std::string body;
    const std::size_t pairs = make.pick(6);
    for (std::size_t i = 0; i < pairs; ++i) {
        if (i) body += '&';
        switch (make.pick(8)) {
            case 0: body += "lower=%e4%bd%a0"; break;             // lower-case hex
            case 1: body += "plus=a+b"; break;                    // '+' is a plus sign here
            case 2: body += "tilde=%7E%7e"; break;                // an unreserved byte escaped
            case 3: body += make.pick(2) ? "bad=%4" : "bad=%zz"; break;  // malformed: signed as empty
            case 4: body += make.pick(2) ? "" : "novalue"; break;  // an empty pair, a name alone
            default:
                body += livemsg::percent_encode(make.next(6));
                body += '=';
                body += livemsg::percent_encode(make.next());
        }
    }
    if (make.pick(4) == 0) body += '&';
    return body;
}

http_request make_request(text_maker& make) {
    http_request r;
    r.method = make.pick(2) ? "POST" : "GET";
    r.host = "live.aliyuncs.com";
    r.query.add("Action", "SendLiveMessageUser");
    r.query.add("Version", "2016-11-01");
    const std::size_t extra = make.pick(8);
    for (std::size_t i = 0; i < extra; ++i) r.query.add(make.pick(3) ? make.next(6) : "Dup", make.next());
    if (make.pick(2)) {
        r.content_type = livemsg::alibaba::form_content_type;
        r.body = make_form_body(make);
    } else if (make.pick(2)) {
        r.content_type = "application/json";
        r.body = "{\"k\":\"" + make.next() + "\"}";
    }
    return r;
}

// V1's string to sign as it used to be built: form body decoded, canonical query encoded, then
// the whole encoded again.
std::string reference_v1_string_to_sign(const http_request& signed_request) {
    const auto form = signed_request.content_type == livemsg::alibaba::form_content_type
                          ? livemsg::alibaba::detail::decode_form(signed_request.body)
                          : std::vector<std::pair<std::string, std::string>>{};
    livemsg::detail::parameter_views params;
    for (const param& p : signed_request.query)
        if (p.name != "Signature") params.push_back({p.name, p.value});
    for (const auto& [name, value] : form) params.push_back({name, value});
    std::string canonical;
    livemsg::detail::append_canonical_query(canonical, params);
    std::string out(signed_request.method);
    out += "&%2F&";
    livemsg::append_percent_encoded(out, canonical);
    return out;
}

// V3's canonical request as it used to be built, from the signed request's headers.
std::string reference_v3_canonical_request(const http_request& signed_request) {
    std::vector<std::pair<std::string, std::string>> headers;
    for (const param& h : signed_request.headers)
        if (h.name.starts_with("x-acs-")) headers.emplace_back(h.name, h.value);
    headers.emplace_back("host", signed_request.host);
    if (!signed_request.content_type.empty()) headers.emplace_back("content-type", signed_request.content_type);
    std::sort(headers.begin(), headers.end());
    std::string out(signed_request.method);
    out += "\n/\n";
    livemsg::detail::parameter_views params;
    for (const param& p : signed_request.query) params.push_back({p.name, p.value});
    livemsg::detail::append_canonical_query(out, params);
    out += '\n';
    std::string signed_headers;
    for (const auto& [name, value] : headers) {
        out += name + ':' + value + '\n';
        if (!signed_headers.empty()) signed_headers += ';';
        signed_headers += name;
    }
    out += '\n' + signed_headers + '\n' + livemsg::detail::sha256_hex(signed_request.body);
    return out;
}

system_clock::time_point some_time(text_maker& make) {
    // 1900 to 2200, at any nanosecond, before 1970 too.
    const std::int64_t seconds_range = 300LL * 365 * 86400;
    const auto s = static_cast<std::int64_t>(make.pick(static_cast<std::size_t>(seconds_range))) - 70LL * 365 * 86400;
    return system_clock::time_point(duration_cast<system_clock::duration>(
        std::chrono::seconds(s) + nanoseconds(static_cast<std::int64_t>(make.pick(1'000'000'000)))));
}

}  // namespace

TEST_CASE("SHA-256 and HMACs equal OpenSSL's one-shot functions", "[crypto][fast_path]") {
    text_maker make(1);
    for (int i = 0; i < 500; ++i) {
        // Keys of every length around the 64-byte block, and longer.
        std::string key(make.pick(150), '\0');
        for (char& c : key) c = static_cast<char>(make.pick(256));
        const std::string data = make.next(make.pick(2) ? 20 : 400);
        CHECK(text(livemsg::detail::sha256(data)) == reference_sha256(data));
        CHECK(text(livemsg::detail::hmac_sha256(key, data)) == reference_hmac(EVP_sha256(), key, data));
        CHECK(text(livemsg::detail::hmac_sha1(key, data)) == reference_hmac(EVP_sha1(), key, data));
    }
}

TEST_CASE("zlib_compress gives compress2's bytes, call after call", "[zlib][fast_path]") {
    text_maker make(2);
    CHECK(livemsg::detail::zlib_compress("") == reference_compress(""));
    for (int i = 0; i < 200; ++i) {
        std::string data = make.next(make.pick(2) ? 30 : 3000);
        if (make.pick(4) == 0) data.append(make.pick(70000), 'x');  // beyond one 32 KB window
        const auto compressed = livemsg::detail::zlib_compress(data);
        REQUIRE(compressed.has_value());
        CHECK(*compressed == reference_compress(data));
        CHECK(livemsg::detail::zlib_decompress(*compressed, data.size()) == data);
    }
}

TEST_CASE("Alibaba timestamps equal the snprintf ones", "[alibaba][signature][fast_path]") {
    text_maker make(3);
    const auto check = [](system_clock::time_point t) {
        CHECK(livemsg::alibaba::detail::iso8601_timestamp(t).view() == livemsg::detail::iso8601_utc(t));
    };
    check(system_clock::time_point{});
    check(system_clock::time_point{} - nanoseconds(1));
    check(sys_days{year{2000} / February / 29} + hours{23} + minutes{59} + seconds{59});
    check(sys_days{year{1969} / December / 31} + hours{23} + minutes{59} + seconds{59} + milliseconds{999});
    check(sys_days{year{2024} / December / 31} + hours{23} + minutes{59} + seconds{59});
    for (int i = 0; i < 5000; ++i) check(some_time(make));
}

TEST_CASE("the canonical-encoding test accepts exactly what decoding and encoding give back",
          "[alibaba][signature][fast_path]") {
    using livemsg::alibaba::detail::is_canonical_encoding;
    text_maker make(4);
    for (int i = 0; i < 5000; ++i) {
        std::string t = make.next(8);
        if (make.pick(2)) t = livemsg::percent_encode(t);
        const auto decoded = livemsg::percent_decode(t);
        const bool round_trips = decoded && livemsg::percent_encode(*decoded) == t;
        CHECK(is_canonical_encoding(t) == round_trips);
    }
    CHECK(is_canonical_encoding("a%20b~"));
    CHECK_FALSE(is_canonical_encoding("a%2fb"));
    CHECK_FALSE(is_canonical_encoding("%7E"));
    CHECK_FALSE(is_canonical_encoding("a+b"));
    CHECK_FALSE(is_canonical_encoding("%2"));
}

TEST_CASE("V1's string to sign and signature equal the reference's over generated requests",
          "[alibaba][signature][v1][fast_path]") {
    text_maker make(5);
    const livemsg::alibaba::credentials creds{"LTAI5tExample", secret("s3cr3t"), secret("sts token+/=")};
    for (int i = 0; i < 1000; ++i) {
        http_request r = make_request(make);
        const livemsg::alibaba::signing_options at{some_time(make), "nonce-" + std::to_string(i)};
        const auto signed_ = livemsg::alibaba::sign_v1(r, creds, at);
        REQUIRE(signed_.ok());
        INFO("body: " << r.body);
        CHECK(signed_->string_to_sign == reference_v1_string_to_sign(r));
        CHECK(signed_->signature ==
              livemsg::detail::base64_encode(reference_hmac(EVP_sha1(), "s3cr3t&", signed_->string_to_sign)));
        CHECK(r.query.find("Signature") == signed_->signature);

        // Re-signing gives what signing once would.
        const auto again = livemsg::alibaba::sign_v1(r, creds, at);
        REQUIRE(again.ok());
        CHECK(again->string_to_sign == signed_->string_to_sign);
        CHECK(again->signature == signed_->signature);
    }
}

TEST_CASE("V3's canonical request and signature equal the reference's over generated requests",
          "[alibaba][signature][v3][fast_path]") {
    text_maker make(6);
    for (int i = 0; i < 1000; ++i) {
        const livemsg::alibaba::credentials creds{"LTAI5tExample", secret("s3cr3t"),
                                                  make.pick(2) ? secret("sts-token") : secret()};
        http_request r = make_request(make);
        const livemsg::alibaba::signing_options at{some_time(make), "nonce-" + std::to_string(i)};
        const auto signed_ = livemsg::alibaba::sign_v3(r, creds, at);
        REQUIRE(signed_.ok());
        CHECK(signed_->canonical_request == reference_v3_canonical_request(r));
        CHECK(signed_->string_to_sign ==
              "ACS3-HMAC-SHA256\n" + livemsg::detail::hex(livemsg::detail::sha256(signed_->canonical_request)));
        CHECK(signed_->signature == livemsg::detail::hex(std::span(
                                        bytes(reference_hmac(EVP_sha256(), "s3cr3t", signed_->string_to_sign)), 32)));

        const auto again = livemsg::alibaba::sign_v3(r, creds, at);
        REQUIRE(again.ok());
        CHECK(again->canonical_request == signed_->canonical_request);
        CHECK(again->signature == signed_->signature);
    }
}

TEST_CASE("the thread-local digest and zlib streams give each thread its own, right answers",
          "[crypto][zlib][threads][fast_path]") {
    constexpr int thread_count = 4;
    std::vector<std::string> inputs;
    text_maker make(7);
    for (int i = 0; i < 64; ++i) inputs.push_back(make.next(200));
    std::vector<std::string> expected_mac, expected_zlib;
    for (const auto& in : inputs) {
        expected_mac.push_back(reference_hmac(EVP_sha256(), in, in));
        expected_zlib.push_back(reference_compress(in));
    }
    std::vector<int> mismatches(thread_count, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 50; ++round)
                for (std::size_t i = 0; i < inputs.size(); ++i) {
                    const std::size_t k = (i + static_cast<std::size_t>(t) * 7) % inputs.size();
                    mismatches[static_cast<std::size_t>(t)] +=
                        text(livemsg::detail::hmac_sha256(inputs[k], inputs[k])) != expected_mac[k];
                    mismatches[static_cast<std::size_t>(t)] +=
                        livemsg::detail::zlib_compress(inputs[k]) != expected_zlib[k];
                }
        });
    for (auto& th : threads) th.join();
    for (int m : mismatches) CHECK(m == 0);
}

}  // namespace signing_fast_path_test
