// SPDX-License-Identifier: BSL-1.0
// Reads JSON into described structs, leniently: unknown keys are ignored, integers are exact,
// and every problem is reported with its path while the raw body is kept.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/type_name.hpp>

#include <boost/json/array.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/string.hpp>
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

namespace livemsg {

namespace detail {

// Whether one path is the other or lies inside it ("Ids" and "Ids[2]", "Result" and "Result.Id").
inline bool same_or_nested(std::string_view a, std::string_view b) noexcept {
    if (a.size() > b.size()) std::swap(a, b);
    return b.starts_with(a) && (b.size() == a.size() || b[a.size()] == '[' || b[a.size()] == '.');
}

// Whether `key` is a member's wire name. A flattened member lists its keys in
// field_traits<M>::keys.
template <described_struct T>
bool is_wire_name(std::string_view key) {
    bool found = false;
    for_each_member<T>([&](auto D) {
        using M = member_type<T, decltype(D)>;
        if constexpr (flattened<M>) {
            for (std::string_view k : field_traits<M>::keys) found = found || k == key;
        } else {
            found = found || key == D.name;
        }
    });
    return found;
}

// ---- Reading straight from the parser's events, without a DOM ----
//
// Most answers read cleanly, and for them building a DOM and then looking each member up in it
// is most of the cost. So read_json first reads the body from basic_parser's events, each value
// going straight into its place, for every type whose read() is the library's own
// (field_traits<T>::builtin_read). It gives up at the first thing field_traits<T>::read would
// report (a wrong kind, a missing or repeated member, an integer out of range, a body that is
// not JSON), and the body is then read again through the DOM, which words every problem.

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
    nullptr, nullptr, nullptr, nullptr};

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
        inner.array};
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
                                         &elements};
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
    static constexpr event_reader reader{no_scalar, [](void* target) { return target; }, &layout, nullptr, nullptr};
};

// The parser's handler: a stack of the objects and arrays being read, and where the next value
// goes. Returning false stops the parser; `gave_up` then tells it was the reader.
class event_handler {
public:
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    using error_code = boost::json::error_code;

    event_handler(const event_reader& root, void* target) noexcept : pending_{&root, target} {}

    bool gave_up = false;

    bool on_document_begin(error_code&) noexcept { return true; }
    bool on_document_end(error_code&) noexcept { return true; }

    bool on_object_begin(error_code& ec) { return open(true, ec); }
    bool on_array_begin(error_code& ec) { return open(false, ec); }
    bool on_object_end(std::size_t, error_code& ec) { return close(ec); }
    bool on_array_end(std::size_t, error_code& ec) { return close(ec); }

