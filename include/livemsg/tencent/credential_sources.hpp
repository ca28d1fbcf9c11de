// SPDX-License-Identifier: BSL-1.0
// Where a Tencent Cloud Chat admin's identity is found. Tencent's SDKs set no convention, so
// livemsg reads its own variables:
//   TENCENT_IM_SDKAPPID     the app's SDKAppID, a whole number
//   TENCENT_IM_IDENTIFIER   the admin account, such as "administrator"
//   TENCENT_IM_SECRET_KEY   the app's key, to generate UserSigs with, or
//   TENCENT_IM_USERSIG      a UserSig generated elsewhere (one of the two, not both)
// Needs no OpenSSL.
#pragma once

#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/tencent/credentials.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <system_error>
#include <utility>

namespace livemsg::tencent {

/// TENCENT_IM_SDKAPPID, TENCENT_IM_IDENTIFIER, and TENCENT_IM_SECRET_KEY or
/// TENCENT_IM_USERSIG. None set is not_found; a partial set is incomplete, naming what is
/// missing, as tencentcloud-sdk-go's chain passes over an environment without both of its
/// variables (tencentcloud/common/env_provider.go: `if !ok1 || !ok2 { return nil, envNotSet }`;
/// provider_chain.go: `if err == envNotSet || ... { continue }`). Both a key and a UserSig, or
/// an SDKAppID that is not a number from 1 to 4294967295, is failed, naming the variable.
inline credential_lookup<admin_credentials> credentials_from_environment(const environment& env = {}) {
    using lookup = credential_lookup<admin_credentials>;
    constexpr const char* source = "environment";
    auto vars = livemsg::detail::read_variables(
        env, {"TENCENT_IM_SDKAPPID", "TENCENT_IM_IDENTIFIER", "TENCENT_IM_SECRET_KEY", "TENCENT_IM_USERSIG"}, 2);
    if (!vars.any_set) return lookup::not_found(source, "TENCENT_IM_SDKAPPID is not set");
    if (!vars.missing.empty()) return lookup::incomplete(source, vars.missing);
    auto& key = vars.values[2];
    auto& usersig = vars.values[3];
    if (key && usersig) return lookup::failed(source, "TENCENT_IM_SECRET_KEY and TENCENT_IM_USERSIG are both set; set one");
    if (!key && !usersig)
        return lookup::incomplete(source, "neither TENCENT_IM_SECRET_KEY nor TENCENT_IM_USERSIG is set, but "
                                          "TENCENT_IM_SDKAPPID is");
    const std::string& text = *vars.values[0];
    std::uint32_t sdkappid = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), sdkappid);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || sdkappid == 0)
        return lookup::failed(source, "TENCENT_IM_SDKAPPID must be a whole number from 1 to 4294967295, got '" +
                                          text + "'");
    return lookup::found(source, admin_credentials{sdkappid, std::move(*vars.values[1]),
                                                   secret(std::move(key).value_or("")),
                                                   secret(std::move(usersig).value_or(""))});
}

/// The environment: Tencent has no profile file to read for Chat. (tencentcloud-sdk-go's
/// TENCENTCLOUD_SECRET_ID, its profile file and CVM role are for its signed cloud APIs, not for
/// Chat's UserSig.)
inline credential_chain<admin_credentials> default_credential_chain(const environment& env = {}) {
    return credential_chain<admin_credentials>{[env] { return credentials_from_environment(env); }};
}

/// What default_credential_chain(env) finds.
inline credential_lookup<admin_credentials> default_credentials(const environment& env = {}) {
    return default_credential_chain(env)();
}

}  // namespace livemsg::tencent
