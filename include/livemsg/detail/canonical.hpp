// SPDX-License-Identifier: BSL-1.0
// The canonical query string that Alibaba's and Volcengine's signatures hash.
#pragma once

#include <livemsg/detail/percent_encoding.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace livemsg::detail {

// A list that lives on the stack while it is short, so that signing allocates nothing then.
template <class T, std::size_t N>
class short_list {
public:
    void push_back(const T& v) {
        if (size_ < N) fixed_[size_] = v;
        else {
            if (spill_.empty()) spill_.assign(fixed_.begin(), fixed_.end());
            spill_.push_back(v);
        }
        ++size_;
    }
    std::span<T> items() noexcept { return size_ <= N ? std::span<T>(fixed_.data(), size_) : std::span<T>(spill_); }

private:
    std::array<T, N> fixed_{};
    std::vector<T> spill_;
    std::size_t size_ = 0;
};

struct name_value {
    std::string_view name;
    std::string_view value;
};

using parameter_views = short_list<name_value, 32>;

// Appends "a=1&b=x%20y": the pairs sorted by name, then value, as given (the vendors' SDKs sort
// before encoding), each percent-encoded (RFC 3986).
inline void append_canonical_query(std::string& out, parameter_views& params) {
    auto items = params.items();
    std::sort(items.begin(), items.end(), [](const name_value& a, const name_value& b) {
        return a.name != b.name ? a.name < b.name : a.value < b.value;
    });
    bool first = true;
    for (const name_value& p : items) {
        if (!first) out += '&';
        first = false;
        append_percent_encoded(out, p.name);
        out += '=';
        append_percent_encoded(out, p.value);
    }
}

}  // namespace livemsg::detail
