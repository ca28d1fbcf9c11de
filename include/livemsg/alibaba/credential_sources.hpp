// SPDX-License-Identifier: BSL-1.0
// Where Alibaba Cloud credentials are found, as Alibaba's SDK credential chain looks: the
// environment, then the Alibaba Cloud CLI's profile file (aliyun/credentials-go,
// credentials/providers/default.go; its OIDC, ~/.alibabacloud/credentials, ECS metadata and
// URI sources are not read). Needs no OpenSSL.
#pragma once

#include <livemsg/alibaba/credentials.hpp>
#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/core/profile_file.hpp>
#include <livemsg/core/secret.hpp>
#include <livemsg/detail/ascii.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>

namespace livemsg::alibaba {

/// The variables Alibaba's SDKs read (aliyun/credentials-go, credentials/providers/env.go):
/// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, with
/// ALIBABA_CLOUD_SECURITY_TOKEN for an STS key. None set is not_found; some set but not the
/// pair is incomplete, naming the one missing (the SDKs' chain goes on to the next source).
inline credential_lookup<credentials> credentials_from_environment(const environment& env = {}) {
    return livemsg::detail::key_pair_from_environment<credentials>(
        env, "environment", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN");
}

/// The Alibaba Cloud CLI's profile file: the one ALIBABA_CLOUD_CONFIG_FILE names, else
/// $HOME/.aliyun/config.json; nullopt when neither variable is set. ALIBABA_CLOUD_CONFIG_FILE is
/// credentials-go's (credentials/providers/cli_profile.go, Build(): the profileFile given, else
/// `os.Getenv("ALIBABA_CLOUD_CONFIG_FILE")`, else path.Join(homeDir, ".aliyun/config.json"));
/// credentials-java and credentials-python read only ~/.aliyun/config.json.
inline std::optional<std::filesystem::path> default_profile_file(const environment& env = {}) {
    if (auto named = env.get("ALIBABA_CLOUD_CONFIG_FILE")) return std::filesystem::path(*named);
    return home_file(env, ".aliyun/config.json");
}

/// The Alibaba Cloud CLI's profile file ({"current": "name", "profiles": [{"name", "mode",
/// "access_key_id", "access_key_secret", "sts_token", ...}]}): the profile named `profile`,
/// else the one ALIBABA_CLOUD_PROFILE names, else the file's "current" one. Modes "AK" and
/// "StsToken" are read; another mode (RamRoleArn, EcsRamRole, ...) is failed, naming it. A
/// missing file is not_found; an unreadable or malformed one, or a missing profile, is failed.
inline credential_lookup<credentials> credentials_from_profile_file(const std::filesystem::path& path,
                                                                    std::optional<std::string> profile = std::nullopt,
                                                                    const environment& env = {}) {
    using lookup = credential_lookup<credentials>;
    const std::string source = path.string();
    auto file = livemsg::detail::read_profile_json(path);
    if (file.status == lookup_status::not_found) return lookup::not_found(source, file.reason);
    if (file.status == lookup_status::failed) return lookup::failed(source, file.reason);
    if (!profile) profile = env.get("ALIBABA_CLOUD_PROFILE");
    bool wrong_type = false;
    if (!profile) profile = livemsg::detail::string_member(file.object, "current", wrong_type);
    if (wrong_type) return lookup::failed(source, "\"current\" is not a string");
    if (!profile) return lookup::failed(source, "names no current profile, and none was asked for");

    const boost::json::value* profiles = file.object.if_contains("profiles");
    if (!profiles || !profiles->is_array()) return lookup::failed(source, "has no \"profiles\" array");
    const boost::json::object* chosen = nullptr;
    for (const boost::json::value& p : profiles->as_array()) {
        if (!p.is_object()) return lookup::failed(source, "has a profile that is not a JSON object");
        const boost::json::value* name = p.as_object().if_contains("name");
        if (name && name->is_string() && name->as_string() == *profile) {
            chosen = &p.as_object();
            break;
        }
    }
    const std::string where = "profile '" + *profile + "'";
    if (!chosen) return lookup::failed(source, "has no " + where);

    const auto field = [&](const char* key) { return livemsg::detail::string_member(*chosen, key, wrong_type); };
    const auto mode = field("mode");
    auto id = field("access_key_id");
    auto key = field("access_key_secret");
    auto token = field("sts_token");
    if (wrong_type) return lookup::failed(source, where + " has a field that is not a string");
    if (!mode) return lookup::failed(source, where + " has no mode");
    if (*mode != "AK" && *mode != "StsToken")
        return lookup::failed(source, where + " has mode '" + *mode +
                                          "', which livemsg does not support (only AK and StsToken)");
    if (!id) return lookup::failed(source, where + " has no access_key_id");
    if (!key) return lookup::failed(source, where + " has no access_key_secret");
    if (*mode == "StsToken" && !token) return lookup::failed(source, where + " (mode StsToken) has no sts_token");
    if (*mode == "AK") token.reset();  // the CLI keeps a stale one in AK profiles; it would be refused
    return lookup::found(source + " (" + where + ")",
                         credentials{std::move(*id), secret(std::move(*key)), secret(std::move(token).value_or(""))});
}

/// The environment, then the CLI's profile file (default_profile_file), in that order. The
/// file is skipped when ALIBABA_CLOUD_CLI_PROFILE_DISABLED is "true" in any case, as the SDKs
/// compare it: credentials-go, cli_profile.go, `strings.ToLower(...) == "true"`;
/// credentials-python, provider/cli_profile.py, `.lower() == "true"`; credentials-java,
/// utils/AuthUtils.java, `Boolean.parseBoolean`.
inline credential_chain<credentials> default_credential_chain(const environment& env = {}) {
    return credential_chain<credentials>{
        [env] { return credentials_from_environment(env); },
        [env] {
            const auto disabled = env.get("ALIBABA_CLOUD_CLI_PROFILE_DISABLED");
            if (disabled && livemsg::detail::iequals(*disabled, "true"))
                return credential_lookup<credentials>::not_found("Alibaba Cloud CLI profile",
                                                                 "ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true");
            const auto path = default_profile_file(env);
            if (!path)
                return credential_lookup<credentials>::not_found("Alibaba Cloud CLI profile",
                                                                 "neither ALIBABA_CLOUD_CONFIG_FILE nor HOME is set");
            return credentials_from_profile_file(*path, std::nullopt, env);
        },
    };
}

/// What default_credential_chain(env) finds.
inline credential_lookup<credentials> default_credentials(const environment& env = {}) {
    return default_credential_chain(env)();
}

}  // namespace livemsg::alibaba
