// SPDX-License-Identifier: BSL-1.0
// The rule each field type carries, and how the engine reads and writes it.
//
// field_traits<T> is specialized for every type that may appear in a model. A specialization
// provides some of:
//   required         absence is an error (`missing`)
//   can_be_unset     the type itself remembers whether it was set, so absence is reported
//                    by validation rather than by the reader
//   is_set(v)        whether the value goes on the wire at all
//   check(v, r)      report every broken rule to the reporter (request types only)
//   write_json(v, out)              append the value as JSON
//   write_params(v, name, emit)     emit(name, text) for each query/form parameter
//   writes_unreserved               every valid value's parameter text holds only unreserved
//                                   bytes (RFC 3986), so a query takes it without encoding
//   read(v, json, c)                read from a parsed JSON value, reporting what is wrong
//                                   (a plain function of const boost::json::value&, which then
//                                   needs <boost/json/value.hpp>)
//   builtin_read     read() is the library's own: json_reader.hpp may read the type straight
//                    from the parser's events, without building a DOM
// A type that spans several wire keys of its parent object (a choice between two lists, say)
// sets `flattened = true` and provides, instead of write_json and read:
//   write_json_members(v, out, first)   append its "key":value pairs (see append_json_key)
//   read_members(v, object, c)          read its keys from the parent object
// and reports its violations under those keys' names (c.at("Key", ...)).
// A type without check() has no rule: it may be read from a response but a request struct
// holding it does not compile.
#pragma once

#include <livemsg/core/enum.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/json_escape.hpp>
#include <livemsg/detail/members.hpp>
#include <livemsg/detail/unreserved.hpp>

// Declarations only: the library's own read() functions are templates on the JSON value type,
// so that a unit that only writes requests never needs the complete boost::json::value.
#include <boost/json/fwd.hpp>

#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace livemsg {

template <class T, class = void>
struct field_traits;  // no rule for this type

/// A type that carries a rule: allowed in a request.
template <class T>
concept field = requires(const T& v, reporter& c) { field_traits<T>::check(v, c); };

/// A type that can be read from a JSON value: allowed in a response.
template <class T>
concept readable =
    requires(T& v, const boost::json::value& j, reporter& c) { field_traits<T>::read(v, j, c); };

