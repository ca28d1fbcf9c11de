// SPDX-License-Identifier: BSL-1.0
// Reads JSON into described structs, leniently: unknown keys are ignored, integers are exact,
// and every problem is reported with its path while the raw body is kept.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/number_or_digits.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/raw_json.hpp>
#include <livemsg/core/read_events.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/detail/json_spans.hpp>
#include <livemsg/detail/type_name.hpp>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg {

namespace detail {

// Whether one path is the other or lies inside it ("Ids" and "Ids[2]", "Result" and "Result.Id").
inline bool same_or_nested(std::string_view a, std::string_view b) noexcept {
    if (a.size() > b.size()) std::swap(a, b);
    return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '[' || b[a.size()] == '.');
}

// Whether `key` is a member's wire name. A flattened member lists its keys in
// field_traits<M>::keys.
template <described_struct T>
bool is_wire_name(std::string_view key) {
    bool found = false;
    for_each_member<T>([&](auto D) {
        using M = member_type<T, decltype(D)>;
        if constexpr (flattened<M>) {
            for (std::string_view k : field_traits<M>::keys) found = found || k == key;
        } else {
            found = found || key == D.name;
        }
    });
    return found;
}

// Parses `body` into `value`, adding every problem to `errors`. False when it is not JSON at all.
// `also(json, reporter)` may look further at the parsed body.
template <class T, class Also>
bool read_body(std::string_view body, T& value, validation_errors& errors, Also&& also) {
    boost::json::monotonic_resource arena;
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(body, ec, &arena);
    if (ec) {
        errors.add({"", error_code::not_json, "body is not valid JSON: " + ec.message(), std::nullopt});
        return false;
    }
    json_locator source(body);  // where raw_json members find their bytes
    reporter c(errors, source);
    field_traits<T>::read(value, json, c);
    also(json, c);
    return true;
}

// read_json through the DOM and each type's field_traits<T>::read: the reader that words every
// problem, and the one for types with a read() of their own.
template <readable T>
checked<T> read_json_dom(std::string_view body) {
    validation_errors errors(type_name<T>());
    T value{};
    read_body(body, value, errors, [](const boost::json::value&, reporter&) {});
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return value;
}

}  // namespace detail

/// The value, or every problem found in it; on failure the errors keep the body (input()).
/// A body that reads cleanly is read straight from the parser's events (read_events); anything
/// else is read again through the DOM, which reports every problem.
template <readable T>
checked<T> read_json(std::string_view body) {
    if constexpr (detail::event_readable<T>) {
        T value{};
        if (detail::read_events(body, value)) return value;
    }
    return detail::read_json_dom<T>(body);
}

/// A request from JSON with its wire field names: read, then validated, every problem reported
/// at once. A field that could not be read is reported for that alone, not again by its rules.
/// Strict, as requests are: a key that is no field of T is reported (unknown_field), so that a
/// misspelled optional field is not silently left out.
template <detail::described_struct T>
checked<T> decode_json(std::string_view body) {
    validation_errors errors(detail::type_name<T>());
    T value{};
    auto unknown_keys = [](const boost::json::value& json, reporter& c) {
        if (const auto* object = json.if_object())
            for (const auto& [key, ignored] : *object)
                if (!detail::is_wire_name<T>(key))
                    c.at(std::string_view(key), [&] {
                        c.report(error_code::unknown_field,
                                 "is not a field of " + std::string(detail::type_name<T>()));
                    });
    };
    if (detail::read_body(body, value, errors, unknown_keys)) {
        const std::size_t read_problems = errors.size();
        for (const violation& v : validate(value)) {
            bool already_reported = false;
            for (std::size_t i = 0; i < read_problems && !already_reported; ++i)
                already_reported = detail::same_or_nested(errors[i].field, v.field);
            if (!already_reported) errors.add(v);
        }
    }
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return value;
}

}  // namespace livemsg
