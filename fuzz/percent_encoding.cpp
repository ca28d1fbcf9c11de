// SPDX-License-Identifier: BSL-1.0
// Percent-encoding and decoding, the canonical query both signatures hash, and a query or form
// read back. Input: fields separated by 0xFF, taken as name/value pairs.
#include "fuzz_common.hpp"

#include <livemsg/alibaba/signature.hpp>
#include <livemsg/detail/canonical.hpp>

#include <algorithm>

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The obvious decoder, to compare with.
std::optional<std::string> reference_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

void check_one(std::string_view s) {
    const std::string encoded = livemsg::percent_encode(s);
    FUZZ_CHECK(fuzz::is_strictly_encoded(encoded));
    FUZZ_CHECK(encoded.find('&') == std::string::npos && encoded.find('=') == std::string::npos);
    FUZZ_CHECK(livemsg::percent_decode(encoded) == std::optional<std::string>(s));

    std::string appended = "prefix";
    livemsg::append_percent_encoded(appended, s);
    FUZZ_CHECK(appended == "prefix" + encoded);

    // Every block level this CPU runs writes the same.
    using livemsg::detail::simd_level;
    for (auto level : {simd_level::portable, simd_level::ssse3, simd_level::avx2}) {
        if (level > livemsg::detail::cpu_simd_level()) break;
        std::string at_level = "prefix";
        livemsg::detail::append_percent_encoded_at(level, at_level, s);
        FUZZ_CHECK(at_level == appended);
    }

    const auto decoded = livemsg::percent_decode(s);
    FUZZ_CHECK(decoded == reference_decode(s));
    if (s.find('%') == std::string_view::npos) FUZZ_CHECK(decoded == std::optional<std::string>(s));
    if (decoded) FUZZ_CHECK(livemsg::percent_decode(livemsg::percent_encode(*decoded)) == decoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::as_text(data, size);
    check_one(input);

    std::vector<std::string_view> fields;
    for (std::string_view rest = input;;) {
        const auto at = rest.find('\xFF');
        fields.push_back(rest.substr(0, at));
        if (at == std::string_view::npos) break;
        rest.remove_prefix(at + 1);
    }
    if (fields.size() % 2) fields.emplace_back();
    for (auto f : fields) check_one(f);

    // A query of these pairs reads back as they were, in order.
    livemsg::http_request http;
    std::vector<std::pair<std::string, std::string>> pairs;
    for (std::size_t i = 0; i < fields.size(); i += 2) {
        http.query.add(fields[i], fields[i + 1]);
        pairs.emplace_back(fields[i], fields[i + 1]);
    }
    std::string query;
    http.append_query_string(query);
    FUZZ_CHECK(fuzz::decode_params(query) == std::optional(pairs));
    FUZZ_CHECK(livemsg::alibaba::detail::decode_form(query) == pairs);

    // The canonical query holds the same pairs, sorted by name, then value.
    livemsg::detail::parameter_views views;
    for (const auto& p : pairs) views.push_back({p.first, p.second});
    std::string canonical;
    livemsg::detail::append_canonical_query(canonical, views);
    auto sorted = pairs;
    std::sort(sorted.begin(), sorted.end());
    FUZZ_CHECK(fuzz::decode_params(canonical) == std::optional(sorted));

    // Any text at all is read as a form without trouble.
    (void)livemsg::alibaba::detail::decode_form(input);
    return 0;
}
