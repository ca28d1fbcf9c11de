// SPDX-License-Identifier: BSL-1.0
// The input of a response target: an optional first line "STATUS[ HEADER]\n", then the body.
#pragma once

#include "fuzz_common.hpp"

namespace fuzz {

struct response_input {
    int status = 200;
    std::string_view header;  // a header value that comes with the answer (Alibaba's x-acs-retry-after)
    std::string_view body;
};

inline response_input split_response(std::string_view input) {
    response_input r{200, {}, input};
    const auto newline = input.find('\n');
    if (newline == std::string_view::npos || newline < 3) return r;
    const std::string_view line = input.substr(0, newline);
    for (std::size_t i = 0; i < 3; ++i)
        if (line[i] < '0' || line[i] > '9') return r;
    if (line.size() > 3 && line[3] != ' ') return r;
    r.status = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (line.size() > 3) r.header = line.substr(4);
    r.body = input.substr(newline + 1);
    return r;
}

inline bool is_2xx(int status) noexcept { return status >= 200 && status < 300; }

// Exactly one of the three answers, and an unreadable body is kept whole with its reasons.
template <class Outcome>
void check_outcome_shape(const Outcome& answer, std::string_view body) {
    const int kinds = (answer.result() ? 1 : 0) + (answer.error() ? 1 : 0) + (answer.unreadable() ? 1 : 0);
    FUZZ_CHECK(kinds == 1);
    if (const auto* u = answer.unreadable()) check_errors_are_usable(*u, body);
}

// A typed result written back as JSON reads again to the same JSON.
template <class T>
void check_rewrite_is_stable(const T& value) {
    const std::string once = livemsg::to_json(value);
    const auto again = livemsg::read_json<T>(once);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(livemsg::to_json(*again) == once);
}

// The event reader (read_json) answers as the DOM reader, its oracle, does: the same value, or
// the same violations with the body kept.
template <class T>
void check_readers_agree(std::string_view body) {
    const auto fast = livemsg::read_json<T>(body);
    const auto dom = livemsg::detail::read_json_dom<T>(body);
    FUZZ_CHECK(fast.ok() == dom.ok());
    if (fast.ok() && dom.ok()) {
        FUZZ_CHECK(livemsg::to_json(*fast) == livemsg::to_json(*dom));
    } else if (!fast.ok() && !dom.ok()) {
        FUZZ_CHECK(fast.errors().items() == dom.errors().items());
        FUZZ_CHECK(fast.errors().input() == dom.errors().input());
    }
}

}  // namespace fuzz
