// SPDX-License-Identifier: BSL-1.0
// Responses from the wild: truncated JSON, wrong types in every field, numbers beyond int64,
// duplicate keys, deep nesting, 10 MB bodies. Each parser gives the documented kind of answer
// (a typed result, the vendor's error, or an unreadable body with its reasons), always keeps
// the raw body, and finishes.
#include <livemsg/livemsg.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wild_responses_test {

using livemsg::error_code;

namespace {

enum class parser { alibaba_user, alibaba_group, alibaba_to_group, tencent, volcengine };
const std::vector<parser> all_parsers = {parser::alibaba_user, parser::alibaba_group, parser::alibaba_to_group,
                                         parser::tencent, parser::volcengine};

enum class kind { result, error, unreadable };

// One parser's answer, reduced to what every vendor has in common.
struct answer {
    kind k{};
    std::vector<livemsg::violation> problems;  // when unreadable
    std::string kept;                          // the raw body the answer keeps (error or unreadable)
    std::string request_id;                    // of a result
};

template <class Outcome>
answer reduce(const Outcome& o) {
    answer a;
    if (o.result()) a.k = kind::result;
    else if (o.error()) a.k = kind::error;
    else {
        a.k = kind::unreadable;
        a.problems = o.unreadable()->items();
        a.kept = o.unreadable()->input();
    }
    return a;
}

answer parse(parser p, int status, std::string_view body) {
    using namespace livemsg;
    switch (p) {
        case parser::alibaba_user: {
            auto o = alibaba::parse_response<alibaba::SendLiveMessageUser>(status, body);
            answer a = reduce(o);
            if (o.error()) a.kept = o.error()->body;
            if (o.result()) a.request_id = o.result()->RequestId;
            return a;
        }
        case parser::alibaba_group: {
            auto o = alibaba::parse_response<alibaba::SendLiveMessageGroup>(status, body);
            answer a = reduce(o);
            if (o.error()) a.kept = o.error()->body;
            if (o.result()) a.request_id = o.result()->RequestId;
            return a;
        }
        case parser::alibaba_to_group: {
            auto o = alibaba::parse_response<alibaba::SendMessageToGroup>(status, body);
            answer a = reduce(o);
            if (o.error()) a.kept = o.error()->body;
            if (o.result()) a.request_id = o.result()->RequestId;
            return a;
        }
        case parser::tencent: {
            auto o = tencent::parse_response<tencent::send_text_msg>(status, body);
            answer a = reduce(o);
            if (o.error()) a.kept = o.error()->body;
            if (o.result()) a.request_id = o.result()->request_id();
            return a;
        }
        case parser::volcengine: {
            auto o = volcengine::parse_response<volcengine::P2PSendMessage>(status, body);
            answer a = reduce(o);
            if (o.error()) a.kept = o.error()->body;
            if (o.result()) a.request_id = o.result()->ResponseMetadata.RequestId;
            return a;
        }
    }
    return {};
}

// The pages' success samples.
std::string_view success_sample(parser p) {
    switch (p) {
        case parser::alibaba_user: return R"({"RequestId": "6CFDE7AB-571A-14EA-B072-989FF753****"})";
        case parser::alibaba_group: return R"({"RequestId": "E4C1245F-597B-1BD1-B9BB-9D220E99****", "MsgTid": "169830****"})";
        case parser::alibaba_to_group:
            return R"({"RequestId": "16A96B9A-****-CB92E68F4CD8", "Result": {"MessageId": "qt***"}})";
        case parser::tencent:
            return R"({"ErrorCode": 0,"ErrorInfo": "","ActionStatus": "OK","RequestId": "Id-ec3-O-Seq-2433650",)"
                   R"("Response": {"MsgTime": 1750074420,"MsgSeq": 25,"MsgDropReason" : "MsgFreqCtrl"}})";
        case parser::volcengine:
            return R"({"ResponseMetadata": {"RequestId": "20240604150611EC00A9D1A0E4F0DF98AB", "Action": "P2PSendMessage",)"
                   R"("Version": "2020-12-01", "Service": "", "Region": ""}, "Result": {"P2PResult": [)"
                   R"({"UserId": 10008, "Code": "NOT_ONLINE", "DevicePlatform": "Default"},)"
                   R"({"UserId": 10001, "Code": "SUCCESS", "DevicePlatform": "Web"}]}})";
    }
    return {};
}

// Error samples: the vendor notes' Alibaba body, a Tencent error code, a Volcengine common error.
std::string_view error_sample(parser p) {
    switch (p) {
        case parser::tencent:
            return R"({"ActionStatus":"FAIL","ErrorCode":100002,"ErrorInfo":"invalid parameter","RequestId":"Id-2"})";
        case parser::volcengine:
            return R"({"ResponseMetadata":{"RequestId":"2024","Action":"P2PSendMessage","Version":"2020-12-01",)"
                   R"("Service":"rtc","Region":"cn-north-1","Error":{"Code":"SignatureDoesNotMatch","CodeN":100010,)"
                   R"("Message":"signature mismatch"}}})";
        default:
            return R"({"Code":"InternalError","HostId":"live.aliyuncs.com","Message":"The request processing has )"
                   R"(failed due to some unknown error.","RequestId":"6EBD1AC4-C34D-4AE1-963E-B688A228BE31"})";
    }
}

