// SPDX-License-Identifier: BSL-1.0
// Who receives a pass-through message: everyone in the conversation, only some users, or
// everyone but some. On the wire it is two lists, ReceiverUserId and IgnoreUserIds; the service
// ignores IgnoreUserIds when ReceiverUserId is set, so one value never carries both.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/reporter.hpp>

#include <boost/json/fwd.hpp>

#include <array>
#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace livemsg::volcengine {

class recipients {
public:
    enum class choice { everyone, only, all_except };

    /// Everyone in the conversation.
    recipients() = default;
    static recipients everyone() { return {}; }
    /// Only these users (ReceiverUserId).
    static recipients only(std::vector<std::int64_t> users) { return {choice::only, std::move(users)}; }
    /// Everyone in the conversation but these users (IgnoreUserIds).
    static recipients all_except(std::vector<std::int64_t> users) { return {choice::all_except, std::move(users)}; }

    /// Replaces the choice and its users, keeping the list's storage for the next request.
    void assign(choice which, std::span<const std::int64_t> users) {
        which_ = which;
        if (which == choice::everyone) users_.clear();
        else users_.assign(users.begin(), users.end());
    }

    choice which() const noexcept { return which_; }
    /// The users named by only() or all_except(); empty for everyone().
    const std::vector<std::int64_t>& users() const noexcept { return users_; }

    friend bool operator==(const recipients&, const recipients&) = default;

private:
    recipients(choice which, std::vector<std::int64_t> users) : which_(which), users_(std::move(users)) {}

    choice which_ = choice::everyone;
    std::vector<std::int64_t> users_{};
};

}  // namespace livemsg::volcengine

namespace livemsg {

/// Spans the two wire keys of its parent. Both are always written, [] when not chosen, as the
/// page's example sends them.
template <>
struct field_traits<volcengine::recipients> {
    using recipients = volcengine::recipients;
    using list = std::vector<std::int64_t>;
    static constexpr bool flattened = true;
    static constexpr std::string_view receivers_key = "ReceiverUserId";
    static constexpr std::string_view ignored_key = "IgnoreUserIds";
    static constexpr std::array<std::string_view, 2> keys{receivers_key, ignored_key};

    static void check(const recipients& r, reporter& c) {
        // An empty ReceiverUserId means everyone: only({}) would reach the very users it meant to leave out.
        if (r.which() == recipients::choice::only && r.users().empty())
            c.at(receivers_key, [&] {
                c.report(error_code::empty,
                         "must name at least one user: an empty ReceiverUserId sends to everyone in the conversation");
            });
    }

    static void write_json_members(const recipients& r, std::string& out, bool& first) {
        detail::append_json_key(out, first, receivers_key);
        write_list(r.which() == recipients::choice::only ? r.users() : no_users(), out);
        detail::append_json_key(out, first, ignored_key);
        write_list(r.which() == recipients::choice::all_except ? r.users() : no_users(), out);
    }

    template <std::same_as<boost::json::object> Object>  // complete only where reading is instantiated
    static void read_members(recipients& r, const Object& o, reporter& c) {
        list receivers, ignored;
        for (const auto& [key, into] : {std::pair{receivers_key, &receivers}, std::pair{ignored_key, &ignored}})
            if (const auto* j = o.if_contains(key); j && !j->is_null())  // null or absent: not chosen
                c.at(key, [&, into = into] { field_traits<list>::read(*into, *j, c); });
        if (!receivers.empty() && !ignored.empty()) {
            c.at(ignored_key, [&] {
                c.report(error_code::conflict,
                         "cannot be set together with ReceiverUserId: the service ignores it when ReceiverUserId is set");
            });
            return;
        }
        if (!receivers.empty()) r = recipients::only(std::move(receivers));
        else if (!ignored.empty()) r = recipients::all_except(std::move(ignored));
        else r = recipients::everyone();
    }

private:
    static const list& no_users() noexcept {
        static const list none;
        return none;
    }
    static void write_list(const list& users, std::string& out) { field_traits<list>::write_json(users, out); }
};

}  // namespace livemsg