namespace detail {

// boost::json::value, taken as a template parameter by every read(): a dependent type, complete
// only where reading is instantiated (core/json_reader.hpp includes it).
template <class J>
concept json_value = std::same_as<J, boost::json::value>;

// Defaults shared by the specializations: always present, required, no unset state.
struct plain_traits {
    static constexpr bool required = true;
    static constexpr bool can_be_unset = false;
    template <class T>
    static constexpr bool is_set(const T&) noexcept { return true; }
};

template <json_value Json>
std::string_view json_kind(const Json& j) noexcept {
    if (j.is_null()) return "null";
    if (j.is_bool()) return "a boolean";
    if (j.is_int64() || j.is_uint64()) return "an integer";
    if (j.is_double()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "an array";
    if (j.is_object()) return "an object";
    return "a value";
}

// Appends `"name":`, preceded by a comma unless it is the first member of its object.
inline void append_json_key(std::string& out, bool& first, std::string_view name) {
    if (!first) out += ',';
    first = false;
    out += '"';
    out += name;  // wire names are identifiers: nothing to escape
    out += "\":";
}

// `,"Name":` for the member that descriptor D names, made while compiling, so that writing a
// key is one copy (without the comma for an object's first member).
template <class D>
struct json_key {
    static constexpr std::size_t name_size = std::char_traits<char>::length(D::name);
    static constexpr auto text = [] {
        std::array<char, name_size + 4> t{};
        t[0] = ',';
        t[1] = '"';
        for (std::size_t i = 0; i < name_size; ++i) t[i + 2] = D::name[i];
        t[name_size + 2] = '"';
        t[name_size + 3] = ':';
        return t;
    }();

    static void append(std::string& out, bool& first) {
        out.append(text.data() + first, text.size() - first);
        first = false;
    }
};

template <class T>
concept flattened = requires { requires field_traits<T>::flattened; };

template <class T>
consteval bool declares_unreserved() {
    if constexpr (requires { field_traits<T>::writes_unreserved; }) return field_traits<T>::writes_unreserved;
    else return false;
}

// emit(name, text, std::bool_constant<Unreserved>) where Emit takes it, else emit(name, text).
template <bool Unreserved, class Emit>
auto tag_unreserved(Emit& emit) {
    return [&emit](std::string_view name, std::string_view text) {
        if constexpr (std::is_invocable_v<Emit&, std::string_view, std::string_view, std::bool_constant<Unreserved>>)
            emit(name, text, std::bool_constant<Unreserved>{});
        else
            emit(name, text);
    };
}

template <json_value Json>
void report_wrong_type(reporter& c, std::string_view expected, const Json& j) {
    std::string msg = "must be ";
    msg += expected;
    msg += ", got ";
    msg += json_kind(j);
    c.report(error_code::wrong_type, std::move(msg));
}

// Decimal text of an integer in a caller's buffer; the returned view points into it.
template <std::integral T>
std::string_view format_integer(T v, char (&buf)[24]) noexcept {
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    return {buf, static_cast<std::size_t>(r.ptr - buf)};
}

// An exact integer from a JSON value, or a report of why there is none.
template <json_value Json>
std::optional<std::int64_t> read_int64(const Json& j, reporter& c) {
    if (j.is_int64()) return j.get_int64();
    if (j.is_uint64()) {
        c.report(error_code::out_of_range, "must fit in a signed 64-bit integer, got " +
                                               std::to_string(j.get_uint64()),
                 std::numeric_limits<std::int64_t>::max());
        return std::nullopt;
    }
    if (j.is_double()) {
        // A number Boost.JSON could not hold exactly: beyond 64 bits, or not whole.
        c.report(error_code::out_of_range, "must be a whole number that fits in a signed 64-bit integer");
        return std::nullopt;
    }
    report_wrong_type(c, "an integer", j);
    return std::nullopt;
}

}  // namespace detail

/// Whether every valid value of T writes query or form text of unreserved bytes only
/// (letters, digits, - _ . ~): IDs, numbers and wire names, which then need no encoding.
template <class T>
inline constexpr bool writes_unreserved = detail::declares_unreserved<T>();

/// bool: the wire spelling is true/false everywhere.
template <>
struct field_traits<bool> : detail::plain_traits {
    static constexpr bool writes_unreserved = true;
    static void check(bool, reporter&) noexcept {}
    static void write_json(bool v, std::string& out) { out += v ? "true" : "false"; }
    template <class Emit>
    static void write_params(bool v, std::string_view name, Emit&& emit) {
        emit(name, v ? std::string_view("true") : std::string_view("false"));
    }
    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(bool& v, const Json& j, reporter& c) {
        if (j.is_bool()) v = j.get_bool();
        else detail::report_wrong_type(c, "a boolean", j);
    }
};

/// Integers: exact, never through a double; the rule is the range of the type.
template <std::integral T>
    requires(!std::same_as<T, bool> && sizeof(T) <= 8)
struct field_traits<T> : detail::plain_traits {
    static constexpr bool writes_unreserved = true;  // digits and '-'
    static void check(T, reporter&) noexcept {}
    static void write_json(T v, std::string& out) {
        char buf[24];
        out += detail::format_integer(v, buf);
    }
    template <class Emit>
    static void write_params(T v, std::string_view name, Emit&& emit) {
        char buf[24];
        emit(name, detail::format_integer(v, buf));
    }
    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(T& v, const Json& j, reporter& c) {
        if constexpr (std::same_as<T, std::uint64_t>) {
            if (j.is_uint64()) {
                v = j.get_uint64();
                return;
            }
        }
        const auto n = detail::read_int64(j, c);
        if (!n) return;
        if (!std::in_range<T>(*n)) {
            c.report(error_code::out_of_range,
                     "must be between " + std::to_string(std::numeric_limits<T>::min()) + " and " +
                         std::to_string(std::numeric_limits<T>::max()) + ", got " + std::to_string(*n),
                     *n < 0 ? static_cast<std::int64_t>(std::numeric_limits<T>::min())
                            : static_cast<std::int64_t>(std::numeric_limits<T>::max()));
            return;
        }
        v = static_cast<T>(*n);
    }
};

/// Described enums: one of a fixed set of wire strings.
template <described_enum E>
struct field_traits<E> : detail::plain_traits {
    static constexpr bool writes_unreserved = [] {
        bool all = true;
        boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>(
            [&](auto D) { all = all && detail::needs_no_percent_encoding(to_wire(D.value)); });
        return all;
    }();
    static void check(E v, reporter& c) {
        if (to_wire(v).empty())
            c.report(error_code::not_one_of, "must be one of: " + wire_choices<E>() + ", got enumerator value " +
                                                 std::to_string(static_cast<std::underlying_type_t<E>>(v)));
    }
    static void write_json(E v, std::string& out) { detail::append_json_string(out, to_wire(v)); }
    template <class Emit>
    static void write_params(E v, std::string_view name, Emit&& emit) {
        emit(name, to_wire(v));
    }
    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(E& v, const Json& j, reporter& c) {
        if (!j.is_string()) return detail::report_wrong_type(c, "a string", j);
        const std::string_view s = j.get_string();
        if (auto e = from_wire<E>(s)) v = *e;
        else c.report(error_code::not_one_of, "must be one of: " + wire_choices<E>() + ", got \"" + std::string(s) + '"');
    }
};

/// std::string: a response field read as it came. It carries no rule, so not a request field.
template <>
struct field_traits<std::string> : detail::plain_traits {
    static void write_json(const std::string& v, std::string& out) { detail::append_json_string(out, v); }
    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(std::string& v, const Json& j, reporter& c) {
        if (j.is_string()) v.assign(j.get_string().data(), j.get_string().size());
        else detail::report_wrong_type(c, "a string", j);
    }
};

/// std::optional<T>: absent when empty; the rule of T when present. JSON null reads as absent.
template <class T>
struct field_traits<std::optional<T>> {
    using inner = field_traits<T>;
    static constexpr bool required = false;
    static constexpr bool can_be_unset = true;
    static constexpr bool writes_unreserved = livemsg::writes_unreserved<T>;
    static bool is_set(const std::optional<T>& v) noexcept { return v.has_value(); }
    static void check(const std::optional<T>& v, reporter& c)
        requires field<T>
    {
        if (v) inner::check(*v, c);
    }
    static void write_json(const std::optional<T>& v, std::string& out) { inner::write_json(*v, out); }
    template <class Emit>
    static void write_params(const std::optional<T>& v, std::string_view name, Emit&& emit) {
        if (v) inner::write_params(*v, name, emit);
    }
    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(std::optional<T>& v, const Json& j, reporter& c)
        requires readable<T>
    {
        if (j.is_null()) {
            v.reset();
            return;
        }
        inner::read(v.emplace(), j, c);
    }
};

/// std::vector<T>: each element under its rule, reported as name[i]. An absent array is empty.
/// In a query, element i (from 1) is the parameter `name.i`, as Alibaba's RPC style flattens lists.
template <class T>
struct field_traits<std::vector<T>> {
    using inner = field_traits<T>;
    static constexpr bool required = false;
    static constexpr bool can_be_unset = false;
    static constexpr bool writes_unreserved = livemsg::writes_unreserved<T>;  // so are the names name.i
    static constexpr bool is_set(const std::vector<T>&) noexcept { return true; }
    static void check(const std::vector<T>& v, reporter& c)
        requires field<T>
    {
        for (std::size_t i = 0; i < v.size(); ++i) c.at(i, [&] { inner::check(v[i], c); });
    }
    static void write_json(const std::vector<T>& v, std::string& out) {
        out += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            inner::write_json(v[i], out);
        }
        out += ']';
    }
    template <class Emit>
    static void write_params(const std::vector<T>& v, std::string_view name, Emit&& emit) {
        std::string indexed;  // only lists in a query pay for this; none of our operations has one
        for (std::size_t i = 0; i < v.size(); ++i) {
            indexed.assign(name);
            indexed += '.';
            indexed += std::to_string(i + 1);
            inner::write_params(v[i], indexed, emit);
        }
    }
    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(std::vector<T>& v, const Json& j, reporter& c)
        requires readable<T>
    {
        if (!j.is_array()) return detail::report_wrong_type(c, "an array", j);
        const auto& a = j.get_array();
        v.clear();
        v.resize(a.size());
        for (std::size_t i = 0; i < a.size(); ++i) c.at(i, [&] { inner::read(v[i], a[i], c); });
    }
};

}  // namespace livemsg
