// Pieces shared by the signatures: sorted, percent-encoded parameter strings, and header checks.
#pragma once

#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::detail {

// "a=1&b=2": every pair percent-encoded (RFC 3986), sorted by encoded name, then by value.
inline std::string canonical_query(const std::vector<std::pair<std::string_view, std::string_view>>& params) {
    std::vector<std::pair<std::string, std::string>> encoded;
    encoded.reserve(params.size());
    for (auto [name, value] : params) encoded.emplace_back(percent_encode(name), percent_encode(value));
    std::sort(encoded.begin(), encoded.end());
    std::string out;
    for (const auto& [name, value] : encoded) {
        if (!out.empty()) out += '&';
        out += name;
        out += '=';
        out += value;
    }
    return out;
}

inline std::vector<std::pair<std::string_view, std::string_view>> pairs_of(const param_list& list) {
    std::vector<std::pair<std::string_view, std::string_view>> out;
    for (const param& p : list) out.emplace_back(p.name, p.value);
    return out;
}

// Whether a value may go into an HTTP header: no control characters, so no CR or LF.
constexpr bool is_header_safe(std::string_view v) noexcept {
    for (char c : v)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return true;
}

}  // namespace livemsg::detail
