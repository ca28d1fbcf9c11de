// SPDX-License-Identifier: BSL-1.0
// Writes a described struct as a JSON object straight into a caller's buffer.
#pragma once

#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/struct_field.hpp>
#include <livemsg/core/text.hpp>

#include <string>

namespace livemsg {

/// Appends `value` as JSON: members by their wire names, absent optionals left out.
/// The value is written as it is; requests are validated before they are written.
template <class T>
void append_json(const T& value, std::string& out) {
    field_traits<T>::write_json(value, out);
}

template <class T>
std::string to_json(const T& value) {
    std::string out;
    append_json(value, out);
    return out;
}

}  // namespace livemsg
