// SPDX-License-Identifier: BSL-1.0
// String rules as types: IDs, UTF-8 text and JSON text, each with its byte limit, and sets of
// bytes that other rules build on.
#pragma once

#include <livemsg/core/string_field.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/json_syntax.hpp>
#include <livemsg/detail/unreserved.hpp>
#include <livemsg/detail/utf8.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace livemsg {

/// No documented limit.
inline constexpr std::size_t unbounded = std::numeric_limits<std::size_t>::max();

namespace rules {

template <std::size_t MaxBytes, class Fail>
constexpr void check_length(std::string_view s, Fail& fail) {
    if constexpr (MaxBytes != unbounded)
        if (s.size() > MaxBytes) fail(error_code::too_long, static_cast<std::int64_t>(MaxBytes), s.size());
}

/// How a control byte (CR, LF) outside a rule's set is reported: as control_character where the
/// value reaches a request line or a header, which it would end; elsewhere like any other byte.
enum class control_bytes { as_others, as_control_character };

/// Fails at the first byte of `s`, from offset `from` on, that Allowed rejects: not_alphanumeric,
/// or control_character as Controls says. Returns whether every byte passed.
template <auto Allowed, control_bytes Controls = control_bytes::as_others, class Fail>
constexpr bool check_each_byte(std::string_view s, Fail& fail, std::size_t from = 0) {
    for (std::size_t i = from; i < s.size(); ++i) {
        if (Allowed(s[i])) continue;
        const bool control = Controls == control_bytes::as_control_character && detail::is_control(s[i]);
        fail(control ? error_code::control_character : error_code::not_alphanumeric, std::nullopt, i);
        return false;
    }
    return true;
}

/// Only bytes that Allowed accepts; empty text passes (absence is the field's own rule).
template <auto Allowed, control_bytes Controls = control_bytes::as_others>
struct byte_set {
    static constexpr bool unreserved_only = detail::allows_only_unreserved<Allowed>();
    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        check_each_byte<Allowed, Controls>(s, fail);
    }
};

/// Valid UTF-8 of at most MaxBytes bytes (bytes, not characters), optionally non-empty.
template <std::size_t MaxBytes, bool NonEmpty>
struct utf8_text {
    static constexpr std::size_t max_bytes = MaxBytes;
    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        if (NonEmpty && s.empty()) return fail(error_code::empty, std::nullopt, 0);
        check_length<MaxBytes>(s, fail);
        if (auto at = detail::invalid_utf8_offset(s); at != std::string_view::npos)
            fail(error_code::invalid_utf8, std::nullopt, at);
    }
};

/// One to MaxBytes ASCII letters and digits.
template <std::size_t MaxBytes>
struct alnum_id {
    static constexpr std::size_t max_bytes = MaxBytes;
    static constexpr bool unreserved_only = true;  // letters and digits
    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        if (s.empty()) return fail(error_code::empty, std::nullopt, 0);
        check_length<MaxBytes>(s, fail);
        check_each_byte<detail::is_ascii_alnum>(s, fail);
    }
};

/// One JSON text in valid UTF-8, of any length; the empty text is not JSON.
struct any_json {
    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        if (auto at = detail::invalid_utf8_offset(s); at != std::string_view::npos)
            return fail(error_code::invalid_utf8, std::nullopt, at);
        if (auto at = detail::json_syntax::invalid_offset(s); at != std::string_view::npos)
            fail(error_code::not_json, std::nullopt, at);
    }
};

/// A string whose content is one valid JSON text, in valid UTF-8, of at most MaxBytes bytes.
template <std::size_t MaxBytes>
struct json_text {
    static constexpr std::size_t max_bytes = MaxBytes;
    template <class Fail>
    static constexpr void check(std::string_view s, Fail&& fail) {
        if (s.empty()) return fail(error_code::empty, std::nullopt, 0);
        check_length<MaxBytes>(s, fail);
        any_json::check(s, fail);
    }
};

}  // namespace rules

/// UTF-8 text of at most MaxBytes bytes; may be empty.
template <std::size_t MaxBytes = unbounded>
using text = string_field<rules::utf8_text<MaxBytes, false>>;

/// UTF-8 text of 1 to MaxBytes bytes.
template <std::size_t MaxBytes = unbounded>
using nonempty_text = string_field<rules::utf8_text<MaxBytes, true>>;

/// An ID of 1 to MaxBytes ASCII letters and digits.
template <std::size_t MaxBytes>
using alnum_id = string_field<rules::alnum_id<MaxBytes>>;

/// JSON carried in a string, such as a custom payload: valid JSON of at most MaxBytes bytes.
template <std::size_t MaxBytes = unbounded>
using json_text = string_field<rules::json_text<MaxBytes>>;

}  // namespace livemsg
