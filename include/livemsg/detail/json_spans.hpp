// SPDX-License-Identifier: BSL-1.0
// Where a value lies in a JSON text already known to be valid: the bytes of a member kept as its
// JSON text (core/raw_json.hpp), which a parsed DOM no longer has.
#pragma once

#include <livemsg/detail/path.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livemsg::detail {

// Spans in a text already known to be valid JSON. Positions are offsets into the text; each
// function starts at the first byte of a value and stops at the text's end, whatever it holds.
struct json_spans {
    std::string_view s;

    static constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    std::size_t skip_space(std::size_t i) const noexcept {
        while (i < s.size() && is_space(s[i])) ++i;
        return i;
    }
    std::size_t end_of_string(std::size_t i) const noexcept {
        for (++i; i < s.size() && s[i] != '"'; ++i)
            if (s[i] == '\\') ++i;
        return i + 1 < s.size() ? i + 1 : s.size();
    }
    std::size_t end_of_value(std::size_t i) const noexcept {
        if (i >= s.size()) return s.size();
        if (s[i] == '"') return end_of_string(i);
        if (s[i] == '{' || s[i] == '[') {
            std::size_t depth = 0;
            while (i < s.size()) {
                const char c = s[i];
                if (c == '"') {
                    i = end_of_string(i);
                    continue;
                }
                ++i;
                if (c == '{' || c == '[') ++depth;
                else if ((c == '}' || c == ']') && --depth == 0) break;
            }
            return i;
        }
        while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_space(s[i])) ++i;
        return i;
    }
    // Calls fn(key_with_quotes, value_start) for each member of the object at `i`, or each
    // element (with an empty key) of the array at `i`, until fn returns false.
    template <class Fn>
    void for_each_item(std::size_t i, Fn&& fn) const {
        if (i >= s.size() || (s[i] != '{' && s[i] != '[')) return;
        const bool object = s[i] == '{';
        i = skip_space(i + 1);
        while (i < s.size() && s[i] != '}' && s[i] != ']') {
            std::string_view key;
            if (object) {
                const std::size_t key_end = end_of_string(i);
                key = s.substr(i, key_end - i);
                i = skip_space(skip_space(key_end) + 1);  // past the ':'
            }
            if (!fn(key, i)) return;
            i = skip_space(end_of_value(i));
            if (i < s.size() && s[i] == ',') i = skip_space(i + 1);
        }
    }
    static bool key_is(std::string_view quoted, std::string_view name) {
        if (quoted.size() < 2) return false;
        if (quoted.find('\\') == std::string_view::npos) return quoted.substr(1, quoted.size() - 2) == name;
        boost::system::error_code ec;
        const boost::json::value key = boost::json::parse(quoted, ec);
        return !ec && key.is_string() && key.get_string() == name;
    }
    // The start of the last member named `name` of the object at `i` (the one a parser keeps).
    std::optional<std::size_t> member(std::size_t i, std::string_view name) const {
        if (i >= s.size() || s[i] != '{') return std::nullopt;
        std::optional<std::size_t> found;
        for_each_item(i, [&](std::string_view key, std::size_t at) {
            if (key_is(key, name)) found = at;
            return true;
        });
        return found;
    }
    // The start of element `n` of the array at `i`.
    std::optional<std::size_t> element(std::size_t i, std::size_t n) const {
        if (i >= s.size() || s[i] != '[') return std::nullopt;
        std::optional<std::size_t> found;
        std::size_t k = 0;
        for_each_item(i, [&](std::string_view, std::size_t at) {
            if (k++ == n) found = at;
            return !found;
        });
        return found;
    }
    // The start of the element after the one at `i`, in an array.
    std::optional<std::size_t> next_element(std::size_t i) const {
        i = skip_space(end_of_value(i));
        if (i >= s.size() || s[i] != ',') return std::nullopt;
        return skip_space(i + 1);
    }
};

// Finds values of a valid JSON text by their wire paths, in the order a reader walks them: each
// depth remembers its last step, so that the elements of an array, and the members of each, are
// found without walking the text from its start again. A whole read then costs about one walk of
// the text per member kept as text that a struct declares.
class json_locator {
public:
    explicit json_locator(std::string_view text) noexcept : spans_{text} {}

    std::string_view text() const noexcept { return spans_.s; }

    // The text of the value at `path`; nullopt where the text has none there.
    std::optional<std::string_view> find(const path_node* path) {
        std::array<const path_node*, max_depth> steps;
        std::size_t depth = 0;
        for (const path_node* p = path; p; p = p->parent) {
            if (depth == steps.size()) return std::nullopt;
            steps[depth++] = p;
        }
        std::size_t at = spans_.skip_space(0);
        for (std::size_t d = 0; d < depth; ++d) {
            const path_node& step = *steps[depth - 1 - d];
            const auto next = locate(d, at, step);
            if (!next) return std::nullopt;
            at = *next;
        }
        return spans_.s.substr(at, spans_.end_of_value(at) - at);
    }

private:
    static constexpr std::size_t max_depth = 64;  // the parser refuses deeper nesting long before

    struct last_step {
        std::size_t container = std::string_view::npos;
        std::string name;  // a copy: a reader's name may not outlive its step
        std::size_t index = 0;
        bool is_index = false;
        std::size_t found = 0;
    };

    std::optional<std::size_t> locate(std::size_t depth, std::size_t container, const path_node& step) {
        if (cache_.size() <= depth) cache_.resize(depth + 1);
        last_step& last = cache_[depth];
        const bool same_container = last.container == container;
        if (same_container && last.is_index == step.is_index &&
            (step.is_index ? last.index == step.index : last.name == step.name))
            return last.found;
        std::optional<std::size_t> found;
        if (!step.is_index) found = spans_.member(container, step.name);
        else if (same_container && last.is_index && last.index + 1 == step.index) found = spans_.next_element(last.found);
        else found = spans_.element(container, step.index);
        if (found) {
            last.container = container;
            last.name.assign(step.name);
            last.index = step.index;
            last.is_index = step.is_index;
            last.found = *found;
        }
        return found;
    }

    json_spans spans_;
    // Grown as deep as a find goes: empty, and nothing allocated, for a read that keeps no text,
    // since read_json gives every DOM read a locator.
    std::vector<last_step> cache_;
};

}  // namespace livemsg::detail
