// SPDX-License-Identifier: BSL-1.0
// A typed request from name=value parameters (a query, a form body), as strictly as from JSON:
// each parameter becomes the JSON its member reads (a number, a boolean or a string), and
// decode_json does the rest, so an unknown name, a missing field or a broken rule is reported
// as it would be for JSON input.
#pragma once

#include <livemsg/core/http_request.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/detail/members.hpp>

#include <boost/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace livemsg::serve {

namespace detail {

enum class param_json { string, number, boolean };

template <class T>
struct param_json_of {
    static constexpr param_json value = std::is_same_v<T, bool> ? param_json::boolean
                                        : std::is_integral_v<T> ? param_json::number
                                                                : param_json::string;
};
template <class T>
struct param_json_of<std::optional<T>> : param_json_of<T> {};
template <std::integral T, T Min, T Max, bool Optional>
struct param_json_of<livemsg::integer<T, Min, Max, Optional>> {
    static constexpr param_json value = param_json::number;
};

// The kind of JSON the member called `name` reads, or nullopt when T has no such member.
template <livemsg::detail::described_struct T>
std::optional<param_json> member_json(std::string_view name) {
    std::optional<param_json> kind;
    livemsg::detail::for_each_member<T>([&](auto d) {
        if (name == d.name) kind = param_json_of<livemsg::detail::member_type<T, decltype(d)>>::value;
    });
    return kind;
}

// The JSON a parameter's text stands for: a number or a boolean when it is written as one,
// else the text as a string, which the member's reader then refuses as the wrong type.
inline boost::json::value param_value(std::string_view text, param_json kind) {
    if (kind == param_json::string) return boost::json::string(text);
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(text, ec);
    const bool fits = !ec && (kind == param_json::boolean ? v.is_bool() : (v.is_int64() || v.is_uint64()));
    return fits ? v : boost::json::value(boost::json::string(text));
}

}  // namespace detail

/// The request `params` stand for, or every problem: a parameter that is no member's
/// (unknown_field), one given twice, a value of the wrong type, a broken rule.
template <livemsg::detail::described_struct T>
checked<T> decode_params(const param_list& params) {
    boost::json::object json;
    for (const param& p : params) {
        const auto kind = detail::member_json<T>(p.name);
        if (json.contains(p.name)) {
            validation_errors errors(livemsg::detail::type_name<T>());
            errors.add({p.name, error_code::conflict, "is given more than once", std::nullopt});
            return errors;
        }
        json[p.name] = kind ? detail::param_value(p.value, *kind) : boost::json::value(boost::json::string(p.value));
    }
    return decode_json<T>(boost::json::serialize(json));
}

}  // namespace livemsg::serve
