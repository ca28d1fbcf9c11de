// SPDX-License-Identifier: BSL-1.0
// Volcengine OpenAPI: POST https://host/?Action=..&Version=.. with a JSON body.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/endpoint_url.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/core/string_field.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/wire_checks.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/members.hpp>

#include <boost/describe/enum.hpp>

#include <concepts>
#include <string>
#include <string_view>

namespace livemsg::volcengine {

inline constexpr std::string_view rtc_service = "rtc";
inline constexpr std::string_view rtc_api_version = "2020-12-01";

/// Where a request goes, and the region and service its signature is scoped to. The views
/// must outlive the calls that take the endpoint.
struct endpoint {
    std::string_view host;
    std::string_view region;
    std::string_view service = rtc_service;
    std::string_view scheme = "https";  // "http" only for a local server
};

/// The regions RTC documents, each with its own host.
enum class rtc_region { cn_north_1, ap_singapore_1 };
BOOST_DESCRIBE_ENUM(rtc_region, cn_north_1, ap_singapore_1)

constexpr std::string_view wire_name(rtc_region r) noexcept {
    switch (r) {
        case rtc_region::cn_north_1: return "cn-north-1";
        case rtc_region::ap_singapore_1: return "ap-singapore-1";
    }
    return {};
}

constexpr endpoint endpoint_for(rtc_region r) noexcept {
    switch (r) {
        case rtc_region::cn_north_1: return {"rtc.volcengineapi.com", "cn-north-1", rtc_service};
        case rtc_region::ap_singapore_1: return {"open-ap-singapore-1.volcengineapi.com", "ap-singapore-1", rtc_service};
    }
    return {};
}

/// A region's scope at another base URL (a proxy, a private link, a local server): requests go
/// to `url` and are signed for its host and for the region. The result views `url`'s text.
inline endpoint endpoint_at(const endpoint_url& url, rtc_region r = rtc_region::cn_north_1) noexcept {
    endpoint e = endpoint_for(r);
    e.host = url.host();
    e.scheme = url.scheme();
    return e;
}

/// Compile-time facts of an operation.
struct openapi {
    std::string_view action;
    std::string_view version;
    unsigned qps_limit;  // documented calls per second per account; 0: none documented
};

/// A request struct of an OpenAPI operation: its members are the body's keys, in the order of
/// the vendor's table; `api` names the action and `response` the answer's envelope.
template <class Op>
concept operation = livemsg::detail::described_struct<Op> && requires {
    { Op::api } -> std::convertible_to<openapi>;
    typename Op::response;
};

namespace detail {

using livemsg::detail::check_bytes;
using livemsg::detail::check_host;
using livemsg::detail::is_ascii_alnum;

// Regions and services appear in the signature's scope, between slashes.
constexpr bool is_scope_byte(char c) noexcept { return is_ascii_alnum(c) || c == '-' || c == '_'; }

inline void check_scope(std::string_view region, std::string_view service, livemsg::reporter& c) {
    check_bytes("region", region, is_scope_byte, "ASCII letters, digits, '-' and '_'", c);
    check_bytes("service", service, is_scope_byte, "ASCII letters, digits, '-' and '_'", c);
}

}  // namespace detail

/// Validates `op` and the endpoint and, when both are valid, writes the unsigned request into
/// `out` (whose storage is reused): POST https://host/?Action=..&Version=.., the JSON body in
/// the order of the vendor's table. On failure `out` is left as it was.
template <operation Op>
validation_errors render(const Op& op, const endpoint& to, http_request& out) {
    validation_errors errors = validate(op);
    livemsg::reporter c(errors);
    detail::check_host(to.host, c);
    detail::check_scope(to.region, to.service, c);
    if (to.scheme != "https" && to.scheme != "http")
        c.at("scheme", [&] { c.report(error_code::not_one_of, "must be https or http"); });
    if (!errors.empty()) return errors;
    out.clear();
    out.method = "POST";
    out.scheme = to.scheme == "http" ? std::string_view("http") : std::string_view("https");
    out.host.assign(to.host);
    static_assert(livemsg::detail::needs_no_percent_encoding(Op::api.action) &&
                  livemsg::detail::needs_no_percent_encoding(Op::api.version));
    out.query.add_unreserved_value("Action", Op::api.action);
    out.query.add_unreserved_value("Version", Op::api.version);
    out.content_type.assign("application/json");
    append_json(op, out.body);
    return errors;
}

/// To the default region, cn-north-1.
template <operation Op>
validation_errors render(const Op& op, http_request& out) {
    return render(op, endpoint_for(rtc_region::cn_north_1), out);
}

template <operation Op>
checked<http_request> render(const Op& op, const endpoint& to = endpoint_for(rtc_region::cn_north_1)) {
    http_request out;
    auto errors = render(op, to, out);
    if (!errors.empty()) return errors;
    return out;
}

}  // namespace livemsg::volcengine
