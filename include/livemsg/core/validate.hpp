// SPDX-License-Identifier: BSL-1.0
// validate(): every documented rule of every member, all violations at once.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/struct_field.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/detail/members.hpp>
#include <livemsg/detail/type_name.hpp>

namespace livemsg {

/// Empty when the value is valid. Reporting nothing allocates nothing.
template <detail::described_struct T>
validation_errors validate(const T& value) {
    validation_errors errors(detail::type_name<T>());
    reporter c(errors);
    field_traits<T>::check(value, c);
    return errors;
}

}  // namespace livemsg
