// SPDX-License-Identifier: BSL-1.0
// vendor_error: the shape every vendor's error shares, so that handling a failure (logging it,
// deciding on a retry, printing it) can be written once for all of them.
#pragma once

#include <chrono>
#include <concepts>
#include <optional>
#include <iosfwd>
#include <string>

namespace livemsg {

/// The members are spelled the same for every vendor; `code` is the vendor's own typed code (a
/// string-backed open_enum or a number), and code_text() the same code as text, empty when the
/// body carried none. retry_after() is how long the server asked to wait, nullopt where the vendor never says.
template <class E>
concept vendor_error =
    std::same_as<decltype(E::http_status), int> && std::same_as<decltype(E::message), std::string> &&
    std::same_as<decltype(E::request_id), std::string> && std::same_as<decltype(E::body), std::string> &&
    requires(const E& e, std::ostream& os) {
        e.code;
        { e.code_text() } -> std::same_as<std::string>;
        { e.retryable() } -> std::same_as<bool>;
        { e.retry_after() } -> std::same_as<std::optional<std::chrono::milliseconds>>;
        { os << e } -> std::same_as<std::ostream&>;
    };

}  // namespace livemsg
