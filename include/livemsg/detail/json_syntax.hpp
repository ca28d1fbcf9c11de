// SPDX-License-Identifier: BSL-1.0
// Checks that a string is exactly one JSON text (RFC 8259), without building anything.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/json_escape.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace livemsg::detail {

class json_syntax {
public:
    // Nesting deeper than this is refused rather than risking the stack.
    static constexpr int max_depth = 256;

    // How strings are read: a block at a time, or byte by byte (the reference, for tests).
    enum class string_scan { blocks, bytes };

    // Offset of the first offending byte, or npos when `s` is one valid JSON value.
    static constexpr std::size_t invalid_offset(std::string_view s, string_scan scan = string_scan::blocks) noexcept {
        json_syntax p{s, scan};
        p.skip_space();
        if (!p.value(0)) return p.pos_;
        p.skip_space();
        return p.pos_ == s.size() ? std::string_view::npos : p.pos_;
    }

private:
    constexpr json_syntax(std::string_view s, string_scan scan) noexcept : s_(s), scan_(scan) {}

    constexpr bool at_end() const noexcept { return pos_ >= s_.size(); }
    constexpr char peek() const noexcept { return at_end() ? '\0' : s_[pos_]; }

    // The UTF-16 code unit of the "uXXXX" at `at` (after a backslash), or -1 when there is none.
    constexpr long escaped_unit(std::size_t at) const noexcept {
        if (at >= s_.size() || s_[at] != 'u') return -1;
        long unit = 0;
        for (std::size_t k = 1; k <= 4; ++k) {
            const int digit = at + k < s_.size() ? hex_digit_value(s_[at + k]) : -1;
            if (digit < 0) return -1;
            unit = unit * 16 + digit;
        }
        return unit;
    }

    constexpr void skip_space() noexcept {
        while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
            ++pos_;
    }

    constexpr bool value(int depth) noexcept {
        switch (peek()) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': return string();
            case 't': return word("true");
            case 'f': return word("false");
            case 'n': return word("null");
            default: return number();
        }
    }

    constexpr bool word(std::string_view w) noexcept {
        if (s_.substr(pos_, w.size()) != w) return false;
        pos_ += w.size();
        return true;
    }

    constexpr bool digits() noexcept {
        if (!is_ascii_digit(peek())) return false;
        while (is_ascii_digit(peek())) ++pos_;
        return true;
    }

    constexpr bool number() noexcept {
        if (peek() == '-') ++pos_;
        if (peek() == '0') ++pos_;
        else if (!digits()) return false;
        if (peek() == '.') {
            ++pos_;
            if (!digits()) return false;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!digits()) return false;
        }
        return true;
    }

    // Checks the escape whose backslash is at pos_ and moves past it; on failure pos_ is left
    // on the byte after the backslash.
    constexpr bool escape() noexcept {
        ++pos_;
        const char e = peek();
        if (e == 'u') {
            const long unit = escaped_unit(pos_);
            if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return false;  // a low surrogate alone
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                // A high surrogate stands for a character only with the low one after it.
                const long low = pos_ + 5 < s_.size() && s_[pos_ + 5] == '\\' ? escaped_unit(pos_ + 6) : -1;
                if (low < 0xDC00 || low > 0xDFFF) return false;
                pos_ += 6;
            }
            pos_ += 5;
            return true;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
            return false;
        ++pos_;
        return true;
    }

    enum class string_end { closed, invalid, near_end };

    // The string's bytes a block at a time: only '"', '\\' and control characters need a look.
    // The blocks advance by a fixed width, so escapes do not hold up the next block's load.
    string_end string_blocks() noexcept {
        constexpr std::size_t w = json_escape_blocks::width;
        while (s_.size() - pos_ >= w) {
            const std::size_t block = pos_;
            pos_ = block + w;
            for (std::uint64_t look = json_escape_blocks::bits(s_.data() + block); look;) {
                const std::size_t at = block + static_cast<std::size_t>(std::countr_zero(look));
                if (s_[at] == '"') {
                    pos_ = at + 1;
                    return string_end::closed;
                }
                pos_ = at;
                if (s_[at] != '\\' || !escape()) return string_end::invalid;
                if (pos_ >= block + w) break;
                look &= ~std::uint64_t{0} << (pos_ - block);  // past the escape
            }
            if (pos_ < block + w) pos_ = block + w;
        }
        return string_end::near_end;
    }

    constexpr bool string() noexcept {
        ++pos_;  // opening quote
        if (!std::is_constant_evaluated() && scan_ == string_scan::blocks) {
            if (const auto end = string_blocks(); end != string_end::near_end) return end == string_end::closed;
        }
        while (!at_end()) {
            const char c = s_[pos_];
            if (c == '"') {
                ++pos_;
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c == '\\') {
                if (!escape()) return false;
                continue;
            }
            ++pos_;
        }
        return false;
    }

    constexpr bool array(int depth) noexcept {
        if (depth > max_depth) return false;
        ++pos_;
        skip_space();
        if (peek() == ']') {
            ++pos_;
            return true;
        }
        for (;;) {
            skip_space();
            if (!value(depth)) return false;
            skip_space();
            if (peek() == ',') { ++pos_; continue; }
            if (peek() == ']') { ++pos_; return true; }
            return false;
        }
    }

    constexpr bool object(int depth) noexcept {
        if (depth > max_depth) return false;
        ++pos_;
        skip_space();
        if (peek() == '}') {
            ++pos_;
            return true;
        }
        for (;;) {
            skip_space();
            if (peek() != '"' || !string()) return false;
            skip_space();
            if (peek() != ':') return false;
            ++pos_;
            skip_space();
            if (!value(depth)) return false;
            skip_space();
            if (peek() == ',') { ++pos_; continue; }
            if (peek() == '}') { ++pos_; return true; }
            return false;
        }
    }

    std::string_view s_;
    string_scan scan_;
    std::size_t pos_ = 0;
};

constexpr bool is_valid_json(std::string_view s) noexcept {
    return json_syntax::invalid_offset(s) == std::string_view::npos;
}

}  // namespace livemsg::detail
