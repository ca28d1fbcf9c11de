// SPDX-License-Identifier: BSL-1.0
// How each type takes a JSON parser's events: the event readers that read_events
// (read_events.hpp) drives, the fast path of read_json (json_reader.hpp).
//
// Most answers read cleanly, and for them building a DOM and then looking each member up in it
// is most of the cost. So read_json first reads the body from basic_parser's events, each value
// going straight into its place, for every type whose read() is the library's own
// (field_traits<T>::builtin_read). It gives up at the first thing field_traits<T>::read would
// report (a wrong kind, a missing or repeated member, an integer out of range, a body that is
// not JSON), and the body is then read again through the DOM, which words every problem. A
// member kept as its text (raw_json) takes the body's bytes after its key; one it cannot find
// so (an element of an array, after a key spelled with escapes) is left to the DOM reader too.
#pragma once

#include <livemsg/core/enum.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/number_or_digits.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/raw_json.hpp>
#include <livemsg/core/struct_field.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/members.hpp>

#include <boost/json/kind.hpp>
#include <boost/mp11/algorithm.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace livemsg::detail {

// One scalar event of the parser.
struct json_scalar {
    boost::json::kind kind;
    std::string_view text{};
    std::int64_t int64{};
    std::uint64_t uint64{};
    bool boolean{};
};

struct struct_layout;
struct array_layout;

// How one type takes the parser's events. Each function is given where the value goes.
struct event_reader {
    bool (*scalar)(void* target, const json_scalar& value);  // false: read() would report it
    void* (*open_object)(void* target);  // where the members go; null when it is not read from an object
    const struct_layout* object;
    void* (*open_array)(void* target);  // where the elements go; null when it is not read from an array
    const array_layout* array;
    // Set for a type that takes the value's text whatever its kind (raw_json): the handler then
    // gives it the value's bytes and skips the value's events.
    bool (*raw)(void* target, std::string_view text);
};

struct member_entry {
    std::string_view name;
    const event_reader* reader;
    void* (*locate)(void* object);
};

struct struct_layout {
    const member_entry* members;
    std::size_t count;
    std::uint64_t required;  // a bit per member that read() reports when it is absent
};

struct array_layout {
    void* (*append)(void* vector);  // a new element, value-initialized as read() makes them
    const event_reader* element;
};

template <class T>
struct events_of;  // the event reader of T, for the types below

template <class T>
concept event_readable = requires { events_of<T>::reader; };

template <class T>
concept builtin_reader = requires { requires field_traits<T>::builtin_read; };

inline bool no_scalar(void*, const json_scalar&) noexcept { return false; }

template <class T>
inline constexpr event_reader scalar_reader{
    [](void* target, const json_scalar& value) { return events_of<T>::take(*static_cast<T*>(target), value); },
    nullptr, nullptr, nullptr, nullptr, nullptr};

template <>
struct events_of<std::string> {
    static bool take(std::string& v, const json_scalar& j) {
        if (j.kind != boost::json::kind::string) return false;
        v.assign(j.text);
        return true;
    }
    static constexpr const event_reader& reader = scalar_reader<std::string>;
};

template <>
struct events_of<bool> {
    static bool take(bool& v, const json_scalar& j) noexcept {
        if (j.kind != boost::json::kind::bool_) return false;
        v = j.boolean;
        return true;
    }
    static constexpr const event_reader& reader = scalar_reader<bool>;
};

template <std::integral T>
    requires(!std::same_as<T, bool> && builtin_reader<T>)
struct events_of<T> {
    static bool take(T& v, const json_scalar& j) noexcept {
        if constexpr (std::same_as<T, std::uint64_t>) {
            if (j.kind == boost::json::kind::uint64) {
                v = j.uint64;
                return true;
            }
        }
        if (j.kind != boost::json::kind::int64 || !std::in_range<T>(j.int64)) return false;
        v = static_cast<T>(j.int64);
        return true;
    }
    static constexpr const event_reader& reader = scalar_reader<T>;
};

// from_wire, from a table of the wire strings made once: from_wire itself runs to_wire, a walk
// over the enumerators, for each enumerator.
template <described_enum E>
std::optional<E> find_wire(std::string_view text) {
    using enumerators = boost::describe::describe_enumerators<E>;
    static const auto table = [] {
        std::array<std::pair<std::string_view, E>, boost::mp11::mp_size<enumerators>::value> t{};
        std::size_t i = 0;
        boost::mp11::mp_for_each<enumerators>([&](auto D) { t[i++] = {to_wire(D.value), D.value}; });
        return t;
    }();
    for (const auto& [wire, e] : table)
        if (wire == text) return e;
    return std::nullopt;
}

template <described_enum E>
    requires builtin_reader<E>
struct events_of<E> {
    static bool take(E& v, const json_scalar& j) {
        if (j.kind != boost::json::kind::string) return false;
        const auto e = find_wire<E>(j.text);
        if (e) v = *e;
        return e.has_value();
    }
    static constexpr const event_reader& reader = scalar_reader<E>;
};

