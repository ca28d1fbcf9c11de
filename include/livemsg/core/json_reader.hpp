// Reads JSON into described structs, leniently: unknown keys are ignored, integers are exact,
// and every problem is reported with its path while the raw body is kept.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/detail/collector.hpp>
#include <livemsg/detail/type_name.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include <string>
#include <string_view>

namespace livemsg {

// The value, or every problem found in it; on failure the errors keep the body (input()).
template <readable T>
checked<T> read_json(std::string_view body) {
    validation_errors errors(detail::type_name<T>());
    boost::json::monotonic_resource arena;
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(body, ec, &arena);
    if (ec) {
        errors.add({"", error_code::not_json, "body is not valid JSON: " + ec.message(), std::nullopt});
        errors.set_input(body);
        return errors;
    }
    T value{};
    detail::collector c(errors);
    field_traits<T>::read(value, json, c);
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return value;
}

// A request from JSON with its wire field names: read, then validated; every problem at once.
template <detail::described_struct T>
checked<T> decode_json(std::string_view body) {
    auto read = read_json<T>(body);
    if (!read) return read;
    auto errors = validate(*read);
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return read;
}

}  // namespace livemsg
