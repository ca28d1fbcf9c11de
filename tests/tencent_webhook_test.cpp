// SPDX-License-Identifier: BSL-1.0
// Tencent live-room group message webhooks (Before / After Group Message Is Sent). Ground truth:
// the send_text_msg page's "Webhook of Message Format Instruction" (its example body), the
// live-room webhook's documented members, the callback token's Sign rule and its test vector,
// and the Before webhook's documented answers.
#include <livemsg/tencent/tencent.hpp>
#include <livemsg/tencent/webhook_auth.hpp>

#include "tencent_page_example.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace tencent_webhook_test {

using namespace livemsg::tencent;
using livemsg::error_code;

namespace {

// The documented test vector.
constexpr std::string_view vector_token = "xxxxyyyy";
constexpr std::string_view vector_time = "1669872112";
constexpr std::string_view vector_sign = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

std::chrono::system_clock::time_point at_unix(std::int64_t seconds) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

webhook_query signed_query(std::string sign = std::string(vector_sign), std::string time = std::string(vector_time)) {
    webhook_query q;
    q.SdkAppid = 88888888;
    q.CallbackCommand = callback_command::before_send_msg;
    q.Sign = std::move(sign);
    q.RequestTime = std::move(time);
    return q;
}

// The webhook body the send_text_msg page shows for its example request (page_example()).
const std::string page_webhook_body =
    R"({"CloudCustomData":"{\"data\":1,\"value\":2}","MsgBody":[{"MsgContent":{"Text":"msg"},"MsgType":"TIMTextElem"}]})";

// A live-room Before webhook with every documented member; EventTime is a string, as in the
// live-room example.
const std::string before_body = R"({
    "CallbackCommand": "Group.CallbackBeforeSendMsg",
    "GroupId": "room1",
    "Type": "Live",
    "From_Account": "user1",
    "Operator_Account": "admin",
    "Random": 123456,
    "MsgId": "144115233406643804-1670574414-123456",
    "MsgBody": [
        {
            "MsgType": "TIMTextElem",
            "MsgContent": { "Text": "hello" }
        }
    ],
    "CloudCustomData": "your cloud custom data",
    "EventTime": "1670574414123"
})";

// The After webhook: EventTime a number, MsgSeq and MsgTime added; MsgId as the live room's
// After page has it (https://www.tencentcloud.com/document/product/647/74348).
const std::string after_body =
    R"({"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"room1","Type":"Live","From_Account":"user1",)"
    R"("Operator_Account":"admin","Random":4294967295,"MsgId":"144115233406643804-1727580296-4026038328",)"
    R"("MsgSeq":25,"MsgTime":1670574414,)"
    R"("MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}],"EventTime":1670574414123})";

std::string answer_of(const before_send_answer& a) {
    std::string out;
    auto errors = append_answer(a, out);
    REQUIRE(errors.empty());
    return out;
}

}  // namespace

TEST_CASE("webhook_sign reproduces the documented vector", "[tencent][webhook]") {
    CHECK(webhook_sign(vector_token, vector_time) == vector_sign);
    CHECK(webhook_sign(vector_token, "1669872113") != vector_sign);
}

TEST_CASE("a RequestTime at most 60 s from now passes, either way", "[tencent][webhook][boundary]") {
    const std::int64_t t = 1669872112;
    for (std::int64_t away : {0, 1, 59, 60, -1, -59, -60}) {
        INFO("now = RequestTime + " << away);
        const auto verdict = authenticate_webhook(signed_query(), vector_token, at_unix(t + away));
        CHECK(verdict.ok());
        CHECK(static_cast<bool>(verdict));
        CHECK(verdict.reason().empty());
    }
    // Part of a second does not count against it.
    CHECK(authenticate_webhook(signed_query(), vector_token, at_unix(t + 60) + std::chrono::milliseconds(999)).ok());
    for (std::int64_t away : std::initializer_list<std::int64_t>{61, -61, 3600, -t}) {
        INFO("now = RequestTime + " << away);
        const auto verdict = authenticate_webhook(signed_query(), vector_token, at_unix(t + away));
        CHECK_FALSE(verdict.ok());
        CHECK_FALSE(static_cast<bool>(verdict));
    }
    CHECK(authenticate_webhook(signed_query(), vector_token, at_unix(t + 61)).reason() ==
          "RequestTime is 61 s away from now; at most 60 s");
    CHECK(authenticate_webhook(signed_query(), vector_token, at_unix(t - 61)).reason() ==
          "RequestTime is 61 s away from now; at most 60 s");
}

