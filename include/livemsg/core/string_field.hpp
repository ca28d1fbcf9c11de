// SPDX-License-Identifier: BSL-1.0
// A string field governed by a rule: checked at compile time when built from a literal,
// by validation (or a checked factory) when built from runtime data.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/ostream.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace livemsg {

/// "found '-' at byte 3" or "found byte 0xC3 at byte 1": where a rule's report points.
using detail::describe_byte;

/// The sentence for a broken string rule, as the built-in rules word it: `at` is an offset, or
/// the length for too_long. A rule with a message() of its own may fall back on it. Cold and
/// never inlined, as reporter::report.
[[gnu::cold, gnu::noinline]] inline std::string string_rule_message(error_code code, std::optional<std::int64_t> limit,
                                                                    std::size_t at, std::string_view s) {
    switch (code) {
        case error_code::empty: return "must not be empty";
        case error_code::too_long:
            return "must be at most " + std::to_string(limit.value_or(0)) + " bytes, got " + std::to_string(at);
        case error_code::not_alphanumeric:
            return "must contain only ASCII letters and digits; " + describe_byte(s, at);
        case error_code::invalid_utf8: return "must be valid UTF-8; ill-formed sequence at byte " + std::to_string(at);
        case error_code::not_json: return "must be valid JSON; syntax error at byte " + std::to_string(at);
        default: return "breaks its rule";
    }
}

namespace detail {

// Deliberately not constexpr: reaching one of these while a literal is checked at compile time
// stops the build, and the compiler's message names the rule the literal broke.
inline void livemsg_literal_is_empty() {}
inline void livemsg_literal_is_too_long() {}
inline void livemsg_literal_is_not_alphanumeric() {}
inline void livemsg_literal_is_not_valid_utf8() {}
inline void livemsg_literal_is_not_valid_json() {}
inline void livemsg_literal_breaks_a_rule() {}

struct reject_literal {
    constexpr void operator()(error_code code, std::optional<std::int64_t>, std::size_t) const {
        switch (code) {
            case error_code::empty: livemsg_literal_is_empty(); break;
            case error_code::too_long: livemsg_literal_is_too_long(); break;
            case error_code::not_alphanumeric: livemsg_literal_is_not_alphanumeric(); break;
            case error_code::invalid_utf8: livemsg_literal_is_not_valid_utf8(); break;
            case error_code::not_json: livemsg_literal_is_not_valid_json(); break;
            default: livemsg_literal_breaks_a_rule(); break;
        }
    }
};

// A rule that words its own messages, as one for a credential must (it may not quote the value).
template <class Rule>
concept rule_with_message =
    requires(error_code code, std::optional<std::int64_t> limit, std::size_t at, std::string_view s) {
        { Rule::message(code, limit, at, s) } -> std::convertible_to<std::string>;
    };

// Reports at the current path every rule `s` breaks, in the rule's words or string_rule_message's.
template <class Rule>
void report_rule(std::string_view s, reporter& c) {
    Rule::check(s, [&](error_code code, std::optional<std::int64_t> limit, std::size_t at) {
        if constexpr (rule_with_message<Rule>) c.report(code, Rule::message(code, limit, at, s), limit);
        else c.report(code, string_rule_message(code, limit, at, s), limit);
    });
}

// Whether `s` breaks none of the rule's checks: for values checked once, when they are made.
template <class Rule>
constexpr bool follows(std::string_view s) noexcept {
    bool passed = true;
    Rule::check(s, [&](auto&&...) noexcept { passed = false; });
    return passed;
}

template <class S>
concept runtime_string = std::convertible_to<const S&, std::string_view> && !std::is_array_v<S>;

}  // namespace detail

/// Rule: a type with
/// `template <class Fail> static constexpr void check(std::string_view, Fail&& fail)`
/// calling fail(code, limit, offset) for each rule the text breaks. It may also have
/// `static std::string message(error_code, std::optional<std::int64_t> limit, std::size_t offset,
/// std::string_view text)` to word each report itself; else string_rule_message does.
/// Optional: whether the field may be absent (spelled optional<...> in models).
template <class Rule, bool Optional = false>
class string_field {
public:
    using rule = Rule;

