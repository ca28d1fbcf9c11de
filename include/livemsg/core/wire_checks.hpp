// SPDX-License-Identifier: BSL-1.0
// Checks for what goes into a request line or a header: a host, a scope, a header name or value.
// CR or LF there would end a line and start another that was never signed.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/ascii.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace livemsg::detail {

// A DNS name or an IP literal, with an optional port. Anything else (CR, LF, '/', '@', a space)
// would change the request line or a signed header.
constexpr bool is_host_byte(char c) noexcept {
    return is_ascii_alnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
}

// RFC 9110 token characters: what a header name may hold.
constexpr bool is_token_byte(char c) noexcept {
    return is_ascii_alnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// Reports under `name` an empty value or the first byte outside `allowed`.
template <class Allowed>
void check_bytes(std::string_view name, std::string_view value, Allowed allowed, std::string_view allowed_text,
                 reporter& c) {
    c.at(name, [&] {
        if (value.empty()) return c.report(error_code::empty, "must not be empty");
        for (std::size_t i = 0; i < value.size(); ++i)
            if (!allowed(value[i]))
                return c.report(is_control(value[i]) ? error_code::control_character : error_code::not_alphanumeric,
                                "must contain only " + std::string(allowed_text) + "; " + describe_byte(value, i));
    });
}

inline void check_host(std::string_view host, reporter& c) {
    check_bytes("host", host, is_host_byte, "ASCII letters, digits, '.', '-', ':', '[' and ']'", c);
}

// A header value may be empty, but may hold no control characters.
inline void check_header_value(std::string_view name, std::string_view value, reporter& c) {
    for (std::size_t i = 0; i < value.size(); ++i)
        if (is_control(value[i]))
            return c.at(name, [&] {
                c.report(error_code::control_character,
                         "must not contain control characters such as CR or LF; " + describe_byte(value, i));
            });
}

// What a signer sends beside its signature: the host, Content-Type, and every header already on
// the request, names and values.
inline void check_request_lines(const http_request& r, reporter& c) {
    check_host(r.host, c);
    check_header_value("Content-Type", r.content_type, c);
    for (const param& h : r.headers) {
        const bool is_token = !h.name.empty() && std::all_of(h.name.begin(), h.name.end(), is_token_byte);
        if (is_token) check_header_value(h.name, h.value, c);
        else check_bytes(h.name, h.name, is_token_byte, "the characters of a header name", c);
    }
}

}  // namespace livemsg::detail
