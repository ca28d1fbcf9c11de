// SPDX-License-Identifier: BSL-1.0
// Where Volcengine credentials are found, as Volcengine's SDKs look: the environment, then
// the profile file ~/.volc/config. Needs no OpenSSL.
#pragma once

#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/core/profile_file.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/volcengine/credentials.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace livemsg::volcengine {

/// The variables Volcengine's SDKs read: VOLC_ACCESSKEY and VOLC_SECRETKEY, with
/// VOLC_SESSION_TOKEN for an STS key. None set is not_found; some set but not the pair is
/// failed, naming the one missing.
inline credential_lookup<credentials> credentials_from_environment(const environment& env = {}) {
    constexpr const char* source = "environment";
    auto vars = livemsg::detail::read_variables(env, {"VOLC_ACCESSKEY", "VOLC_SECRETKEY", "VOLC_SESSION_TOKEN"}, 2);
    if (!vars.any_set) return credential_lookup<credentials>::not_found(source, "VOLC_ACCESSKEY is not set");
    if (!vars.missing.empty()) return credential_lookup<credentials>::failed(source, vars.missing);
    return credential_lookup<credentials>::found(
        source, credentials{std::move(*vars.values[0]), secret(std::move(*vars.values[1])),
                            secret(std::move(vars.values[2]).value_or(""))});
}

/// Volcengine's profile file, $HOME/.volc/config; nullopt without HOME.
inline std::optional<std::filesystem::path> default_profile_file(const environment& env = {}) {
    return home_file(env, ".volc/config");
}

/// Volcengine's profile file: a JSON object of strings with the AccessKey pair as "ak" and
/// "sk", as volc-sdk-golang reads it (base/client.go, NewClient: $HOME/.volc/config unmarshalled
/// into a map[string]string, "ak" and "sk"). It holds no session token. A missing file is
/// not_found; an unreadable or malformed one, or one without both keys, is failed.
inline credential_lookup<credentials> credentials_from_profile_file(const std::filesystem::path& path) {
    using lookup = credential_lookup<credentials>;
    const std::string source = path.string();
    auto file = livemsg::detail::read_profile_json(path);
    if (file.status == lookup_status::not_found) return lookup::not_found(source, file.reason);
    if (file.status == lookup_status::failed) return lookup::failed(source, file.reason);
    bool wrong_type = false;
    auto ak = livemsg::detail::string_member(file.object, "ak", wrong_type);
    auto sk = livemsg::detail::string_member(file.object, "sk", wrong_type);
    if (wrong_type) return lookup::failed(source, "\"ak\" or \"sk\" is not a string");
    if (!ak) return lookup::failed(source, "has no \"ak\"");
    if (!sk) return lookup::failed(source, "has no \"sk\"");
    return lookup::found(source, credentials{std::move(*ak), secret(std::move(*sk)), secret()});
}

/// The environment, then Volcengine's profile file, in that order.
inline credential_chain<credentials> default_credential_chain(const environment& env = {}) {
    return credential_chain<credentials>{
        [env] { return credentials_from_environment(env); },
        [env] {
            const auto path = default_profile_file(env);
            if (!path) return credential_lookup<credentials>::not_found("Volcengine profile", "HOME is not set");
            return credentials_from_profile_file(*path);
        },
    };
}

/// What default_credential_chain(env) finds.
inline credential_lookup<credentials> default_credentials(const environment& env = {}) {
    return default_credential_chain(env)();
}

}  // namespace livemsg::volcengine