    constexpr string_field() noexcept = default;

    /// From a literal: the rule is checked while compiling.
    template <std::size_t N>
    consteval string_field(const char (&literal)[N]) : literal_(literal, N - 1), set_(true) {
        Rule::check(literal_, detail::reject_literal{});
    }

    /// From runtime data: checked by validate(), or use from() to check this value alone.
    template <detail::runtime_string S>
    string_field(const S& text) : owned_(std::in_place, std::string_view(text)), set_(true) {}
    /// Takes an rvalue std::string without copying. A template, so that a literal never
    /// converts to std::string here and stays on the compile-time path.
    template <class S>
        requires std::same_as<S, std::string>
    string_field(S&& text) noexcept : owned_(std::move(text)), set_(true) {}

    template <detail::runtime_string S>
    string_field& operator=(const S& text) {
        const std::string_view v(text);
        if (owned_) owned_->assign(v.data(), v.size());  // keeps the capacity it has
        else owned_.emplace(v);
        set_ = true;
        return *this;
    }
    template <class S>
        requires std::same_as<S, std::string>
    string_field& operator=(S&& text) noexcept {
        owned_ = std::move(text);
        set_ = true;
        return *this;
    }

    /// The checked factory: the value, or every rule it breaks.
    static checked<string_field> from(std::string_view text) {
        validation_errors errors;
        reporter c(errors);
        string_field f(text);
        field_traits<string_field>::check(f, c);
        if (!errors.empty()) return errors;
        return f;
    }

    constexpr bool has_value() const noexcept { return set_; }
    constexpr std::string_view view() const noexcept { return owned_ ? std::string_view(*owned_) : literal_; }
    std::string str() const { return std::string(view()); }
    void reset() noexcept {
        if (owned_) owned_->clear();
        literal_ = {};
        set_ = false;
    }

    friend bool operator==(const string_field& a, const string_field& b) noexcept {
        return a.set_ == b.set_ && a.view() == b.view();
    }
    friend bool operator==(const string_field& a, std::string_view b) noexcept { return a.set_ && a.view() == b; }
    friend bool operator==(const string_field& a, const std::string& b) noexcept {  // else ambiguous too
        return a == std::string_view(b);
    }
    template <std::size_t N>  // without it, a literal converts to both of the above
    friend bool operator==(const string_field& a, const char (&b)[N]) noexcept {
        return a == std::string_view(b, N - 1);
    }
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const string_field& f) { return os << f.view(); }

private:
    /// A literal is viewed in place (static storage); runtime text is owned.
    std::string_view literal_{};
    std::optional<std::string> owned_{};
    bool set_ = false;
};

template <class Rule>
struct optional_of<string_field<Rule, false>> {
    using type = string_field<Rule, true>;
};

template <class Rule, bool Optional>
struct field_traits<string_field<Rule, Optional>> {
    using type = string_field<Rule, Optional>;
    static constexpr bool required = !Optional;
    static constexpr bool can_be_unset = true;
    /// A rule declares `unreserved_only` when the text it accepts needs no percent-encoding.
    static constexpr bool writes_unreserved = requires { requires Rule::unreserved_only; };
    static constexpr bool is_set(const type& v) noexcept { return v.has_value(); }

    static void check(const type& v, reporter& c) { detail::report_rule<Rule>(v.view(), c); }
    static void write_json(const type& v, std::string& out) { detail::append_json_string(out, v.view()); }
    template <class Emit>
    static void write_params(const type& v, std::string_view name, Emit&& emit) {
        emit(name, v.view());
    }
    template <detail::json_value Json>
    static void read(type& v, const Json& j, reporter& c) {
        if (Optional && j.is_null()) v.reset();  // null reads as absent
        else if (j.is_string()) v = std::string_view(j.get_string());
        else detail::report_wrong_type(c, "a string", j);
    }
};

}  // namespace livemsg