// open_enum keeps any string; its read() lives in open_enum.hpp.
template <described_enum E>
struct events_of<open_enum<E>> {
    static bool take(open_enum<E>& v, const json_scalar& j) {
        if (j.kind != boost::json::kind::string) return false;
        if (const auto e = find_wire<E>(j.text)) v = open_enum<E>(*e);
        else v = open_enum<E>(j.text);
        return true;
    }
    static constexpr const event_reader& reader = scalar_reader<open_enum<E>>;
};

// number_or_digits keeps an integer given as digits; its read() lives in number_or_digits.hpp.
template <class T>
struct events_of<number_or_digits<T>> {
    static bool take(number_or_digits<T>& v, const json_scalar& j) noexcept {
        if (j.kind != boost::json::kind::string) return events_of<T>::take(v.value, j);
        const auto [status, n] = decimal_in_range<T>(j.text);
        if (status != decimal_status::ok) return false;
        v.value = n;
        return true;
    }
    static constexpr const event_reader& reader = scalar_reader<number_or_digits<T>>;
};

// raw_json takes the bytes of whatever value comes; its read() lives in raw_json.hpp.
template <>
struct events_of<raw_json> {
    static constexpr event_reader reader{no_scalar, nullptr, nullptr, nullptr, nullptr,
                                         [](void* target, std::string_view text) {
                                             *static_cast<raw_json*>(target) = raw_json(text);
                                             return true;
                                         }};
};

// JSON null reads as absent; anything else as T, in a fresh value.
template <class T>
    requires event_readable<T> && builtin_reader<std::optional<T>>
struct events_of<std::optional<T>> {
    static constexpr const event_reader& inner = events_of<T>::reader;
    static constexpr event_reader reader{
        [](void* target, const json_scalar& j) {
            auto& v = *static_cast<std::optional<T>*>(target);
            if (j.kind == boost::json::kind::null) {
                v.reset();
                return true;
            }
            return inner.scalar(&v.emplace(), j);
        },
        inner.open_object ? +[](void* target) { return inner.open_object(&static_cast<std::optional<T>*>(target)->emplace()); }
                          : nullptr,
        inner.object,
        inner.open_array ? +[](void* target) { return inner.open_array(&static_cast<std::optional<T>*>(target)->emplace()); }
                         : nullptr,
        inner.array,
        inner.raw ? +[](void* target, std::string_view text) {
            auto& v = *static_cast<std::optional<T>*>(target);
            if (text == "null") {
                v.reset();
                return true;
            }
            return inner.raw(&v.emplace(), text);
        }
                  : nullptr};
};

template <class T>
    requires(event_readable<T> && !std::same_as<T, bool> && builtin_reader<std::vector<T>>)
struct events_of<std::vector<T>> {
    static constexpr array_layout elements{
        [](void* vector) -> void* { return &static_cast<std::vector<T>*>(vector)->emplace_back(); },
        &events_of<T>::reader};
    static constexpr event_reader reader{no_scalar, nullptr, nullptr,
                                         [](void* target) -> void* {
                                             static_cast<std::vector<T>*>(target)->clear();
                                             return target;
                                         },
                                         &elements, nullptr};
};

template <class T, class D>
void* locate_member(void* object) {
    return &(static_cast<T*>(object)->*D::pointer);
}

template <class T, class D>
constexpr bool member_is_required() {
    using traits = field_traits<member_type<T, D>>;
    return traits::required && !traits::can_be_unset;
}

// L<D...> is a Boost.Describe list of member descriptors.
template <class T, template <class...> class L, class... D>
constexpr std::array<member_entry, sizeof...(D)> member_entries(L<D...>) {
    return {{member_entry{D::name, &events_of<member_type<T, D>>::reader, &locate_member<T, D>}...}};
}

template <class T, template <class...> class L, class... D>
constexpr std::uint64_t required_members(L<D...>) {
    std::uint64_t mask = 0, bit = 1;
    ((mask |= member_is_required<T, D>() ? bit : 0, bit <<= 1), ...);
    return mask;
}

template <class T, template <class...> class L, class... D>
constexpr bool members_event_readable(L<D...>) {
    return (... && (!flattened<member_type<T, D>> && event_readable<member_type<T, D>>));
}

// Up to 64 members, so that one word tells which were seen.
template <described_struct T>
    requires builtin_reader<T> && (boost::mp11::mp_size<public_members<T>>::value <= 64) &&
             (members_event_readable<T>(public_members<T>{}))
struct events_of<T> {
    static constexpr auto members = member_entries<T>(public_members<T>{});
    static constexpr struct_layout layout{members.data(), members.size(), required_members<T>(public_members<T>{})};
    static constexpr event_reader reader{no_scalar, [](void* target) { return target; }, &layout, nullptr, nullptr,
                                         nullptr};
};

}  // namespace livemsg::detail
