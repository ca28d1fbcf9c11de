// SPDX-License-Identifier: BSL-1.0
// read_json reads a clean body straight from the parser's events (detail::read_events) and
// falls back to the DOM reader (detail::read_json_dom) for everything else. The DOM reader is
// the oracle: over the vendors' answers and many damaged copies of them, a body the event reader
// accepts must read through the DOM to the same value, and read_json must answer as the DOM does.
#include <livemsg/livemsg.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace event_reader_test {

namespace {

template <class T>
bool same(const T& a, const T& b);

template <class T>
bool same_optional(const std::optional<T>& a, const std::optional<T>& b) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
}

template <class T>
bool same(const T& a, const T& b) {
    if constexpr (livemsg::detail::described_struct<T>) {
        bool equal = true;
        livemsg::detail::for_each_member<T>([&](auto D) { equal = equal && same(a.*D.pointer, b.*D.pointer); });
        return equal;
    } else if constexpr (requires { a.has_value(); *a; }) {
        return same_optional(a, b);
    } else if constexpr (requires { a.known(); a.str(); }) {
        return a.known() == b.known() && a.str() == b.str();
    } else if constexpr (requires { a.size(); a[0]; } && !std::is_same_v<T, std::string>) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i])) return false;
        return true;
    } else {
        return a == b;
    }
}

struct tally {
    std::size_t read_by_events = 0;
    std::size_t bodies = 0;
};

// The event reader agrees with the DOM reader on `body`, and read_json answers as the DOM does.
template <class T>
void check_against_dom(std::string_view body, tally& t) {
    static_assert(livemsg::detail::event_readable<T>);
    ++t.bodies;
    const auto dom = livemsg::detail::read_json_dom<T>(body);
    T fast{};
    if (livemsg::detail::read_events(body, fast)) {
        ++t.read_by_events;
        INFO(body);
        REQUIRE(dom.ok());
        CHECK(same(fast, *dom));
    }
    const auto answer = livemsg::read_json<T>(body);
    INFO(body);
    REQUIRE(answer.ok() == dom.ok());
    if (dom.ok()) {
        CHECK(same(*answer, *dom));
    } else {
        CHECK(answer.errors().items() == dom.errors().items());
        CHECK(answer.errors().input() == dom.errors().input());
        CHECK(answer.errors().model() == dom.errors().model());
    }
}

// Every cut and many one-byte changes; long samples (the strings in parts) only as they are.
template <class T>
void check_with_damage(std::string_view sample, tally& t) {
    check_against_dom<T>(sample, t);
    if (sample.size() > 400) return;
    for (std::size_t cut = 0; cut < sample.size(); ++cut) check_against_dom<T>(sample.substr(0, cut), t);
    for (std::size_t at = 0; at < sample.size(); ++at)
        for (char c : {'"', '1', '-', '{', '[', ']', 'n', ',', ':', '\\', ' '}) {
            std::string damaged(sample);
            damaged[at] = c;
            check_against_dom<T>(damaged, t);
        }
}