TEST_CASE("a wrong, truncated, upper-case or missing Sign is not authentic", "[tencent][webhook]") {
    const auto now = at_unix(1669872112);
    std::string wrong(vector_sign);
    wrong[10] = wrong[10] == '0' ? '1' : '0';
    std::string upper(vector_sign);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    const std::string longer = std::string(vector_sign) + "0";

    for (const std::string& sign : {wrong, std::string(vector_sign.substr(0, 63)), std::string(vector_sign.substr(0, 32)),
                                    upper, longer}) {
        INFO(sign);
        const auto verdict = authenticate_webhook(signed_query(sign), vector_token, now);
        CHECK_FALSE(verdict.ok());
        CHECK(verdict.reason() == "Sign does not match");
    }
    CHECK(authenticate_webhook(signed_query(""), vector_token, now).reason() == "no Sign in the URL");
    CHECK_FALSE(authenticate_webhook(signed_query(std::string(vector_sign)), "xxxxyyyz", now).ok());

    // RequestTime is what the Sign covers: missing or not digits, it is refused.
    CHECK(authenticate_webhook(signed_query(std::string(vector_sign), ""), vector_token, now).reason() ==
          "no RequestTime in the URL");
    for (const char* time : {"+1669872112", "-1669872112", "1669872112 ", "1669872112.0", "0x63"}) {
        INFO(time);
        CHECK(authenticate_webhook(signed_query(std::string(vector_sign), time), vector_token, now).reason() ==
              "RequestTime must be Unix seconds in decimal digits");
    }
    CHECK_FALSE(authenticate_webhook(signed_query(std::string(vector_sign), "99999999999999999999999"), vector_token, now)
                    .ok());
    // A sign of another, fresh time does not stand for this one.
    CHECK_FALSE(authenticate_webhook(signed_query(std::string(vector_sign), "1669872113"), vector_token, now).ok());
}

TEST_CASE("the token must be 1 to 128 bytes", "[tencent][webhook][boundary]") {
    const auto now = at_unix(1669872112);
    for (std::size_t size : {std::size_t{0}, std::size_t{129}}) {
        const std::string token(size, 'k');
        const auto q = signed_query(webhook_sign(token, vector_time));
        const auto verdict = authenticate_webhook(q, token, now);
        CHECK_FALSE(verdict.ok());
        CHECK(verdict.reason() == "the token must be 1 to 128 bytes");
    }
    for (std::size_t size : {std::size_t{1}, std::size_t{128}}) {
        const std::string token(size, 'k');
        CHECK(authenticate_webhook(signed_query(webhook_sign(token, vector_time)), token, now).ok());
    }
}

TEST_CASE("the page's webhook body reads and carries the page's send_text_msg", "[tencent][webhook]") {
    auto hook = read_group_message_webhook(page_webhook_body);
    REQUIRE(hook.ok());
    REQUIRE(hook->MsgBody.size() == 1);
    CHECK(hook->MsgBody[0].MsgType == "TIMTextElem");
    CHECK(hook->MsgBody[0].MsgContent == R"({"Text":"msg"})");
    CHECK(hook->MsgBody[0].text() == "msg");
    CHECK(hook->texts() == std::vector<std::string>{"msg"});
    CHECK(hook->CloudCustomData == R"({"data":1,"value":2})");
    // The page's body has no room, sender or command: they read as absent.
    CHECK_FALSE(hook->GroupId);
    CHECK_FALSE(hook->From_Account);
    CHECK_FALSE(hook->CallbackCommand);
    CHECK_FALSE(hook->EventTime.has_value());

    CHECK(carries(*hook, page_example()));
    // carries() compares the text and the custom data only.
    auto other_room = page_example();
    other_room.RoomId = "room2";
    CHECK(carries(*hook, other_room));

    auto other_text = page_example();
    other_text.TextContent = "msg2";
    CHECK_FALSE(carries(*hook, other_text));
    auto no_extension = page_example();
    no_extension.ExtensionInfo = {};
    CHECK_FALSE(carries(*hook, no_extension));
    auto other_extension = page_example();
    other_extension.ExtensionInfo = R"({"data":1,"value":3})";
    CHECK_FALSE(carries(*hook, other_extension));

    auto without_data = read_group_message_webhook(R"({"MsgBody":[{"MsgContent":{"Text":"msg"},"MsgType":"TIMTextElem"}]})");
    REQUIRE(without_data.ok());
    CHECK(carries(*without_data, no_extension));  // absent matches absent
    CHECK_FALSE(carries(*without_data, page_example()));

    // Two text elements are not the one text of a send_text_msg, even when they join up to it.
    auto split = read_group_message_webhook(
        R"({"CloudCustomData":"{\"data\":1,\"value\":2}","MsgBody":[{"MsgContent":{"Text":"m"},"MsgType":"TIMTextElem"},)"
        R"({"MsgContent":{"Text":"sg"},"MsgType":"TIMTextElem"}]})");
    REQUIRE(split.ok());
    CHECK_FALSE(carries(*split, page_example()));
    CHECK(send_text_msg_of(*split).TextContent == "msg");
}

TEST_CASE("webhook_body_of writes the page's body and round-trips", "[tencent][webhook]") {
    CHECK(webhook_body_of(page_example()) == page_webhook_body);

    auto msg = page_example();
    msg.ExtensionInfo = {};
    CHECK(webhook_body_of(msg) == R"({"MsgBody":[{"MsgContent":{"Text":"msg"},"MsgType":"TIMTextElem"}]})");

    std::vector<send_text_msg> messages{page_example(), msg};
    auto escaped = page_example();
    escaped.TextContent = std::string("line 1\n\"quoted\" \\ caf\xC3\xA9 \x01 \xF0\x9F\x98\x80");
    escaped.ExtensionInfo = std::string(R"({"k":"v\"\\","n":[1,2,{"x":null}]})");
    messages.push_back(escaped);

    for (const auto& m : messages) {
        INFO(m.TextContent);
        const std::string body = webhook_body_of(m);
        auto hook = read_group_message_webhook(body);
        REQUIRE(hook.ok());
        CHECK(carries(*hook, m));
        CHECK(hook->texts() == std::vector<std::string>{m.TextContent.str()});
        const send_text_msg back = send_text_msg_of(*hook);
        CHECK(back.TextContent == m.TextContent);
        CHECK(back.ExtensionInfo == m.ExtensionInfo);
        CHECK(webhook_body_of(back) == body);
    }
}

