// SPDX-License-Identifier: BSL-1.0
// A request as it may be logged: method, URL, headers and body, with every credential it
// carries printed as ******. Nonces, dates and the other parameters are shown as they are.
#pragma once

#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/detail/ascii.hpp>

#include <algorithm>
#include <array>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace livemsg {

namespace detail {

// Query parameters that carry a credential, as the vendors spell them: Tencent's UserSig,
// Alibaba V1's signature and STS token.
inline constexpr std::array<std::string_view, 3> credential_parameters{"usersig", "Signature", "SecurityToken"};

// Headers that carry a credential, in any case: every vendor's signature, Alibaba V3's and
// Volcengine's STS tokens.
inline constexpr std::array<std::string_view, 3> credential_headers{"Authorization", "x-acs-security-token",
                                                                    "X-Security-Token"};

inline constexpr std::string_view mask = "******";

inline bool is_credential_parameter(std::string_view name) noexcept {
    return std::ranges::find(credential_parameters, name) != credential_parameters.end();
}

inline bool is_credential_header(std::string_view name) noexcept {
    return std::ranges::any_of(credential_headers, [&](std::string_view h) { return iequals(h, name); });
}

}  // namespace detail

/// Prints the request it views, which must outlive it:
///
///   POST https://host/path?name=value&usersig=******
///   Content-Type: application/json
///   Authorization: ******
///
///   {"body":1}
class redacted_request {
public:
    explicit redacted_request(const http_request& request) noexcept : request_(&request) {}

    friend std::ostream& operator<<(std::ostream& os, const redacted_request& view) {
        const http_request& r = *view.request_;
        std::string line;
        line.append(r.method).append(" ").append(r.scheme).append("://").append(r.host).append(r.path);
        for (const param& p : r.query) {
            line += &p == r.query.begin() ? '?' : '&';
            append_percent_encoded(line, p.name);
            line += '=';
            if (detail::is_credential_parameter(p.name) && !p.value.empty()) line += detail::mask;
            else append_percent_encoded(line, p.value);
        }
        os << line << '\n';
        if (!r.content_type.empty()) os << "Content-Type: " << r.content_type << '\n';
        for (const param& h : r.headers) {
            const bool masked = detail::is_credential_header(h.name) && !h.value.empty();
            os << h.name << ": " << (masked ? detail::mask : std::string_view(h.value)) << '\n';
        }
        if (!r.body.empty()) os << '\n' << r.body;
        return os;
    }

private:
    const http_request* request_;
};

[[nodiscard]] inline redacted_request redacted(const http_request& request) noexcept {
    return redacted_request(request);
}

[[nodiscard]] inline std::string to_string(const redacted_request& view) {
    std::ostringstream os;
    os << view;
    return os.str();
}

}  // namespace livemsg
