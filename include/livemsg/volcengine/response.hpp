// SPDX-License-Identifier: BSL-1.0
// The envelope every OpenAPI answer comes in, and how a body becomes a result or an error.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/outcome.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/type_name.hpp>
#include <livemsg/volcengine/error.hpp>
#include <livemsg/volcengine/openapi.hpp>
#include <livemsg/volcengine/response_metadata.hpp>

#include <boost/describe/class.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::volcengine {

namespace detail {

constexpr bool is_success_status(int http_status) noexcept { return http_status >= 200 && http_status < 300; }

// ResponseMetadata.Error, when the body carries one.
inline const boost::json::value* find_error(const boost::json::value& json) noexcept {
    const auto* top = json.if_object();
    const auto* metadata = top ? top->if_contains("ResponseMetadata") : nullptr;
    const auto* fields = metadata ? metadata->if_object() : nullptr;
    const auto* found = fields ? fields->if_contains("Error") : nullptr;
    return found && !found->is_null() ? found : nullptr;
}

inline std::string request_id_of(const boost::json::value* json) {
    const auto* top = json ? json->if_object() : nullptr;
    const auto* metadata = top ? top->if_contains("ResponseMetadata") : nullptr;
    const auto* fields = metadata ? metadata->if_object() : nullptr;
    const auto* id = fields ? fields->if_contains("RequestId") : nullptr;
    return id && id->is_string() ? std::string(id->get_string()) : std::string();
}

// An error body is read on its own terms: it has no Result, and a failed status decides that
// the call failed even when nothing in the body can be read.
// The answer from a body that reads cleanly, straight from the parser's events: the same
// outcome as parse_envelope's, since a clean read of the whole body reads its Error cleanly too.
template <class Response>
std::optional<outcome<Response, error>> parse_clean_envelope(int http_status, std::string_view body) {
    if constexpr (livemsg::detail::event_readable<Response> &&
                  std::same_as<decltype(Response::ResponseMetadata), ResponseMetadata>) {
        Response value{};
        if (!livemsg::detail::read_events(body, value)) return std::nullopt;
        ResponseMetadata& metadata = value.ResponseMetadata;
        if (metadata.Error) {
            ResponseError& e = *metadata.Error;
            return error{http_status, open_enum<common_error>(e.Code), e.CodeN, std::move(e.Message).value_or(""),
                         std::move(metadata.RequestId), std::string(body)};
        }
        if (is_success_status(http_status)) return value;
        return error{http_status, {}, {}, {}, std::move(metadata.RequestId), std::string(body)};
    } else {
        return std::nullopt;
    }
}

template <class Response>
outcome<Response, error> parse_envelope(int http_status, std::string_view body) {
    if (auto clean = parse_clean_envelope<Response>(http_status, body)) return std::move(*clean);
    validation_errors problems(livemsg::detail::type_name<Response>());
    boost::json::monotonic_resource arena;
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(body, ec, &arena);
    const boost::json::value* parsed = ec ? nullptr : &json;

    if (!parsed) {
        problems.add({"", error_code::not_json, "body is not valid JSON: " + ec.message(), std::nullopt});
    } else if (const auto* found = find_error(json)) {
        ResponseError e;
        livemsg::reporter c(problems);
        c.at("ResponseMetadata", [&] { c.at("Error", [&] { field_traits<ResponseError>::read(e, *found, c); }); });
        if (problems.empty())
            return error{http_status, open_enum<common_error>(e.Code), e.CodeN, std::move(e.Message).value_or(""),
                         request_id_of(parsed), std::string(body)};
    } else {
        Response value{};
        livemsg::reporter c(problems);
        field_traits<Response>::read(value, json, c);
        if (problems.empty() && is_success_status(http_status)) return value;
    }

    if (!is_success_status(http_status)) return error{http_status, {}, {}, {}, request_id_of(parsed), std::string(body)};
    problems.set_input(body);
    return problems;
}

}  // namespace detail

template <class Op>
using result = outcome<typename Op::response, error>;

/// The answer to `Op`: its typed response on success, the vendor's error (typed for the common
/// codes; always for a failed HTTP status), or, for a 2xx body that is not the documented JSON,
/// every problem found in it with the raw body kept (unreadable()->input()).
template <operation Op>
result<Op> parse_response(int http_status, std::string_view body) {
    return detail::parse_envelope<typename Op::response>(http_status, body);
}

}  // namespace livemsg::volcengine
