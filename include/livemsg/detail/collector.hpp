// Collects violations while walking a value, tracking the wire path without allocating.
#pragma once

#include <livemsg/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace livemsg::detail {

// One step of a path, living on the walker's stack: a member name or an array index.
struct path_node {
    const path_node* parent = nullptr;
    std::string_view name;
    std::size_t index = 0;
    bool is_index = false;
};

inline void append_path(std::string& out, const path_node* node) {
    if (!node) return;
    append_path(out, node->parent);
    if (node->is_index) {
        out += '[';
        out += std::to_string(node->index);
        out += ']';
    } else {
        if (!out.empty()) out += '.';
        out += node->name;
    }
}

class collector {
public:
    explicit collector(validation_errors& out) noexcept : out_(out) {}

    void report(error_code code, std::string message, std::optional<std::int64_t> limit = {}) {
        violation v;
        append_path(v.field, path_);
        v.code = code;
        v.message = std::move(message);
        v.limit = limit;
        out_.add(std::move(v));
    }

    // Runs fn() with `name` (a member) or `index` (an array element) appended to the path.
    template <class Fn>
    void at(std::string_view name, Fn&& fn) {
        path_node node{path_, name, 0, false};
        enter(node, fn);
    }
    template <class Fn>
    void at(std::size_t index, Fn&& fn) {
        path_node node{path_, {}, index, true};
        enter(node, fn);
    }

    bool failed() const noexcept { return !out_.empty(); }

private:
    template <class Fn>
    void enter(const path_node& node, Fn& fn) {
        const path_node* saved = path_;
        path_ = &node;
        fn();
        path_ = saved;
    }

    validation_errors& out_;
    const path_node* path_ = nullptr;
};

}  // namespace livemsg::detail
