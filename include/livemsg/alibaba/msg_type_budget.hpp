// SPDX-License-Identifier: BSL-1.0
// The 30-message-type budget of SendLiveMessageGroup, enforced before anything is sent.
//
// The server refuses the 31st distinct MsgType of a group with ErrorTooManyMsgTypes. This budget
// remembers the types each (AppId, GroupId) has used and refuses the 31st distinct one locally,
// with code too_many_msg_types.
//
// Memory stays bounded: it remembers at most `max_groups` groups, each in a fixed-size record.
// Groups are spread over shards by hash, each with its own lock; a shard that is full forgets its
// least recently used group. A forgotten group starts over, so the server's own refusal remains
// the last word; feed it back with mark_full(). A type admitted for a send that never reached
// the server is given back with release().
#pragma once

#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/core/error.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace livemsg::alibaba {

/// A budget's answer: empty errors when the type may be sent, and whether this call added it to
/// the group's types (so that release() gives back only what this caller added: with several
/// callers, or several processes, "types_used() rose by one" is not the caller's to see).
struct [[nodiscard]] type_admission : validation_errors {
    bool added = false;

    using validation_errors::validation_errors;
};

class msg_type_budget {
public:
    static constexpr std::size_t types_per_group = 30;
    static constexpr std::size_t default_max_groups = 10000;  // about 0.4 KB each

    explicit msg_type_budget(std::size_t max_groups = default_max_groups)
        : shards_(std::clamp<std::size_t>(max_groups, 1, max_shards)),
          groups_per_shard_(std::max<std::size_t>(1, max_groups / shards_.size())) {}

    /// Admits `msg_type` in the group when the group has used it before or has used fewer than
    /// 30 types; otherwise reports too_many_msg_types for MsgType.
    type_admission admit(std::string_view app_id, std::string_view group_id, std::int64_t msg_type) {
        type_admission errors("SendLiveMessageGroup");
        shard& s = shard_for(app_id, group_id);
        std::lock_guard lock(s.mutex);
        group& g = s.touch(key_of(app_id, group_id), groups_per_shard_);
        if (g.has(msg_type)) return errors;
        if (g.full || g.count == types_per_group) {
            errors.add({"MsgType", error_code::too_many_msg_types,
                        "group already uses " + std::to_string(g.count) + " message types" +
                            (g.full ? " and the server refused another" : "") + "; " + std::to_string(msg_type) +
                            " would be one more than the 30 allowed",
                        static_cast<std::int64_t>(types_per_group)});
            return errors;
        }
        g.types[g.count++] = msg_type;
        errors.added = true;
        return errors;
    }

    /// The same for a request. A request without MsgType is admitted and counts nothing.
    type_admission admit(const SendLiveMessageGroup& req) {
        if (!req.MsgType.has_value()) return type_admission("SendLiveMessageGroup");
        return admit(req.AppId.view(), req.GroupId.view(), req.MsgType.raw());
    }

    /// Gives back a type that admit() added for a send the server never counted: the request
    /// failed before it was sent (it did not render or sign, the connection was refused), or
    /// the answer was an error for which nothing was stored (a signature, throttling or
    /// parameter error). Not after a timeout or a dropped connection: the message may have
    /// landed and the type with it. Only for a type this send's admit() added (`added`); a type
    /// the group used before stays counted on the server. Unknown types and groups are
    /// ignored; a group the server refused stays full.
    void release(std::string_view app_id, std::string_view group_id, std::int64_t msg_type) {
        shard& s = shard_for(app_id, group_id);
        std::lock_guard lock(s.mutex);
        auto it = s.index.find(key_of(app_id, group_id));
        if (it == s.index.end()) return;
        group& g = *it->second;
        const auto end = g.types.begin() + static_cast<std::ptrdiff_t>(g.count);
        const auto found = std::find(g.types.begin(), end, msg_type);
        if (found == end) return;
        std::copy(found + 1, end, found);
        --g.count;
    }

    /// The same for a request.
    void release(const SendLiveMessageGroup& req) {
        if (req.MsgType.has_value()) release(req.AppId.view(), req.GroupId.view(), req.MsgType.raw());
    }

    /// After the server answered ErrorTooManyMsgTypes: admit only the types already seen.
    void mark_full(std::string_view app_id, std::string_view group_id) {
        shard& s = shard_for(app_id, group_id);
        std::lock_guard lock(s.mutex);
        s.touch(key_of(app_id, group_id), groups_per_shard_).full = true;
    }

    /// After a group was deleted, or to start over.
    void forget(std::string_view app_id, std::string_view group_id) {
        shard& s = shard_for(app_id, group_id);
        std::lock_guard lock(s.mutex);
        s.erase(key_of(app_id, group_id));
    }

    std::size_t types_used(std::string_view app_id, std::string_view group_id) const {
        const shard& s = shard_for(app_id, group_id);
        std::lock_guard lock(s.mutex);
        auto it = s.index.find(key_of(app_id, group_id));
        return it == s.index.end() ? 0 : it->second->count;
    }

    /// How many groups are remembered now; never more than the max_groups given.
    std::size_t groups() const {
        std::size_t n = 0;
        for (const shard& s : shards_) {
            std::lock_guard lock(s.mutex);
            n += s.index.size();
        }
        return n;
    }

private:
    static constexpr std::size_t max_shards = 16;

    struct group {
        std::string key;
        std::array<std::int64_t, types_per_group> types{};
        std::size_t count = 0;
        bool full = false;  // the server refused a new type

        bool has(std::int64_t t) const noexcept {
            return std::find(types.begin(), types.begin() + static_cast<std::ptrdiff_t>(count), t) !=
                   types.begin() + static_cast<std::ptrdiff_t>(count);
        }
    };

    struct shard {
        mutable std::mutex mutex;
        std::list<group> recency;  // most recently used first
        std::unordered_map<std::string_view, std::list<group>::iterator> index;  // keys live in `recency`

        group& touch(std::string key, std::size_t capacity) {
            if (auto it = index.find(key); it != index.end()) {
                recency.splice(recency.begin(), recency, it->second);
                return *it->second;
            }
            if (index.size() >= capacity) {
                index.erase(recency.back().key);
                recency.pop_back();
            }
            recency.push_front(group{std::move(key)});
            index.emplace(recency.front().key, recency.begin());
            return recency.front();
        }

        void erase(const std::string& key) {
            if (auto it = index.find(key); it != index.end()) {
                recency.erase(it->second);
                index.erase(it);
            }
        }
    };

    /// Length-prefixed, so that no two (AppId, GroupId) pairs share a key.
    static std::string key_of(std::string_view app_id, std::string_view group_id) {
        std::string key = std::to_string(app_id.size());
        key += ':';
        key += app_id;
        key += group_id;
        return key;
    }

    shard& shard_for(std::string_view app_id, std::string_view group_id) {
        return shards_[index_of(app_id, group_id)];
    }
    const shard& shard_for(std::string_view app_id, std::string_view group_id) const {
        return shards_[index_of(app_id, group_id)];
    }
    std::size_t index_of(std::string_view app_id, std::string_view group_id) const {
        const std::size_t h = std::hash<std::string_view>{}(app_id) * 31 + std::hash<std::string_view>{}(group_id);
        return h % shards_.size();
    }

    std::vector<shard> shards_;
    std::size_t groups_per_shard_;
};

}  // namespace livemsg::alibaba
