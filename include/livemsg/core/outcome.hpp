// SPDX-License-Identifier: BSL-1.0
// What a vendor answered: its typed result, its error, or a body that could not be read.
#pragma once

#include <livemsg/core/error.hpp>

#include <utility>
#include <variant>

namespace livemsg {

/// [[nodiscard]]: an answer read and dropped is a failure nobody sees.
template <class Result, class Error>
class [[nodiscard]] outcome {
public:
    outcome(Result r) : state_(std::in_place_index<0>, std::move(r)) {}
    outcome(Error e) : state_(std::in_place_index<1>, std::move(e)) {}
    /// The body was not the JSON the operation documents; the errors keep it (input()).
    outcome(validation_errors unreadable) : state_(std::in_place_index<2>, std::move(unreadable)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    const Result* result() const noexcept { return std::get_if<0>(&state_); }
    const Error* error() const noexcept { return std::get_if<1>(&state_); }
    const validation_errors* unreadable() const noexcept { return std::get_if<2>(&state_); }

private:
    std::variant<Result, Error, validation_errors> state_;
};

}  // namespace livemsg
