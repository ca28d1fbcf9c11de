// SPDX-License-Identifier: BSL-1.0
// Credential chains: sources asked in order, the first found wins, a failure stops the search,
// and the report says what each source tried. The vendors' default chains: the environment,
// then the profile file under a temporary HOME.
#include <livemsg/alibaba/credential_sources.hpp>
#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/tencent/credential_sources.hpp>
#include <livemsg/volcengine/credential_sources.hpp>

#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace credentials_chain_test {

using livemsg::credential_chain;
using livemsg::credential_lookup;
using livemsg::environment;
using livemsg::lookup_status;

namespace {

using lookup = credential_lookup<std::string>;

// A source that notes in `asked` that it was asked, then answers `answer`.
credential_chain<std::string>::source noting(std::vector<std::string>& asked, std::string name, lookup answer) {
    return [&asked, name = std::move(name), answer = std::move(answer)] {
        asked.push_back(name);
        return answer;
    };
}

// A temporary home directory with files in it, removed at the end.
class temp_home {
public:
    temp_home() {
        static std::atomic<int> counter{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("livemsg-home-" + std::to_string(::getpid()) + "-" +
                std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
                std::to_string(counter++));
        std::filesystem::create_directories(dir_);
    }
    ~temp_home() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    temp_home(const temp_home&) = delete;
    temp_home& operator=(const temp_home&) = delete;

    void write(const std::string& relative, const std::string& contents) const {
        std::filesystem::create_directories((dir_ / relative).parent_path());
        std::ofstream(dir_ / relative, std::ios::binary) << contents;
    }
    environment with(environment::variables vars) const {
        vars["HOME"] = dir_.string();
        return environment::of(std::move(vars));
    }
    std::string path(const std::string& relative) const { return (dir_ / relative).string(); }

private:
    std::filesystem::path dir_;
};

// A default chain (`find`) with a half-set environment, `half`: in `home`, with its profile
// file, the file's credentials and `report`, the environment still in it; in an empty home, the
// chain ends incomplete after `attempts` attempts.
template <class Find>
void half_set_passes_to_the_file(Find find, const temp_home& home, const environment::variables& half,
                                 const std::string& file_key_id, const std::string& report, std::size_t attempts) {
    auto r = find(home.with(half));
    REQUIRE(r);
    CHECK(r->access_key_id == file_key_id);
    CHECK(r.report() == report);
    const temp_home empty;
    auto none = find(empty.with(half));
    CHECK(none.status() == lookup_status::incomplete);
    CHECK(none.attempts().size() == attempts);
}

constexpr const char* ak_profile =
    R"({"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAI5tFile","access_key_secret":"file-s3cr3t"}]})";

}  // namespace

TEST_CASE("credentials: chain: the first source that finds wins, and later ones are not asked", "[credentials][chain]") {
    std::vector<std::string> asked;
    const credential_chain<std::string> chain{
        noting(asked, "a", lookup::not_found("a", "empty")),
        noting(asked, "b", lookup::found("b", "from b")),
        noting(asked, "c", lookup::found("c", "from c")),
    };
    auto r = chain();
    REQUIRE(r);
    CHECK(*r == "from b");
    CHECK(r.source() == "b");
    CHECK(asked == std::vector<std::string>{"a", "b"});
    CHECK(r.report() == "a: not found (empty); b: found");
}

TEST_CASE("credentials: chain: a failure stops the search and is reported after what was tried", "[credentials][chain]") {
    std::vector<std::string> asked;
    credential_chain<std::string> chain;
    chain.then(noting(asked, "a", lookup::not_found("a", "empty")))
        .then(noting(asked, "b", lookup::failed("b", "malformed")))
        .then(noting(asked, "c", lookup::found("c", "from c")));
    auto r = chain();
    CHECK(!r);
    CHECK(r.is_failed());
    CHECK(asked == std::vector<std::string>{"a", "b"});
    CHECK(r.report() == "a: not found (empty); b: failed (malformed)");
    REQUIRE(r.attempts().size() == 2);
    CHECK(r.attempts()[1].status == lookup_status::failed);
    try {
        (void)r.value();
        FAIL("value() returned without credentials");
    } catch (const livemsg::credential_error& e) {
        CHECK(std::string(e.what()) == "livemsg: no credentials: a: not found (empty); b: failed (malformed)");
    }
}

TEST_CASE("credentials: chain: an incomplete source is passed over and kept in the report", "[credentials][chain]") {
    std::vector<std::string> asked;
    const credential_chain<std::string> chain{
        noting(asked, "a", lookup::incomplete("a", "B is not set, but A is")),
        noting(asked, "b", lookup::found("b", "from b")),
    };
    auto r = chain();
    REQUIRE(r);
    CHECK(*r == "from b");
    CHECK(r.status() == lookup_status::found);
    CHECK(asked == std::vector<std::string>{"a", "b"});
    CHECK(r.report() == "a: incomplete (B is not set, but A is); b: found");

    // With nothing found after it, the chain ends incomplete (not "nothing anywhere"), with every
    // attempt; a failure after it still stops the search.
    const credential_chain<std::string> nothing_after{[] { return lookup::incomplete("a", "B is not set, but A is"); },
                                                      [] { return lookup::not_found("b", "no such file"); }};
    auto none = nothing_after();
    CHECK(!none);
    CHECK(!none.is_failed());
    CHECK(none.status() == lookup_status::incomplete);
    CHECK(none.report() == "a: incomplete (B is not set, but A is); b: not found (no such file)");
    CHECK_THROWS_WITH(none.value(), "livemsg: no credentials: a: incomplete (B is not set, but A is); b: not found (no such file)");

    const credential_chain<std::string> failing_after{[] { return lookup::incomplete("a", "B is not set, but A is"); },
                                                      [] { return lookup::failed("b", "malformed"); },
                                                      [] { return lookup::found("c", "from c"); }};
    auto failed = failing_after();
    CHECK(failed.is_failed());
    CHECK(failed.report() == "a: incomplete (B is not set, but A is); b: failed (malformed)");
}

TEST_CASE("credentials: chain: nothing anywhere is not found, with every attempt", "[credentials][chain]") {
    const credential_chain<std::string> chain{[] { return lookup::not_found("a", "empty"); },
                                              [] { return lookup::not_found("b", "no such file"); }};
    auto r = chain();
    CHECK(r.status() == lookup_status::not_found);
    CHECK(r.report() == "a: not found (empty); b: not found (no such file)");
    CHECK(credential_chain<std::string>()().status() == lookup_status::not_found);
}

TEST_CASE("credentials: alibaba default chain: the environment, then the CLI's profile file", "[credentials][chain][alibaba]") {
    const temp_home home;
    home.write(".aliyun/config.json", ak_profile);

    auto from_file = livemsg::alibaba::default_credentials(home.with({}));
    REQUIRE(from_file);
    CHECK(from_file->access_key_id == "LTAI5tFile");
    CHECK(from_file.report() == "environment: not found (ALIBABA_CLOUD_ACCESS_KEY_ID is not set); " +
                                    home.path(".aliyun/config.json") + " (profile 'default'): found");

    auto from_env = livemsg::alibaba::default_credentials(home.with(
        {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tEnv"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-s3cr3t"}}));
    REQUIRE(from_env);
    CHECK(from_env->access_key_id == "LTAI5tEnv");
    CHECK(from_env.source() == "environment");

