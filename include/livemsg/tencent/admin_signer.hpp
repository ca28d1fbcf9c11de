// SPDX-License-Identifier: BSL-1.0
// An admin's UserSig, generated once, shared between threads and renewed before it expires, so
// that each REST call does not pay for an HMAC and zlib. Needs livemsg::signing.
#pragma once

#include <livemsg/core/error.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/tencent/rest.hpp>
#include <livemsg/tencent/usersig.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

namespace livemsg::tencent {

/// An admin's UserSig, generated once and handed out until it nears expiry, then renewed.
/// Safe to share between threads.
class admin_signer {
public:
    using clock = std::function<std::chrono::sys_seconds()>;

    /// Renews once `renew_before` of the lifetime is left (by default a tenth). Throws
    /// std::invalid_argument, with every reason, when the grant or key is unusable.
    admin_signer(usersig_grant grant, secret key, clock now = detail::system_now,
                 std::optional<std::chrono::seconds> renew_before = std::nullopt)
        : grant_(std::move(grant)), key_(std::move(key)), now_(std::move(now)) {
        const validation_errors errors = detail::check_grant(grant_, key_);
        if (!errors.empty()) throw std::invalid_argument(errors.report());
        const std::chrono::seconds lifetime(grant_.expire.raw());
        renew_before_ = renew_before.value_or(lifetime / 10);
        if (renew_before_ < std::chrono::seconds(0) || renew_before_ >= lifetime)
            throw std::invalid_argument("livemsg: renew_before must be at least 0 and less than the UserSig's lifetime");
        current_ = issue(now_());
    }

    admin_signer(const admin_signer&) = delete;
    admin_signer& operator=(const admin_signer&) = delete;

    /// The current UserSig, renewed first when it is due.
    user_sig usersig() const { return current()->sig; }

    /// Sets the caller's sdkappid, identifier and UserSig; copies only what changed.
    void sign(rest_caller& caller) const {
        const auto issued = current();
        if (!(caller.sdkappid == grant_.sdkappid)) caller.sdkappid = grant_.sdkappid;
        if (!(caller.identifier == grant_.identifier)) caller.identifier = grant_.identifier;
        if (caller.usersig.reveal() != issued->sig.reveal()) caller.usersig = issued->sig;
    }

    /// When the current UserSig was signed, and when it will be renewed.
    std::chrono::sys_seconds signed_at() const { return current()->signed_at; }
    std::chrono::sys_seconds renews_at() const { return current()->renew_at; }

private:
    struct issued {
        user_sig sig;
        std::chrono::sys_seconds signed_at;
        std::chrono::sys_seconds renew_at;
    };

    std::shared_ptr<const issued> issue(std::chrono::sys_seconds now) const {
        auto sig = generate_usersig(grant_, key_, now);
        if (!sig) throw std::invalid_argument(sig.errors().report());
        const std::chrono::seconds lifetime(grant_.expire.raw());
        return std::make_shared<const issued>(issued{std::move(sig).value(), now, now + lifetime - renew_before_});
    }

    std::shared_ptr<const issued> current() const {
        const auto now = now_();
        std::lock_guard lock(mutex_);
        if (now >= current_->renew_at) current_ = issue(now);
        return current_;
    }

    usersig_grant grant_;
    secret key_;
    clock now_;
    std::chrono::seconds renew_before_{};
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const issued> current_;
};

}  // namespace livemsg::tencent
