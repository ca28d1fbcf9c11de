// SPDX-License-Identifier: BSL-1.0
// Violations of documented rules, collected and reported together.
#pragma once

#include <livemsg/detail/ostream.hpp>

#include <boost/describe/enum.hpp>
#include <boost/describe/enum_to_string.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg {

/// Stable, machine-readable codes. The enumerator names are the codes as printed.
enum class error_code {
    missing,             // a required field is absent
    empty,               // present but empty where a value is required
    too_long,            // more bytes (or items) than documented
    not_alphanumeric,    // an ID with a byte outside ASCII [A-Za-z0-9]
    invalid_utf8,        // text that is not valid UTF-8
    not_json,            // a JSON-valued string (or a body) that is not valid JSON
    not_one_of,          // a value outside a fixed set of wire strings
    out_of_range,        // an integer outside its documented or representable range
    conflict,            // fields that cannot be set together
    too_many_msg_types,  // the per-group message-type budget is spent
    wrong_type,          // a JSON value of the wrong kind (string where a number belongs...)
    control_character,   // a control character (CR, LF...) in a value bound for a header
    unknown_field,       // a request decoded from JSON names a field the operation does not have
    limiter_unavailable, // a shared limit's store (Redis) could not answer, and the limit fails closed
};
BOOST_DESCRIBE_ENUM(error_code, missing, empty, too_long, not_alphanumeric, invalid_utf8,
                    not_json, not_one_of, out_of_range, conflict, too_many_msg_types, wrong_type,
                    control_character, unknown_field, limiter_unavailable)

inline std::string_view to_string(error_code code) noexcept {
    return boost::describe::enum_to_string(code, "unknown");
}

template <class Traits>
livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, error_code code) { return os << to_string(code); }

/// One broken rule: where (the wire field name, `[i]` for array elements, a dot for nesting),
/// what (a stable code), a sentence for people, and the limit involved when there is one.
struct violation {
    std::string field;
    error_code code{};
    std::string message;
    std::optional<std::int64_t> limit;

    friend bool operator==(const violation&, const violation&) = default;
};

/// Every violation found in one value, like pydantic's ValidationError. Empty means valid.
/// [[nodiscard]]: every function that returns it (validate, render, a budget's admit, a signer)
/// has failed when it is not empty, so dropping it is diagnosed.
class [[nodiscard]] validation_errors {
public:
    validation_errors() = default;
    explicit validation_errors(std::string_view model) noexcept : model_(model) {}

    bool empty() const noexcept { return items_.empty(); }
    std::size_t size() const noexcept { return items_.size(); }
    const std::vector<violation>& items() const noexcept { return items_; }
    auto begin() const noexcept { return items_.begin(); }
    auto end() const noexcept { return items_.end(); }
    const violation& operator[](std::size_t i) const { return items_[i]; }

    /// The name of the model that was checked, such as "SendLiveMessageUser". It refers to
    /// static text (a type's name), so that reporting nothing allocates nothing.
    std::string_view model() const noexcept { return model_; }
    void set_model(std::string_view model) noexcept { model_ = model; }

    /// When the errors come from reading a body, the body itself, kept whole.
    const std::string& input() const noexcept { return input_; }
    void set_input(std::string_view input) { input_.assign(input); }

    void add(violation v) { items_.push_back(std::move(v)); }

    /// The first violation for a field, if any.
    const violation* find(std::string_view field) const noexcept {
        for (const auto& v : items_)
            if (v.field == field) return &v;
        return nullptr;
    }

    /// "2 validation errors for SendLiveMessageUser" followed by one block per violation.
    std::string report() const {
        std::string out = std::to_string(items_.size());
        out += items_.size() == 1 ? " validation error for " : " validation errors for ";
        out += model_.empty() ? std::string_view("value") : model_;
        for (const auto& v : items_) {
            out += '\n';
            out += v.field.empty() ? std::string_view("(body)") : std::string_view(v.field);
            out += "\n  ";
            out += v.message;
            out += " [code=";
            out += to_string(v.code);
            if (v.limit) {
                out += ", limit=";
                out += std::to_string(*v.limit);
            }
            out += ']';
        }
        return out;
    }

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const validation_errors& e) {
        return os << e.report();
    }

private:
    std::string_view model_;
    std::string input_;
    std::vector<violation> items_;
};

}  // namespace livemsg