TEST_CASE("a live-room Before webhook reads with every member", "[tencent][webhook]") {
    auto hook = read_group_message_webhook(before_body);
    REQUIRE(hook.ok());
    CHECK(hook->CallbackCommand == callback_command::before_send_msg);
    CHECK(hook->GroupId == "room1");
    CHECK(hook->Type == "Live");
    CHECK(hook->From_Account == "user1");
    CHECK(hook->Operator_Account == "admin");
    CHECK(hook->Random == 123456u);
    CHECK(hook->MsgId == "144115233406643804-1670574414-123456");
    REQUIRE(hook->MsgBody.size() == 1);
    CHECK(hook->MsgBody[0].MsgContent == R"({ "Text": "hello" })");  // its bytes as they came
    CHECK(hook->texts() == std::vector<std::string>{"hello"});
    CHECK(hook->CloudCustomData == "your cloud custom data");
    CHECK(hook->EventTime == 1670574414123);
    CHECK_FALSE(hook->MsgSeq.has_value());
    CHECK_FALSE(hook->MsgTime.has_value());

    const send_text_msg msg = send_text_msg_of(*hook);
    CHECK(msg.RoomId == "room1");
    CHECK(msg.Sender_Account == "user1");
    CHECK(msg.TextContent == "hello");
    CHECK(msg.ExtensionInfo == "your cloud custom data");
    // Custom data need not be JSON on the webhook; a send_text_msg's ExtensionInfo must be.
    CHECK(codes_for(livemsg::validate(msg), "ExtensionInfo") == std::vector{error_code::not_json});
}

TEST_CASE("an After webhook reads EventTime as a number, MsgSeq and MsgTime", "[tencent][webhook]") {
    auto hook = read_group_message_webhook(after_body);
    REQUIRE(hook.ok());
    CHECK(hook->CallbackCommand == callback_command::after_send_msg);
    CHECK(hook->Random == 4294967295u);
    CHECK(hook->MsgId == "144115233406643804-1727580296-4026038328");
    CHECK(hook->MsgSeq == 25);
    CHECK(hook->MsgTime == 1670574414);
    CHECK(hook->EventTime == 1670574414123);
    CHECK(hook->texts() == std::vector<std::string>{"hello"});
    CHECK_FALSE(hook->CloudCustomData.has_value());

    // An unknown command is kept as it came.
    auto other = read_group_message_webhook(R"({"CallbackCommand":"Group.CallbackOnSomething","MsgBody":[]})");
    REQUIRE(other.ok());
    REQUIRE(other->CallbackCommand);
    CHECK_FALSE(other->CallbackCommand->known().has_value());
    CHECK(other->CallbackCommand->str() == "Group.CallbackOnSomething");
}

TEST_CASE("elements of other types are kept with their JSON", "[tencent][webhook]") {
    const std::string body =
        R"({"GroupId":"room1","MsgBody":[)"
        R"({"MsgType":"TIMCustomElem","MsgContent":{"Data":"{\"gift\":7}","Desc":"gift","Ext":"x"}},)"
        R"({"MsgType":"TIMTextElem","MsgContent":{"Text":"thanks!"}},)"
        R"({"MsgType":"TIMFaceElem","MsgContent":{"Index":1,"Data":"content"}}]})";
    auto hook = read_group_message_webhook(body);
    REQUIRE(hook.ok());
    REQUIRE(hook->MsgBody.size() == 3);
    CHECK(hook->MsgBody[0].MsgType == "TIMCustomElem");
    CHECK(hook->MsgBody[0].MsgContent == R"({"Data":"{\"gift\":7}","Desc":"gift","Ext":"x"})");
    CHECK_FALSE(hook->MsgBody[0].text().has_value());
    CHECK(hook->MsgBody[2].MsgContent == R"({"Index":1,"Data":"content"})");
    CHECK(hook->texts() == std::vector<std::string>{"thanks!"});

    send_text_msg msg{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "thanks!"};
    CHECK(carries(*hook, msg));  // other element types are not compared
    CHECK(send_text_msg_of(*hook).TextContent == "thanks!");

    // A text element whose content lacks Text has no text.
    CHECK_FALSE((message_element{"TIMTextElem", R"({"Txt":"x"})"}.text().has_value()));
    CHECK_FALSE((message_element{"TIMTextElem", R"("x")"}.text().has_value()));
}

