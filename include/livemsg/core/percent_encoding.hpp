// RFC 3986 percent-encoding, as both Alibaba signatures and Volcengine's require:
// A-Z a-z 0-9 - _ . ~ stay, every other byte becomes %XX in upper case (space is %20).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace livemsg {

constexpr bool is_unreserved(char c) noexcept {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

inline void append_percent_encoded(std::string& out, std::string_view s) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (is_unreserved(s[i])) continue;
        out.append(s.data() + run, i - run);
        const auto b = static_cast<unsigned char>(s[i]);
        const char esc[3] = {'%', hex[b >> 4], hex[b & 0xF]};
        out.append(esc, 3);
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

inline std::string percent_encode(std::string_view s) {
    std::string out;
    append_percent_encoded(out, s);
    return out;
}

// The bytes behind %XX escapes; nullopt for a malformed escape. '+' is a plus sign, not a space.
inline std::optional<std::string> percent_decode(std::string_view s) {
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (s.size() - i < 3) return std::nullopt;
        const int hi = nibble(s[i + 1]), lo = nibble(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

}  // namespace livemsg
