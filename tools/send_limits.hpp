// SPDX-License-Identifier: BSL-1.0
// What `livemsg send --limits` keeps: a rate limiter per account and operation, and
// SendLiveMessageGroup's budget of 30 message types per group, either in this process (local)
// or shared by every process that sends for the account, through Redis (redis://, unix://).
#pragma once

#include "cli.hpp"

#include <livemsg/alibaba/msg_type_budget.hpp>
#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/local_rate_limiter.hpp>

// 1 when the tool links livemsg::redis (tools/CMakeLists.txt, tools/meson.build).
#ifndef LIVEMSG_TOOL_REDIS
#define LIVEMSG_TOOL_REDIS 0
#endif
#if LIVEMSG_TOOL_REDIS
#include <livemsg/redis/msg_type_budget.hpp>
#include <livemsg/redis/rate_limiter.hpp>
#endif

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::cli {

/// A rate limiter and a message-type budget, wherever they keep their state. A call_limiter.
class send_limits {
public:
    virtual ~send_limits() = default;
    virtual reservation reserve(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait) = 0;
    virtual alibaba::type_admission admit(const alibaba::SendLiveMessageGroup& req) = 0;
    virtual void release(const alibaba::SendLiveMessageGroup& req) = 0;
    virtual void mark_full(std::string_view app_id, std::string_view group_id) = 0;
};

static_assert(call_limiter<send_limits>);

template <class Limiter, class Budget>
class limits_in final : public send_limits {
public:
    limits_in(std::unique_ptr<Limiter> limiter, std::unique_ptr<Budget> budget)
        : limiter_(std::move(limiter)), budget_(std::move(budget)) {}

    reservation reserve(const limit_key& key, call_rate rate, std::chrono::nanoseconds max_wait) override {
        return limiter_->reserve(key, rate, max_wait);
    }
    alibaba::type_admission admit(const alibaba::SendLiveMessageGroup& req) override { return budget_->admit(req); }
    void release(const alibaba::SendLiveMessageGroup& req) override { budget_->release(req); }
    void mark_full(std::string_view app_id, std::string_view group_id) override { budget_->mark_full(app_id, group_id); }

private:
    std::unique_ptr<Limiter> limiter_;
    std::unique_ptr<Budget> budget_;
};

/// What the --limits options say.
struct limits_settings {
    std::unique_ptr<send_limits> limits;  // null without --limits
    std::optional<std::string> account;   // --limits-account: the key instead of the credentials' account
    std::chrono::seconds max_wait{30};    // the longest wait for a slot
};

/// The limits the options ask for; a usage failure for options it cannot use.
inline limits_settings limits_option(const options& o) {
    limits_settings out;
    const auto spec = o.get("--limits");
    if (!spec) {
        for (std::string_view name : {"--limits-account", "--limits-fail", "--limits-timeout", "--limits-instances",
                                      "--limits-wait"})
            if (o.get(name)) throw failure{usage, std::string(name) + " needs --limits"};
        return out;
    }
    out.account = o.get("--limits-account");
    if (out.account && out.account->empty()) throw failure{usage, "--limits-account takes a non-empty name"};
    if (auto wait = detail::integer_option(o, "--limits-wait", nullptr, 0, 3600)) out.max_wait = std::chrono::seconds(*wait);
    // N processes sending for one account each take 1/N of its rate when they cannot share one
    // count: all the time with local, on a Redis failure with --limits-fail open.
    const auto instances = static_cast<unsigned>(detail::integer_option(o, "--limits-instances", nullptr, 1, 10000).value_or(1));
    const double headroom = default_headroom / instances;

    if (*spec == "local") {
        for (std::string_view name : {"--limits-fail", "--limits-timeout"})
            if (o.get(name)) throw failure{usage, std::string(name) + " is for a Redis --limits (redis:// or unix://)"};
        out.limits = std::make_unique<limits_in<local_rate_limiter, alibaba::msg_type_budget>>(
            std::make_unique<local_rate_limiter>(headroom), std::make_unique<alibaba::msg_type_budget>());
        return out;
    }
    if (!spec->starts_with("redis://") && !spec->starts_with("unix://"))
        throw failure{usage, "--limits takes local, redis://HOST[:PORT][/DB] or unix:///PATH, got " + *spec};
    const std::string fail = o.get("--limits-fail").value_or("closed");
    if (fail != "closed" && fail != "open") throw failure{usage, "--limits-fail takes closed or open, got " + fail};
    const auto timeout = detail::integer_option(o, "--limits-timeout", nullptr, 1, 60000).value_or(50);
#if LIVEMSG_TOOL_REDIS
    std::string why;
    const auto url = redis::parse_url(*spec, &why);
    if (!url) throw failure{usage, "--limits: " + why};
    redis::options settings;
    settings.timeout = std::chrono::milliseconds(timeout);
    settings.on_failure = fail == "open" ? redis::failure_mode::open : redis::failure_mode::closed;
    settings.instances = instances;
    out.limits = std::make_unique<limits_in<redis::rate_limiter, redis::msg_type_budget>>(
        std::make_unique<redis::rate_limiter>(*url, settings), std::make_unique<redis::msg_type_budget>(*url, settings));
    return out;
#else
    (void)timeout;
    throw failure{usage, "this livemsg was built without Redis support (hiredis was not found when it was built), "
                         "so --limits takes only local"};
#endif
}

}  // namespace livemsg::cli
