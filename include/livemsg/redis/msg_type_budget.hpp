// SPDX-License-Identifier: BSL-1.0
// redis::msg_type_budget: the 30-message-type budget of SendLiveMessageGroup shared by every
// instance of a service, with the contract of alibaba::msg_type_budget (alibaba/msg_type_budget.hpp).
//
// A group's types are a Redis set (types_key), its server refusal a flag beside it
// (types_full_key); an admission is one EVALSHA of admit_type_script, atomic on the server, so
// that instances offering new types together never admit a 31st. A type this process has seen
// admitted is remembered (a bounded cache, the least recently used groups forgotten) and admitted
// again without a round trip: a group's set only grows, but by this process's own release() and
// forget(), which drop it from the cache too. (Another instance's release of a type this one has
// cached is not seen here; the server's own refusal, fed back with mark_full(), stays the last word.)
//
// When Redis cannot answer, the budget fails closed (a violation on MsgType with
// limiter_unavailable and the reason) or open (an in-process alibaba::msg_type_budget decides).
#pragma once

#include <livemsg/alibaba/msg_type_budget.hpp>
#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/redis/options.hpp>
#include <livemsg/redis/pool.hpp>
#include <livemsg/redis/scripts.hpp>
#include <livemsg/redis/url.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace livemsg::redis {

namespace detail {

/// The types known to be in each group's set, by the group's Redis key: sharded, each shard a
/// least-recently-used list of at most `capacity` groups.
class known_types {
public:
    explicit known_types(std::size_t max_groups)
        : shards_(std::clamp<std::size_t>(max_groups, 1, 16)), capacity_(std::max<std::size_t>(1, max_groups / shards_.size())) {}

    bool contains(const std::string& key, std::int64_t type) {
        shard& s = shard_for(key);
        std::lock_guard lock(s.mutex);
        auto it = s.index.find(key);
        if (it == s.index.end()) return false;
        s.recency.splice(s.recency.begin(), s.recency, it->second);
        return it->second->has(type);
    }

    void add(const std::string& key, std::int64_t type) {
        shard& s = shard_for(key);
        std::lock_guard lock(s.mutex);
        group& g = s.touch(key, capacity_);
        if (!g.has(type) && g.count < g.types.size()) g.types[g.count++] = type;
    }

    void remove(const std::string& key, std::int64_t type) {
        shard& s = shard_for(key);
        std::lock_guard lock(s.mutex);
        auto it = s.index.find(key);
        if (it == s.index.end()) return;
        group& g = *it->second;
        const auto end = g.types.begin() + static_cast<std::ptrdiff_t>(g.count);
        if (const auto found = std::find(g.types.begin(), end, type); found != end) {
            std::copy(found + 1, end, found);
            --g.count;
        }
    }

    void erase(const std::string& key) {
        shard& s = shard_for(key);
        std::lock_guard lock(s.mutex);
        if (auto it = s.index.find(key); it != s.index.end()) {
            s.recency.erase(it->second);
            s.index.erase(it);
        }
    }

    std::size_t groups() const {
        std::size_t n = 0;
        for (const shard& s : shards_) {
            std::lock_guard lock(s.mutex);
            n += s.index.size();
        }
        return n;
    }

private:
    struct group {
        std::string key;
        std::array<std::int64_t, alibaba::msg_type_budget::types_per_group> types{};
        std::size_t count = 0;

        bool has(std::int64_t t) const noexcept {
            const auto end = types.begin() + static_cast<std::ptrdiff_t>(count);
            return std::find(types.begin(), end, t) != end;
        }
    };

    struct shard {
        mutable std::mutex mutex;
        std::list<group> recency;  // most recently used first
        std::unordered_map<std::string_view, std::list<group>::iterator> index;  // keys live in `recency`

        group& touch(const std::string& key, std::size_t capacity) {
            if (auto it = index.find(key); it != index.end()) {
                recency.splice(recency.begin(), recency, it->second);
                return *it->second;
            }
            if (index.size() >= capacity) {
                index.erase(recency.back().key);
                recency.pop_back();
            }
            recency.push_front(group{key});
            index.emplace(recency.front().key, recency.begin());
            return recency.front();
        }
    };

    shard& shard_for(const std::string& key) { return shards_[std::hash<std::string>{}(key) % shards_.size()]; }

    std::vector<shard> shards_;
    std::size_t capacity_;
};

}  // namespace detail

class msg_type_budget {
public:
    static constexpr std::size_t types_per_group = alibaba::msg_type_budget::types_per_group;
    static constexpr std::size_t default_max_groups = alibaba::msg_type_budget::default_max_groups;

    /// Makes no connection: the first call that needs Redis does. `max_groups` bounds the cache
    /// of known types, and the in-process budget that decides when failing open.
    explicit msg_type_budget(server_url url, options opts = {}, std::size_t max_groups = default_max_groups)
        : opts_(normalized(opts)),
          pool_(std::move(url), opts_.timeout, opts_.connections),
          known_(max_groups),
          fallback_(max_groups) {}

    msg_type_budget(const msg_type_budget&) = delete;
    msg_type_budget& operator=(const msg_type_budget&) = delete;

