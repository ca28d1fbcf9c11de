// SPDX-License-Identifier: BSL-1.0
// Tencent Cloud Chat REST API: POST https://{domain}/v4/{service}/{command}?sdkappid=..&identifier=..
// &usersig=..&random=..&contenttype=json with a JSON body, answered by
// {ActionStatus, ErrorCode, ErrorInfo, RequestId, ...}.
//
// Writing a request needs only rest_request.hpp; this header adds reading the answer.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/outcome.hpp>
#include <livemsg/detail/type_name.hpp>
#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/rest_request.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace livemsg::tencent {

namespace detail {

inline error make_error(int http_status, const rest_status& status, std::string_view body) {
    return error{http_status, status.ErrorCode, status.ErrorInfo.value_or(std::string()),
                 status.RequestId.value_or(std::string()), std::string(body)};
}

}  // namespace detail

template <class Op>
using result = outcome<result_of<Op>, error>;

/// Reads the answer to `Op`: its result, the vendor's error, or (for a 2xx body that is not the
/// documented JSON) every problem found, keeping the body. A non-2xx status is always an error,
/// with the body's ErrorCode when it has one.
template <rest_operation Op>
result<Op> parse_response(int http_status, std::string_view body) {
    const bool http_ok = http_status >= 200 && http_status < 300;
    auto parsed = read_json<typename Op::response>(body);
    if (!parsed.ok()) {
        // The vendor's error code matters more than an odd field beside it.
        auto status = read_json<rest_status>(body);
        if (status.ok() && (!http_ok || status->failed())) return detail::make_error(http_status, *status, body);
        if (!http_ok) return error{http_status, 0, {}, {}, std::string(body)};
        return parsed.errors();
    }
    if (!http_ok || parsed->failed()) return detail::make_error(http_status, *parsed, body);
    if constexpr (detail::declares_result<Op>) {
        auto made = Op::result::from(std::move(parsed).value());
        if (!made.ok()) {
            validation_errors errors = made.errors();
            errors.set_model(livemsg::detail::type_name<typename Op::response>());
            errors.set_input(body);
            return errors;
        }
        return std::move(made).value();
    } else {
        return std::move(parsed).value();
    }
}

}  // namespace livemsg::tencent
