// SPDX-License-Identifier: BSL-1.0
// raw_json: a member kept as its JSON text, for a value a model does not type but passes on or
// leaves to its caller (Tencent's MsgContent, whose members depend on MsgType).
#pragma once

#include <livemsg/core/field.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/core/string_field.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/detail/json_spans.hpp>
#include <livemsg/detail/ostream.hpp>

#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>
#include <utility>

namespace livemsg {

/// A JSON value as text. Read, it is the value's bytes as they came: an object or an array with
/// its spacing, a string with its quotes and escapes, a number as written. Rule: one JSON text
/// in valid UTF-8 (not_json or invalid_utf8 with the offset; the empty text is not JSON).
/// Written as it is, so validate a value you made before writing it.
class raw_json {
public:
    raw_json() = default;
    raw_json(std::string text) noexcept : text_(std::move(text)) {}
    raw_json(std::string_view text) : text_(text) {}
    raw_json(const char* text) : text_(text) {}

    const std::string& str() const noexcept { return text_; }
    std::string_view view() const noexcept { return text_; }

    /// The same bytes: `{"a":1}` and `{ "a": 1 }` differ.
    friend bool operator==(const raw_json&, const raw_json&) = default;
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const raw_json& v) {
        return os << v.text_;
    }

private:
    std::string text_;
};

template <>
struct field_traits<raw_json> : detail::plain_traits {
    static void check(const raw_json& v, reporter& c) { detail::report_rule<rules::any_json>(v.view(), c); }
    static void write_json(const raw_json& v, std::string& out) { out += v.view(); }

    static constexpr bool builtin_read = true;
    /// The value's bytes, found in the text being read by the reporter's path (read_json gives
    /// the reporter the text). A value read without its text is written back as Boost.JSON
    /// writes it: the same JSON, not the same bytes.
    template <detail::json_value Json>
    static void read(raw_json& v, const Json& j, reporter& c) {
        if (auto* source = c.source())
            if (const auto bytes = source->find(c.path())) {
                v = raw_json(*bytes);
                return;
            }
        v = raw_json(boost::json::serialize(j));
    }
};

}  // namespace livemsg