    bool on_key_part(std::string_view s, std::size_t, error_code&) {
        partial_.append(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t, error_code& ec) {
        if (skip_depth_ != 0) return true;
        if (!partial_.empty()) {
            partial_.append(s);
            s = partial_;
        }
        const bool ok = choose_member(s);
        partial_.clear();
        return ok || give_up(ec);
    }

    bool on_string_part(std::string_view s, std::size_t, error_code&) {
        partial_.append(s);
        return true;
    }
    bool on_string(std::string_view s, std::size_t, error_code& ec) {
        if (!partial_.empty()) {
            partial_.append(s);
            s = partial_;
        }
        const bool ok = scalar({boost::json::kind::string, s}, ec);
        partial_.clear();
        return ok;
    }

    bool on_number_part(std::string_view, error_code&) noexcept { return true; }
    bool on_int64(std::int64_t i, std::string_view, error_code& ec) {
        return scalar({boost::json::kind::int64, {}, i}, ec);
    }
    bool on_uint64(std::uint64_t u, std::string_view, error_code& ec) {
        return scalar({boost::json::kind::uint64, {}, 0, u}, ec);
    }
    bool on_double(double, std::string_view, error_code& ec) { return scalar({boost::json::kind::double_}, ec); }
    bool on_bool(bool b, error_code& ec) { return scalar({boost::json::kind::bool_, {}, 0, 0, b}, ec); }
    bool on_null(error_code& ec) { return scalar({boost::json::kind::null}, ec); }
    bool on_comment_part(std::string_view, error_code&) noexcept { return true; }
    bool on_comment(std::string_view, error_code&) noexcept { return true; }

private:
    // Where the next value goes: the member just named, or a new element of the open array.
    struct slot {
        const event_reader* reader;  // null: an unknown member's value, ignored
        void* target;
    };

    struct frame {
        const struct_layout* object;  // null for an array
        const array_layout* array;
        void* target;
        std::uint64_t seen;
        std::size_t next_member;  // where the member lookup starts: bodies list them in order
    };

    bool give_up(error_code& ec) {
        gave_up = true;
        ec = boost::json::error::exception;  // any code: read_events looks at gave_up
        return false;
    }

    slot next_slot() {
        if (depth_ != 0 && frames_[depth_ - 1].array) {
            const frame& f = frames_[depth_ - 1];
            return {f.array->element, f.array->append(f.target)};
        }
        return pending_;
    }

    bool scalar(const json_scalar& value, error_code& ec) {
        if (skip_depth_ != 0) return true;
        const slot s = next_slot();
        if (!s.reader) return true;
        return s.reader->scalar(s.target, value) || give_up(ec);
    }

    bool open(bool object, error_code& ec) {
        if (skip_depth_ != 0) {
            ++skip_depth_;
            return true;
        }
        const slot s = next_slot();
        if (!s.reader) {
            skip_depth_ = 1;
            return true;
        }
        if (depth_ == frames_.size()) return give_up(ec);
        auto open_fn = object ? s.reader->open_object : s.reader->open_array;
        if (!open_fn) return give_up(ec);
        frames_[depth_++] = {object ? s.reader->object : nullptr, object ? nullptr : s.reader->array,
                             open_fn(s.target), 0, 0};
        return true;
    }

    bool close(error_code& ec) {
        if (skip_depth_ != 0) {
            --skip_depth_;
            return true;
        }
        const frame& f = frames_[--depth_];
        return !f.object || (f.object->required & ~f.seen) == 0 || give_up(ec);
    }

    // A member named twice is left to the DOM reader, which keeps the last one.
    bool choose_member(std::string_view key) {
        frame& f = frames_[depth_ - 1];
        const std::size_t count = f.object->count;
        for (std::size_t n = 0, i = f.next_member; n < count; ++n, i = i + 1 == count ? 0 : i + 1) {
            const member_entry& m = f.object->members[i];
            if (m.name != key) continue;
            const std::uint64_t bit = std::uint64_t{1} << i;
            if (f.seen & bit) return false;
            f.seen |= bit;
            f.next_member = i + 1 == count ? 0 : i + 1;
            pending_ = {m.reader, m.locate(f.target)};
            return true;
        }
        pending_ = {nullptr, nullptr};
        return true;
    }

    slot pending_;
    std::size_t skip_depth_ = 0;  // nesting inside an ignored value
    std::size_t depth_ = 0;
    std::array<frame, 32> frames_;  // the parser refuses deeper nesting (parse_options::max_depth)
    std::string partial_;  // a string or key the parser hands over in parts
};

// Reads `body` into `value` when it reads without a single problem; false otherwise, leaving
// `value` partly read.
template <event_readable T>
bool read_events(std::string_view body, T& value) {
    boost::json::basic_parser<event_handler> parser(boost::json::parse_options{}, events_of<T>::reader, &value);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    return !ec && !parser.handler().gave_up && used == body.size();
}

// Parses `body` into `value`, adding every problem to `errors`. False when it is not JSON at all.
// `also(json, reporter)` may look further at the parsed body.
template <class T, class Also>
bool read_body(std::string_view body, T& value, validation_errors& errors, Also&& also) {
    boost::json::monotonic_resource arena;
    boost::system::error_code ec;
    const boost::json::value json = boost::json::parse(body, ec, &arena);
    if (ec) {
        errors.add({"", error_code::not_json, "body is not valid JSON: " + ec.message(), std::nullopt});
        return false;
    }
    reporter c(errors);
    field_traits<T>::read(value, json, c);
    also(json, c);
    return true;
}

}  // namespace detail

namespace detail {

// read_json through the DOM and each type's field_traits<T>::read: the reader that words every
// problem, and the one for types with a read() of their own.
template <readable T>
checked<T> read_json_dom(std::string_view body) {
    validation_errors errors(type_name<T>());
    T value{};
    read_body(body, value, errors, [](const boost::json::value&, reporter&) {});
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return value;
}

}  // namespace detail

/// The value, or every problem found in it; on failure the errors keep the body (input()).
/// A body that reads cleanly is read straight from the parser's events (read_events); anything
/// else is read again through the DOM, which reports every problem.
template <readable T>
checked<T> read_json(std::string_view body) {
    if constexpr (detail::event_readable<T>) {
        T value{};
        if (detail::read_events(body, value)) return value;
    }
    return detail::read_json_dom<T>(body);
}

/// A request from JSON with its wire field names: read, then validated, every problem reported
/// at once. A field that could not be read is reported for that alone, not again by its rules.
/// Strict, as requests are: a key that is no field of T is reported (unknown_field), so that a
/// misspelled optional field is not silently left out.
template <detail::described_struct T>
checked<T> decode_json(std::string_view body) {
    validation_errors errors(detail::type_name<T>());
    T value{};
    auto unknown_keys = [](const boost::json::value& json, reporter& c) {
        if (const auto* object = json.if_object())
            for (const auto& [key, ignored] : *object)
                if (!detail::is_wire_name<T>(key))
                    c.at(std::string_view(key), [&] {
                        c.report(error_code::unknown_field,
                                 "is not a field of " + std::string(detail::type_name<T>()));
                    });
    };
    if (detail::read_body(body, value, errors, unknown_keys)) {
        const std::size_t read_problems = errors.size();
        for (const violation& v : validate(value)) {
            bool already_reported = false;
            for (std::size_t i = 0; i < read_problems && !already_reported; ++i)
                already_reported = detail::same_or_nested(errors[i].field, v.field);
            if (!already_reported) errors.add(v);
        }
    }
    if (!errors.empty()) {
        errors.set_input(body);
        return errors;
    }
    return value;
}

}  // namespace livemsg