TEST_CASE("unknown members are ignored, null reads as absent", "[tencent][webhook]") {
    auto hook = read_group_message_webhook(
        R"({"Future":{"a":[1,2]},"MsgBody":[{"MsgType":"TIMTextElem","Extra":true,"MsgContent":{"Text":"msg","More":1}}],)"
        R"("CloudCustomData":null,"Random":null,"MsgId":null,"EventTime":null,"GroupId":null,"Nested":"x"})");
    REQUIRE(hook.ok());
    CHECK(hook->texts() == std::vector<std::string>{"msg"});
    CHECK(hook->MsgBody[0].MsgContent == R"({"Text":"msg","More":1})");
    CHECK_FALSE(hook->CloudCustomData.has_value());
    CHECK_FALSE(hook->Random.has_value());
    CHECK_FALSE(hook->MsgId.has_value());
    CHECK_FALSE(hook->EventTime.has_value());
    CHECK_FALSE(hook->GroupId);

    // Nothing is required: a body without MsgBody has no elements.
    auto empty = read_group_message_webhook("{}");
    REQUIRE(empty.ok());
    CHECK(empty->MsgBody.empty());
    CHECK(empty->texts().empty());

    // A key repeated: the last one counts, for the element and its raw content alike.
    auto repeated = read_group_message_webhook(
        R"({"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"}}],)"
        R"("MsgBody":[{"MsgContent":{"Text":"b"},"MsgType":"TIMTextElem","MsgContent":{"Text":"c"}}]})");
    REQUIRE(repeated.ok());
    CHECK(repeated->MsgBody[0].MsgContent == R"({"Text":"c"})");
    CHECK(repeated->texts() == std::vector<std::string>{"c"});

    // Keys spelled with escapes are the same keys.
    auto escaped_keys = read_group_message_webhook(R"({"Msg\u0042ody":[{"MsgType":"TIMTextElem","Msg\u0043ontent" : {"Text":"e"}}]})");
    REQUIRE(escaped_keys.ok());
    CHECK(escaped_keys->MsgBody[0].MsgContent == R"({"Text":"e"})");
}

TEST_CASE("a webhook body that cannot be read gives every problem and keeps the body", "[tencent][webhook]") {
    auto check_errors = [](const std::string& body, std::vector<std::pair<std::string, error_code>> expected) {
        INFO(body);
        auto hook = read_group_message_webhook(body);
        REQUIRE_FALSE(hook.ok());
        CHECK(hook.errors().input() == body);
        CHECK(hook.errors().model() == "group_message_webhook");
        REQUIRE(hook.errors().size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CHECK(hook.errors()[i].field == expected[i].first);
            CHECK(hook.errors()[i].code == expected[i].second);
        }
    };
    check_errors("[]", {{"", error_code::wrong_type}});
    check_errors(R"({"MsgBody":{}})", {{"MsgBody", error_code::wrong_type}});
    check_errors(R"({"MsgBody":[1,{"MsgContent":{}},{"MsgType":"TIMTextElem"}]})",
                 {{"MsgBody[0]", error_code::wrong_type},
                  {"MsgBody[1].MsgType", error_code::missing},
                  {"MsgBody[2].MsgContent", error_code::missing}});
    check_errors(R"({"GroupId":1,"Random":-1,"MsgId":1.5,"MsgBody":[],"CloudCustomData":{},"EventTime":"12a","MsgSeq":true})",
                 {{"GroupId", error_code::wrong_type},
                  {"Random", error_code::out_of_range},
                  {"MsgId", error_code::wrong_type},
                  {"CloudCustomData", error_code::wrong_type},
                  {"EventTime", error_code::wrong_type},
                  {"MsgSeq", error_code::wrong_type}});
    check_errors(R"({"MsgBody":[],"EventTime":"99999999999999999999"})", {{"EventTime", error_code::out_of_range}});
    check_errors("", {{"", error_code::not_json}});
    check_errors("{\"MsgBody\":[]} x", {{"", error_code::not_json}});
}

TEST_CASE("a webhook body cut at any byte is unreadable, with the body kept", "[tencent][webhook][boundary]") {
    for (const std::string& body : {page_webhook_body, before_body, after_body}) {
        // None of the bodies has a prefix that is itself a JSON text: each is one object.
        for (std::size_t n = 0; n < body.size(); ++n) {
            const std::string cut = body.substr(0, n);
            auto hook = read_group_message_webhook(cut);
            INFO(cut);
            REQUIRE_FALSE(hook.ok());
            CHECK(hook.errors().input() == cut);
            CHECK(hook.errors()[0].code == error_code::not_json);
        }
        CHECK(read_group_message_webhook(body).ok());
    }
}

