// SPDX-License-Identifier: BSL-1.0
// A secret that never reaches a log: printing it prints a mask. Its bytes are zeroed when they
// are released, so that a key does not linger in freed memory or in a moved-from object.
#pragma once

#include <livemsg/detail/ostream.hpp>
#include <livemsg/detail/wipe.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace livemsg {

class secret {
public:
    secret() = default;
    /// A short string keeps its bytes in `value` after the move: they are zeroed too.
    explicit secret(std::string value) noexcept : value_(std::move(value)) { detail::wipe(value); }

    secret(const secret&) = default;
    secret(secret&& other) noexcept : value_(std::move(other.value_)) { detail::wipe(other.value_); }

    secret& operator=(const secret& other) {
        if (this != &other) {
            detail::wipe(value_);  // else a shorter value would leave the old one's tail in the buffer
            value_ = other.value_;
        }
        return *this;
    }
    secret& operator=(secret&& other) noexcept {
        if (this != &other) {
            detail::wipe(value_);  // the move may hand this buffer over to `other`
            value_ = std::move(other.value_);
            detail::wipe(other.value_);
        }
        return *this;
    }

    ~secret() { detail::wipe(value_); }

    /// The secret itself, for the code that signs with it.
    std::string_view reveal() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const secret& s) { return os << (s.empty() ? "" : "******"); }
    friend bool operator==(const secret&, const secret&) = default;

private:
    std::string value_;
};

}  // namespace livemsg
