// SPDX-License-Identifier: BSL-1.0
// The stream the library's operator<< write to. They are templates on its traits, so that a
// header needs only <iosfwd>: <ostream> is one of the standard library's largest headers, and a
// unit that prints a value has included it already.
#pragma once

#include <iosfwd>

namespace livemsg::detail {

template <class Traits>
using ostream = std::basic_ostream<char, Traits>;

}  // namespace livemsg::detail
