// SPDX-License-Identifier: BSL-1.0
// Credentials from the vendors' profile files: the Alibaba Cloud CLI's ~/.aliyun/config.json
// and Volcengine's ~/.volc/config, written to temporary files.
#include <livemsg/alibaba/credential_sources.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/volcengine/credential_sources.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

namespace credentials_profile_test {

using livemsg::environment;
using livemsg::lookup_status;

namespace {

// A file under the temporary directory with a name no other test uses (tests run in parallel
// processes), removed at the end.
class temp_file {
public:
    explicit temp_file(const std::string& contents) {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("livemsg-profile-" + std::to_string(::getpid()) + "-" +
                 std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
                 std::to_string(counter++) + ".json");
        std::ofstream(path_, std::ios::binary) << contents;
    }
    ~temp_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    temp_file(const temp_file&) = delete;
    temp_file& operator=(const temp_file&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// As the Alibaba Cloud CLI writes it, with an AK, an StsToken and a RamRoleArn profile.
constexpr const char* aliyun_config = R"({
  "current": "default",
  "profiles": [
    {"name": "default", "mode": "AK", "access_key_id": "LTAI5tDefault", "access_key_secret": "default-s3cr3t",
     "sts_token": "", "ram_role_name": "", "ram_role_arn": "", "ram_session_name": "", "source_profile": "",
     "private_key": "", "key_pair_name": "", "expired_seconds": 0, "verified": "", "region_id": "cn-hangzhou",
     "output_format": "json", "language": "en", "site": "", "retry_timeout": 0, "connect_timeout": 0,
     "retry_count": 0, "process_command": "", "credentials_uri": ""},
    {"name": "sts", "mode": "StsToken", "access_key_id": "STS.NTemp", "access_key_secret": "sts-s3cr3t",
     "sts_token": "CAIS-token", "region_id": "cn-shanghai", "expired_seconds": 0},
    {"name": "role", "mode": "RamRoleArn", "access_key_id": "LTAI5tRole", "access_key_secret": "role-s3cr3t",
     "ram_role_arn": "acs:ram::123:role/x", "ram_session_name": "s", "expired_seconds": 900}
  ],
  "meta_path": ""
})";

}  // namespace

TEST_CASE("credentials: alibaba profile: the current profile, in AK mode", "[credentials][alibaba][profile]") {
    const temp_file file(aliyun_config);
    auto r = livemsg::alibaba::credentials_from_profile_file(file.path(), std::nullopt, environment::of({}));
    REQUIRE(r);
    CHECK(r.source() == file.path().string() + " (profile 'default')");
    CHECK(r->access_key_id == "LTAI5tDefault");
    CHECK(r->access_key_secret.reveal() == "default-s3cr3t");
    CHECK(r->security_token.empty());
}

TEST_CASE("credentials: alibaba profile: a named profile, in StsToken mode, by argument or ALIBABA_CLOUD_PROFILE",
          "[credentials][alibaba][profile]") {
    const temp_file file(aliyun_config);
    auto named = livemsg::alibaba::credentials_from_profile_file(file.path(), "sts", environment::of({}));
    REQUIRE(named);
    CHECK(named->access_key_id == "STS.NTemp");
    CHECK(named->access_key_secret.reveal() == "sts-s3cr3t");
    CHECK(named->security_token.reveal() == "CAIS-token");

    auto by_env = livemsg::alibaba::credentials_from_profile_file(file.path(), std::nullopt,
                                                                  environment::of({{"ALIBABA_CLOUD_PROFILE", "sts"}}));
    REQUIRE(by_env);
    CHECK(by_env->access_key_id == "STS.NTemp");

    // The argument wins over the variable.
    auto both = livemsg::alibaba::credentials_from_profile_file(file.path(), "default",
                                                                environment::of({{"ALIBABA_CLOUD_PROFILE", "sts"}}));
    REQUIRE(both);
    CHECK(both->access_key_id == "LTAI5tDefault");

    auto absent = livemsg::alibaba::credentials_from_profile_file(file.path(), "nobody", environment::of({}));
    CHECK(absent.is_failed());
    CHECK(absent.report() == file.path().string() + ": failed (has no profile 'nobody')");
}

TEST_CASE("credentials: alibaba profile: other modes are reported as unsupported, by name", "[credentials][alibaba][profile]") {
    const temp_file file(aliyun_config);
    auto r = livemsg::alibaba::credentials_from_profile_file(file.path(), "role", environment::of({}));
    CHECK(r.is_failed());
    CHECK(r.report().find("profile 'role' has mode 'RamRoleArn', which livemsg does not support") != std::string::npos);
    CHECK(r.report().find("role-s3cr3t") == std::string::npos);
}

TEST_CASE("credentials: alibaba profile: incomplete profiles name what is missing", "[credentials][alibaba][profile]") {
    const temp_file no_secret(R"({"current":"p","profiles":[{"name":"p","mode":"AK","access_key_id":"id"}]})");
    auto r = livemsg::alibaba::credentials_from_profile_file(no_secret.path(), std::nullopt, environment::of({}));
    CHECK(r.is_failed());
    CHECK(r.report().find("profile 'p' has no access_key_secret") != std::string::npos);

    const temp_file no_token(
        R"({"current":"p","profiles":[{"name":"p","mode":"StsToken","access_key_id":"id","access_key_secret":"k"}]})");
    auto sts = livemsg::alibaba::credentials_from_profile_file(no_token.path(), std::nullopt, environment::of({}));
    CHECK(sts.is_failed());
    CHECK(sts.report().find("has no sts_token") != std::string::npos);

    const temp_file no_current(R"({"profiles":[{"name":"p","mode":"AK","access_key_id":"id","access_key_secret":"k"}]})");
    auto none = livemsg::alibaba::credentials_from_profile_file(no_current.path(), std::nullopt, environment::of({}));
    CHECK(none.is_failed());
    CHECK(none.report().find("names no current profile") != std::string::npos);
}

TEST_CASE("credentials: profile files: missing is not found, malformed is an error with the path", "[credentials][profile]") {
    const auto missing = std::filesystem::temp_directory_path() / "livemsg-profile-that-does-not-exist.json";
    auto a = livemsg::alibaba::credentials_from_profile_file(missing, std::nullopt, environment::of({}));
    CHECK(a.status() == lookup_status::not_found);
    CHECK(a.report() == missing.string() + ": not found (no such file)");
    auto v = livemsg::volcengine::credentials_from_profile_file(missing);
    CHECK(v.status() == lookup_status::not_found);

    const temp_file malformed(R"({"current": "default", "profiles": [)");
    auto bad = livemsg::alibaba::credentials_from_profile_file(malformed.path(), std::nullopt, environment::of({}));
    CHECK(bad.is_failed());
    CHECK(bad.report().starts_with(malformed.path().string() + ": failed (is not valid JSON: "));
    auto bad_volc = livemsg::volcengine::credentials_from_profile_file(malformed.path());
    CHECK(bad_volc.is_failed());

    const temp_file not_an_object(R"(["ak","sk"])");
    CHECK(livemsg::volcengine::credentials_from_profile_file(not_an_object.path()).report() ==
          not_an_object.path().string() + ": failed (is not a JSON object)");
    const temp_file wrong_type(R"({"current": 7, "profiles": []})");
    CHECK(livemsg::alibaba::credentials_from_profile_file(wrong_type.path(), std::nullopt, environment::of({}))
              .report()
              .find("\"current\" is not a string") != std::string::npos);

    CHECK(livemsg::volcengine::credentials_from_profile_file(std::filesystem::temp_directory_path()).is_failed());
}

TEST_CASE("credentials: volcengine profile: ak and sk, as volc-sdk-golang reads them", "[credentials][volcengine][profile]") {
    const temp_file file(R"({"ak": "AKLTfile", "sk": "ZmlsZS1zZWNyZXQ="})");
    auto r = livemsg::volcengine::credentials_from_profile_file(file.path());
    REQUIRE(r);
    CHECK(r.source() == file.path().string());
    CHECK(r->access_key_id == "AKLTfile");
    CHECK(r->secret_access_key.reveal() == "ZmlsZS1zZWNyZXQ=");
    CHECK(r->session_token.empty());

    const temp_file no_sk(R"({"ak": "AKLTfile"})");
    auto partial = livemsg::volcengine::credentials_from_profile_file(no_sk.path());
    CHECK(partial.is_failed());
    CHECK(partial.report() == no_sk.path().string() + ": failed (has no \"sk\")");
}

TEST_CASE("credentials: profile files default to the home directory", "[credentials][profile]") {
    const environment home = environment::of({{"HOME", "/home/someone"}});
    CHECK(livemsg::alibaba::default_profile_file(home) == std::filesystem::path("/home/someone/.aliyun/config.json"));
    CHECK(livemsg::volcengine::default_profile_file(home) == std::filesystem::path("/home/someone/.volc/config"));
    CHECK(!livemsg::alibaba::default_profile_file(environment::of({})));

    // aliyun/credentials-go, credentials/providers/cli_profile.go: ALIBABA_CLOUD_CONFIG_FILE,
    // when set, is the CLI's file instead of $HOME/.aliyun/config.json.
    const environment named = environment::of({{"HOME", "/home/someone"}, {"ALIBABA_CLOUD_CONFIG_FILE", "/etc/aliyun.json"}});
    CHECK(livemsg::alibaba::default_profile_file(named) == std::filesystem::path("/etc/aliyun.json"));
    CHECK(livemsg::alibaba::default_profile_file(environment::of({{"ALIBABA_CLOUD_CONFIG_FILE", "/etc/aliyun.json"}})) ==
          std::filesystem::path("/etc/aliyun.json"));
    CHECK(livemsg::alibaba::default_profile_file(environment::of({{"HOME", "/home/someone"}, {"ALIBABA_CLOUD_CONFIG_FILE", ""}})) ==
          std::filesystem::path("/home/someone/.aliyun/config.json"));
}

}  // namespace credentials_profile_test