TEST_CASE("the Before webhook's answers", "[tencent][webhook]") {
    CHECK(answer_of({}) == R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0})");
    CHECK(answer_of({}) == after_send_ack);
    CHECK(answer_of({.ErrorCode = 1}) == R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1})");
    CHECK(answer_of({.ErrorCode = 2}) == R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2})");

    // A replacement: its elements as given, MsgContent written as the JSON it holds.
    const before_send_answer replaced{
        .MsgBody = std::vector<message_element>{text_element("red \"packet\"\n"),
                                                {"TIMCustomElem", R"({"Data":"d","Desc":"","Ext":""})"}},
        .CloudCustomData = std::string("your \"cloud\" custom data"),
    };
    CHECK(answer_of(replaced) ==
          R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[)"
          R"({"MsgType":"TIMTextElem","MsgContent":{"Text":"red \"packet\"\n"}},)"
          R"({"MsgType":"TIMCustomElem","MsgContent":{"Data":"d","Desc":"","Ext":""}}],)"
          R"("CloudCustomData":"your \"cloud\" custom data"})");
    CHECK(answer_of({.CloudCustomData = std::string("")}) ==
          R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"CloudCustomData":""})");
    CHECK(answer_of({.MsgBody = std::vector<message_element>{}}) ==
          R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[]})");

    // What a webhook brought can be sent back as it came.
    auto hook = read_group_message_webhook(before_body);
    REQUIRE(hook.ok());
    CHECK(answer_of({.MsgBody = hook->MsgBody}) ==
          R"({"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{ "Text": "hello" }}]})");

    // text_element writes valid JSON that reads back to its text.
    const std::string tricky = std::string("a\"b\\c\x01\t\xE4\xBD\xA0");
    CHECK(text_element(tricky).text() == tricky);
}

TEST_CASE("an invalid answer is refused and nothing is written", "[tencent][webhook]") {
    auto refused = [](const before_send_answer& a) {
        std::string out = "kept";
        auto errors = append_answer(a, out);
        CHECK(out == "kept");
        CHECK(errors.model() == "before_send_answer");
        return errors;
    };
    auto with_element = [](message_element e) {
        return before_send_answer{.MsgBody = std::vector<message_element>{text_element("ok"), std::move(e)}};
    };
    CHECK(codes_for(refused(with_element({"TIMCustomElem", R"({"Data":)"})), "MsgBody[1].MsgContent") ==
          std::vector{error_code::not_json});
    CHECK(codes_for(refused(with_element({"TIMCustomElem", ""})), "MsgBody[1].MsgContent") ==
          std::vector{error_code::not_json});
    CHECK(codes_for(refused(with_element({"TIMCustomElem", R"({"a":1} {})"})), "MsgBody[1].MsgContent") ==
          std::vector{error_code::not_json});
    CHECK(codes_for(refused(with_element({"TIMCustomElem", "[1]"})), "MsgBody[1].MsgContent") ==
          std::vector{error_code::wrong_type});
    CHECK(codes_for(refused(with_element({"TIMCustomElem", "{\"Data\":\"\xC3\"}"})), "MsgBody[1].MsgContent") ==
          std::vector{error_code::invalid_utf8});
    CHECK(codes_for(refused(with_element(text_element("\xFF"))), "MsgBody[1].MsgContent") ==
          std::vector{error_code::invalid_utf8});
    CHECK(codes_for(refused(with_element({"", "{}"})), "MsgBody[1].MsgType") == std::vector{error_code::empty});
    CHECK(codes_for(refused(with_element({"TIM\xC0", "{}"})), "MsgBody[1].MsgType") ==
          std::vector{error_code::invalid_utf8});
    CHECK(codes_for(refused({.CloudCustomData = std::string("\xED\xA0\x80")}), "CloudCustomData") ==
          std::vector{error_code::invalid_utf8});
    CHECK(codes_for(refused({.ErrorCode = 3}), "ErrorCode") == std::vector{error_code::not_one_of});
    CHECK(codes_for(refused({.ErrorInfo = std::string("\xC0")}), "ErrorInfo") == std::vector{error_code::invalid_utf8});
    CHECK(codes_for(refused({.ActionStatus = std::string("\xC0")}), "ActionStatus") ==
          std::vector{error_code::invalid_utf8});
    // Tencent delivers a changed message only with ErrorCode 0.
    CHECK(codes_for(refused({.ErrorCode = 1, .CloudCustomData = std::string("x")}), "ErrorCode") ==
          std::vector{error_code::conflict});
    CHECK(codes_for(refused({.ErrorCode = 2, .MsgBody = std::vector<message_element>{}}), "ErrorCode") ==
          std::vector{error_code::conflict});
    CHECK(codes_for(refused({.ErrorCode = 10100, .MsgBody = std::vector<message_element>{}}), "ErrorCode") ==
          std::vector{error_code::conflict});

    // Every problem at once.
    auto all = refused({.MsgBody = std::vector<message_element>{{"", "x"}}, .CloudCustomData = std::string("\xFF")});
    CHECK(all.size() == 3);
}

