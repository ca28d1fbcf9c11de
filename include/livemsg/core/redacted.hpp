// SPDX-License-Identifier: BSL-1.0
// A request as it may be logged: method, URL, headers and body, with every credential it
// carries printed as ******. Nonces, dates and the other parameters are shown as they are.
#pragma once

#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/ostream.hpp>

#include <algorithm>
#include <array>
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

    /// Appends the text operator<< prints.
    void append_to(std::string& out) const {
        const http_request& r = *request_;
        out.append(r.method).append(" ").append(r.scheme).append("://").append(r.host).append(r.path);
        for (const param& p : r.query) {
            out += &p == r.query.begin() ? '?' : '&';
            append_percent_encoded(out, p.name);
            out += '=';
            if (detail::is_credential_parameter(p.name) && !p.value.empty()) out += detail::mask;
            else append_percent_encoded(out, p.value);
        }
        out += '\n';
        if (!r.content_type.empty()) out.append("Content-Type: ").append(r.content_type).append("\n");
        for (const param& h : r.headers) {
            const bool masked = detail::is_credential_header(h.name) && !h.value.empty();
            out.append(h.name).append(": ").append(masked ? detail::mask : std::string_view(h.value)).append("\n");
        }
        if (!r.body.empty()) out.append("\n").append(r.body);
    }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const redacted_request& view) {
        std::string text;
        view.append_to(text);
        return os << text;
    }

private:
    const http_request* request_;
};

[[nodiscard]] inline redacted_request redacted(const http_request& request) noexcept {
    return redacted_request(request);
}

[[nodiscard]] inline std::string to_string(const redacted_request& view) {
    std::string text;
    view.append_to(text);
    return text;
}

}  // namespace livemsg
