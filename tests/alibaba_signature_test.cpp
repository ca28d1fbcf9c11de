// SPDX-License-Identifier: BSL-1.0
// Alibaba Cloud signatures V1 and V3: the official examples, then our operations.
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

namespace alibaba_signature_test {

using namespace livemsg::alibaba;
using namespace std::chrono;
using livemsg::error_code;
using livemsg::http_request;
using livemsg::secret;

namespace {

system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    return sys_days{year{y} / mo / d} + hours{h} + minutes{mi} + seconds{s};
}

}  // namespace

TEST_CASE("V1 reproduces the official example", "[alibaba][signature][v1]") {
    // ECS DescribeRegions, GET, Format XML.
    http_request r;
    r.method = "GET";
    r.host = "ecs.aliyuncs.com";
    r.query.add("Action", "DescribeRegions");
    r.query.add("Version", "2014-05-26");
    r.query.add("Format", "XML");
    auto signed_ = sign_v1(r, {"testid", secret("testsecret"), {}},
                           {utc(2016, 2, 23, 12, 46, 24), "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"});
    REQUIRE(signed_.ok());
    CHECK(signed_->string_to_sign ==
          "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
          "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp"
          "%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");
    CHECK(signed_->signature == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    CHECK(r.query.find("Signature") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    CHECK(r.query.find("Format") == "XML");
    CHECK(r.url().find("&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D") != std::string::npos);
}

TEST_CASE("V3 reproduces the official example", "[alibaba][signature][v3]") {
    // ECS RunInstances: Action and Version come in the query, as render() writes them.
    http_request r;
    r.method = "POST";
    r.host = "ecs.cn-shanghai.aliyuncs.com";
    r.query.add("Action", "RunInstances");
    r.query.add("Version", "2014-05-26");
    r.query.add("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
    r.query.add("RegionId", "cn-shanghai");
    auto signed_ = sign_v3(r, {"YourAccessKeyId", secret("YourAccessKeySecret"), {}},
                           {utc(2023, 10, 26, 10, 22, 32), "3156853299f313e23d1673dc12e1703d"});
    REQUIRE(signed_.ok());
    CHECK(signed_->canonical_request ==
          "POST\n"
          "/\n"
          "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
          "host:ecs.cn-shanghai.aliyuncs.com\n"
          "x-acs-action:RunInstances\n"
          "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
          "x-acs-date:2023-10-26T10:22:32Z\n"
          "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
          "x-acs-version:2014-05-26\n"
          "\n"
          "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(signed_->string_to_sign ==
          "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    CHECK(signed_->signature == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    CHECK(r.headers.find("Authorization") ==
          "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
          "x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
          "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
    CHECK_FALSE(r.query.find("Action").has_value());
    CHECK(r.target() ==
          "/?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai");
}

TEST_CASE("each operation's example signs with V1", "[alibaba][signature][v1]") {
    const credentials creds{"LTAI5tExample", secret("s3cr3t"), {}};
    const signing_options at{utc(2025, 1, 2, 3, 4, 5), "nonce1"};

    auto user = render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hello, user"});
    REQUIRE(user.ok());
    http_request r = *user;
    auto s = sign_v1(r, creds, at);
    REQUIRE(s.ok());
    CHECK(s->string_to_sign.rfind("POST&%2F&AccessKeyId%3DLTAI5tExample%26Action%3DSendLiveMessageUser%26AppId%3Ddemo%26"
                                  "Body%3Dhello%252C%2520user%26Format%3DJSON%26",
                                  0) == 0);
    CHECK(r.query.find("Timestamp") == "2025-01-02T03:04:05Z");
    CHECK(r.query.find("SignatureNonce") == "nonce1");
    CHECK(r.query.find("Signature") == s->signature);
    CHECK(s->signature.size() == 28);  // Base64 of 20 bytes

    auto group = render(SendLiveMessageGroup{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1", .MsgType = 1});
    REQUIRE(group.ok());
    r = *group;
    REQUIRE(sign_v1(r, creds, at).ok());
    CHECK(r.query.find("Action") == "SendLiveMessageGroup");

    // The form body's parameters are signed with the query's, but stay in the body.
    auto to_group = render(SendMessageToGroup{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                              .Data = R"({"text":"hi"})", .SkipAudit = true});
    REQUIRE(to_group.ok());
    r = *to_group;
    auto form = sign_v1(r, creds, at);
    REQUIRE(form.ok());
    CHECK(form->string_to_sign.find("%26Data%3D%257B%2522text%2522%253A%2522hi%2522%257D%26") != std::string::npos);
    CHECK(form->string_to_sign.find("%26SkipAudit%3Dtrue%26") != std::string::npos);
    CHECK_FALSE(r.query.find("Data").has_value());
    CHECK(r.body == to_group->body);
}

TEST_CASE("each operation's example signs with V3", "[alibaba][signature][v3]") {
    const credentials creds{"LTAI5tExample", secret("s3cr3t"), secret("sts-token")};
    const signing_options at{utc(2025, 1, 2, 3, 4, 5), "nonce3"};

    auto user = render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"});
    REQUIRE(user.ok());
    http_request r = *user;
    auto s = sign_v3(r, creds, at);
    REQUIRE(s.ok());
    CHECK(r.headers.find("x-acs-action") == "SendLiveMessageUser");
    CHECK(r.headers.find("x-acs-version") == "2016-11-01");
    CHECK(r.headers.find("x-acs-security-token") == "sts-token");
    CHECK(r.target() == "/?AppId=demo&ReceiverId=uid2&SenderId=uid1");
    CHECK(s->canonical_request.find("\nhost;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;"
                                    "x-acs-signature-nonce;x-acs-version\n") != std::string::npos);
    CHECK(s->signature.size() == 64);

    auto to_group = render(SendMessageToGroup{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                              .Data = R"({"text":"hi"})"});
    REQUIRE(to_group.ok());
    r = *to_group;
    auto form = sign_v3(r, creds, at);
    REQUIRE(form.ok());
    CHECK(form->canonical_request.find("\ncontent-type:application/x-www-form-urlencoded\nhost:live.aliyuncs.com\n") !=
          std::string::npos);
    CHECK(r.headers.find("x-acs-content-sha256") == livemsg::detail::sha256_hex(r.body));
    CHECK(r.headers.find("x-acs-content-sha256") != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("fresh nonces and the system clock by default", "[alibaba][signature]") {
    const credentials creds{"id", secret("key"), {}};
    auto make = [] { return render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"}).value(); };
    http_request a = make(), b = make();
    REQUIRE(sign_v3(a, creds).ok());
    REQUIRE(sign_v3(b, creds).ok());
    CHECK(a.headers.find("x-acs-signature-nonce")->size() == 32);
    CHECK(a.headers.find("x-acs-signature-nonce") != b.headers.find("x-acs-signature-nonce"));
    CHECK(a.headers.find("Authorization") != b.headers.find("Authorization"));

    http_request c = make();
    const auto before = floor<seconds>(system_clock::now());
    REQUIRE(sign_v1(c, creds).ok());
    const auto after = system_clock::now();
    const std::string stamp(*c.query.find("Timestamp"));
    CHECK((stamp == livemsg::detail::iso8601_utc(before) || stamp == livemsg::detail::iso8601_utc(after)));
}

TEST_CASE("a secret is never printed", "[alibaba][signature]") {
    const credentials creds{"LTAI5tExample", secret("do-not-print-me"), secret("nor-this-token")};
    std::ostringstream os;
    os << creds;
    CHECK(os.str().find("LTAI5tExample") != std::string::npos);
    CHECK(os.str().find("do-not-print-me") == std::string::npos);
    CHECK(os.str().find("nor-this-token") == std::string::npos);
    CHECK(os.str().find("******") != std::string::npos);
}

TEST_CASE("nothing with CR or LF reaches a header", "[alibaba][signature]") {
    auto request = render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"}).value();
    const http_request untouched = request;
    auto bad = sign_v3(request, {"id\r\nX-Evil: 1", secret("key"), secret("token\nX-Evil: 1")}, {std::nullopt, "n\r"});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.errors().size() == 3);
    CHECK(bad.errors().find("access_key_id")->code == error_code::control_character);
    CHECK(bad.errors().find("security_token")->code == error_code::control_character);
    CHECK(bad.errors().find("nonce")->code == error_code::control_character);
    CHECK(request.headers.empty());
    CHECK(request.url() == untouched.url());

    auto empty = sign_v1(request, {"", secret(""), {}});
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.errors().find("access_key_id")->code == error_code::empty);
    CHECK(empty.errors().find("access_key_secret")->code == error_code::empty);

    http_request bare;
    bare.host = "live.aliyuncs.com";
    auto unrendered = sign_v3(bare, {"id", secret("key"), {}});
    REQUIRE_FALSE(unrendered.ok());
    CHECK(unrendered.errors().find("request")->code == error_code::missing);
}

TEST_CASE("V3 signs a request it signed before as if for the first time", "[alibaba][signature][v3][resign]") {
    const credentials creds{"LTAI5tExample", secret("s3cr3t"), secret("sts-token")};
    const auto make = [] {
        return render(SendMessageToGroup{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                         .Data = R"({"text":"hi"})"})
            .value();
    };
    const signing_options retry{utc(2025, 1, 2, 3, 4, 6), "nonce-retry"};

    http_request again = make();
    REQUIRE(sign_v3(again, creds, {utc(2025, 1, 2, 3, 4, 5), "nonce-first"}).ok());
    const auto resigned = sign_v3(again, creds, retry);
    REQUIRE(resigned.ok());
    http_request once = make();
    const auto signed_once = sign_v3(once, creds, retry);
    REQUIRE(signed_once.ok());

    CHECK(resigned->canonical_request == signed_once->canonical_request);
    CHECK(again.headers.size() == once.headers.size());
    CHECK(again.headers.find("Authorization") == once.headers.find("Authorization"));
    CHECK(again.url() == once.url());
    CHECK(again == once);

    // Without the STS token this time: the old token header goes too.
    http_request rotated = make();
    REQUIRE(sign_v3(rotated, creds, retry).ok());
    const credentials long_lived{"LTAI5tExample", secret("s3cr3t"), {}};
    REQUIRE(sign_v3(rotated, long_lived, retry).ok());
    http_request long_lived_once = make();
    REQUIRE(sign_v3(long_lived_once, long_lived, retry).ok());
    CHECK_FALSE(rotated.headers.find("x-acs-security-token").has_value());
    CHECK(rotated == long_lived_once);
}

TEST_CASE("V1 signs a request it signed before as if for the first time", "[alibaba][signature][v1][resign]") {
    const credentials creds{"LTAI5tExample", secret("s3cr3t"), secret("sts-token")};
    const auto make = [] {
        return render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hi"})
            .value();
    };
    const signing_options at_first{utc(2025, 1, 2, 3, 4, 5), "nonce-first"};
    const signing_options retry{utc(2025, 1, 2, 3, 4, 6), "nonce-retry"};

    http_request again = make();
    REQUIRE(sign_v1(again, creds, at_first).ok());
    const auto resigned = sign_v1(again, creds, retry);
    REQUIRE(resigned.ok());
    http_request once = make();
    const auto signed_once = sign_v1(once, creds, retry);
    REQUIRE(signed_once.ok());

    CHECK(resigned->string_to_sign == signed_once->string_to_sign);
    CHECK(again.url() == once.url());
    CHECK(again == once);
    std::size_t signatures = 0;
    for (const auto& p : again.query) signatures += p.name == "Signature";
    CHECK(signatures == 1);

    // Without the STS token this time: the old SecurityToken goes too.
    const credentials long_lived{"LTAI5tExample", secret("s3cr3t"), {}};
    REQUIRE(sign_v1(again, long_lived, retry).ok());
    http_request long_lived_once = make();
    REQUIRE(sign_v1(long_lived_once, long_lived, retry).ok());
    CHECK_FALSE(again.query.find("SecurityToken").has_value());
    CHECK(again == long_lived_once);

    // Format is the caller's when it was there first, and stays where it was.
    http_request xml = make();
    const std::size_t format_at = xml.query.size();
    xml.query.add("Format", "XML");
    http_request xml_once = xml;
    REQUIRE(sign_v1(xml, creds, at_first).ok());
    REQUIRE(sign_v1(xml, creds, retry).ok());
    REQUIRE(sign_v1(xml_once, creds, retry).ok());
    CHECK(xml.query[format_at].name == "Format");
    CHECK(xml.query[format_at].value == "XML");
    CHECK(xml == xml_once);
}

TEST_CASE("a request signed with one version is refused by the other, untouched", "[alibaba][signature][resign]") {
    const credentials creds{"LTAI5tExample", secret("s3cr3t"), {}};
    const signing_options at{utc(2025, 1, 2, 3, 4, 5), "nonce1"};
    http_request v1 = render(SendLiveMessageUser{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"}).value();
    http_request v3 = v1;
    REQUIRE(sign_v1(v1, creds, at).ok());
    REQUIRE(sign_v3(v3, creds, at).ok());
    const http_request v1_before = v1, v3_before = v3;

    const auto v3_of_v1 = sign_v3(v1, creds, at);
    REQUIRE_FALSE(v3_of_v1.ok());
    CHECK(v3_of_v1.errors().find("request")->code == error_code::conflict);
    CHECK(v1 == v1_before);

    const auto v1_of_v3 = sign_v1(v3, creds, at);
    REQUIRE_FALSE(v1_of_v3.ok());
    REQUIRE(v1_of_v3.errors().size() == 1);
    CHECK(v1_of_v3.errors().find("request")->code == error_code::conflict);
    CHECK(v3 == v3_before);
}

}  // namespace alibaba_signature_test