TEST_CASE("read_before_send_answer reads every answer append_answer writes", "[tencent][webhook]") {
    const std::vector<before_send_answer> answers{
        {},
        {.ErrorCode = 1},
        {.ErrorCode = 2},
        {.ErrorInfo = std::string("links are not allowed here"), .ErrorCode = 10100},
        {.MsgBody = std::vector<message_element>{text_element("red \"packet\"\n"),
                                                 {"TIMCustomElem", R"({ "Data" : "d", "Ext":"" })"}},
         .CloudCustomData = std::string("{\"level\":3}")},
        {.MsgBody = std::vector<message_element>{}},
        {.CloudCustomData = std::string("")},
    };
    for (const auto& written : answers) {
        const std::string text = answer_of(written);
        CAPTURE(text);
        auto read = read_before_send_answer(text);
        REQUIRE(read.ok());
        CHECK(read->verdict() == written.verdict());
        CHECK(read->ErrorCode == written.ErrorCode);
        CHECK(read->ErrorInfo == written.ErrorInfo);
        CHECK(read->MsgBody == written.MsgBody);  // MsgContent byte for byte, spaces included
        CHECK(read->CloudCustomData == written.CloudCustomData);
    }
}

TEST_CASE("read_before_send_answer is lenient where Tencent is", "[tencent][webhook]") {
    // The documented answer, members in another order, unknown ones, ErrorCode as digits, nulls.
    auto documented = read_before_send_answer(after_send_ack);
    REQUIRE(documented.ok());
    CHECK(documented->verdict() == before_send_verdict::allow);
    CHECK_FALSE(documented->MsgBody);
    CHECK_FALSE(documented->CloudCustomData);

    auto digits = read_before_send_answer(R"({"ErrorCode":"2","ErrorInfo":"spam","Extra":[1],"MsgBody":null})");
    REQUIRE(digits.ok());
    CHECK(digits->verdict() == before_send_verdict::discard);
    CHECK_FALSE(digits->MsgBody);

    // A replacement with refuse is read; Tencent ignores it, as append_answer refuses to write it.
    auto ignored = read_before_send_answer(R"({"ErrorCode":1,"CloudCustomData":"x"})");
    REQUIRE(ignored.ok());
    CHECK(ignored->verdict() == before_send_verdict::refuse);
    CHECK(ignored->CloudCustomData == "x");
}

TEST_CASE("read_before_send_answer reports every problem and keeps the body", "[tencent][webhook]") {
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, error_code>>>> cases{
        {"", {{"", error_code::not_json}}},
        {"{\"ErrorCode\":0", {{"", error_code::not_json}}},
        {"[0]", {{"", error_code::wrong_type}}},
        {"{}", {{"ErrorCode", error_code::missing}}},
        {R"({"ErrorCode":3})", {{"ErrorCode", error_code::not_one_of}}},
        {R"({"ErrorCode":-1})", {{"ErrorCode", error_code::not_one_of}}},
        {R"({"ErrorCode":"one"})", {{"ErrorCode", error_code::wrong_type}}},
        {R"({"ErrorCode":0,"MsgBody":{}})", {{"MsgBody", error_code::wrong_type}}},
        {R"({"ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem"}],"CloudCustomData":5})",
         {{"MsgBody[0].MsgContent", error_code::missing}, {"CloudCustomData", error_code::wrong_type}}},
    };
    for (const auto& [body, expected] : cases) {
        CAPTURE(body);
        auto read = read_before_send_answer(body);
        REQUIRE_FALSE(read.ok());
        CHECK(read.errors().model() == "before_send_answer");
        CHECK(read.errors().input() == body);
        REQUIRE(read.errors().size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            CHECK(read.errors()[i].field == expected[i].first);
            CHECK(read.errors()[i].code == expected[i].second);
        }
    }
}

TEST_CASE("a Before answer refuses with a code of the app's own, 10100 to 10200", "[tencent][webhook]") {
    // Before Group Message Is Sent, "Response fields", ErrorCode: "If the business side wants to
    // forbid a user to send messages and send `ErrorCode` and `ErrorInfo` to the client, ensure
    // that the value of `ErrorCode` is set within the range of [10100, 10200]."
    // (https://trtc.io/document/74347; the Chat page says it of "group messages":
    // https://intl.cloud.tencent.com/document/product/1047/34374.)
    for (const std::int64_t code : {10100, 10101, 10150, 10200}) {
        INFO(code);
        const std::string body = R"({"ActionStatus":"OK","ErrorInfo":"links are not allowed","ErrorCode":)" +
                                 std::to_string(code) + "}";
        auto read = read_before_send_answer(body);
        REQUIRE(read.ok());
        CHECK(read->verdict() == before_send_verdict::refuse_with_code);
        CHECK(read->ErrorCode == code);
        CHECK(read->ErrorInfo == "links are not allowed");
        // append_answer writes it as it came.
        CHECK(answer_of(*read) == body);
    }
    auto digits = read_before_send_answer(R"({"ErrorCode":"10150","ErrorInfo":"no"})");
    REQUIRE(digits.ok());
    CHECK(digits->verdict() == before_send_verdict::refuse_with_code);

    // Just outside the range, a code means nothing: unreadable, and not written.
    for (const std::int64_t code : {3, 10099, 10201, 10016}) {
        INFO(code);
        auto read = read_before_send_answer(R"({"ErrorInfo":"x","ErrorCode":)" + std::to_string(code) + "}");
        REQUIRE_FALSE(read.ok());
        CHECK(codes_for(read.errors(), "ErrorCode") == std::vector{error_code::not_one_of});
        std::string out;
        CHECK(codes_for(append_answer({.ErrorCode = code}, out), "ErrorCode") == std::vector{error_code::not_one_of});
        CHECK(out.empty());
    }

    CHECK(verdict_of(0) == before_send_verdict::allow);
    CHECK(verdict_of(1) == before_send_verdict::refuse);
    CHECK(verdict_of(2) == before_send_verdict::discard);
    CHECK(verdict_of(first_refusal_code) == before_send_verdict::refuse_with_code);
    CHECK(verdict_of(last_refusal_code) == before_send_verdict::refuse_with_code);
    CHECK_FALSE(verdict_of(-1).has_value());
    CHECK_FALSE(verdict_of(last_refusal_code + 1).has_value());
}

