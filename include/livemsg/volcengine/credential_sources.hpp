// SPDX-License-Identifier: BSL-1.0
// Where Volcengine credentials are found: the variables of Volcengine's two Go SDKs, then the
// profile file ~/.volc/config, as volc-sdk-golang (the SDK that carries RTC) reads it. Needs no
// OpenSSL.
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

/// The variables of Volcengine's SDKs, two families, each read whole and never mixed:
///  1. VOLC_ACCESSKEY and VOLC_SECRETKEY, which volc-sdk-golang reads, the SDK that carries RTC
///     (base/client.go: accessKey = "VOLC_ACCESSKEY", secretKey = "VOLC_SECRETKEY"). It reads
///     no token from the environment; VOLC_SESSION_TOKEN, for an STS key, is livemsg's own name.
///  2. VOLCENGINE_ACCESS_KEY, VOLCENGINE_SECRET_KEY and VOLCENGINE_SESSION_TOKEN, which
///     volcengine-go-sdk reads (volcengine/credentials/env_provider.go; its older VOLCSTACK_*
///     fallbacks are not read).
/// The first family wins when both are set: it is the RTC SDK's. Each family is an attempt in
/// the report, "environment (VOLC_*)" and "environment (VOLCENGINE_*)". A family with none set
/// is not_found; one with the id or the secret missing is incomplete, naming it, and the next
/// is asked, as both SDKs go on (volc-sdk-golang's NewClient takes the variables only `if
/// os.Getenv(accessKey) != "" && os.Getenv(secretKey) != ""`, else ~/.volc/config).
inline credential_lookup<credentials> credentials_from_environment(const environment& env = {}) {
    using livemsg::detail::key_pair_from_environment;
    return credential_chain<credentials>{
        [&env] {
            return key_pair_from_environment<credentials>(env, "environment (VOLC_*)", "VOLC_ACCESSKEY",
                                                          "VOLC_SECRETKEY", "VOLC_SESSION_TOKEN");
        },
        [&env] {
            return key_pair_from_environment<credentials>(env, "environment (VOLCENGINE_*)", "VOLCENGINE_ACCESS_KEY",
                                                          "VOLCENGINE_SECRET_KEY", "VOLCENGINE_SESSION_TOKEN");
        },
    }();
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

/// The environment (both families), then Volcengine's profile file, in that order.
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
