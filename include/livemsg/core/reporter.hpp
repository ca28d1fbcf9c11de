// SPDX-License-Identifier: BSL-1.0
// reporter: where a rule reports what it found wrong, under the wire path of the value it checks.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/detail/path.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg {

namespace detail {
class json_locator;  // detail/json_spans.hpp
}

/// Collects violations while a value is walked, naming each by its wire path ("Items[2].Code").
///
/// The extension point of every field type: `field_traits<T>::check(const T&, reporter&)` reports
/// what breaks T's rule, and `read(T&, const boost::json::value&, reporter&)` what could not be
/// read. A rule reports under the path it was called at; `at()` descends into a member or an
/// element. The path is kept on the stack: walking a valid value allocates nothing.
class reporter {
public:
    /// Adds every violation to `out`.
    explicit reporter(validation_errors& out) noexcept : out_(out) {}
    /// While `source`'s text is read: a type that keeps a member as its JSON text (raw_json)
    /// finds the member's bytes there, by the current path.
    reporter(validation_errors& out, detail::json_locator& source) noexcept : out_(out), source_(&source) {}

    /// Reports a violation of the value at the current path: a stable code, a message that
    /// completes "<field> ...", and the limit involved, if any. Cold and never inlined: a
    /// report is the rare path of every rule, and the rules' checks stay small without it.
    [[gnu::cold, gnu::noinline]] void report(error_code code, std::string message,
                                             std::optional<std::int64_t> limit = {}) {
        violation v;
        detail::append_path(v.field, path_);
        v.code = code;
        v.message = std::move(message);
        v.limit = limit;
        out_.add(std::move(v));
    }

    /// Runs fn() with `name` (a member) appended to the path.
    template <class Fn>
    void at(std::string_view name, Fn&& fn) {
        detail::path_node node{path_, name, 0, false};
        enter(node, fn);
    }
    /// Runs fn() with `index` (an array element) appended to the path.
    template <class Fn>
    void at(std::size_t index, Fn&& fn) {
        detail::path_node node{path_, {}, index, true};
        enter(node, fn);
    }

    /// The text being read, where the reader gave it; null otherwise.
    detail::json_locator* source() const noexcept { return source_; }
    /// The current path, innermost step first (null at the top).
    const detail::path_node* path() const noexcept { return path_; }

private:
    template <class Fn>
    void enter(const detail::path_node& node, Fn& fn) {
        const detail::path_node* saved = path_;
        path_ = &node;
        fn();
        path_ = saved;
    }

    validation_errors& out_;
    detail::json_locator* source_ = nullptr;
    const detail::path_node* path_ = nullptr;
};

}  // namespace livemsg