TEST_CASE("read_webhook_query reads the webhook URL", "[tencent][webhook]") {
    const std::string url =
        "https://www.example.com/webhook?SdkAppid=88888888&CallbackCommand=Group.CallbackBeforeSendMsg"
        "&contenttype=json&ClientIP=10.0.0.1&OptPlatform=iOS&Sign=" + std::string(vector_sign) +
        "&RequestTime=" + std::string(vector_time);
    auto q = read_webhook_query(url);
    REQUIRE(q.ok());
    CHECK(q->SdkAppid == 88888888);
    CHECK(q->CallbackCommand == callback_command::before_send_msg);
    CHECK(q->contenttype == "json");
    CHECK(q->ClientIP == "10.0.0.1");
    CHECK(q->OptPlatform == opt_platform::ios);
    CHECK(q->Sign == vector_sign);
    CHECK(q->RequestTime == vector_time);
    CHECK(authenticate_webhook(*q, vector_token, at_unix(1669872112 + 30)).ok());
    CHECK_FALSE(authenticate_webhook(*q, "another token", at_unix(1669872112 + 30)).ok());

    // The query alone, with or without '?', percent-encoded, a fragment ignored, unknown ones ignored.
    for (const std::string text : {"SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterSendMsg&OptPlatform=RESTAPI",
                                   "?SdkAppid=1400000000&CallbackCommand=Group%2ECallbackAfterSendMsg&Extra=%zz&OptPlatform=RESTAPI",
                                   "/hook?a&&SdkAppid=1400000000&CallbackCommand=Group.CallbackAfterSendMsg&OptPlatform=RESTAPI#x"}) {
        INFO(text);
        auto r = read_webhook_query(text);
        REQUIRE(r.ok());
        CHECK(r->SdkAppid == 1400000000);
        CHECK(r->CallbackCommand == callback_command::after_send_msg);
        CHECK(r->OptPlatform == opt_platform::restapi);
        CHECK(r->Sign.empty());
        CHECK(r->RequestTime.empty());
        CHECK(r->ClientIP.empty());
    }
    auto ipv6 = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&ClientIP=%3A%3A1");
    REQUIRE(ipv6.ok());
    CHECK(ipv6->ClientIP == "::1");

    // Every documented platform, and an unknown one kept as it came.
    const std::vector<std::pair<std::string, opt_platform>> platforms{
        {"RESTAPI", opt_platform::restapi}, {"Web", opt_platform::web},         {"Android", opt_platform::android},
        {"iOS", opt_platform::ios},         {"Windows", opt_platform::windows}, {"Mac", opt_platform::mac},
        {"iPad", opt_platform::ipad},       {"Unknown", opt_platform::unknown}};
    for (const auto& [wire, platform] : platforms) {
        auto r = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&OptPlatform=" + wire);
        REQUIRE(r.ok());
        CHECK(r->OptPlatform == platform);
    }
    auto unknown = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&OptPlatform=Harmony");
    REQUIRE(unknown.ok());
    CHECK_FALSE(unknown->OptPlatform.known().has_value());
    CHECK(unknown->OptPlatform.str() == "Harmony");
}

TEST_CASE("read_webhook_query reports what is missing or wrong", "[tencent][webhook]") {
    auto missing = read_webhook_query("https://www.example.com/webhook?CallbackCommand=Group.CallbackBeforeSendMsg");
    REQUIRE_FALSE(missing.ok());
    CHECK(codes_for(missing.errors(), "SdkAppid") == std::vector{error_code::missing});
    CHECK(missing.errors().size() == 1);
    CHECK(missing.errors().model() == "webhook_query");
    CHECK(missing.errors().input() == "https://www.example.com/webhook?CallbackCommand=Group.CallbackBeforeSendMsg");

    auto nothing = read_webhook_query("https://www.example.com/webhook");
    REQUIRE_FALSE(nothing.ok());
    CHECK(codes_for(nothing.errors(), "SdkAppid") == std::vector{error_code::missing});
    CHECK(codes_for(nothing.errors(), "CallbackCommand") == std::vector{error_code::missing});

    for (const char* bad : {"abc", "", "-1", "+1", "12x", "1.0", "%31%"}) {
        INFO(bad);
        auto r = read_webhook_query(std::string("SdkAppid=") + bad + "&CallbackCommand=Group.CallbackBeforeSendMsg");
        REQUIRE_FALSE(r.ok());
        CHECK(codes_for(r.errors(), "SdkAppid") == std::vector{error_code::wrong_type});
    }
    auto huge = read_webhook_query("SdkAppid=99999999999999999999&CallbackCommand=Group.CallbackBeforeSendMsg");
    CHECK(codes_for(huge.errors(), "SdkAppid") == std::vector{error_code::out_of_range});
    auto empty_command = read_webhook_query("SdkAppid=1&CallbackCommand=");
    CHECK(codes_for(empty_command.errors(), "CallbackCommand") == std::vector{error_code::empty});
    // A second Sign could shadow the signed one.
    auto twice = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&Sign=a&Sign=b");
    CHECK(codes_for(twice.errors(), "Sign") == std::vector{error_code::conflict});
    auto bad_escape = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&Sign=%G0");
    CHECK(codes_for(bad_escape.errors(), "Sign") == std::vector{error_code::wrong_type});
}

