// SPDX-License-Identifier: BSL-1.0
// local_rate_limiter: the call_limiter of one process. GCRA without a burst: each key keeps the
// time its next call may go (the theoretical arrival time, TAT); a call is admitted from
// max(TAT, now) and moves TAT one interval on, so that admissions are at least one interval apart
// and no one-second window ever holds more than the rate times the headroom, plus one. (A burst
// of N would let nearly 2N through across a second's boundary.)
//
// Keys are spread over shards, each with its own lock and a table that keeps its nodes; a key
// seen before costs one hash, a lock and a lookup, and allocates nothing. At most `max_keys` keys
// are remembered; a full shard first forgets the keys whose slot has passed, which lose nothing.
#pragma once

#include <livemsg/core/call_limiter.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace livemsg {

class local_rate_limiter {
public:
    using clock = std::chrono::steady_clock;
    static constexpr std::size_t default_max_keys = 10000;

    /// Admits `headroom` (0 < headroom <= 1) of each documented rate; out of range is taken as 1.
    explicit local_rate_limiter(double headroom = default_headroom, std::size_t max_keys = default_max_keys)
        : headroom_(headroom > 0 && headroom <= 1 ? headroom : 1.0),
          keys_per_shard_(std::max<std::size_t>(1, max_keys / shard_count)) {}

    local_rate_limiter(const local_rate_limiter&) = delete;
    local_rate_limiter& operator=(const local_rate_limiter&) = delete;

    reservation reserve(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait) {
        return reserve_at(key, rate, max_wait, clock::now());
    }

    /// The same decision at a given time: for tests, and for a caller that already read the clock.
    reservation reserve_at(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait,
                           clock::time_point now) {
        reservation r = decide(key, rate, max_wait, now.time_since_epoch());
        counters_.count(r);
        return r;
    }

    double headroom() const noexcept { return headroom_; }
    const limiter_counters& counters() const noexcept { return counters_; }

    /// How many keys are remembered now.
    std::size_t keys() const {
        std::size_t n = 0;
        for (const shard& s : shards_) {
            std::lock_guard lock(s.mutex);
            n += s.next_slot.size();
        }
        return n;
    }

private:
    static constexpr std::size_t shard_count = 16;
    using ns = std::chrono::nanoseconds;

    // A key's hash is computed once per call, for its shard and its table alike: the table keeps
    // each stored key's hash, and a lookup brings its own.
    struct stored_key {
        std::string account, operation;
        std::size_t hash;
    };
    struct probe {
        const limit_key& key;
        std::size_t hash;
    };
    struct key_hash {
        using is_transparent = void;
        std::size_t operator()(const stored_key& k) const noexcept { return k.hash; }
        std::size_t operator()(const probe& p) const noexcept { return p.hash; }
    };
    struct key_equal {
        using is_transparent = void;
        bool operator()(const stored_key& a, const stored_key& b) const noexcept {
            return a.account == b.account && a.operation == b.operation;
        }
        bool operator()(const probe& p, const stored_key& k) const noexcept {
            return p.key.account == k.account && p.key.operation == k.operation;
        }
        bool operator()(const stored_key& k, const probe& p) const noexcept { return (*this)(p, k); }
    };

    struct shard {
        mutable std::mutex mutex;
        std::unordered_map<stored_key, ns, key_hash, key_equal> next_slot;  // each key's TAT
    };

    static std::size_t hash_of(const limit_key& key) noexcept {
        const std::size_t a = std::hash<std::string_view>{}(key.account);
        return a ^ (std::hash<std::string_view>{}(key.operation) + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
    }

    reservation decide(const limit_key& key, call_rate rate, ns max_wait, ns now) {
        if (!rate.limited()) return reservation::admit();
        const ns interval = rate.interval(headroom_);
        const probe p{key, hash_of(key)};
        shard& s = shards_[(p.hash >> 7) % shard_count];  // the low bits pick the table's bucket
        std::lock_guard lock(s.mutex);
        auto it = s.next_slot.find(p);
        const ns start = it == s.next_slot.end() ? now : std::max(it->second, now);
        const ns wait = start - now;
        if (wait > max_wait) return reservation::later(wait);
        if (it == s.next_slot.end()) {
            if (s.next_slot.size() >= keys_per_shard_) forget_passed(s, now);
            it = s.next_slot.emplace(stored_key{std::string(key.account), std::string(key.operation), p.hash}, ns{}).first;
        }
        it->second = start + interval;
        return reservation::admit(wait);
    }

    /// Forgets the keys whose next slot has passed (they would be admitted at once anyway); when
    /// none has, the one whose slot comes first, so that memory stays bounded.
    void forget_passed(shard& s, ns now) {
        std::erase_if(s.next_slot, [now](const auto& entry) { return entry.second <= now; });
        if (s.next_slot.size() < keys_per_shard_) return;
        auto first = std::min_element(s.next_slot.begin(), s.next_slot.end(),
                                      [](const auto& a, const auto& b) { return a.second < b.second; });
        s.next_slot.erase(first);
    }

    double headroom_;
    std::size_t keys_per_shard_;
    std::array<shard, shard_count> shards_;
    limiter_counters counters_;
};

}  // namespace livemsg
