// SPDX-License-Identifier: BSL-1.0
// Wire strings of described enums.
//
// A described enum is a closed set of wire strings. By default an enumerator's name is its
// wire string; an enum whose wire strings are not identifiers ("cn-shanghai") declares a
// `constexpr std::string_view wire_name(E)` beside itself, found by argument-dependent lookup.
#pragma once

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace livemsg {

template <class E>
concept described_enum = std::is_enum_v<E> && boost::describe::has_describe_enumerators<E>::value;

namespace detail {

template <class E>
concept has_custom_wire_name = requires(E e) {
    { wire_name(e) } -> std::convertible_to<std::string_view>;
};

}  // namespace detail

/// The wire string of an enumerator, or an empty view for a value outside the enumeration.
template <described_enum E>
constexpr std::string_view to_wire(E value) noexcept {
    std::string_view found;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto D) {
        if (D.value != value || !found.empty()) return;
        if constexpr (detail::has_custom_wire_name<E>) found = wire_name(D.value);
        else found = D.name;
    });
    return found;
}

/// The enumerator whose wire string is `text`, if any.
template <described_enum E>
constexpr std::optional<E> from_wire(std::string_view text) noexcept {
    std::optional<E> found;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto D) {
        if (!found && to_wire(D.value) == text) found = D.value;
    });
    return found;
}

/// "cn-shanghai, ap-southeast-1": the accepted strings, for error messages.
template <described_enum E>
std::string wire_choices() {
    std::string out;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto D) {
        if (!out.empty()) out += ", ";
        out += to_wire(D.value);
    });
    return out;
}

}  // namespace livemsg