TEST_CASE("read_webhook_query takes SdkAppid and SdkAppId: names in any case and each once", "[tencent][webhook]") {
    // Tencent spells the name both ways: the Live webhook overview's parameter table has
    // "SdkAppId | SDKAppId assigned by the Chat console when an app is created"
    // (https://www.tencentcloud.com/document/product/647/64412), while the message webhooks'
    // sample URL is "https://www.example.com?SdkAppid=$SDKAppID&CallbackCommand=$CallbackCommand&..."
    // (Before Group Message Is Sent, https://trtc.io/document/74347).
    for (const char* name : {"SdkAppid", "SdkAppId", "sdkappid", "SDKAPPID"}) {
        INFO(name);
        auto q = read_webhook_query(std::string("https://www.example.com?") + name +
                                    "=1400000000&CallbackCommand=Group.CallbackBeforeSendMsg&contenttype=json");
        REQUIRE(q.ok());
        CHECK(q->SdkAppid == 1400000000);
        CHECK(q->CallbackCommand == callback_command::before_send_msg);
    }
    auto other_names = read_webhook_query("sdkAppId=1&callbackcommand=Group.CallbackAfterSendMsg&CONTENTTYPE=json"
                                          "&clientip=10.0.0.1&optplatform=Web&sign=s&requesttime=1");
    REQUIRE(other_names.ok());
    CHECK(other_names->CallbackCommand == callback_command::after_send_msg);
    CHECK(other_names->contenttype == "json");
    CHECK(other_names->ClientIP == "10.0.0.1");
    CHECK(other_names->OptPlatform == opt_platform::web);
    CHECK(other_names->Sign == "s");
    CHECK(other_names->RequestTime == "1");

    // Two spellings of one name are the parameter given twice: neither may shadow the other.
    auto twice = read_webhook_query("SdkAppid=1400000000&CallbackCommand=Group.CallbackBeforeSendMsg&SdkAppId=1400000001");
    REQUIRE_FALSE(twice.ok());
    CHECK(codes_for(twice.errors(), "SdkAppId") == std::vector{error_code::conflict});
    auto forged_sign = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&Sign=a&sign=b");
    CHECK(codes_for(forged_sign.errors(), "sign") == std::vector{error_code::conflict});
    // A name that only begins like one is another parameter.
    auto longer = read_webhook_query("SdkAppidx=1&CallbackCommand=Group.CallbackBeforeSendMsg");
    CHECK(codes_for(longer.errors(), "SdkAppid") == std::vector{error_code::missing});
}

TEST_CASE("OptPlatform: the Mac as either page spells it", "[tencent][webhook]") {
    // The Chat webhook overview lists "`Android`, `iOS`, `Windows`, `macOS`, `iPad`, and `Unknown`"
    // (https://trtc.io/document/34354, Webhook Protocol); the Live webhook overview lists
    // "Android, iOS, Windows, Mac, iPad, Unknown" (https://www.tencentcloud.com/document/product/647/64412).
    for (const std::string wire : {"Mac", "macOS"}) {
        INFO(wire);
        auto q = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&OptPlatform=" + wire);
        REQUIRE(q.ok());
        CHECK(q->OptPlatform == opt_platform::mac);
        CHECK(q->OptPlatform.known() == opt_platform::mac);
        CHECK(q->OptPlatform.str() == wire);  // kept as it came
    }
    // Other spellings stay unknown, kept as they came.
    auto other = read_webhook_query("SdkAppid=1&CallbackCommand=Group.CallbackBeforeSendMsg&OptPlatform=MacOS");
    REQUIRE(other.ok());
    CHECK_FALSE(other->OptPlatform.known().has_value());
    CHECK(other->OptPlatform.str() == "MacOS");
}

TEST_CASE("webhook wire names", "[tencent][webhook]") {
    CHECK(livemsg::to_wire(callback_command::before_send_msg) == "Group.CallbackBeforeSendMsg");
    CHECK(livemsg::to_wire(callback_command::after_send_msg) == "Group.CallbackAfterSendMsg");
    CHECK(livemsg::wire_choices<opt_platform>() == "RESTAPI, Web, Android, iOS, Windows, Mac, iPad, Unknown");
}

}  // namespace tencent_webhook_test