int error_status(parser p) { return p == parser::tencent ? 200 : p == parser::volcengine ? 401 : 500; }


std::string_view name_of(parser p) {
    switch (p) {
        case parser::alibaba_user: return "alibaba SendLiveMessageUser";
        case parser::alibaba_group: return "alibaba SendLiveMessageGroup";
        case parser::alibaba_to_group: return "alibaba SendMessageToGroup";
        case parser::tencent: return "tencent send_text_msg";
        case parser::volcengine: return "volcengine P2PSendMessage";
    }
    return "?";
}

// Every answer keeps the body it came from, unless it is a typed result.
void check_keeps_body(const answer& a, std::string_view body) {
    if (a.k != kind::result) CHECK(a.kept == body);
    if (a.k == kind::unreadable) {
        CHECK(!a.problems.empty());
        for (const auto& v : a.problems) CHECK(!v.message.empty());
    }
}

bool is_body_level_not_json(const answer& a) {
    return a.k == kind::unreadable && a.problems.size() == 1 && a.problems[0].field.empty() &&
           a.problems[0].code == error_code::not_json;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

// Every path in a JSON value ("Result.P2PResult[0].UserId"), as the readers name them.
void collect_paths(const boost::json::value& v, const std::string& path, std::vector<std::string>& out) {
    if (!path.empty()) out.push_back(path);
    if (const auto* o = v.if_object())
        for (const auto& [key, member] : *o)
            collect_paths(member, path.empty() ? std::string(key) : path + '.' + std::string(key), out);
    else if (const auto* a = v.if_array())
        for (std::size_t i = 0; i < a->size(); ++i) collect_paths((*a)[i], path + '[' + std::to_string(i) + ']', out);
}

boost::json::value* find_path(boost::json::value& v, std::string_view path) {
    boost::json::value* at = &v;
    while (!path.empty()) {
        if (path.front() == '[') {
            const auto close = path.find(']');
            at = &at->as_array().at(std::stoul(std::string(path.substr(1, close - 1))));
            path.remove_prefix(close + 1);
        } else {
            const auto end = path.find_first_of(".[");
            at = &at->as_object().at(path.substr(0, end));
            path.remove_prefix(end == std::string_view::npos ? path.size() : end);
        }
        if (!path.empty() && path.front() == '.') path.remove_prefix(1);
    }
    return at;
}

bool same_or_inside(std::string_view problem, std::string_view path) {
    return problem == path || (problem.starts_with(path) && (problem[path.size()] == '.' || problem[path.size()] == '['));
}

}  // namespace

TEST_CASE("wild responses: the samples read as documented", "[wild]") {
    for (parser p : all_parsers) {
        INFO(name_of(p));
        CHECK(parse(p, 200, success_sample(p)).k == kind::result);
        const answer e = parse(p, error_status(p), error_sample(p));
        CHECK(e.k == kind::error);
        check_keeps_body(e, error_sample(p));
    }
}

TEST_CASE("wild responses: JSON cut off at every byte is unreadable, and kept", "[wild]") {
    for (parser p : all_parsers) {
        for (std::string_view sample : {success_sample(p), error_sample(p)}) {
            for (std::size_t n = 0; n < sample.size(); ++n) {
                const std::string_view cut = sample.substr(0, n);
                if (trim(cut) == trim(sample)) continue;
                INFO(name_of(p) << ", first " << n << " bytes: " << cut);
                const answer ok_status = parse(p, 200, cut);
                CHECK(is_body_level_not_json(ok_status));
                check_keeps_body(ok_status, cut);
                const answer failed_status = parse(p, 503, cut);
                CHECK(failed_status.k == kind::error);  // every vendor: a failed status is an error
                check_keeps_body(failed_status, cut);
            }
        }
    }
}

