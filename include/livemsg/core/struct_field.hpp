// SPDX-License-Identifier: BSL-1.0
// Described structs as fields: every member under its own rule, by its wire name. Validation,
// the writers and the reader all walk a request or a response through this specialization.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/reporter.hpp>
#include <livemsg/detail/members.hpp>

#include <string>

namespace livemsg {

/// Described structs: every member under its own rule, by its wire name.
template <detail::described_struct T>
struct field_traits<T> : detail::plain_traits {
    static void check(const T& v, reporter& c) {
        detail::for_each_member<T>([&](auto D) {
            using M = detail::member_type<T, decltype(D)>;
            static_assert(field<M>,
                          "livemsg: every member of a request must have a type that carries its rule "
                          "(alnum_id<N>, text<N>, json_text<N>, integer<T>, bool, a described enum, "
                          "optional<...>, std::vector<...>); see livemsg/core/field.hpp");
            const M& m = v.*D.pointer;
            using traits = field_traits<M>;
            if constexpr (detail::flattened<M>) {
                traits::check(m, c);  // under the names of its own keys
            } else {
                c.at(D.name, [&] {
                    if (!traits::is_set(m)) {
                        if constexpr (traits::required) c.report(error_code::missing, "field required");
                        return;
                    }
                    traits::check(m, c);
                });
            }
        });
    }

    static void write_json(const T& v, std::string& out) {
        out += '{';
        bool first = true;
        detail::for_each_member<T>([&](auto D) {
            using M = detail::member_type<T, decltype(D)>;
            using traits = field_traits<M>;
            const auto& m = v.*D.pointer;
            if constexpr (detail::flattened<M>) {
                traits::write_json_members(m, out, first);
            } else if (traits::is_set(m)) {
                detail::json_key<decltype(D)>::append(out, first);
                traits::write_json(m, out);
            }
        });
        out += '}';
    }

    /// emit(name, text), or emit(name, text, std::bool_constant<writes_unreserved<M>>) where
    /// Emit takes the third argument, so that a query need not scan what the type guarantees.
    template <class Emit>
    static void write_params(const T& v, Emit&& emit) {
        detail::for_each_member<T>([&](auto D) {
            using M = detail::member_type<T, decltype(D)>;
            using traits = field_traits<M>;
            const auto& m = v.*D.pointer;
            auto tagged = detail::tag_unreserved<writes_unreserved<M>>(emit);
            if constexpr (detail::flattened<M>) traits::write_params(m, D.name, tagged);  // emits its own keys
            else if (traits::is_set(m)) traits::write_params(m, D.name, tagged);
        });
    }

    static constexpr bool builtin_read = true;
    template <detail::json_value Json>
    static void read(T& v, const Json& j, reporter& c) {
        if (!j.is_object()) return detail::report_wrong_type(c, "an object", j);
        const auto& obj = j.get_object();
        detail::for_each_member<T>([&](auto D) {
            using M = detail::member_type<T, decltype(D)>;
            using traits = field_traits<M>;
            if constexpr (detail::flattened<M>) {
                traits::read_members(v.*D.pointer, obj, c);
            } else {
                static_assert(readable<M>, "livemsg: this member type cannot be read from JSON");
                c.at(D.name, [&] {
                    // Unknown keys are ignored: only the members are looked up.
                    if (const auto* found = obj.if_contains(D.name)) {
                        traits::read(v.*D.pointer, *found, c);
                    } else if constexpr (traits::required && !traits::can_be_unset) {
                        c.report(error_code::missing, "field required");
                    }
                });
            }
        });
    }
};

}  // namespace livemsg
