// A secret that never reaches a log: printing it prints a mask.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg {

class secret {
public:
    secret() = default;
    explicit secret(std::string value) noexcept : value_(std::move(value)) {}

    // The secret itself, for the code that signs with it.
    std::string_view reveal() const noexcept { return value_; }
    bool empty() const noexcept { return value_.empty(); }

    friend std::ostream& operator<<(std::ostream& os, const secret& s) { return os << (s.empty() ? "" : "******"); }
    friend bool operator==(const secret&, const secret&) = default;

private:
    std::string value_;
};

}  // namespace livemsg