    // A half-set environment is passed over for the file, as Alibaba's chains do
    // (aliyun/credentials-go, credentials/providers/default.go: `continue` after a provider's
    // error; aliyun/credentials-python, alibabacloud_credentials/provider/default.py likewise),
    // and the report still shows it.
    half_set_passes_to_the_file(livemsg::alibaba::default_credentials, home, {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tEnv"}},
                                "LTAI5tFile",
                                "environment: incomplete (ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set, but "
                                "ALIBABA_CLOUD_ACCESS_KEY_ID is); " +
                                    home.path(".aliyun/config.json") + " (profile 'default'): found",
                                2);

    auto disabled = livemsg::alibaba::default_credentials(home.with({{"ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"}}));
    CHECK(disabled.status() == lookup_status::not_found);
    CHECK(disabled.report().find("ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true") != std::string::npos);

    auto homeless = livemsg::alibaba::default_credentials(environment::of({}));
    CHECK(homeless.status() == lookup_status::not_found);
    CHECK(homeless.report().ends_with("Alibaba Cloud CLI profile: not found (neither ALIBABA_CLOUD_CONFIG_FILE nor HOME is set)"));
}

TEST_CASE("credentials: alibaba default chain: ALIBABA_CLOUD_CONFIG_FILE names the CLI's file",
          "[credentials][chain][alibaba]") {
    // aliyun/credentials-go, credentials/providers/cli_profile.go, Build(): "使用环境变量
    // （ALIBABA_CLOUD_CONFIG_FILE）指定的 profileFile", before $HOME/.aliyun/config.json.
    const temp_home home;
    home.write(".aliyun/config.json", ak_profile);
    home.write("elsewhere/aliyun.json",
               R"({"current":"x","profiles":[{"name":"x","mode":"AK","access_key_id":"LTAI5tNamed","access_key_secret":"s"}]})");
    auto named = livemsg::alibaba::default_credentials(home.with({{"ALIBABA_CLOUD_CONFIG_FILE", home.path("elsewhere/aliyun.json")}}));
    REQUIRE(named);
    CHECK(named->access_key_id == "LTAI5tNamed");
    CHECK(named.source() == home.path("elsewhere/aliyun.json") + " (profile 'x')");

    // It needs no HOME, and a file it names that is not there is nothing to find.
    auto homeless = livemsg::alibaba::default_credentials(
        environment::of({{"ALIBABA_CLOUD_CONFIG_FILE", home.path("elsewhere/aliyun.json")}}));
    REQUIRE(homeless);
    CHECK(homeless->access_key_id == "LTAI5tNamed");
    auto missing = livemsg::alibaba::default_credentials(home.with({{"ALIBABA_CLOUD_CONFIG_FILE", home.path("none.json")}}));
    CHECK(missing.status() == lookup_status::not_found);
    CHECK(missing.report().ends_with(home.path("none.json") + ": not found (no such file)"));
}

TEST_CASE("credentials: alibaba default chain: ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true in any case",
          "[credentials][chain][alibaba]") {
    const temp_home home;
    home.write(".aliyun/config.json", ak_profile);
    // cli_profile.go: `strings.ToLower(os.Getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED")) == "true"`;
    // credentials-python, provider/cli_profile.py: `.lower() == "true"`; credentials-java,
    // utils/AuthUtils.java: Boolean.parseBoolean. Anything else leaves the file on.
    for (const char* yes : {"true", "TRUE", "True", "tRuE"}) {
        INFO(yes);
        auto off = livemsg::alibaba::default_credentials(home.with({{"ALIBABA_CLOUD_CLI_PROFILE_DISABLED", yes}}));
        CHECK(off.status() == lookup_status::not_found);
        CHECK(off.report().find("ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true") != std::string::npos);
    }
    for (const char* no : {"false", "1", "yes", " true"}) {
        INFO(no);
        auto on = livemsg::alibaba::default_credentials(home.with({{"ALIBABA_CLOUD_CLI_PROFILE_DISABLED", no}}));
        REQUIRE(on);
        CHECK(on->access_key_id == "LTAI5tFile");
    }
}

TEST_CASE("credentials: alibaba default chain: a malformed profile file stops it", "[credentials][chain][alibaba]") {
    const temp_home home;
    home.write(".aliyun/config.json", "{not json");
    auto r = livemsg::alibaba::default_credentials(home.with({}));
    CHECK(r.is_failed());
    CHECK(r.report().find(home.path(".aliyun/config.json") + ": failed (is not valid JSON") != std::string::npos);

    const temp_home empty;
    auto none = livemsg::alibaba::default_credentials(empty.with({}));
    CHECK(none.status() == lookup_status::not_found);
    CHECK(none.report().ends_with(empty.path(".aliyun/config.json") + ": not found (no such file)"));
}

TEST_CASE("credentials: volcengine default chain: the environment, then ~/.volc/config", "[credentials][chain][volcengine]") {
    const temp_home home;
    home.write(".volc/config", R"({"ak":"AKLTfile","sk":"file-secret"})");
    auto from_file = livemsg::volcengine::default_credentials(home.with({}));
    REQUIRE(from_file);
    CHECK(from_file->access_key_id == "AKLTfile");
    CHECK(from_file.source() == home.path(".volc/config"));

    auto from_env = livemsg::volcengine::default_credentials(
        home.with({{"VOLC_ACCESSKEY", "AKLTenv"}, {"VOLC_SECRETKEY", "env-secret"}}));
    REQUIRE(from_env);
    CHECK(from_env->access_key_id == "AKLTenv");

    auto from_go_env = livemsg::volcengine::default_credentials(
        home.with({{"VOLCENGINE_ACCESS_KEY", "AKLTgo"}, {"VOLCENGINE_SECRET_KEY", "go-secret"}}));
    REQUIRE(from_go_env);
    CHECK(from_go_env->access_key_id == "AKLTgo");

    // volc-sdk-golang, base/client.go, NewClient: `if os.Getenv(accessKey) != "" &&
    // os.Getenv(secretKey) != ""` { the variables } `else if` ~/.volc/config: a half-set pair
    // falls through to the file. The report still shows it.
    half_set_passes_to_the_file(livemsg::volcengine::default_credentials, home, {{"VOLC_ACCESSKEY", "AKLTenv"}},
                                "AKLTfile",
                                "environment (VOLC_*): incomplete (VOLC_SECRETKEY is not set, but VOLC_ACCESSKEY is); "
                                "environment (VOLCENGINE_*): not found (VOLCENGINE_ACCESS_KEY is not set); " +
                                    home.path(".volc/config") + ": found",
                                3);

    const temp_home empty;
    CHECK(livemsg::volcengine::default_credentials(empty.with({})).status() == lookup_status::not_found);
}

TEST_CASE("credentials: tencent default chain: the environment only", "[credentials][chain][tencent]") {
    auto r = livemsg::tencent::default_credentials(environment::of(
        {{"TENCENT_IM_SDKAPPID", "1400000000"}, {"TENCENT_IM_IDENTIFIER", "admin"}, {"TENCENT_IM_USERSIG", "sig"}}));
    REQUIRE(r);
    CHECK(r->usersig.reveal() == "sig");
    CHECK(livemsg::tencent::default_credentials(environment::of({})).status() == lookup_status::not_found);

    // tencentcloud-sdk-go's chain passes over an environment without both of its variables
    // (tencentcloud/common/provider_chain.go, `err == envNotSet` ... `continue`); here the
    // environment is the only source, so the chain ends incomplete rather than failed.
    auto partial = livemsg::tencent::default_credentials(environment::of({{"TENCENT_IM_SDKAPPID", "1400000000"}}));
    CHECK(!partial.is_failed());
    CHECK(partial.status() == lookup_status::incomplete);
    CHECK(partial.report() == "environment: incomplete (TENCENT_IM_IDENTIFIER is not set, but TENCENT_IM_SDKAPPID is)");
}

}  // namespace credentials_chain_test
