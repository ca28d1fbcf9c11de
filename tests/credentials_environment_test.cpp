// SPDX-License-Identifier: BSL-1.0
// Credentials from environment variables, each vendor with its own names. The variables come
// from an injected environment: the process's is never changed.
#include <livemsg/alibaba/credential_sources.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/tencent/credential_sources.hpp>
#include <livemsg/volcengine/credential_sources.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

namespace credentials_environment_test {

using livemsg::environment;
using livemsg::lookup_status;

TEST_CASE("credentials: environment: empty counts as unset, an overlay wins, the process's is read", "[credentials]") {
    const environment env = environment::of({{"A", "1"}, {"EMPTY", ""}});
    CHECK(env.get("A") == "1");
    CHECK(!env.get("EMPTY"));
    CHECK(!env.get("B"));
    const environment over = env.overlaid_with({{"A", "2"}, {"B", "3"}});
    CHECK(over.get("A") == "2");
    CHECK(over.get("B") == "3");
    CHECK(env.get("A") == "1");
    // PATH is set wherever the tests run; a name nobody sets is not.
    CHECK(environment().get("PATH").has_value());
    CHECK(!environment().get("LIVEMSG_TEST_VARIABLE_NOBODY_SETS").has_value());
}

TEST_CASE("credentials: alibaba: credentials from the environment", "[credentials][alibaba]") {
    using livemsg::alibaba::credentials_from_environment;
    SECTION("the pair, then with an STS token") {
        auto r = credentials_from_environment(environment::of(
            {{"ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tId"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t"}}));
        REQUIRE(r);
        CHECK(r.source() == "environment");
        CHECK(r->access_key_id == "LTAI5tId");
        CHECK(r->access_key_secret.reveal() == "s3cr3t");
        CHECK(r->security_token.empty());

        auto sts = credentials_from_environment(environment::of({{"ALIBABA_CLOUD_ACCESS_KEY_ID", "STS.id"},
                                                                 {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t"},
                                                                 {"ALIBABA_CLOUD_SECURITY_TOKEN", "t0ken"}}));
        REQUIRE(sts);
        CHECK(sts->security_token.reveal() == "t0ken");
        std::ostringstream printed;
        printed << sts;
        CHECK(printed.str().find("s3cr3t") == std::string::npos);
        CHECK(printed.str().find("t0ken") == std::string::npos);
        CHECK(printed.str().find("STS.id") != std::string::npos);
    }
    SECTION("none set is not found, naming the variable") {
        auto r = credentials_from_environment(environment::of({{"VOLC_ACCESSKEY", "other vendor"}}));
        CHECK(!r);
        CHECK(r.status() == lookup_status::not_found);
        CHECK(r.report() == "environment: not found (ALIBABA_CLOUD_ACCESS_KEY_ID is not set)");
        CHECK_THROWS_AS(r.value(), livemsg::credential_error);
    }
    SECTION("a partial set is incomplete, naming what is missing: not a failure, so a chain goes on") {
        // aliyun/credentials-go, credentials/providers/env.go: a missing
        // ALIBABA_CLOUD_ACCESS_KEY_SECRET is an error, and credentials/providers/default.go goes on
        // to the next provider after any error ("如果有错误，进入下一个获取过程", then `continue`).
        auto no_secret = credentials_from_environment(environment::of({{"ALIBABA_CLOUD_ACCESS_KEY_ID", "id"}}));
        CHECK(!no_secret);
        CHECK(!no_secret.is_failed());
        CHECK(no_secret.status() == lookup_status::incomplete);
        CHECK(no_secret.report() ==
              "environment: incomplete (ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set, but ALIBABA_CLOUD_ACCESS_KEY_ID is)");
        auto no_id = credentials_from_environment(environment::of({{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t"}}));
        CHECK(no_id.status() == lookup_status::incomplete);
        CHECK(no_id.report().find("ALIBABA_CLOUD_ACCESS_KEY_ID is not set") != std::string::npos);
        CHECK(no_id.report().find("s3cr3t") == std::string::npos);
        CHECK_THROWS_WITH(no_id.value(), Catch::Contains("environment: incomplete (ALIBABA_CLOUD_ACCESS_KEY_ID"));
        auto token_only = credentials_from_environment(environment::of({{"ALIBABA_CLOUD_SECURITY_TOKEN", "t"}}));
        CHECK(token_only.status() == lookup_status::incomplete);
        CHECK(token_only.report().find("ALIBABA_CLOUD_ACCESS_KEY_ID is not set, but ALIBABA_CLOUD_SECURITY_TOKEN is") !=
              std::string::npos);
    }
}

TEST_CASE("credentials: volcengine: VOLC_* as volc-sdk-golang reads them", "[credentials][volcengine]") {
    using livemsg::volcengine::credentials_from_environment;
    // volcengine/volc-sdk-golang, base/client.go: accessKey = "VOLC_ACCESSKEY", secretKey =
    // "VOLC_SECRETKEY". It reads no token variable; VOLC_SESSION_TOKEN is livemsg's own.
    auto r = credentials_from_environment(environment::of(
        {{"VOLC_ACCESSKEY", "AKLTid"}, {"VOLC_SECRETKEY", "c2VjcmV0"}, {"VOLC_SESSION_TOKEN", "STS2token"}}));
    REQUIRE(r);
    CHECK(r.source() == "environment (VOLC_*)");
    CHECK(r->access_key_id == "AKLTid");
    CHECK(r->secret_access_key.reveal() == "c2VjcmV0");
    CHECK(r->session_token.reveal() == "STS2token");

    auto none = credentials_from_environment(environment::of({}));
    CHECK(none.status() == lookup_status::not_found);
    CHECK(none.report() == "environment (VOLC_*): not found (VOLC_ACCESSKEY is not set); "
                           "environment (VOLCENGINE_*): not found (VOLCENGINE_ACCESS_KEY is not set)");

    // base/client.go, NewClient: `if os.Getenv(accessKey) != "" && os.Getenv(secretKey) != ""`,
    // else ~/.volc/config: a half-set pair is passed over, not an error.
    auto partial = credentials_from_environment(environment::of({{"VOLC_ACCESSKEY", "AKLTid"}}));
    CHECK(!partial);
    CHECK(!partial.is_failed());
    CHECK(partial.status() == lookup_status::incomplete);
    CHECK(partial.report() == "environment (VOLC_*): incomplete (VOLC_SECRETKEY is not set, but VOLC_ACCESSKEY is); "
                              "environment (VOLCENGINE_*): not found (VOLCENGINE_ACCESS_KEY is not set)");
}

TEST_CASE("credentials: volcengine: VOLCENGINE_* as volcengine-go-sdk reads them; VOLC_* wins; never mixed",
          "[credentials][volcengine]") {
    using livemsg::volcengine::credentials_from_environment;
    // volcengine/volcengine-go-sdk, volcengine/credentials/env_provider.go, EnvProvider.Retrieve:
    // GetEnvWithFallback("VOLCENGINE_ACCESS_KEY", ...), ("VOLCENGINE_SECRET_KEY", ...),
    // SessionToken: GetEnvWithFallback("VOLCENGINE_SESSION_TOKEN", ...).
    const environment::variables volcengine{{"VOLCENGINE_ACCESS_KEY", "AKLTgo"},
                                            {"VOLCENGINE_SECRET_KEY", "Z28tc2VjcmV0"},
                                            {"VOLCENGINE_SESSION_TOKEN", "STS2go"}};
    auto r = credentials_from_environment(environment::of(volcengine));
    REQUIRE(r);
    CHECK(r.source() == "environment (VOLCENGINE_*)");
    CHECK(r->access_key_id == "AKLTgo");
    CHECK(r->secret_access_key.reveal() == "Z28tc2VjcmV0");
    CHECK(r->session_token.reveal() == "STS2go");
    CHECK(r.report() == "environment (VOLC_*): not found (VOLC_ACCESSKEY is not set); environment (VOLCENGINE_*): found");

    // Both whole: the RTC SDK's names win, and its pair is not given the other family's token.
    auto both = volcengine;
    both["VOLC_ACCESSKEY"] = "AKLTrtc";
    both["VOLC_SECRETKEY"] = "cnRj";
    auto first = credentials_from_environment(environment::of(both));
    REQUIRE(first);
    CHECK(first.source() == "environment (VOLC_*)");
    CHECK(first->access_key_id == "AKLTrtc");
    CHECK(first->session_token.empty());

    // A half-set VOLC_* pair is passed over for a whole VOLCENGINE_* one, and kept in the report.
    auto half = volcengine;
    half["VOLC_ACCESSKEY"] = "AKLTrtc";
    auto passed_over = credentials_from_environment(environment::of(half));
    REQUIRE(passed_over);
    CHECK(passed_over->access_key_id == "AKLTgo");
    CHECK(passed_over.report() ==
          "environment (VOLC_*): incomplete (VOLC_SECRETKEY is not set, but VOLC_ACCESSKEY is); "
          "environment (VOLCENGINE_*): found");

    auto go_half = credentials_from_environment(environment::of({{"VOLCENGINE_SECRET_KEY", "Z28tc2VjcmV0"}}));
    CHECK(go_half.status() == lookup_status::incomplete);
    CHECK(go_half.report().ends_with(
        "environment (VOLCENGINE_*): incomplete (VOLCENGINE_ACCESS_KEY is not set, but VOLCENGINE_SECRET_KEY is)"));
    CHECK(go_half.report().find("Z28tc2VjcmV0") == std::string::npos);
}

TEST_CASE("credentials: tencent: an admin's identity from the environment", "[credentials][tencent]") {
    using livemsg::tencent::credentials_from_environment;
    const environment::variables app{{"TENCENT_IM_SDKAPPID", "1400000000"}, {"TENCENT_IM_IDENTIFIER", "administrator"}};
    SECTION("with a secret key, or with a UserSig") {
        auto vars = app;
        vars["TENCENT_IM_SECRET_KEY"] = "5bd2850fff";
        auto key = credentials_from_environment(environment::of(vars));
        REQUIRE(key);
        CHECK(key->sdkappid == 1400000000u);
        CHECK(key->identifier == "administrator");
        CHECK(key->secret_key.reveal() == "5bd2850fff");
        CHECK(key->usersig.empty());
        std::ostringstream printed;
        printed << *key;
        CHECK(printed.str().find("5bd2850fff") == std::string::npos);

        vars.erase("TENCENT_IM_SECRET_KEY");
        vars["TENCENT_IM_USERSIG"] = "eJyrVgrxCdYrSy1SslIy";
        auto sig = credentials_from_environment(environment::of(vars));
        REQUIRE(sig);
        CHECK(sig->secret_key.empty());
        CHECK(sig->usersig.reveal() == "eJyrVgrxCdYrSy1SslIy");
    }
    SECTION("none set is not found") {
        auto r = credentials_from_environment(environment::of({{"TENCENT_IM_REGION", "singapore"}}));
        CHECK(r.status() == lookup_status::not_found);
        CHECK(r.report() == "environment: not found (TENCENT_IM_SDKAPPID is not set)");
    }
    SECTION("partial sets are incomplete; both secrets and a bad SDKAppID are failed; each names the variable") {
        // TencentCloud/tencentcloud-sdk-go, tencentcloud/common/env_provider.go: a variable that
        // is not set is envNotSet, which tencentcloud/common/provider_chain.go passes over
        // (`if err == envNotSet || ... { continue }`).
        auto no_secret = credentials_from_environment(environment::of(app));
        CHECK(!no_secret.is_failed());
        CHECK(no_secret.status() == lookup_status::incomplete);
        CHECK(no_secret.report().find("neither TENCENT_IM_SECRET_KEY nor TENCENT_IM_USERSIG is set") != std::string::npos);

        auto no_identifier = credentials_from_environment(
            environment::of({{"TENCENT_IM_SDKAPPID", "1400000000"}, {"TENCENT_IM_SECRET_KEY", "k"}}));
        CHECK(no_identifier.status() == lookup_status::incomplete);
        CHECK(no_identifier.report().find("environment: incomplete (TENCENT_IM_IDENTIFIER is not set, but TENCENT_IM_SDKAPPID is") !=
              std::string::npos);

        auto no_app = credentials_from_environment(environment::of({{"TENCENT_IM_SECRET_KEY", "k"}}));
        CHECK(no_app.status() == lookup_status::incomplete);
        CHECK(no_app.report().find("TENCENT_IM_SDKAPPID is not set, but TENCENT_IM_SECRET_KEY is") != std::string::npos);

        auto both = app;
        both["TENCENT_IM_SECRET_KEY"] = "k";
        both["TENCENT_IM_USERSIG"] = "sig";
        auto r = credentials_from_environment(environment::of(both));
        CHECK(r.is_failed());
        CHECK(r.report().find("both set") != std::string::npos);

        for (const char* bad : {"0", "x1400", "4294967296", "-1", "14000 "}) {
            INFO(bad);
            auto vars = app;
            vars["TENCENT_IM_SDKAPPID"] = bad;
            vars["TENCENT_IM_SECRET_KEY"] = "k";
            auto e = credentials_from_environment(environment::of(vars));
            CHECK(e.is_failed());
            CHECK(e.report().find("TENCENT_IM_SDKAPPID must be a whole number") != std::string::npos);
        }
    }
}

}  // namespace credentials_environment_test