    /// Admits `msg_type` in the group when the group has it, or has fewer than 30 types and no
    /// server refusal; otherwise too_many_msg_types on MsgType. `added`: this call put it in the set.
    alibaba::type_admission admit(std::string_view app_id, std::string_view group_id, std::int64_t msg_type) {
        const std::string key = types_key(app_id, group_id);
        if (known_.contains(key, msg_type)) {
            counters_.ok.fetch_add(1, std::memory_order_relaxed);
            return alibaba::type_admission("SendLiveMessageGroup");
        }
        const std::string full = types_full_key(app_id, group_id);
        const detail::decimal type(msg_type);
        const detail::decimal limit(static_cast<long long>(types_per_group));
        const std::array<std::string_view, 2> keys{key, full};
        const std::array<std::string_view, 2> args{type.view(), limit.view()};
        integer_reply r = pool_.run([&](connection& c, connection::clock::time_point deadline) {
            return c.eval(admit_type_script, keys, args, 3, deadline);
        });
        const bool sane = r.ok() && (r[0] == 0 || r[0] == 1) && (r[1] == 0 || r[1] == 1) && r[2] >= 0;
        if (!sane) {
            if (r.ok()) r.error = "Redis answered the type script with {" + std::to_string(r[0]) + ", " +
                                  std::to_string(r[1]) + ", " + std::to_string(r[2]) + "}";
            return failed(app_id, group_id, msg_type, r.error);
        }
        alibaba::type_admission out("SendLiveMessageGroup");
        if (r[0] == 0) {
            counters_.over_limit.fetch_add(1, std::memory_order_relaxed);
            const auto used = static_cast<std::size_t>(r[2]);
            out.add({"MsgType", error_code::too_many_msg_types,
                     "group already uses " + std::to_string(used) + " message types" +
                         (used < types_per_group ? " and the server refused another" : "") + "; " +
                         std::to_string(msg_type) + " would be one more than the 30 allowed",
                     static_cast<std::int64_t>(types_per_group)});
            return out;
        }
        counters_.ok.fetch_add(1, std::memory_order_relaxed);
        known_.add(key, msg_type);
        out.added = r[1] == 1;
        return out;
    }

    /// The same for a request. A request without MsgType is admitted and counts nothing.
    alibaba::type_admission admit(const alibaba::SendLiveMessageGroup& req) {
        if (!req.MsgType.has_value()) return alibaba::type_admission("SendLiveMessageGroup");
        return admit(req.AppId.view(), req.GroupId.view(), req.MsgType.raw());
    }

    /// Gives back a type that admit() added (`added`) for a send the server never counted (see
    /// alibaba::msg_type_budget::release for when): SREM. Empty when done, else why Redis did not.
    std::string release(std::string_view app_id, std::string_view group_id, std::int64_t msg_type) {
        const std::string key = types_key(app_id, group_id);
        known_.remove(key, msg_type);
        fallback_.release(app_id, group_id, msg_type);
        const detail::decimal type(msg_type);
        const std::array<std::string_view, 3> argv{"SREM", key, type.view()};
        return run_command(argv, true);
    }

    /// The same for a request.
    std::string release(const alibaba::SendLiveMessageGroup& req) {
        if (!req.MsgType.has_value()) return {};
        return release(req.AppId.view(), req.GroupId.view(), req.MsgType.raw());
    }

    /// After the server answered ErrorTooManyMsgTypes: every instance admits only the types the
    /// group already has. Empty when done, else why Redis did not (the in-process fallback is
    /// marked either way).
    std::string mark_full(std::string_view app_id, std::string_view group_id) {
        fallback_.mark_full(app_id, group_id);
        const std::string full = types_full_key(app_id, group_id);
        const std::array<std::string_view, 3> argv{"SET", full, "1"};
        return run_command(argv, false);
    }

    /// After a group was deleted, or to start over: both keys deleted. Empty when done.
    std::string forget(std::string_view app_id, std::string_view group_id) {
        const std::string key = types_key(app_id, group_id);
        known_.erase(key);
        fallback_.forget(app_id, group_id);
        const std::string full = types_full_key(app_id, group_id);
        const std::array<std::string_view, 3> argv{"DEL", key, full};
        return run_command(argv, true);
    }

    /// How many types the group's set holds (SCARD); nullopt when Redis cannot say.
    std::optional<std::size_t> types_used(std::string_view app_id, std::string_view group_id) {
        const std::string key = types_key(app_id, group_id);
        const std::array<std::string_view, 2> argv{"SCARD", key};
        integer_reply r = pool_.run([&](connection& c, connection::clock::time_point deadline) {
            return c.command(argv, true, deadline);
        });
        if (!r.ok() || r[0] < 0) return std::nullopt;
        return static_cast<std::size_t>(r[0]);
    }

    /// ok: admitted by Redis or the cache; over_limit: refused; error: Redis failed;
    /// failure_mode_allowed: admitted by the in-process budget after an error.
    const limiter_counters& counters() const noexcept { return counters_; }
    const options& settings() const noexcept { return opts_; }
    /// How many groups the cache of known types holds now.
    std::size_t cached_groups() const { return known_.groups(); }

private:

    std::string run_command(std::span<const std::string_view> argv, bool integer) {
        integer_reply r = pool_.run([&](connection& c, connection::clock::time_point deadline) {
            return c.command(argv, integer, deadline);
        });
        return std::move(r.error);
    }

    alibaba::type_admission failed(std::string_view app_id, std::string_view group_id, std::int64_t msg_type,
                                   const std::string& why) {
        counters_.error.fetch_add(1, std::memory_order_relaxed);
        if (opts_.on_failure == failure_mode::closed) {
            alibaba::type_admission out("SendLiveMessageGroup");
            out.add({"MsgType", error_code::limiter_unavailable, "the message-type budget is unavailable: " + why, std::nullopt});
            return out;
        }
        alibaba::type_admission out = fallback_.admit(app_id, group_id, msg_type);
        (out.empty() ? counters_.failure_mode_allowed : counters_.over_limit).fetch_add(1, std::memory_order_relaxed);
        return out;
    }

    options opts_;
    connection_pool pool_;
    detail::known_types known_;
    alibaba::msg_type_budget fallback_;
    limiter_counters counters_;
};

}  // namespace livemsg::redis
