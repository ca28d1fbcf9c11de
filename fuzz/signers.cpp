// SPDX-License-Identifier: BSL-1.0
// The Alibaba (V1, V3) and Volcengine signers on arbitrary credentials, hosts, headers and
// bodies: never a crash, control characters refused, nothing signed that could split a header
// line, the secret nowhere in what is sent or printed, the same signature for the same input.
// Input fields (0xFF between them): access key id, secret, token, nonce, host, content type,
// header name, header value, query value, region, service, body, time.
#include "fuzz_common.hpp"

#include <livemsg/alibaba/signature.hpp>
#include <livemsg/volcengine/signature.hpp>

#include <algorithm>
#include <sstream>

namespace {

using fuzz::has_control;

std::string everything_sent(const livemsg::http_request& http) {
    std::string out = http.url();
    out += http.content_type;
    for (const auto& h : http.headers) {
        out += h.name;
        out += h.value;
    }
    out += http.body;
    return out;
}

template <class T>
std::string printed(const T& value) {
    std::ostringstream os;
    os << value;
    return os.str();
}

// A value with a control character is refused under its own name: for the control character, or
// for a byte before it that the field does not allow either.
void check_refusal(const livemsg::validation_errors& errors, std::string_view field, std::string_view value) {
    if (!has_control(value)) return;
    const auto* v = errors.find(field);
    FUZZ_CHECK(v != nullptr);
    FUZZ_CHECK(v->code == livemsg::error_code::control_character || v->code == livemsg::error_code::not_alphanumeric);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto f = fuzz::split_fields(fuzz::as_text(data, size), 13);
    const std::string_view ak = f[0], token = f[2], nonce = f[3], host = f[4], content_type = f[5],
                           header_name = f[6], header_value = f[7], query_value = f[8], region = f[9],
                           service = f[10], body = f[11];
    std::int64_t seconds = 1700000000;
    if (!f[12].empty()) std::from_chars(f[12].data(), f[12].data() + f[12].size(), seconds);
    seconds = std::clamp<std::int64_t>(seconds, -9'000'000'000, 9'000'000'000);  // what nanoseconds can hold
    const std::chrono::system_clock::time_point at{std::chrono::seconds(seconds)};

    livemsg::http_request base;
    base.host = host;
    base.query.add("Action", "SendLiveMessageUser");
    base.query.add("Version", "2016-11-01");
    base.query.add("Body", query_value);
    if (!header_name.empty()) base.headers.add(header_name, header_value);
    base.content_type = content_type;
    base.body = body;

    // The secret must not leak. It starts with two control bytes, which nothing sent or printed may
    // hold, so that it cannot turn up there by coincidence with the other fields.
    const std::string secret_text = f[1].empty() ? std::string() : "\x01\x02" + std::string(f[1]);
    const std::string_view sk = secret_text;
    bool secret_is_unique = !sk.empty();
    for (std::size_t i = 0; i < f.size(); ++i)
        if (i != 1 && f[i].find(f[1]) != std::string_view::npos) secret_is_unique = false;
    const auto check_no_secret = [&](std::string_view text) {
        if (secret_is_unique) FUZZ_CHECK(text.find(sk) == std::string_view::npos);
    };

    {
        using namespace livemsg::alibaba;
        const credentials creds{std::string(ak), livemsg::secret(std::string(sk)), livemsg::secret(std::string(token))};
        check_no_secret(printed(creds));
        const signing_options options{at, nonce.empty() ? std::optional<std::string>() : std::string(nonce)};
        for (int version : {1, 3}) {
            livemsg::http_request http = base, again = base;
            const auto signed_ = version == 1 ? sign_v1(http, creds, options) : sign_v3(http, creds, options);
            if (!signed_) {
                const auto& errors = signed_.errors();
                check_refusal(errors, "access_key_id", ak);
                check_refusal(errors, "security_token", token);
                check_refusal(errors, "nonce", nonce);
                check_refusal(errors, "host", host);
                for (const auto& v : errors) check_no_secret(v.message);
                continue;
            }
            FUZZ_CHECK(!has_control(ak) && !has_control(token) && !has_control(nonce) && !has_control(host));
            fuzz::check_request_line(http);
            check_no_secret(everything_sent(http));
            check_no_secret(signed_->canonical_request);
            check_no_secret(signed_->string_to_sign);
            if (!nonce.empty()) {
                const auto twice = version == 1 ? sign_v1(again, creds, options) : sign_v3(again, creds, options);
                FUZZ_CHECK(twice.ok() && twice->signature == signed_->signature);
            }
        }
    }
    {
        using namespace livemsg::volcengine;
        const credentials creds{std::string(ak), livemsg::secret(std::string(sk)), livemsg::secret(std::string(token))};
        check_no_secret(printed(creds));
        const signing_scope scope{region, service};
        livemsg::http_request http = base, again = base;
        const auto signed_ = sign(http, creds, scope, at);
        if (!signed_) {
            const auto& errors = signed_.errors();
            check_refusal(errors, "access_key_id", ak);
            check_refusal(errors, "session_token", token);
            check_refusal(errors, "region", region);
            check_refusal(errors, "service", service);
            check_refusal(errors, "host", host);
            check_refusal(errors, "Content-Type", content_type);
            for (const auto& v : errors) check_no_secret(v.message);
            return 0;
        }
        FUZZ_CHECK(!has_control(ak) && !has_control(token) && !has_control(region) && !has_control(service) &&
                   !has_control(host) && !has_control(content_type));
        FUZZ_CHECK(header_name.empty() || (!has_control(header_name) && !has_control(header_value)));
        fuzz::check_request_line(http);
        check_no_secret(everything_sent(http));
        check_no_secret(printed(*signed_));
        const auto twice = sign(again, creds, scope, at);
        FUZZ_CHECK(twice.ok() && twice->signature == signed_->signature);
        FUZZ_CHECK(again.headers.size() == http.headers.size());
    }
    return 0;
}