TEST_CASE("wild responses: a wrong type in any field is reported at that field, or read leniently", "[wild]") {
    const std::vector<std::string_view> junk = {"null", "true", "0", "-1", "1.5", "18446744073709551616",
                                                R"("text")", "[]", "{}", R"([{"x":[1]}])"};
    for (parser p : all_parsers) {
        for (const bool success : {true, false}) {
            const std::string_view sample = success ? success_sample(p) : error_sample(p);
            const int status = success ? 200 : error_status(p);
            const boost::json::value original = boost::json::parse(sample);
            std::vector<std::string> paths;
            collect_paths(original, "", paths);
            for (const std::string& path : paths) {
                for (std::string_view replacement : junk) {
                    boost::json::value changed = original;
                    *find_path(changed, path) = boost::json::parse(replacement);
                    const std::string body = boost::json::serialize(changed);
                    INFO(name_of(p) << ", HTTP " << status << ", " << path << " = " << replacement << ": " << body);
                    const answer a = parse(p, status, body);
                    check_keeps_body(a, body);
                    if (status != 200) CHECK(a.k == kind::error);
                    if (a.k != kind::unreadable) continue;
                    // Unreadable: for that field (or one inside it, or what its absence leaves missing).
                    for (const auto& v : a.problems) {
                        INFO(v.field << ": " << v.message);
                        const bool here = same_or_inside(v.field, path) || same_or_inside(path, v.field);
                        CHECK(here);
                        CHECK((v.code == error_code::wrong_type || v.code == error_code::out_of_range ||
                               v.code == error_code::missing || v.code == error_code::not_one_of));
                    }
                }
            }
        }
    }
}

TEST_CASE("wild responses: wrong types, exactly", "[wild]") {
    struct expectation {
        parser p;
        int status;
        std::string_view body;
        kind k;
        std::string_view field = {};
        error_code code = {};
    };
#define P2P_RESPONSE_METADATA R"({"RequestId":"r","Action":"P2PSendMessage","Version":"2020-12-01","Service":"rtc","Region":"cn-north-1"})"
    const std::vector<expectation> rows = {
        {parser::alibaba_user, 200, R"({"RequestId":5})", kind::unreadable, "RequestId", error_code::wrong_type},
        {parser::alibaba_user, 200, R"({"RequestId":"r","MsgTid":null})", kind::result},
        {parser::alibaba_user, 200, R"({"RequestId":"r","MsgTid":7})", kind::unreadable, "MsgTid", error_code::wrong_type},
        {parser::alibaba_user, 200, R"({})", kind::unreadable, "RequestId", error_code::missing},
        {parser::alibaba_to_group, 200, R"({"RequestId":"r","Result":"x"})", kind::unreadable, "Result", error_code::wrong_type},
        {parser::alibaba_to_group, 200, R"({"RequestId":"r","Result":{"MessageId":1}})", kind::unreadable,
         "Result.MessageId", error_code::wrong_type},
        {parser::alibaba_group, 400, R"({"Code":400,"Message":"m"})", kind::error},
        {parser::alibaba_group, 400, R"({"Code":"SomethingNew","Message":null})", kind::error},
        {parser::tencent, 200, R"({"ErrorCode":0,"ActionStatus":"OK","Response":{"MsgTime":1,"MsgSeq":"25"}})",
         kind::unreadable, "Response.MsgSeq", error_code::wrong_type},
        {parser::tencent, 200, R"({"ErrorCode":0,"ActionStatus":"OK","Response":{"MsgTime":1,"MsgSeq":9223372036854775808}})",
         kind::unreadable, "Response.MsgSeq", error_code::out_of_range},
        {parser::tencent, 200, R"({"ErrorCode":0,"ActionStatus":"OK","Response":{"MsgTime":1e400,"MsgSeq":1}})",
         kind::unreadable, "Response.MsgTime", error_code::out_of_range},
        {parser::tencent, 200, R"({"ErrorCode":99999999999999999999,"ActionStatus":"FAIL"})", kind::unreadable,
         "ErrorCode", error_code::out_of_range},
        {parser::tencent, 502, R"({"ErrorCode":99999999999999999999})", kind::error},
        {parser::tencent, 200, R"({"ErrorCode":100002,"ActionStatus":"FAIL","Response":"junk"})", kind::error},
        {parser::tencent, 200, R"({"ErrorCode":0,"ActionStatus":"OK"})", kind::unreadable, "Response", error_code::missing},
        {parser::tencent, 200, R"({"ErrorCode":0,"ActionStatus":7,"Response":{"MsgTime":1,"MsgSeq":1}})", kind::unreadable,
         "ActionStatus", error_code::wrong_type},
        {parser::volcengine, 200, R"({"ResponseMetadata":)" P2P_RESPONSE_METADATA R"(,"Result":{"P2PResult":[{"UserId":18446744073709551616,"Code":"SUCCESS","DevicePlatform":"Web"}]}})",
         kind::unreadable, "Result.P2PResult[0].UserId", error_code::out_of_range},
        {parser::volcengine, 200, R"({"ResponseMetadata":)" P2P_RESPONSE_METADATA R"(,"Result":{"P2PResult":[{"UserId":1,"Code":false,"DevicePlatform":"Web"}]}})",
         kind::unreadable, "Result.P2PResult[0].Code", error_code::wrong_type},
        {parser::volcengine, 200, R"({"ResponseMetadata":)" P2P_RESPONSE_METADATA R"(,"Result":{"P2PResult":{}}})", kind::unreadable,
         "Result.P2PResult", error_code::wrong_type},
        {parser::volcengine, 401, R"({"ResponseMetadata":{"Error":{"Code":5,"CodeN":1.5}}})", kind::error},
        {parser::volcengine, 200, R"({"ResponseMetadata":{"Error":{"Code":"InternalError","CodeN":100014,"Message":"m"}}})", kind::error},
    };
#undef P2P_RESPONSE_METADATA
    for (const auto& r : rows) {
        INFO(name_of(r.p) << ", HTTP " << r.status << ": " << r.body);
        const answer a = parse(r.p, r.status, r.body);
        CHECK(a.k == r.k);
        check_keeps_body(a, r.body);
        if (r.k != kind::unreadable || a.k != kind::unreadable) continue;
        REQUIRE(a.problems.size() == 1);
        CHECK(a.problems[0].field == r.field);
        CHECK(a.problems[0].code == r.code);
    }
}

