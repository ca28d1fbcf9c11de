// SPDX-License-Identifier: BSL-1.0
// A request as the emulator received it, and the answer it gives: plain values, so that each
// vendor's verifier is a function of them that a test can call without a socket.
#pragma once

#include <livemsg/core/http_request.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/crypto.hpp>

#include <boost/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::serve {

/// Headers in the order they came or go.
using header_list = std::vector<std::pair<std::string, std::string>>;

/// The first header of `headers` called `name`, compared without case.
inline std::optional<std::string_view> find_header(const header_list& headers, std::string_view name) noexcept {
    for (const auto& [n, v] : headers)
        if (livemsg::detail::iequals(n, name)) return std::string_view(v);
    return std::nullopt;
}

/// What arrived: the request line's method and target, the headers in order, the body.
struct received_request {
    std::string method{};
    std::string target{};  // "/?Action=..", as on the request line
    header_list headers{};
    std::string body{};
    std::string client_ip{};  // the peer's address, for Tencent's webhooks; empty when unknown

    /// The first header called `name`, compared without case.
    std::optional<std::string_view> header(std::string_view name) const noexcept { return find_header(headers, name); }

    /// The target before '?'.
    std::string_view path() const noexcept { return std::string_view(target).substr(0, target.find('?')); }

    /// The query's parameters, decoded; nullopt when one is not valid percent-encoding.
    std::optional<param_list> query() const {
        param_list out;
        const auto question = target.find('?');
        if (question == std::string::npos) return out;
        if (!add_form_pairs(std::string_view(target).substr(question + 1), out)) return std::nullopt;
        return out;
    }

    /// Adds the decoded pairs of "a=1&b=x%20y" (a query, or a form body) to `out`; false when one
    /// is not valid percent-encoding.
    static bool add_form_pairs(std::string_view text, param_list& out) {
        while (!text.empty()) {
            const auto amp = text.find('&');
            const std::string_view pair = text.substr(0, amp);
            const auto eq = pair.find('=');
            auto name = percent_decode(pair.substr(0, eq));
            auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
            if (!name || !value) return false;
            if (!pair.empty()) out.add(*name, *value);
            text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        }
        return true;
    }
};

/// What the emulator answers, as the vendor would: an HTTP status, a JSON body, and the headers
/// the vendor adds to it (Alibaba's x-acs-retry-after, say); Date, Server and Content-Type are
/// the server's own.
struct answer {
    int status = 200;
    std::string body;
    header_list headers{};

    /// The first header called `name`, compared without case.
    std::optional<std::string_view> header(std::string_view name) const noexcept { return find_header(headers, name); }
};

/// A request the emulator accepted: who it was for, and its decoded typed fields.
struct accepted_message {
    std::string vendor;      // "alibaba", "volcengine", "tencent"
    std::string operation;   // "SendLiveMessageUser", "P2PSendMessage", "send_text_msg"
    std::string request_id;  // the one in the answer
    boost::json::value fields;  // the typed request written back as JSON, by wire name
};

/// A verifier's verdict: always an answer; a message when the request was accepted.
struct handled {
    answer reply;
    std::optional<accepted_message> message;
};

namespace detail {

// A request ID in the shape Alibaba and Volcengine give: 8-4-4-4-12 upper-case hex digits.
inline std::string fresh_request_id() {
    std::array<unsigned char, 16> bytes{};
    livemsg::detail::random_bytes(bytes);
    std::string hex = livemsg::detail::hex(bytes);
    for (char& c : hex)
        if (c >= 'a' && c <= 'f') c = static_cast<char>(c - 'a' + 'A');
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
           hex.substr(20);
}

// The value after `key=` in a comma-separated Authorization header such as
// "Credential=..,SignedHeaders=..,Signature=..", spaces after commas skipped.
inline std::optional<std::string_view> authorization_part(std::string_view authorization, std::string_view key) {
    for (std::string_view rest = authorization; !rest.empty();) {
        const auto comma = rest.find(',');
        std::string_view part = rest.substr(0, comma);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.starts_with(key) && part.size() > key.size() && part[key.size()] == '=')
            return part.substr(key.size() + 1);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return std::nullopt;
}

}  // namespace detail

}  // namespace livemsg::serve
