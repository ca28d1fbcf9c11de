// SPDX-License-Identifier: BSL-1.0
// A wire path ("Items[2].Code") as a chain of nodes on the walker's stack, written out only
// when a violation names it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace livemsg::detail {

// One step of a path: a member name or an array index.
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

}  // namespace livemsg::detail