// Answers as the vendors send them, and the odd ones the readers meet.
const std::vector<std::string> samples = [] {
    const std::string escaped(5000, 'x');  // with escapes, long strings reach the handler in parts
    std::string long_escaped;
    for (int i = 0; i < 3000; ++i) long_escaped += "\\u00e9\\n";
    return std::vector<std::string>{
        R"({"RequestId":"5E4A2BE8-F1F4-4F2B-A3C1-0E6D6A8C3F5B","MsgTid":"8c6f4b2e1d0a4f3b9e7c5a1d2b3c4d5e"})",
        R"({"RequestId":"16A96B9A-F203-4EC5-8E43-CB92E68F4CD8","Result":{"MessageId":"a1b2c3d4e5f60718"}})",
        R"({"RequestId":"16A96B9A","Result":null,"MsgTid":null})",
        R"({"RequestId":"5E4A","HostId":"live.aliyuncs.com","Code":"Throttling.User",)"
        R"("Message":"Request was denied.","Recommend":"https://api.aliyun.com/troubleshoot"})",
        R"({"Code":"InvalidTimeStamp.Expired","Message":"x"})",
        R"({"Code":"Brand.New","Message":null,"Extra":[1,{"a":[true,null,1.5]}]})",
        R"({"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK","RequestId":"Id-8a2c-O-Seq-52720",)"
        R"("Response":{"MsgTime":1750074420,"MsgSeq":25,"MsgDropReason":""}})",
        R"({"ActionStatus":"FAIL","ErrorCode":100001,"ErrorInfo":"Server internal error, please retry.",)"
        R"("RequestId":"Id-8a2c41f5d3bd4e6c9b0e-O-Seq-52720"})",
        R"({"ErrorCode":0,"ActionStatus":"OK","Response":{"MsgTime":1,"MsgSeq":2,"MsgDropReason":"MsgFreqCtrl"}})",
        R"({"ErrorCode":9223372036854775808,"ActionStatus":"Odd"})",
        R"({"ErrorCode":-0,"Response":{"MsgTime":1e3,"MsgSeq":-9223372036854775808}})",
        R"({"ResponseMetadata": {"RequestId": "20240604150611EC00A9D1A0E4F0DF98AB", "Action": "P2PSendMessage",
            "Version": "2020-12-01", "Service": "rtc", "Region": "cn-north-1"},
            "Result": {"P2PResult": [{"UserId": 10008, "Code": "NOT_ONLINE", "DevicePlatform": "Default"},
                                     {"UserId": 10001, "Code": "SUCCESS", "DevicePlatform": "Web"}]}})",
        R"({"ResponseMetadata": {"RequestId": "2024", "Action": "P2PSendMessage", "Version": "2020-12-01",
            "Service": "rtc", "Region": "cn-north-1", "Error": {"CodeN": 100010, "Code": "SignatureDoesNotMatch",
            "Message": "The request signature does not match."}}})",
        R"({"ResponseMetadata":{"RequestId":"r","Error":null},"Result":{"P2PResult":[{"UserId":1,"Code":"LATER"}]}})",
        R"({"ResponseMetadata":{"RequestId":"r"},"Result":{"P2PResult":[]},"ResponseMetadata":{"RequestId":"s"}})",
        R"({"RequestId":"a\"b\\c\u00e9\ud83d\ude00","MsgTid":"\/"})",
        R"({"RequestId":")" + escaped + R"(\n","MsgTid":")" + long_escaped + R"("})",
        R"({")" + long_escaped + R"(":{"RequestId":[]},"RequestId":"k"})",
        // Tencent's webhooks and the app's answers: members kept as their JSON text (raw_json),
        // integers as numbers or digits (number_or_digits).
        R"({"CloudCustomData":"{\"data\":1,\"value\":2}","MsgBody":[{"MsgContent":{"Text":"msg"},"MsgType":"TIMTextElem"}]})",
        R"({"CallbackCommand": "Group.CallbackBeforeSendMsg", "GroupId": "@TGS#2J4SZEAEL", "Type": "Live",
            "From_Account": "jared", "Operator_Account":"admin", "Random": 123456,
            "MsgId": "144115233406643804-1727580296-4026038328",
            "MsgBody": [ { "MsgType": "TIMTextElem", "MsgContent":{ "Text": "red packet" } } ],
            "CloudCustomData": "your cloud custom data", "EventTime":"1670574414123"})",
        R"({"CallbackCommand":"Group.CallbackAfterSendMsg","MsgSeq":123,"MsgTime":1490686222,"EventTime":1670574414123,)"
        R"("MsgBody":[{"MsgType":"TIMCustomElem","MsgContent":{"Desc":"d","Data":"LV1"}},{"MsgContent":[1,"2"],"MsgType":"x"}]})",
        R"({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0, "MsgBody": [{"MsgType": "TIMTextElem",
            "MsgContent":{"Text": "red packet"}}, {"MsgType": "TIMCustomElem", "MsgContent":{"Desc": "CustomElement.MemberLevel",
            "Data": "LV1"}}], "CloudCustomData": "your cloud custom data"})",
        R"({"ErrorCode":"10100","ErrorInfo":"no links","MsgBody":null,"Msg\u0042ody":[{"MsgType":"t","MsgContent":{}}]})",
        R"({"MsgBody":[{"MsgType":"t","MsgContent":null},{"MsgType":"t","MsgContent":"\u0041"}],"EventTime":"-1","MsgSeq":"7"})",
        R"([{"RequestId":"x"}])",
        R"("RequestId")",
        R"({"RequestId":"x"} {})",
        R"(  {"RequestId":"x"}  )",
        "",
    };
}();

}  // namespace