TEST_CASE("wild responses: duplicate keys read as the last one", "[wild]") {
    // Boost.JSON keeps the last of duplicate keys; the answer follows it and keeps the body.
    const std::string_view alibaba = R"({"RequestId":"first","RequestId":"second"})";
    CHECK(parse(parser::alibaba_user, 200, alibaba).request_id == "second");

    const std::string_view tencent = R"({"ErrorCode":0,"ActionStatus":"OK","Response":{"MsgTime":1,"MsgSeq":1},)"
                                     R"("ErrorCode":100002,"ActionStatus":"FAIL"})";
    const answer t = parse(parser::tencent, 200, tencent);
    CHECK(t.k == kind::error);
    CHECK(t.kept == tencent);
    const auto typed = livemsg::tencent::parse_response<livemsg::tencent::send_text_msg>(200, tencent);
    REQUIRE(typed.error());
    CHECK(typed.error()->code == 100002);

    const std::string_view volcengine =
        R"({"ResponseMetadata":{"RequestId":"a","Action":"","Version":"","Service":"","Region":""},)"
        R"("Result":{"P2PResult":[]},)"
        R"("ResponseMetadata":{"RequestId":"b","Action":"","Version":"","Service":"","Region":""}})";
    CHECK(parse(parser::volcengine, 200, volcengine).request_id == "b");
}

TEST_CASE("wild responses: deep nesting is refused by the parser, shallow junk is ignored", "[wild]") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    const std::string shallow = std::string(20, '[') + std::string(20, ']');
    for (parser p : all_parsers) {
        INFO(name_of(p));
        // As the whole body, and under an unknown key beside a readable sample.
        for (const std::string& body : {deep, "{\"Junk\":" + deep + "," + std::string(success_sample(p)).substr(1)}) {
            const answer a = parse(p, 200, body);
            CHECK(is_body_level_not_json(a));
            check_keeps_body(a, body);
        }
        const std::string with_junk = "{\"Junk\":" + shallow + "," + std::string(success_sample(p)).substr(1);
        CHECK(parse(p, 200, with_junk).k == kind::result);
    }
}

