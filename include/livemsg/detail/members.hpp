// SPDX-License-Identifier: BSL-1.0
// Iteration over the described public members of a struct (Boost.Describe).
#pragma once

#include <boost/describe/members.hpp>
#include <boost/describe/modifiers.hpp>
#include <boost/mp11/algorithm.hpp>

#include <type_traits>
#include <utility>

namespace livemsg::detail {

template <class T>
concept described_struct = std::is_class_v<T> && boost::describe::has_describe_members<T>::value;

template <class T>
using public_members =
    boost::describe::describe_members<T, boost::describe::mod_public | boost::describe::mod_inherited>;

// fn(descriptor) for each member in declaration order; descriptor has .name and .pointer.
template <class T, class Fn>
constexpr void for_each_member(Fn&& fn) {
    boost::mp11::mp_for_each<public_members<T>>(std::forward<Fn>(fn));
}

template <class T, class D>
using member_type = std::remove_cvref_t<decltype(std::declval<const T&>().*D::pointer)>;

}  // namespace livemsg::detail
