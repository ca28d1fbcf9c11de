// SPDX-License-Identifier: BSL-1.0
// optional<T>: a field that may be absent. Absent fields are left off the wire.
//
// Field types that remember whether they were set (text, IDs, integers) have an optional form
// of their own, which keeps their literal constructors: optional<alnum_id<64>> x = "uid1" is
// still checked at compile time. Other types use std::optional.
#pragma once

#include <optional>

namespace livemsg {

template <class T>
struct optional_of {
    using type = std::optional<T>;
};

template <class T>
using optional = typename optional_of<T>::type;

}  // namespace livemsg