TEST_CASE("wild responses: odd bodies", "[wild]") {
    const std::vector<std::string> bodies = {
        "", " ", "null", "[]", "\"RequestId\"", "0", "<html><body>502 Bad Gateway</body></html>",
        "\xEF\xBB\xBF{\"RequestId\":\"r\"}",  // a byte-order mark
        "{\"RequestId\":\"r\"} trailing", "{\"RequestId\":\"r\"}{\"RequestId\":\"s\"}",
        std::string("{\"RequestId\":\"a\0b\"}", 19),     // a raw NUL inside a string
        "{\"RequestId\":\"caf\xC3\"}",                   // ill-formed UTF-8 inside a string
        "{\"RequestId\":\"\\ud800\"}",                   // a lone surrogate escape
    };
    for (parser p : all_parsers) {
        for (const std::string& body : bodies) {
            INFO(name_of(p) << ": " << body);
            const answer ok_status = parse(p, 200, body);
            CHECK(ok_status.k == kind::unreadable);
            check_keeps_body(ok_status, body);
            const answer failed = parse(p, 500, body);
            CHECK(failed.k == kind::error);
            check_keeps_body(failed, body);
        }
    }
}

TEST_CASE("wild responses: 10 MB bodies", "[wild]") {
    constexpr std::size_t ten_mb = 10 * 1024 * 1024;
    for (parser p : all_parsers) {
        INFO(name_of(p));
        // A readable sample padded with 10 MB under an unknown key: the result, the padding ignored.
        const std::string padded = "{\"Padding\":\"" + std::string(ten_mb, 'x') + "\"," + std::string(success_sample(p)).substr(1);
        CHECK(parse(p, 200, padded).k == kind::result);

        // 10 MB that are not JSON: unreadable on success, kept whole.
        const std::string garbage(ten_mb, 'x');
        const answer a = parse(p, 200, garbage);
        CHECK(is_body_level_not_json(a));
        CHECK(a.kept.size() == ten_mb);

        // 10 MB of opening brackets: refused at the nesting limit, not by the stack.
        const std::string brackets(ten_mb, '[');
        CHECK(is_body_level_not_json(parse(p, 200, brackets)));

        // A 10 MB HTML page with a failed status.
        const std::string html = "<html>" + std::string(ten_mb, ' ') + "</html>";
        const answer failed = parse(p, 502, html);
        CHECK(failed.k == kind::error);
        CHECK(failed.kept.size() == html.size());
    }

    // A 10 MB RequestId is read whole, and 10 MB of recipients are all there.
    const std::string long_id(ten_mb, 'r');
    CHECK(parse(parser::alibaba_user, 200, "{\"RequestId\":\"" + long_id + "\"}").request_id == long_id);
    std::string many = R"({"ResponseMetadata":{"RequestId":"r","Action":"P2PSendMessage","Version":"2020-12-01",)"
                       R"("Service":"rtc","Region":"cn-north-1"},"Result":{"P2PResult":[)";
    std::size_t count = 0;
    while (many.size() < ten_mb) {
        if (count) many += ',';
        many += R"({"UserId":)" + std::to_string(7221856821303361536 + static_cast<long long>(count)) +
                R"(,"Code":"SUCCESS","DevicePlatform":"Web"})";
        ++count;
    }
    many += "]}}";
    const auto answer = livemsg::volcengine::parse_response<livemsg::volcengine::P2PSendMessage>(200, many);
    REQUIRE(answer.result());
    CHECK(answer.result()->Result->P2PResult.size() == count);
    CHECK(answer.result()->Result->delivered().back() == 7221856821303361536 + static_cast<long long>(count - 1));
}

namespace {

// What every vendor's error says about a gateway's HTML page under a failed status.
template <livemsg::vendor_error E>
void check_gateway_error(const E& e, std::string_view page) {
    CHECK(e.http_status == 502);
    CHECK(e.code_text().empty());
    CHECK(e.message.empty());
    CHECK(e.request_id.empty());
    CHECK(e.body == page);
    CHECK(e.retryable());
    CHECK_FALSE(e.retry_after().has_value());
}

}  // namespace

TEST_CASE("every vendor's error has the same shape", "[wild][error]") {
    using namespace livemsg;
    STATIC_REQUIRE(vendor_error<alibaba::error>);
    STATIC_REQUIRE(vendor_error<tencent::error>);
    STATIC_REQUIRE(vendor_error<volcengine::error>);
    STATIC_REQUIRE_FALSE(vendor_error<validation_errors>);

    const std::string page = "<html><body>502 Bad Gateway</body></html>";
    auto a = alibaba::parse_response<alibaba::SendLiveMessageUser>(502, page);
    auto t = tencent::parse_response<tencent::send_text_msg>(502, page);
    auto v = volcengine::parse_response<volcengine::P2PSendMessage>(502, page);
    REQUIRE(a.error());
    REQUIRE(t.error());
    REQUIRE(v.error());
    check_gateway_error(*a.error(), page);
    check_gateway_error(*t.error(), page);
    check_gateway_error(*v.error(), page);
}

}  // namespace wild_responses_test
