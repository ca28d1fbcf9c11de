// SPDX-License-Identifier: BSL-1.0
// Text that a query takes as it is: every byte unreserved in RFC 3986 (A-Z a-z 0-9 - _ . ~).
#pragma once

#include <livemsg/detail/percent_encoding.hpp>

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace livemsg::detail {

inline constexpr auto unreserved_byte_table = [] {
    std::array<bool, 256> t{};
    for (std::size_t b = 0; b < 256; ++b) t[b] = is_unreserved(static_cast<char>(b));
    return t;
}();

// Whether percent-encoding leaves `s` as it is.
constexpr bool needs_no_percent_encoding(std::string_view s) noexcept {
    std::size_t i = 0;
#ifdef LIVEMSG_DETAIL_SSE2
    if (!std::is_constant_evaluated())
        for (; s.size() - i >= 16; i += 16)
            if (reserved_mask16(s.data() + i)) return false;
#endif
    for (; i < s.size(); ++i)
        if (!unreserved_byte_table[static_cast<unsigned char>(s[i])]) return false;
    return true;
}

// Whether every byte that Allowed accepts is unreserved, so text of those bytes needs no encoding.
template <auto Allowed>
constexpr bool allows_only_unreserved() noexcept {
    for (int b = 0; b < 256; ++b)
        if (Allowed(static_cast<char>(b)) && !is_unreserved(static_cast<char>(b))) return false;
    return true;
}

}  // namespace livemsg::detail
