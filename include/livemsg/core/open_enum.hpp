// SPDX-License-Identifier: BSL-1.0
// open_enum<E>: a response value from a known set of strings that keeps an unknown one as it
// came, so that a vendor adding a value breaks nothing.
#pragma once

#include <livemsg/core/enum.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/ostream.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace livemsg {

template <described_enum E>
class open_enum {
public:
    open_enum() = default;
    open_enum(E known) : known_(known), text_(to_wire(known)) {}
    explicit open_enum(std::string_view text) : known_(from_wire<E>(text)), text_(text) {}
    /// An enumerator that came spelled otherwise than its wire string (where a vendor's pages
    /// spell one value two ways), the string kept as it came.
    open_enum(E known, std::string_view as_written) : known_(known), text_(as_written) {}

    /// The enumerator, when the string is one of E's wire strings.
    std::optional<E> known() const noexcept { return known_; }
    /// The string as it came.
    const std::string& str() const noexcept { return text_; }

    friend bool operator==(const open_enum& a, E b) noexcept { return a.known_ == b; }
    friend bool operator==(const open_enum& a, const open_enum& b) noexcept { return a.text_ == b.text_; }
    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const open_enum& v) { return os << v.text_; }

private:
    std::optional<E> known_;
    std::string text_;
};

template <described_enum E>
struct field_traits<open_enum<E>> : detail::plain_traits {
    static void write_json(const open_enum<E>& v, std::string& out) { detail::append_json_string(out, v.str()); }
    template <detail::json_value Json>
    static void read(open_enum<E>& v, const Json& j, reporter& c) {
        if (j.is_string()) v = open_enum<E>(std::string_view(j.get_string()));
        else detail::report_wrong_type(c, "a string", j);
    }
};

}  // namespace livemsg
