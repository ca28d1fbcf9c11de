// SPDX-License-Identifier: BSL-1.0
// Volcengine's HMAC-SHA256 signature: the official example (IAM ListUsers) reproduces through
// the same public signer that signs P2PSendMessage.
#include <livemsg/signing.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

namespace volcengine_signature_test {

using namespace livemsg::volcengine;
using livemsg::error_code;

namespace {

// The official example's key pair. The secret is used as it is, not Base64-decoded.
credentials example_credentials() {
    return {"AKLTYWViMTVmZGYzM2E0NDI5Mzk2MDZjNjFmMjc2MjRjMzg",
            livemsg::secret("WkRZeE1EQmxPVGhsWWpWak5HVmtNbUUxTXpZeU9UVXlOMlE1TmpZeVlqTQ=="), {}};
}

std::chrono::system_clock::time_point utc(int y, unsigned mo, unsigned d, int h, int mi, int s) {
    using namespace std::chrono;
    return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

// GET https://iam.volcengineapi.com/?Action=ListUsers&Version=2018-01-01&Limit=10&Offset=0
livemsg::http_request list_users() {
    livemsg::http_request r;
    r.method = "GET";
    r.host = "iam.volcengineapi.com";
    r.query.add("Action", "ListUsers");
    r.query.add("Version", "2018-01-01");
    r.query.add("Limit", "10");
    r.query.add("Offset", "0");
    return r;
}

livemsg::http_request page_p2p_request(const endpoint& to = endpoint_for(rtc_region::cn_north_1)) {
    P2PSendMessage req{
        .AppId = 666675,
        .Sender = 10008,
        .ConversationShortId = 7221856821303361536,
        .MsgType = 10013,
        .Content = R"({"type":1000,"ext":"","message_type":10001})",
    };
    livemsg::http_request http;
    REQUIRE(render(req, to, http).empty());
    return http;
}

// sha256sum of the page's example body, written compactly.
constexpr std::string_view page_body_sha256 = "7408bdf9c2e2239c2b8f9f3fbdab160f08ddf31ccd310931c8b43cdf9ad9df7b";

}  // namespace

TEST_CASE("the official signing example reproduces exactly", "[volcengine][signature]") {
    auto request = list_users();
    auto signed_ = sign(request, example_credentials(), {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 6));
    REQUIRE(signed_.ok());
    const signing_details& d = *signed_;

    CHECK(d.x_date == "20240619T071306Z");
    CHECK(d.canonical_request ==
          "GET\n/\nAction=ListUsers&Limit=10&Offset=0&Version=2018-01-01\n"
          "host:iam.volcengineapi.com\nx-date:20240619T071306Z\n\n"
          "host;x-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(d.canonical_request_hash == "5ed5bca3905e1fcbf789abb56a17c2d819674a3bcfa468ae476bd1ea80d135cb");
    CHECK(d.credential_scope == "20240619/cn-beijing/iam/request");
    CHECK(d.string_to_sign ==
          "HMAC-SHA256\n20240619T071306Z\n20240619/cn-beijing/iam/request\n"
          "5ed5bca3905e1fcbf789abb56a17c2d819674a3bcfa468ae476bd1ea80d135cb");
    CHECK(d.signing_key.reveal() == "abee62e533a58934c49954459a3c3237d2fccea517c9a7c8a2651d8ea7779826");
    CHECK(d.signed_headers == "host;x-date");
    CHECK(d.signature == "e31c4558bcfe08a286001f59cedbf0791ffd0b2362f10e55ee2627467bcdde93");

    const std::string authorization =
        "HMAC-SHA256 Credential=AKLTYWViMTVmZGYzM2E0NDI5Mzk2MDZjNjFmMjc2MjRjMzg/20240619/cn-beijing/iam/request, "
        "SignedHeaders=host;x-date, Signature=e31c4558bcfe08a286001f59cedbf0791ffd0b2362f10e55ee2627467bcdde93";
    CHECK(d.authorization == authorization);
    CHECK(request.headers.find("Authorization") == authorization);
    CHECK(request.headers.find("X-Date") == "20240619T071306Z");
    // No body: no X-Content-Sha256 header, as in the example's SignedHeaders.
    CHECK_FALSE(request.headers.find("X-Content-Sha256").has_value());
    CHECK(request.headers.size() == 2);
    // The query is sent in its own order; only the canonical form is sorted.
    CHECK(request.target() == "/?Action=ListUsers&Version=2018-01-01&Limit=10&Offset=0");
}

TEST_CASE("signing P2PSendMessage covers the exact body", "[volcengine][signature][P2PSendMessage]") {
    auto request = page_p2p_request();
    livemsg::volcengine::signing_details d;
    REQUIRE(sign(request, example_credentials(), scope_of(endpoint_for(rtc_region::cn_north_1)),
                 utc(2024, 6, 4, 15, 6, 11), d)
                .empty());

    CHECK(request.headers.find("X-Content-Sha256") == page_body_sha256);
    CHECK(d.content_sha256 == page_body_sha256);
    CHECK(request.headers.find("X-Date") == "20240604T150611Z");
    CHECK(d.canonical_request ==
          "POST\n/\nAction=P2PSendMessage&Version=2020-12-01\n"
          "content-type:application/json\nhost:rtc.volcengineapi.com\n"
          "x-content-sha256:" + std::string(page_body_sha256) + "\nx-date:20240604T150611Z\n\n"
          "content-type;host;x-content-sha256;x-date\n" + std::string(page_body_sha256));
    // Expected signature computed independently (Python hmac/hashlib) from the values above.
    CHECK(request.headers.find("Authorization") ==
          "HMAC-SHA256 Credential=AKLTYWViMTVmZGYzM2E0NDI5Mzk2MDZjNjFmMjc2MjRjMzg/20240604/cn-north-1/rtc/request, "
          "SignedHeaders=content-type;host;x-content-sha256;x-date, "
          "Signature=df0130314e0079d3015225b00aead9773b3ed8bcd74927021b1698d3645c71c5");

    // Overseas: the region in the scope follows the endpoint.
    const auto singapore = endpoint_for(rtc_region::ap_singapore_1);
    auto overseas = page_p2p_request(singapore);
    auto s = sign(overseas, example_credentials(), scope_of(singapore), utc(2024, 6, 4, 15, 6, 11));
    REQUIRE(s.ok());
    CHECK(s->credential_scope == "20240604/ap-singapore-1/rtc/request");
    CHECK(s->signature == "24fbe1f004168574e1ca51cfc204613425c0928388af27d86a57479424c074fd");
}

TEST_CASE("a session token is sent and signed as X-Security-Token", "[volcengine][signature]") {
    auto creds = example_credentials();
    creds.session_token = livemsg::secret("STS2eyJMVGFjY2Vzc0tleUlkIjoiQUtMVCJ9");
    auto request = page_p2p_request();
    auto s = sign(request, creds, scope_of(endpoint_for(rtc_region::cn_north_1)), utc(2024, 6, 4, 15, 6, 11));
    REQUIRE(s.ok());
    CHECK(request.headers.find("X-Security-Token") == "STS2eyJMVGFjY2Vzc0tleUlkIjoiQUtMVCJ9");
    CHECK(s->signed_headers == "content-type;host;x-content-sha256;x-date;x-security-token");
    CHECK(s->signature == "0f9ef28ac2ab4705722840be53867fd61302bcf90a4a88703fe538808a49f2c1");
}

TEST_CASE("signing again replaces the signature headers", "[volcengine][signature]") {
    auto request = list_users();
    const auto creds = example_credentials();
    signing_details d;
    REQUIRE(sign(request, creds, {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 6), d).empty());
    REQUIRE(sign(request, creds, {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 7), d).empty());
    CHECK(request.headers.size() == 2);
    CHECK(request.headers.find("X-Date") == "20240619T071307Z");
    CHECK(d.signature != "e31c4558bcfe08a286001f59cedbf0791ffd0b2362f10e55ee2627467bcdde93");
    REQUIRE(sign(request, creds, {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 6), d).empty());
    CHECK(d.signature == "e31c4558bcfe08a286001f59cedbf0791ffd0b2362f10e55ee2627467bcdde93");
}

TEST_CASE("the canonical form: sorted, RFC 3986 encoded query; x- headers signed, others not",
          "[volcengine][signature]") {
    auto request = list_users();
    request.query.clear();
    request.query.add("b", "2");
    request.query.add("a", "x y*~");
    request.query.add("a", "1");
    request.headers.add("User-Agent", "client/1.0");
    request.headers.add("X-Custom", "  padded  value ");
    auto s = sign(request, example_credentials(), {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 6));
    REQUIRE(s.ok());
    CHECK(s->canonical_request ==
          "GET\n/\na=1&a=x%20y%2A~&b=2\n"
          "host:iam.volcengineapi.com\nx-custom:padded  value\nx-date:20240619T071306Z\n\n"
          "host;x-custom;x-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("CR or LF never reaches a header: such a request is refused, not signed",
          "[volcengine][signature][boundary]") {
    const auto at = utc(2024, 6, 4, 15, 6, 11);
    const signing_scope scope{"cn-north-1", "rtc"};

    auto creds = example_credentials();
    creds.session_token = livemsg::secret("token\r\nX-Injected: yes");
    auto request = page_p2p_request();
    auto refused = sign(request, creds, scope, at);
    REQUIRE_FALSE(refused.ok());
    REQUIRE(refused.errors().size() == 1);
    CHECK(refused.errors()[0].field == "session_token");
    CHECK(refused.errors()[0].code == error_code::control_character);
    CHECK(refused.errors()[0].message.find("found byte 0x0D at byte 5") != std::string::npos);
    CHECK(request.headers.empty());  // untouched

    auto bad_host = page_p2p_request();
    bad_host.host = "rtc.volcengineapi.com\r\nX-Injected: yes";
    auto host_refused = sign(bad_host, example_credentials(), scope, at);
    REQUIRE_FALSE(host_refused.ok());
    CHECK(host_refused.errors()[0].field == "host");
    CHECK(host_refused.errors()[0].code == error_code::control_character);
    CHECK(bad_host.headers.empty());

    auto bad_header = page_p2p_request();
    bad_header.headers.add("X-Trace", "a\nb");
    bad_header.headers.add("Bad Name", "v");
    auto header_refused = sign(bad_header, example_credentials(), scope, at);
    REQUIRE(header_refused.errors().size() == 2);
    CHECK(header_refused.errors()[0].field == "X-Trace");
    CHECK(header_refused.errors()[0].code == error_code::control_character);
    CHECK(header_refused.errors()[1].field == "Bad Name");
    CHECK(header_refused.errors()[1].code == error_code::not_alphanumeric);
    CHECK(bad_header.headers.size() == 2);

    // Every control character is refused, DEL and tab included; the rest of ASCII is not.
    for (const std::string& token : {std::string("a\tb"), std::string("a\x7F"), std::string("a\0b", 3)}) {
        auto request_again = page_p2p_request();
        creds.session_token = livemsg::secret(token);
        CHECK_FALSE(sign(request_again, creds, scope, at).ok());
    }
    auto visible = page_p2p_request();
    creds.session_token = livemsg::secret("STS2 +/=~!\"#$%&'()*,-.:;<>?@[\\]^_`{|}");
    CHECK(sign(visible, creds, scope, at).ok());
}

TEST_CASE("credentials and scope are checked before signing", "[volcengine][signature][boundary]") {
    auto request = list_users();
    auto s = sign(request, credentials{}, {"", "i/am"}, utc(2024, 6, 19, 7, 13, 6));
    REQUIRE_FALSE(s.ok());
    const auto& e = s.errors();
    REQUIRE(e.size() == 4);
    CHECK(e[0].field == "access_key_id");
    CHECK(e[0].code == error_code::empty);
    CHECK(e[1].field == "secret_access_key");
    CHECK(e[1].code == error_code::empty);
    CHECK(e[2].field == "region");
    CHECK(e[2].code == error_code::empty);
    CHECK(e[3].field == "service");
    CHECK(e[3].code == error_code::not_alphanumeric);
    CHECK(request.headers.empty());

    auto bad_key = example_credentials();
    bad_key.access_key_id = "AK/20240619";
    CHECK(sign(request, bad_key, {"cn-beijing", "iam"}).errors()[0].field == "access_key_id");
}

TEST_CASE("the clock defaults to now", "[volcengine][signature]") {
    auto request = list_users();
    const auto before = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto s = sign(request, example_credentials(), {"cn-beijing", "iam"});
    const auto after = std::chrono::system_clock::now();
    REQUIRE(s.ok());
    auto later = list_users();
    std::string expected_before, expected_after;
    REQUIRE(sign(later, example_credentials(), {"cn-beijing", "iam"}, before).ok());
    expected_before = *later.headers.find("X-Date");
    REQUIRE(sign(later, example_credentials(), {"cn-beijing", "iam"}, after).ok());
    expected_after = *later.headers.find("X-Date");
    CHECK(s->x_date >= expected_before);
    CHECK(s->x_date <= expected_after);
}

TEST_CASE("a secret never appears in streamed output", "[volcengine][signature]") {
    auto creds = example_credentials();
    creds.session_token = livemsg::secret("STS2eyJMVGFjY2Vzc0tleUlkIjoiQUtMVCJ9");
    auto request = list_users();
    auto s = sign(request, creds, {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 6));
    REQUIRE(s.ok());

    creds.session_token = livemsg::secret("STS2eyJMVGFjY2Vzc0tleUlkIjoiQUtMVCJ9\r\n");
    auto refused = sign(request, creds, {"cn-beijing", "iam"}, utc(2024, 6, 19, 7, 13, 6));
    REQUIRE_FALSE(refused.ok());

    std::ostringstream out;
    out << creds << '\n' << *s << '\n' << refused.errors();
    const std::string printed = out.str();
    CHECK(printed.find("AKLTYWViMTVmZGYzM2E0NDI5Mzk2MDZjNjFmMjc2MjRjMzg") != std::string::npos);
    CHECK(printed.find("******") != std::string::npos);
    CHECK(printed.find("WkRZeE1EQmxPVGhsWWpWak5HVmtNbUUxTXpZeU9UVXlOMlE1TmpZeVlqTQ==") == std::string::npos);
    CHECK(printed.find("STS2eyJ") == std::string::npos);
    CHECK(printed.find(s->signing_key.reveal()) == std::string::npos);
    CHECK(printed.find("\nx-security-token:******\n\nhost;x-date;x-security-token\n") != std::string::npos);
    CHECK(printed.find(s->string_to_sign) != std::string::npos);
}

TEST_CASE("signing a signed request again equals signing it once at the new time",
          "[volcengine][signature][resign]") {
    auto creds = example_credentials();
    creds.session_token = livemsg::secret("STS2eyJMVGFjY2Vzc0tleUlkIjoiQUtMVCJ9");
    const auto to = endpoint_for(rtc_region::cn_north_1);
    const auto retry_at = utc(2024, 6, 4, 15, 6, 41);

    auto again = page_p2p_request();
    REQUIRE(sign(again, creds, scope_of(to), utc(2024, 6, 4, 15, 6, 11)).ok());
    const auto resigned = sign(again, creds, scope_of(to), retry_at);
    REQUIRE(resigned.ok());
    auto once = page_p2p_request();
    const auto signed_once = sign(once, creds, scope_of(to), retry_at);
    REQUIRE(signed_once.ok());

    CHECK(resigned->canonical_request == signed_once->canonical_request);
    CHECK(again.headers.size() == 4);
    for (const auto* name : {"X-Date", "X-Content-Sha256", "X-Security-Token", "Authorization"}) {
        std::size_t count = 0;
        for (const auto& h : again.headers) count += h.name == name;
        CHECK(count == 1);
    }
    CHECK(again.headers.find("Authorization") == once.headers.find("Authorization"));
    CHECK(again == once);

    // Without the session token this time: the old X-Security-Token is neither sent nor signed.
    const auto long_lived = example_credentials();
    const auto rotated = sign(again, long_lived, scope_of(to), retry_at);
    REQUIRE(rotated.ok());
    auto long_lived_once = page_p2p_request();
    REQUIRE(sign(long_lived_once, long_lived, scope_of(to), retry_at).ok());
    CHECK_FALSE(again.headers.find("X-Security-Token").has_value());
    CHECK(rotated->signed_headers == "content-type;host;x-content-sha256;x-date");
    CHECK(again == long_lived_once);
}

}  // namespace volcengine_signature_test
