// SPDX-License-Identifier: BSL-1.0
// The request to send, as values: method, URL parts, ordered parameters, headers, body.
// livemsg fills it; the caller's HTTP client sends it.
#pragma once

#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/detail/unreserved.hpp>

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg {

struct param {
    std::string name;
    std::string value;

    friend bool operator==(const param&, const param&) = default;
};

/// Ordered name/value pairs whose storage survives clear(), so a reused list stops allocating
/// once it has held its largest request.
///
/// Each parameter remembers whether its name and value hold only unreserved bytes, as IDs,
/// numbers and wire names do: the query string then copies them instead of encoding them.
class param_list {
public:
    void clear() noexcept { size_ = 0; }
    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    const param* begin() const noexcept { return items_.data(); }
    const param* end() const noexcept { return items_.data() + size_; }
    const param& operator[](std::size_t i) const noexcept { return items_[i]; }

    void add(std::string_view name, std::string_view value) {
        push(name, value, {detail::needs_no_percent_encoding(name), detail::needs_no_percent_encoding(value)});
    }

    /// As add(), for a value known to hold only unreserved bytes (a validated ID, a number, a
    /// wire name), which is then not scanned again.
    void add_unreserved_value(std::string_view name, std::string_view value) {
        assert(detail::needs_no_percent_encoding(value));
        push(name, value, {detail::needs_no_percent_encoding(name), true});
    }

    /// Replaces the first parameter called `name`, or adds it.
    void set(std::string_view name, std::string_view value) {
        for (std::size_t i = 0; i < size_; ++i)
            if (items_[i].name == name) {
                items_[i].value.assign(value.data(), value.size());
                plain_[i].value = detail::needs_no_percent_encoding(value);
                return;
            }
        add(name, value);
    }

    std::optional<std::string_view> find(std::string_view name) const noexcept {
        for (const param& p : *this)
            if (p.name == name) return std::string_view(p.value);
        return std::nullopt;
    }

    /// Removes every parameter `pred` holds for, keeping the others in order; the storage of the
    /// removed ones is kept past the end for reuse. Returns how many were removed.
    template <class Pred>
    std::size_t remove_if(Pred pred) {
        std::size_t kept = 0;
        for (std::size_t i = 0; i < size_; ++i) {
            if (pred(std::as_const(items_[i]))) continue;
            if (i != kept) {
                std::swap(items_[kept], items_[i]);
                std::swap(plain_[kept], plain_[i]);
            }
            ++kept;
        }
        const std::size_t removed = size_ - kept;
        size_ = kept;
        return removed;
    }

    /// "a=1&b=x%20y" appended to `out`: the parameters percent-encoded (RFC 3986).
    void append_encoded(std::string& out) const {
        for (std::size_t i = 0; i < size_; ++i) {
            if (i) out += '&';
            append_part(out, items_[i].name, plain_[i].name);
            out += '=';
            append_part(out, items_[i].value, plain_[i].value);
        }
    }

    /// Equal parameters in the same order; the storage kept past the end does not count.
    friend bool operator==(const param_list& a, const param_list& b) noexcept {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }

private:
    struct plain_parts {
        bool name = false;
        bool value = false;
    };

    void push(std::string_view name, std::string_view value, plain_parts plain) {
        if (size_ == items_.size()) {
            items_.emplace_back();
            plain_.emplace_back();
        }
        param& p = items_[size_];
        p.name.assign(name.data(), name.size());
        p.value.assign(value.data(), value.size());
        plain_[size_++] = plain;
    }

    static void append_part(std::string& out, const std::string& text, bool plain) {
        if (plain) out += text;
        else append_percent_encoded(out, text);
    }

    std::vector<param> items_;
    std::vector<plain_parts> plain_;  // beside items_, index for index
    std::size_t size_ = 0;
};

struct http_request {
    std::string_view method = "POST";  // static text: "GET", "POST"
    std::string_view scheme = "https";
    std::string host;
    std::string path = "/";
    param_list query;    // decoded, in the order sent
    param_list headers;  // beyond Host and Content-Type, e.g. signature headers
    std::string content_type;  // empty when there is no body
    std::string body;

    /// Empties every part but keeps the storage.
    void clear() noexcept {
        method = "POST";
        scheme = "https";
        host.clear();
        path.assign("/");
        query.clear();
        headers.clear();
        content_type.clear();
        body.clear();
    }

    /// Calls `f(name, value)` for every header to send, in order: Host, Content-Type (when
    /// there is a body), then `headers` (the signature's among them). An HTTP client that adds
    /// Host or Content-Type of its own must be told to use these instead: they are signed.
    template <class F>
    void for_each_header(F&& f) const {
        f(std::string_view("Host"), std::string_view(host));
        if (!content_type.empty()) f(std::string_view("Content-Type"), std::string_view(content_type));
        for (const param& h : headers) f(std::string_view(h.name), std::string_view(h.value));
    }

    /// "a=1&b=x%20y": the query, percent-encoded (RFC 3986).
    void append_query_string(std::string& out) const { query.append_encoded(out); }

    /// "/?a=1&b=2": the request target of the HTTP request line.
    void append_target(std::string& out) const {
        out += path;
        if (query.empty()) return;
        out += '?';
        append_query_string(out);
    }
    std::string target() const {
        std::string out;
        append_target(out);
        return out;
    }

    /// "https://host/?a=1&b=2".
    void append_url(std::string& out) const {
        out += scheme;
        out += "://";
        out += host;
        append_target(out);
    }
    std::string url() const {
        std::string out;
        append_url(out);
        return out;
    }

    /// The same request on the wire.
    friend bool operator==(const http_request&, const http_request&) = default;
};

}  // namespace livemsg
