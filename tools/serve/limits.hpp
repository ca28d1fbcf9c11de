// SPDX-License-Identifier: BSL-1.0
// What the vendors remember between requests: the nonces seen lately, and how many calls each
// operation took this second. Both take the time as an argument, so that a test sets it.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>

namespace livemsg::serve {

/// Nonces seen within a window (Alibaba's 15 minutes), each refused a second time. Bounded: past
/// `capacity`, the oldest is forgotten first, so memory stays flat under any load.
class nonce_store {
public:
    explicit nonce_store(std::chrono::seconds window = std::chrono::minutes(15), std::size_t capacity = 100000)
        : window_(window), capacity_(capacity) {}

    /// True, and remembered, when `nonce` was not seen within the window before `now`.
    bool first_use(std::string_view nonce, std::chrono::system_clock::time_point now) {
        forget_older_than(now - window_);
        std::string key(nonce);
        if (seen_.contains(key)) return false;
        if (order_.size() == capacity_) {
            seen_.erase(order_.front().nonce);
            order_.pop_front();
        }
        seen_.insert(key);
        order_.push_back({std::move(key), now});
        return true;
    }

    std::size_t size() const noexcept { return order_.size(); }

private:
    struct entry {
        std::string nonce;
        std::chrono::system_clock::time_point at;
    };

    void forget_older_than(std::chrono::system_clock::time_point oldest) {
        while (!order_.empty() && order_.front().at < oldest) {
            seen_.erase(order_.front().nonce);
            order_.pop_front();
        }
    }

    std::chrono::seconds window_;
    std::size_t capacity_;
    std::deque<entry> order_;  // in arrival order
    std::unordered_set<std::string> seen_;
};

/// Calls per account and operation per whole second of the clock, refused past the documented
/// limit, as the vendors count them ("50 times per second per account"): two accounts never
/// share a limit. An operation without a documented limit (zero) is never refused.
class rate_limiter {
public:
    /// `enforced` false admits every call: for a load test, which would otherwise measure refusals.
    explicit rate_limiter(bool enforced = true) : enforced_(enforced) {}

    /// True, and counted, when `account` has made fewer than `per_second` calls of `operation` in
    /// `now`'s second.
    bool admit(std::string_view account, std::string_view operation, unsigned per_second,
               std::chrono::system_clock::time_point now) {
        if (!enforced_ || per_second == 0) return true;
        const auto second = std::chrono::floor<std::chrono::seconds>(now);
        std::string key(operation);
        key += '\0';
        key += account;
        auto [it, inserted] = counts_.try_emplace(std::move(key), window{second, 0});
        window& w = it->second;
        if (w.second != second) w = {second, 0};
        if (w.calls >= per_second) return false;
        ++w.calls;
        return true;
    }

    /// How long a call refused at `now` waits for the next second's calls: at least 1 ms.
    static std::chrono::milliseconds until_next_second(std::chrono::system_clock::time_point now) {
        const auto next = std::chrono::floor<std::chrono::seconds>(now) + std::chrono::seconds(1);
        return std::max(std::chrono::milliseconds(1), std::chrono::ceil<std::chrono::milliseconds>(next - now));
    }

private:
    struct window {
        std::chrono::sys_seconds second;
        unsigned calls;
    };
    bool enforced_;
    std::map<std::string, window, std::less<>> counts_;
};

}  // namespace livemsg::serve
