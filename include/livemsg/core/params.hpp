// SPDX-License-Identifier: BSL-1.0
// Writes a described struct as name=value parameters: a query string or a form body.
#pragma once

#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/core/struct_field.hpp>
#include <livemsg/core/text.hpp>

#include <string>
#include <string_view>

namespace livemsg {

/// emit(name, text) for every parameter `value` puts on the wire, in declaration order.
template <detail::described_struct T, class Emit>
void for_each_param(const T& value, Emit&& emit) {
    field_traits<T>::write_params(value, emit);
}

/// Appends "name=value" percent-encoded, preceded by '&' unless `out` is empty.
inline void append_param(std::string& out, std::string_view name, std::string_view value,
                         bool value_is_unreserved = false) {
    if (!out.empty()) out += '&';
    append_percent_encoded(out, name);
    out += '=';
    if (value_is_unreserved) out += value;  // known to hold only unreserved bytes (writes_unreserved)
    else append_percent_encoded(out, value);
}

/// The parameters of `value` as an application/x-www-form-urlencoded string (also a query).
template <detail::described_struct T>
void append_form(const T& value, std::string& out) {
    for_each_param(value, [&](std::string_view name, std::string_view text, auto unreserved) {
        append_param(out, name, text, unreserved);
    });
}

}  // namespace livemsg
