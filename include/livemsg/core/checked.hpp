// SPDX-License-Identifier: BSL-1.0
// A value that passed its rules, or every reason it did not.
#pragma once

#include <livemsg/core/error.hpp>

#include <stdexcept>
#include <utility>
#include <variant>

namespace livemsg {

/// Thrown only by checked<T>::value() when there is no value: the caller asked for one
/// without looking at ok() first.
class bad_checked_access : public std::logic_error {
public:
    explicit bad_checked_access(const validation_errors& errors)
        : std::logic_error(errors.report()) {}
};

/// [[nodiscard]]: dropping one drops the reasons a request, a signature or a body failed.
template <class T>
class [[nodiscard]] checked {
public:
    checked(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    checked(validation_errors errors) : state_(std::in_place_index<1>, std::move(errors)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    const T& value() const& {
        if (!ok()) throw bad_checked_access(std::get<1>(state_));
        return std::get<0>(state_);
    }
    T& value() & {
        if (!ok()) throw bad_checked_access(std::get<1>(state_));
        return std::get<0>(state_);
    }
    T&& value() && {
        if (!ok()) throw bad_checked_access(std::get<1>(state_));
        return std::get<0>(std::move(state_));
    }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    /// Empty when ok().
    const validation_errors& errors() const noexcept {
        static const validation_errors none;
        return ok() ? none : std::get<1>(state_);
    }

private:
    std::variant<T, validation_errors> state_;
};

}  // namespace livemsg