TEST_CASE("event reader: every answer it reads, the DOM reader reads alike", "[json_reader][events]") {
    namespace ali = livemsg::alibaba;
    namespace tc = livemsg::tencent;
    namespace vc = livemsg::volcengine;
    tally t;
    for (const std::string& sample : samples) {
        check_with_damage<ali::SendLiveMessageUserResponse>(sample, t);
        check_with_damage<ali::SendMessageToGroupResponse>(sample, t);
        check_with_damage<ali::detail::error_body>(sample, t);
        check_with_damage<tc::send_text_msg_response>(sample, t);
        check_with_damage<tc::rest_status>(sample, t);
        check_with_damage<vc::P2PSendMessageResponse>(sample, t);
        check_with_damage<tc::group_message_webhook>(sample, t);
        check_with_damage<tc::before_send_answer>(sample, t);
    }
    // The fast path is taken, and the fallback too.
    CHECK(t.read_by_events > 1000);
    CHECK(t.read_by_events < t.bodies);
}

TEST_CASE("event reader: a repeated or missing member, or a wrong kind, goes to the DOM reader", "[json_reader][events]") {
    livemsg::alibaba::SendLiveMessageUserResponse v;
    CHECK(livemsg::detail::read_events(R"({"RequestId":"a","MsgTid":"b","Other":{"RequestId":1}})", v));
    CHECK(v.RequestId == "a");
    CHECK_FALSE(livemsg::detail::read_events(R"({"RequestId":"a","RequestId":"b"})", v));
    CHECK_FALSE(livemsg::detail::read_events(R"({"MsgTid":"b"})", v));
    CHECK_FALSE(livemsg::detail::read_events(R"({"RequestId":1})", v));
    CHECK_FALSE(livemsg::detail::read_events(R"({"RequestId":"a"}x)", v));

    const auto missing = livemsg::read_json<livemsg::alibaba::SendLiveMessageUserResponse>(R"({"MsgTid":"b"})");
    REQUIRE_FALSE(missing.ok());
    REQUIRE(missing.errors().size() == 1);
    CHECK(missing.errors()[0].field == "RequestId");
    CHECK(missing.errors()[0].code == livemsg::error_code::missing);
    CHECK(missing.errors().input() == R"({"MsgTid":"b"})");
}

TEST_CASE("event reader: a type with a read() of its own is read through the DOM", "[json_reader][events]") {
    // volcengine::recipients reads its keys from the parent object (read_members) and
    // livemsg::int64 has a read() in integer.hpp: neither has an event reader.
    STATIC_REQUIRE_FALSE(livemsg::detail::event_readable<livemsg::volcengine::P2PSendMessage>);
    STATIC_REQUIRE_FALSE(livemsg::detail::event_readable<livemsg::int64>);
    STATIC_REQUIRE(livemsg::detail::event_readable<livemsg::tencent::send_text_msg_response>);
    // raw_json and number_or_digits have event readers, so the webhooks' structs do.
    STATIC_REQUIRE(livemsg::detail::event_readable<livemsg::raw_json>);
    STATIC_REQUIRE(livemsg::detail::event_readable<livemsg::number_or_digits<std::int64_t>>);
    STATIC_REQUIRE(livemsg::detail::event_readable<livemsg::tencent::group_message_webhook>);
    STATIC_REQUIRE(livemsg::detail::event_readable<livemsg::tencent::before_send_answer>);
}

TEST_CASE("event reader: a member kept as text takes the body's bytes; an element of an array goes to the DOM reader",
          "[json_reader][events]") {
    const std::string body = R"({"MsgBody":[{"MsgType":"TIMTextElem","MsgContent" : { "Text" : "a" } }],"EventTime":"12"})";
    livemsg::tencent::group_message_webhook hook;
    REQUIRE(livemsg::detail::read_events(body, hook));
    REQUIRE(hook.MsgBody.size() == 1);
    CHECK(hook.MsgBody[0].MsgContent == R"({ "Text" : "a" })");
    CHECK(hook.EventTime == 12);

    std::vector<livemsg::raw_json> values;
    CHECK(livemsg::detail::read_events("[]", values));
    CHECK_FALSE(livemsg::detail::read_events("[1]", values));
    const auto read = livemsg::read_json<std::vector<livemsg::raw_json>>(R"([ 1 , {"a" : 2} ])");
    REQUIRE(read.ok());
    CHECK(*read == std::vector<livemsg::raw_json>{"1", R"({"a" : 2})"});

    // At the top of the body, the value whole.
    livemsg::raw_json top;
    REQUIRE(livemsg::detail::read_events(R"(  {"x" : [1]} )", top));
    CHECK(top == R"({"x" : [1]})");
}

}  // namespace event_reader_test
