// SPDX-License-Identifier: BSL-1.0
// Signing per scheme against bare OpenSSL doing the same cryptography on the same, already
// built strings: the difference is what livemsg spends around the crypto. Names:
//   sign/<scheme>/<payload>/livemsg      reset the rendered request, then sign it
//   sign/<scheme>/<payload>/reset        only the reset (copying the rendered request back)
//   sign/<scheme>/<payload>/bare_crypto  every hash and HMAC the scheme needs, nothing else
//   sign/<scheme>/<payload>/bare_hmac    the one HMAC over the string to sign
#include "payloads.hpp"

#include <livemsg/signing.hpp>

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using bench::payload;
using namespace std::chrono_literals;

const std::chrono::system_clock::time_point signing_time{std::chrono::sys_days{std::chrono::June / 19 / 2024} + 7h};

[[noreturn]] void unexpected() { std::abort(); }

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

void bare_sha256(std::string_view data, unsigned char (&out)[32]) { SHA256(bytes(data), data.size(), out); }

void bare_hmac(const EVP_MD* md, std::string_view key, std::string_view data, unsigned char (&out)[32]) {
    unsigned int len = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), bytes(data), data.size(), out, &len);
}

std::string_view as_text(const unsigned char (&digest)[32]) { return {reinterpret_cast<const char*>(digest), 32}; }

template <class Fn>
void register_loop(const std::string& name, Fn fn) {
    benchmark::RegisterBenchmark(name.c_str(), [fn](benchmark::State& state) mutable {
        for (auto _ : state) {
            fn();
            benchmark::ClobberMemory();
        }
    });
}

livemsg::http_request rendered_alibaba(payload p) {
    livemsg::http_request http;
    if (!livemsg::alibaba::render(bench::live_message_user(p), http).empty()) unexpected();
    return http;
}

const livemsg::alibaba::credentials alibaba_creds{"LTAI5tExampleKeyId", livemsg::secret("example-secret"), {}};
const livemsg::alibaba::signing_options alibaba_options{signing_time, "3156853299f313e23d1673dc12e1703d"};

void register_alibaba_v1(payload p) {
    const std::string prefix = "sign/alibaba.v1/" + std::string(bench::payload_name(p)) + "/";
    const livemsg::http_request rendered = rendered_alibaba(p);
    livemsg::http_request probe = rendered;
    auto details = livemsg::alibaba::sign_v1(probe, alibaba_creds, alibaba_options);
    if (!details) unexpected();
    const std::string string_to_sign = details->string_to_sign;

    register_loop(prefix + "livemsg", [rendered, http = livemsg::http_request()]() mutable {
        http = rendered;
        benchmark::DoNotOptimize(livemsg::alibaba::sign_v1(http, alibaba_creds, alibaba_options));
    });
    register_loop(prefix + "reset", [rendered, http = livemsg::http_request()]() mutable {
        http = rendered;
        benchmark::DoNotOptimize(http);
    });
    const auto hmac = [string_to_sign] {
        unsigned char digest[32];
        bare_hmac(EVP_sha1(), "example-secret&", string_to_sign, digest);
        benchmark::DoNotOptimize(digest);
    };
    register_loop(prefix + "bare_crypto", hmac);
    register_loop(prefix + "bare_hmac", hmac);
}

void register_alibaba_v3(payload p) {
    const std::string prefix = "sign/alibaba.v3/" + std::string(bench::payload_name(p)) + "/";
    const livemsg::http_request rendered = rendered_alibaba(p);
    livemsg::http_request probe = rendered;
    auto details = livemsg::alibaba::sign_v3(probe, alibaba_creds, alibaba_options);
    if (!details) unexpected();
    const std::string body = probe.body, canonical = details->canonical_request, to_sign = details->string_to_sign;

    register_loop(prefix + "livemsg", [rendered, http = livemsg::http_request()]() mutable {
        http = rendered;
        benchmark::DoNotOptimize(livemsg::alibaba::sign_v3(http, alibaba_creds, alibaba_options));
    });
    register_loop(prefix + "reset", [rendered, http = livemsg::http_request()]() mutable {
        http = rendered;
        benchmark::DoNotOptimize(http);
    });
    register_loop(prefix + "bare_crypto", [body, canonical, to_sign] {
        unsigned char digest[32];
        bare_sha256(body, digest);
        benchmark::DoNotOptimize(digest);
        bare_sha256(canonical, digest);
        benchmark::DoNotOptimize(digest);
        bare_hmac(EVP_sha256(), "example-secret", to_sign, digest);
        benchmark::DoNotOptimize(digest);
    });
    register_loop(prefix + "bare_hmac", [to_sign] {
        unsigned char digest[32];
        bare_hmac(EVP_sha256(), "example-secret", to_sign, digest);
        benchmark::DoNotOptimize(digest);
    });
}

