// Appends a string as a JSON string literal. The input is already known to be valid UTF-8.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace livemsg::detail {

// 0: copy as is; otherwise the character after the backslash ('u' for \u00XX).
inline constexpr std::array<char, 256> json_escape_table = [] {
    std::array<char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[c] = 'u';
    t['\b'] = 'b';
    t['\f'] = 'f';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    t['"'] = '"';
    t['\\'] = '\\';
    return t;
}();

inline void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char e = json_escape_table[static_cast<unsigned char>(s[i])];
        if (e == 0) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        if (e == 'u') {
            constexpr char hex[] = "0123456789abcdef";
            const auto c = static_cast<unsigned char>(s[i]);
            const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            out.append(esc, 6);
        } else {
            const char esc[2] = {'\\', e};
            out.append(esc, 2);
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

}  // namespace livemsg::detail
