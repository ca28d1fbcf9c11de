// SPDX-License-Identifier: BSL-1.0
// Shared by the fuzz targets: a check that stops the run, splitting an input into fields, and
// the round-trip comparisons of requests.
#pragma once

#include <livemsg/livemsg.hpp>

#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace fuzz {

// A broken property is a crash for libFuzzer: it saves the input and stops.
[[noreturn]] inline void fail(const char* what, const char* file, int line) {
    std::fprintf(stderr, "%s:%d: property broken: %s\n", file, line, what);
    std::abort();
}

#define FUZZ_CHECK(cond)                                    \
    do {                                                    \
        if (!(cond)) ::fuzz::fail(#cond, __FILE__, __LINE__); \
    } while (0)

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

// Fields separated by 0xFF, a byte that never occurs in UTF-8, so that every other byte (NUL,
// CR, LF...) can appear inside a field. Missing fields are empty.
inline std::vector<std::string_view> split_fields(std::string_view input, std::size_t count) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i + 1 < count; ++i) {
        const auto at = input.find('\xFF');
        out.push_back(input.substr(0, at));
        input = at == std::string_view::npos ? std::string_view() : input.substr(at + 1);
    }
    out.push_back(input);
    return out;
}

inline bool has_control(std::string_view s) noexcept {
    for (char c : s)
        if (livemsg::detail::is_control(c)) return true;
    return false;
}

// What a query string or form body says, decoded: name/value pairs in order.
inline std::optional<std::vector<std::pair<std::string, std::string>>> decode_params(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    if (text.empty()) return out;
    for (;;) {
        const auto amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        const auto eq = pair.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        auto name = livemsg::percent_decode(pair.substr(0, eq));
        auto value = livemsg::percent_decode(pair.substr(eq + 1));
        if (!name || !value) return std::nullopt;
        out.emplace_back(std::move(*name), std::move(*value));
        if (amp == std::string_view::npos) return out;
        text.remove_prefix(amp + 1);
    }
}

// Every byte of an encoded query or form is unreserved or part of a %XX escape in upper case.
inline bool is_strictly_encoded(std::string_view s) noexcept {
    auto upper_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (livemsg::is_unreserved(s[i]) || s[i] == '&' || s[i] == '=') continue;
        if (s[i] != '%' || s.size() - i < 3 || !upper_hex(s[i + 1]) || !upper_hex(s[i + 2])) return false;
        i += 2;
    }
    return true;
}

// A query or form value read back into the member type it came from; nullopt when the text is
// not what that type writes.
template <class M>
std::optional<M> read_back(std::string_view text) {
    if constexpr (requires { typename M::rule; }) {  // string_field
        return M(text);
    } else if constexpr (requires { M::min; M::max; &M::raw; }) {  // integer
        std::int64_t v = 0;
        const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
        if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
        return M(v);
    } else if constexpr (std::is_same_v<M, std::optional<bool>>) {
        if (text == "true") return M(true);
        if (text == "false") return M(false);
        return std::nullopt;
    } else {  // std::optional<described enum>
        using E = typename M::value_type;
        if (auto e = livemsg::from_wire<E>(text)) return M(*e);
        return std::nullopt;
    }
}

template <class M>
bool same_member(const M& a, const M& b) {
    return a == b;
}

// Every member of `op` equals the parameter of its name in `params` exactly, an unset member
// has no parameter, and nothing else is there besides `extra` names.
template <class Op>
void check_params_round_trip(const Op& op, const std::vector<std::pair<std::string, std::string>>& params,
                             std::initializer_list<std::string_view> extra) {
    std::size_t matched = 0;
    livemsg::detail::for_each_member<Op>([&](auto D) {
        using M = livemsg::detail::member_type<Op, decltype(D)>;
        const M& member = op.*D.pointer;
        const std::pair<std::string, std::string>* found = nullptr;
        for (const auto& p : params)
            if (p.first == D.name) {
                FUZZ_CHECK(found == nullptr);  // once at most
                found = &p;
            }
        if (!livemsg::field_traits<M>::is_set(member)) {
            FUZZ_CHECK(found == nullptr);
            return;
        }
        FUZZ_CHECK(found != nullptr);
        ++matched;
        const std::optional<M> back = read_back<M>(found->second);
        FUZZ_CHECK(back.has_value());
        FUZZ_CHECK(same_member(*back, member));
    });
    std::size_t others = 0;
    for (const auto& p : params)
        for (std::string_view e : extra) others += p.first == e ? 1 : 0;
    FUZZ_CHECK(matched + others == params.size());
}

// Two requests with equal members, member by member.
template <class Op>
bool same_request(const Op& a, const Op& b) {
    bool same = true;
    livemsg::detail::for_each_member<Op>([&](auto D) { same = same && same_member(a.*D.pointer, b.*D.pointer); });
    return same;
}

// The errors of a refused request are usable: each has a message, and the report names them all.
inline void check_errors_are_usable(const livemsg::validation_errors& errors, std::string_view input) {
    FUZZ_CHECK(!errors.empty());
    FUZZ_CHECK(errors.input() == input);
    for (const auto& v : errors) FUZZ_CHECK(!v.message.empty());
    const std::string report = errors.report();
    FUZZ_CHECK(!report.empty());
}

// What a request puts on the wire outside its body can neither end a line nor hide a byte.
inline void check_request_line(const livemsg::http_request& http) {
    FUZZ_CHECK(!has_control(http.host));
    FUZZ_CHECK(!has_control(http.path));
    FUZZ_CHECK(!has_control(http.content_type));
    const std::string url = http.url();
    FUZZ_CHECK(!has_control(url));
    std::string query;
    http.append_query_string(query);
    FUZZ_CHECK(is_strictly_encoded(query));
    // The query copies the parts known to need no encoding: the simple writer, which encodes
    // every name and value, is its oracle.
    std::string simple;
    for (const auto& p : http.query) {
        if (!simple.empty()) simple += '&';
        simple += livemsg::percent_encode(p.name);
        simple += '=';
        simple += livemsg::percent_encode(p.value);
    }
    FUZZ_CHECK(query == simple);
    for (const auto& h : http.headers) {
        FUZZ_CHECK(!has_control(h.name));
        FUZZ_CHECK(!has_control(h.value));
    }
}

}  // namespace fuzz
