// SPDX-License-Identifier: BSL-1.0
// The unqualified name of a type, for reports ("2 validation errors for SendLiveMessageUser").
#pragma once

#include <string_view>

namespace livemsg::detail {

template <class T>
constexpr std::string_view type_name_from_signature() noexcept {
    // GCC: "... [with T = ns::Name; std::string_view = ...]", Clang: "... [T = ns::Name]".
    std::string_view s = __PRETTY_FUNCTION__;
    const auto start = s.find("T = ");
    if (start == std::string_view::npos) return "value";
    s.remove_prefix(start + 4);
    s = s.substr(0, s.find_first_of(";]"));
    const auto args = s.find('<');
    const auto last = s.substr(0, args).rfind("::");
    if (last != std::string_view::npos) s.remove_prefix(last + 2);
    return s;
}

// Found while compiling, once per type: a report's type name costs nothing at run time.
template <class T>
inline constexpr std::string_view type_name_v = type_name_from_signature<T>();

template <class T>
constexpr std::string_view type_name() noexcept {
    return type_name_v<T>;
}

}  // namespace livemsg::detail
