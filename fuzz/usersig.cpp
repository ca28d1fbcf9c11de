// SPDX-License-Identifier: BSL-1.0
// Tencent UserSig: decoding and verifying any text, and generating from any grant then verifying.
// Input fields (0xFF between them): usersig, identifier, userbuf, key, sdkappid, time.
#include "fuzz_common.hpp"

#include <livemsg/tencent/usersig.hpp>

#include <algorithm>
#include <limits>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace livemsg::tencent;
    using std::chrono::seconds;
    using std::chrono::sys_seconds;
    const auto f = fuzz::split_fields(fuzz::as_text(data, size), 6);
    const std::string_view usersig = f[0], identifier = f[1], userbuf = f[2];
    const livemsg::secret key{std::string(f[3].empty() ? std::string_view("5bd2850fff3ecb11d7c805251c51ee46") : f[3])};
    std::int64_t app = 1400000000, time = 1700000000;
    if (!f[4].empty()) std::from_chars(f[4].data(), f[4].data() + f[4].size(), app);
    if (!f[5].empty()) std::from_chars(f[5].data(), f[5].data() + f[5].size(), time);
    const sys_seconds now{seconds(time)};

    // Any text: a clear verdict, never the UserSig itself in the reasons.
    const auto decoded = decode_usersig(usersig);
    // (Checked for UserSig-like text only: the reasons' own words must not count as quoting it.)
    const bool looks_like_usersig =
        usersig.size() >= 24 && std::all_of(usersig.begin(), usersig.end(), detail::is_usersig_char);
    if (!decoded && looks_like_usersig) FUZZ_CHECK(decoded.errors().report().find(usersig) == std::string::npos);
    if (looks_like_usersig) FUZZ_CHECK(verify_usersig(usersig, key, 1, identifier, now).reason().find(usersig) ==
                                       std::string::npos);
    const auto verdict = verify_usersig(usersig, key, static_cast<std::uint32_t>(app), identifier, now);
    if (!decoded) FUZZ_CHECK(verdict.error() == errc::usersig_unparsable);
    if (verdict) {
        FUZZ_CHECK(decoded.ok());
        FUZZ_CHECK(decoded->identifier == identifier);
        FUZZ_CHECK(now <= decoded->expires_at());
    }

    // A grant that validates gives a UserSig that verifies, and says what was granted.
    usersig_grant grant{.sdkappid = app, .identifier = identifier, .expire = 86400};
    if (!userbuf.empty()) grant.userbuf = user_buffer(userbuf);
    const auto made = generate_usersig(grant, key, now);
    FUZZ_CHECK(made.ok() == livemsg::validate(grant).empty());
    if (!made) return 0;
    const std::string_view text = made->reveal();
    for (char c : text) FUZZ_CHECK(detail::is_usersig_char(c));
    FUZZ_CHECK(verify_usersig(text, key, static_cast<std::uint32_t>(app), identifier, now).ok());
    const auto contents = decode_usersig(text);
    FUZZ_CHECK(contents.ok());
    FUZZ_CHECK(contents->identifier == identifier);
    FUZZ_CHECK(contents->sdkappid == app);
    FUZZ_CHECK(contents->time == time);
    FUZZ_CHECK(contents->userbuf == (userbuf.empty() ? std::nullopt : std::optional<std::string>(userbuf)));
    if (time < std::numeric_limits<std::int64_t>::max() - 86401)
        FUZZ_CHECK(verify_usersig(text, key, static_cast<std::uint32_t>(app), identifier, now + seconds(86401)).error() ==
                   errc::usersig_expired);
    const livemsg::secret other_key{std::string(key.reveal()) + "x"};
    FUZZ_CHECK(verify_usersig(text, other_key, static_cast<std::uint32_t>(app), identifier, now).error() ==
               errc::usersig_verification_failed);
    // A cut UserSig is refused, not misread.
    FUZZ_CHECK(!verify_usersig(text.substr(0, text.size() / 2), key, static_cast<std::uint32_t>(app), identifier, now));
    return 0;
}
