// SPDX-License-Identifier: BSL-1.0
// Simple, byte-at-a-time writers that the block writers of detail/ are compared with.
#pragma once

#include <string>
#include <string_view>

// A JSON string literal: quotes, the two-character escapes, \u00XX for other control bytes.
inline std::string reference_json(std::string_view s) {
    constexpr char digits[] = "0123456789abcdef";
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        switch (ch) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += digits[c >> 4];
                    out += digits[c & 0xF];
                } else {
                    out += ch;
                }
        }
    }
    return out + "\"";
}

// RFC 3986 percent-encoding: A-Z a-z 0-9 - _ . ~ as they are, every other byte as %XX.
inline std::string reference_percent(std::string_view s) {
    constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 0xF];
        }
    }
    return out;
}