void register_volcengine(payload p) {
    namespace vc = livemsg::volcengine;
    const std::string prefix = "sign/volcengine/" + std::string(bench::payload_name(p)) + "/";
    static const vc::credentials creds{"AKLTExampleKeyId", livemsg::secret("example-secret"), {}};
    static const vc::endpoint to = vc::endpoint_for(vc::rtc_region::cn_north_1);
    livemsg::http_request rendered;
    if (!vc::render(bench::p2p_message(p), to, rendered).empty()) unexpected();
    livemsg::http_request probe = rendered;
    vc::signing_details details;
    if (!vc::sign(probe, creds, vc::scope_of(to), signing_time, details).empty()) unexpected();
    const std::string body = probe.body, canonical = details.canonical_request, to_sign = details.string_to_sign;
    const std::string date = details.x_date.substr(0, 8);

    register_loop(prefix + "livemsg",
                  [rendered, http = livemsg::http_request(), d = vc::signing_details()]() mutable {
                      http = rendered;
                      benchmark::DoNotOptimize(vc::sign(http, creds, vc::scope_of(to), signing_time, d));
                  });
    register_loop(prefix + "reset", [rendered, http = livemsg::http_request()]() mutable {
        http = rendered;
        benchmark::DoNotOptimize(http);
    });
    register_loop(prefix + "bare_crypto", [body, canonical, to_sign, date] {
        unsigned char digest[32], key[32];
        bare_sha256(body, digest);
        benchmark::DoNotOptimize(digest);
        bare_sha256(canonical, digest);
        benchmark::DoNotOptimize(digest);
        bare_hmac(EVP_sha256(), "example-secret", date, key);
        bare_hmac(EVP_sha256(), as_text(key), to.region, key);
        bare_hmac(EVP_sha256(), as_text(key), to.service, key);
        bare_hmac(EVP_sha256(), as_text(key), "request", key);
        bare_hmac(EVP_sha256(), as_text(key), to_sign, digest);
        benchmark::DoNotOptimize(digest);
    });
    register_loop(prefix + "bare_hmac", [to_sign] {
        unsigned char digest[32];
        bare_hmac(EVP_sha256(), "0123456789abcdef0123456789abcdef", to_sign, digest);
        benchmark::DoNotOptimize(digest);
    });
}

void register_usersig() {
    namespace tc = livemsg::tencent;
    const std::string prefix = "sign/tencent.usersig/example/";
    static const tc::usersig_grant grant{.sdkappid = 1400000000, .identifier = "admin"};
    static const livemsg::secret key("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
    const auto now = std::chrono::floor<std::chrono::seconds>(signing_time);
    const std::string content = tc::detail::usersig_content("admin", 1400000000, now.time_since_epoch().count(),
                                                            grant.expire.raw(), std::nullopt);

    register_loop(prefix + "livemsg", [now] { benchmark::DoNotOptimize(tc::generate_usersig(grant, key, now)); });
    register_loop(prefix + "reset", [] {});
    const auto hmac = [content] {
        unsigned char digest[32];
        bare_hmac(EVP_sha256(), key.reveal(), content, digest);
        benchmark::DoNotOptimize(digest);
    };
    register_loop(prefix + "bare_crypto", hmac);
    register_loop(prefix + "bare_hmac", hmac);

    // What each request pays: the shared signer hands out its cached UserSig.
    register_loop("sign/tencent.admin_signer/example/livemsg",
                  [signer = std::make_shared<tc::admin_signer>(grant, key, [now] { return now; }),
                   caller = bench::tencent_caller()]() mutable {
                      signer->sign(caller);
                      benchmark::DoNotOptimize(caller);
                  });
}

const int registered = [] {
    for (payload p : {payload::example, payload::max}) {
        register_alibaba_v1(p);
        register_alibaba_v3(p);
        register_volcengine(p);
    }
    register_usersig();
    return 0;
}();

}  // namespace
