// SPDX-License-Identifier: BSL-1.0
// Authenticating a live-room webhook: with a callback token configured (1 to 128 bytes, set with
// v4/live_config/set_callback_token), the URL carries RequestTime (Unix seconds) and
// Sign = lower-case hex SHA-256(token + RequestTime). Needs OpenSSL (livemsg::signing).
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/tencent/webhook_query.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace livemsg::tencent {

/// A RequestTime further than this from now is refused as a replay.
inline constexpr std::chrono::seconds webhook_max_clock_skew{60};
inline constexpr std::size_t webhook_token_max_bytes = 128;

[[nodiscard]] inline std::string webhook_sign(std::string_view token, std::string_view request_time) {
    std::string data;
    data.reserve(token.size() + request_time.size());
    data += token;
    data += request_time;
    livemsg::detail::cleanse_at_exit wipe(data);  // it holds the token
    return livemsg::detail::sha256_hex(data);
}

/// Whether a webhook is authentic, and if not, why.
class webhook_verdict {
public:
    static webhook_verdict authentic() { return webhook_verdict(true, {}); }
    static webhook_verdict refused(std::string reason) { return webhook_verdict(false, std::move(reason)); }

    bool ok() const noexcept { return ok_; }
    explicit operator bool() const noexcept { return ok_; }
    /// Empty when ok().
    const std::string& reason() const noexcept { return reason_; }

private:
    webhook_verdict(bool ok, std::string reason) : ok_(ok), reason_(std::move(reason)) {}

    bool ok_;
    std::string reason_;
};

/// Checks the query's Sign against `token`, and that its RequestTime is at most 60 s from `now`
/// either way. The Sign is compared in constant time, and only as lower-case hex.
[[nodiscard]] inline webhook_verdict authenticate_webhook(const webhook_query& q, std::string_view token,
                                                          std::chrono::system_clock::time_point now) {
    if (token.empty() || token.size() > webhook_token_max_bytes)
        return webhook_verdict::refused("the token must be 1 to 128 bytes");
    if (q.Sign.empty()) return webhook_verdict::refused("no Sign in the URL");
    if (q.RequestTime.empty()) return webhook_verdict::refused("no RequestTime in the URL");
    const auto [status, request_seconds] = livemsg::detail::parse_decimal_int64(q.RequestTime);
    if (status == livemsg::detail::decimal_status::not_decimal)
        return webhook_verdict::refused("RequestTime must be Unix seconds in decimal digits");

    const std::string limit = "; at most " + std::to_string(webhook_max_clock_skew.count()) + " s";
    if (status == livemsg::detail::decimal_status::out_of_range)
        return webhook_verdict::refused("RequestTime is beyond any clock" + limit);
    const std::int64_t now_seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    // The unsigned difference of two int64 values cannot overflow.
    const std::uint64_t away =
        request_seconds >= now_seconds
            ? static_cast<std::uint64_t>(request_seconds) - static_cast<std::uint64_t>(now_seconds)
            : static_cast<std::uint64_t>(now_seconds) - static_cast<std::uint64_t>(request_seconds);
    if (away > static_cast<std::uint64_t>(webhook_max_clock_skew.count()))
        return webhook_verdict::refused("RequestTime is " + std::to_string(away) + " s away from now" + limit);

    const std::string expected = webhook_sign(token, q.RequestTime);
    if (!livemsg::detail::same_signature(q.Sign, expected))
        return webhook_verdict::refused("Sign does not match");
    return webhook_verdict::authentic();
}

}  // namespace livemsg::tencent
