// SPDX-License-Identifier: BSL-1.0
// Alibaba Cloud ApsaraVideo Live, RPC style: POST https://live.aliyuncs.com/?Action=..&Version=..
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/endpoint_url.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/params.hpp>
#include <livemsg/core/validate.hpp>

#include <boost/describe/enum.hpp>

#include <string_view>

namespace livemsg::alibaba {

/// One public host serves every region; render() takes another (a VPC endpoint such as
/// live-vpc.cn-shanghai.aliyuncs.com, a proxy, a local server) as an endpoint_url.
inline constexpr std::string_view live_host = "live.aliyuncs.com";
inline constexpr std::string_view live_api_version = "2016-11-01";

/// The data center of an interactive messaging application.
enum class data_center { cn_shanghai, ap_southeast_1 };
BOOST_DESCRIBE_ENUM(data_center, cn_shanghai, ap_southeast_1)

constexpr std::string_view wire_name(data_center d) noexcept {
    switch (d) {
        case data_center::cn_shanghai: return "cn-shanghai";
        case data_center::ap_southeast_1: return "ap-southeast-1";
    }
    return {};
}

/// Where an operation's business parameters travel.
enum class parameters_in { query, form_body };

/// Compile-time facts of an operation.
struct rpc_api {
    std::string_view action;
    std::string_view version;
    unsigned qps_limit;  // documented calls per second per account; 0: none documented
    parameters_in parameters = parameters_in::query;
    /// With a form body, the parameters that still travel in the query, separated by commas.
    std::string_view query_parameters = {};

    constexpr bool in_query(std::string_view name) const noexcept {
        if (parameters == parameters_in::query) return true;
        for (std::string_view rest = query_parameters; !rest.empty();) {
            const auto comma = rest.find(',');
            if (rest.substr(0, comma) == name) return true;
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        return false;
    }
};

/// A request struct of an RPC operation: its members are the business parameters, in the
/// order of the vendor's table, and `api` names the action.
template <class Op>
concept rpc_operation = detail::described_struct<Op> && requires {
    { Op::api } -> std::convertible_to<rpc_api>;
};

inline constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";

namespace detail {

// Action and Version come first in the query, then every parameter that is set, in the query
// or the form body as the operation says.
template <rpc_operation Op>
validation_errors render_to(const Op& op, std::string_view scheme, std::string_view host, http_request& out) {
    validation_errors errors = validate(op);
    if (!errors.empty()) return errors;
    out.clear();
    out.method = "POST";
    out.scheme = scheme;
    out.host.assign(host);
    static_assert(livemsg::detail::needs_no_percent_encoding(Op::api.action) &&
                  livemsg::detail::needs_no_percent_encoding(Op::api.version));
    out.query.add_unreserved_value("Action", Op::api.action);
    out.query.add_unreserved_value("Version", Op::api.version);
    for_each_param(op, [&](std::string_view name, std::string_view value, auto unreserved) {
        if (!Op::api.in_query(name)) {
            append_param(out.body, name, value, unreserved);
        }
        else if constexpr (unreserved) out.query.add_unreserved_value(name, value);
        else out.query.add(name, value);
    });
    if constexpr (Op::api.parameters == parameters_in::form_body) out.content_type.assign(form_content_type);
    return errors;
}

}  // namespace detail

/// Validates `op` and, when it is valid, writes the unsigned request for live.aliyuncs.com into
/// `out` (whose storage is reused); on failure `out` is left as it was.
template <rpc_operation Op>
validation_errors render(const Op& op, http_request& out) {
    return detail::render_to(op, "https", live_host, out);
}

/// As render(op, out), to another base URL; the request is then signed for its host.
template <rpc_operation Op>
validation_errors render(const Op& op, const endpoint_url& to, http_request& out) {
    return detail::render_to(op, to.scheme(), to.host(), out);
}

template <rpc_operation Op>
checked<http_request> render(const Op& op) {
    http_request out;
    auto errors = render(op, out);
    if (!errors.empty()) return errors;
    return out;
}

template <rpc_operation Op>
checked<http_request> render(const Op& op, const endpoint_url& to) {
    http_request out;
    auto errors = render(op, to, out);
    if (!errors.empty()) return errors;
    return out;
}

}  // namespace livemsg::alibaba
