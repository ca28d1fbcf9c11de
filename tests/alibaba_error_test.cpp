// SPDX-License-Identifier: BSL-1.0
// Alibaba error bodies of each HTTP class, and bodies that cannot be read.
#include <livemsg/livemsg.hpp>

#include <boost/describe/enumerators.hpp>
#include <boost/mp11/algorithm.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>

namespace alibaba_error_test {

using namespace livemsg::alibaba;
using livemsg::error_code;

TEST_CASE("Alibaba: a server error, as documented in the common error body", "[alibaba][error]") {
    const std::string body =
        R"({"Code":"InternalError","HostId":"live.aliyuncs.com","Message":"The request processing has failed due to some unknown error.","RequestId":"6EBD1AC4-C34D-4AE1-963E-B688A228BE31"})";
    auto r = parse_response<SendLiveMessageUser>(500, body);
    REQUIRE(r.error() != nullptr);
    const error& e = *r.error();
    CHECK(e.code == known_error::InternalError);
    CHECK(e.code.str() == "InternalError");
    CHECK(e.message == "The request processing has failed due to some unknown error.");
    CHECK(e.request_id == "6EBD1AC4-C34D-4AE1-963E-B688A228BE31");
    CHECK(e.host_id == "live.aliyuncs.com");
    CHECK(e.recommend.empty());
    CHECK(e.http_status == 500);
    CHECK(e.body == body);
    CHECK(e.retryable());
}

TEST_CASE("Alibaba: the pages' client errors are not worth retrying", "[alibaba][error]") {
    struct row {
        int status;
        const char* code;
        known_error known;
    };
    for (auto [status, code, known] : {row{400, "InputInvalid", known_error::InputInvalid},
                                       row{400, "ErrorTooManyMsgTypes", known_error::ErrorTooManyMsgTypes},
                                       row{403, "NoAuth", known_error::NoAuth},
                                       row{404, "ResourceNotExist", known_error::ResourceNotExist},
                                       row{400, "InvalidTimeStamp.Expired", known_error::InvalidTimeStamp_Expired},
                                       row{400, "MissingTimestamp", known_error::MissingTimestamp}}) {
        INFO(code);
        auto r = parse_response<SendLiveMessageGroup>(
            status, std::string(R"({"Code":")") + code + R"(","Message":"x.","RequestId":"R1",)" +
                        R"("Recommend":"https://api.aliyun.com/troubleshoot?q=)" + code + R"("})");
        REQUIRE(r.error() != nullptr);
        CHECK(r.error()->code == known);
        CHECK(r.error()->code.str() == code);
        CHECK(r.error()->http_status == status);
        CHECK_FALSE(r.error()->recommend.empty());
        CHECK_FALSE(r.error()->retryable());
    }
    auto server = parse_response<SendLiveMessageGroup>(500, R"({"Code":"ServerError","Message":"x."})");
    REQUIRE(server.error() != nullptr);
    CHECK(server.error()->code == known_error::ServerError);
    CHECK(server.error()->retryable());
}

TEST_CASE("Alibaba: throttling is retryable, and says when", "[alibaba][error]") {
    auto plain = parse_response<SendLiveMessageUser>(400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})");
    REQUIRE(plain.error() != nullptr);
    CHECK(plain.error()->code == known_error::Throttling_User);
    CHECK(plain.error()->is_throttling());
    CHECK(plain.error()->retryable());
    CHECK_FALSE(plain.error()->retry_after().has_value());

    // A Throttling code not in the enum is still throttling.
    auto other = parse_response<SendLiveMessageUser>(400, R"({"Code":"Throttling.Resource","Message":"x"})", "3");
    REQUIRE(other.error() != nullptr);
    CHECK_FALSE(other.error()->code.known().has_value());
    CHECK(other.error()->is_throttling());
    CHECK(other.error()->retry_after() == std::chrono::milliseconds(3));

    auto junk = parse_response<SendLiveMessageUser>(400, R"({"Code":"Throttling","Message":"x"})", "soon");
    REQUIRE(junk.error() != nullptr);
    CHECK_FALSE(junk.error()->retry_after().has_value());
}

TEST_CASE("Alibaba: x-acs-retry-after counts milliseconds, and a value <= 0 is none", "[alibaba][error]") {
    // The darabonba SDKs' own cases: aliyun/darabonba-openapi cpp/tests/test_utils.cpp,
    // GetThrottlingTimeLeft ("2000" is 2000 ms; "0", "invalid", "" and "-5" are none), the value
    // of ThrottlingException.retryAfter, "Retry After(ms)" (cpp/include/alibabacloud/exceptions/
    // ThrottlingException.hpp).
    const auto after = [](std::string_view header) {
        auto r = parse_response<SendLiveMessageUser>(
            400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})", header);
        REQUIRE(r.error() != nullptr);
        return r.error()->retry_after();
    };
    CHECK(after("2000") == std::chrono::milliseconds(2000));
    CHECK(after("2000") == std::chrono::seconds(2));
    CHECK_FALSE(after("0").has_value());
    CHECK_FALSE(after("invalid").has_value());
    CHECK_FALSE(after("").has_value());
    CHECK_FALSE(after("-5").has_value());
    CHECK_FALSE(after("99999999999999999999").has_value());  // past 64 bits: none, not a wrapped number

    // A non-positive header is no word on when to come back: "0" alone makes no error retryable.
    auto zero = parse_response<SendLiveMessageUser>(403, R"({"Code":"Forbidden.RAM","Message":"x"})", "0");
    REQUIRE(zero.error() != nullptr);
    CHECK_FALSE(zero.error()->retryable());
    auto positive = parse_response<SendLiveMessageUser>(403, R"({"Code":"Forbidden.RAM","Message":"x"})", "1500");
    REQUIRE(positive.error() != nullptr);
    CHECK(positive.error()->retryable());
}

TEST_CASE("Alibaba: retry() waits out an x-acs-retry-after of 2000 as 2 s, as the SDKs do", "[alibaba][error][retry]") {
    // Read as seconds, 2000 would be over half an hour, past max_retry_after (120 s, the SDKs' cap
    // of a retry-after): the loop would give up on a call the SDK retries after 2 s.
    std::vector<std::chrono::milliseconds> slept;
    int attempts = 0;
    auto last = livemsg::retry(
        livemsg::retry_policy::alibaba(),
        [&](int) -> livemsg::alibaba::result<SendLiveMessageUser> {
            if (++attempts == 1)
                return parse_response<SendLiveMessageUser>(
                    400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control."})", "2000");
            return parse_response<SendLiveMessageUser>(200, R"({"RequestId":"R1","MsgTid":"m1"})");
        },
        [&](std::chrono::milliseconds d) { slept.push_back(d); });
    CHECK(last.ok());
    CHECK(attempts == 2);
    REQUIRE(slept.size() == 1);
    CHECK(slept[0] >= std::chrono::milliseconds(2000));
    CHECK(slept[0] <= livemsg::retry_policy::alibaba().max_retry_after);
}

TEST_CASE("Alibaba: a reused nonce is never retried as is", "[alibaba][error]") {
    auto r = parse_response<SendLiveMessageUser>(400, R"({"Code":"SignatureNonceUsed","Message":"Specified signature nonce was used already."})", "1");
    REQUIRE(r.error() != nullptr);
    CHECK(r.error()->code == known_error::SignatureNonceUsed);
    CHECK_FALSE(r.error()->retryable());
}

// The gateway's common client errors (developer.aliyun.com/ask/278265): "Missing{ParameterName}
// {ParameterName} is mandatory for this action. 400"; the body as the gateway sends one
// (github.com/rfancn/aliyun-ddns-client/issues/13).
TEST_CASE("Alibaba: Missing{ParameterName} is a required parameter left out, typed for the common ones", "[alibaba][error]") {
    auto timestamp = parse_response<SendLiveMessageUser>(
        400, R"({"Message":"Timestamp is mandatory for this action.","RequestId":"R3","HostId":"dns.aliyuncs.com","Code":"MissingTimestamp"})");
    REQUIRE(timestamp.error() != nullptr);
    CHECK(timestamp.error()->code == known_error::MissingTimestamp);
    CHECK(timestamp.error()->is_missing_parameter());
    CHECK_FALSE(timestamp.error()->retryable());
    for (const auto known : {known_error::MissingAction, known_error::MissingVersion, known_error::MissingAccessKeyId,
                             known_error::MissingSignature, known_error::MissingSignatureNonce,
                             known_error::MissingParameter}) {
        const std::string code(wire_name(known));
        auto r = parse_response<SendLiveMessageUser>(400, R"({"Code":")" + code + R"(","Message":"x"})");
        REQUIRE(r.error() != nullptr);
        CHECK(r.error()->code == known);
        CHECK(r.error()->is_missing_parameter());
    }
    // An operation's own parameter: not an enumerator, and still one left out.
    auto sender = parse_response<SendLiveMessageUser>(400, R"({"Code":"MissingSenderId","Message":"SenderId is mandatory for this action."})");
    REQUIRE(sender.error() != nullptr);
    CHECK_FALSE(sender.error()->code.known().has_value());
    CHECK(sender.error()->is_missing_parameter());
    CHECK_FALSE(sender.error()->retryable());
    auto other = parse_response<SendLiveMessageUser>(400, R"({"Code":"InputInvalid","Message":"x"})");
    REQUIRE(other.error() != nullptr);
    CHECK_FALSE(other.error()->is_missing_parameter());
}

TEST_CASE("Alibaba: a signature mismatch keeps the server's string to sign", "[alibaba][error]") {
    auto r = parse_response<SendLiveMessageUser>(
        400, R"({"Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3Dtestid","RequestId":"R2"})");
    REQUIRE(r.error() != nullptr);
    CHECK(r.error()->code == known_error::SignatureDoesNotMatch);
    CHECK(r.error()->message.find("server string to sign is:POST&%2F&AccessKeyId") != std::string::npos);
    CHECK_FALSE(r.error()->retryable());
}

TEST_CASE("Alibaba: an unknown code is kept as it came", "[alibaba][error]") {
    auto r = parse_response<SendLiveMessageUser>(403, R"({"Code":"Forbidden.RAM","Message":"denied","Extra":[1]})");
    REQUIRE(r.error() != nullptr);
    CHECK_FALSE(r.error()->code.known().has_value());
    CHECK(r.error()->code.str() == "Forbidden.RAM");
}

TEST_CASE("Alibaba: a failed status without a readable Code is a typed error that keeps the body", "[alibaba][error]") {
    const std::string gateway = "<html><body>502 Bad Gateway</body></html>";
    auto html = parse_response<SendLiveMessageUser>(502, gateway);
    REQUIRE(html.error() != nullptr);
    CHECK(html.error()->code.str().empty());
    CHECK_FALSE(html.error()->code.known().has_value());
    CHECK(html.error()->http_status == 502);
    CHECK(html.error()->body == gateway);
    CHECK(html.error()->retryable());

    auto throttled = parse_response<SendLiveMessageUser>(429, "Too Many Requests", "2");
    REQUIRE(throttled.error() != nullptr);
    CHECK(throttled.error()->retryable());
    CHECK(throttled.error()->retry_after() == std::chrono::milliseconds(2));

    auto not_found = parse_response<SendLiveMessageGroup>(404, "<html>404 Not Found</html>");
    REQUIRE(not_found.error() != nullptr);
    CHECK(not_found.error()->http_status == 404);
    CHECK_FALSE(not_found.error()->retryable());

    auto no_code = parse_response<SendLiveMessageUser>(400, R"({"Message":"no code"})");
    REQUIRE(no_code.error() != nullptr);
    CHECK(no_code.error()->code.str().empty());
    CHECK(no_code.error()->body == R"({"Message":"no code"})");
    CHECK_FALSE(no_code.error()->retryable());

    auto empty = parse_response<SendMessageToGroup>(503, "");
    REQUIRE(empty.error() != nullptr);
    CHECK(empty.error()->retryable());
}

TEST_CASE("Alibaba: success bodies that cannot be read keep the body", "[alibaba][error]") {
    auto truncated = parse_response<SendLiveMessageUser>(200, R"({"RequestId":"6CFDE7AB-57)");
    REQUIRE(truncated.unreadable() != nullptr);
    CHECK(truncated.unreadable()->items()[0].code == error_code::not_json);
    CHECK(truncated.unreadable()->input() == R"({"RequestId":"6CFDE7AB-57)");

    auto wrong_types = parse_response<SendLiveMessageUser>(200, R"({"RequestId":["a"],"MsgTid":{}})");
    REQUIRE(wrong_types.unreadable() != nullptr);
    CHECK(wrong_types.unreadable()->size() == 2);
    CHECK_FALSE(wrong_types.ok());
}

TEST_CASE("Alibaba: an error prints, and shows its code as text", "[alibaba][error]") {
    auto r = parse_response<SendLiveMessageUser>(
        400, R"({"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"R1"})");
    REQUIRE(r.error() != nullptr);
    CHECK(r.error()->code_text() == "Throttling.User");
    std::ostringstream printed;
    printed << *r.error();
    CHECK(printed.str() == "Alibaba error: HTTP 400 Throttling.User: Request was denied due to user flow control. "
                           "[RequestId R1]");

    auto html = parse_response<SendLiveMessageUser>(502, "<html>Bad Gateway</html>");
    REQUIRE(html.error() != nullptr);
    CHECK(html.error()->code_text().empty());
    std::ostringstream bare;
    bare << *html.error();
    CHECK(bare.str() == "Alibaba error: HTTP 502");
}

TEST_CASE("alibaba: each known code's wire name is its enumerator's name, '_' spelled '.'", "[alibaba][error]") {
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<livemsg::alibaba::known_error>>([](auto D) {
        std::string expected = D.name;
        for (char& c : expected)
            if (c == '_') c = '.';
        CHECK(livemsg::alibaba::wire_name(D.value) == expected);
        CHECK(livemsg::from_wire<livemsg::alibaba::known_error>(expected) == D.value);
    });
}

}  // namespace alibaba_error_test
