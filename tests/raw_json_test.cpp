// SPDX-License-Identifier: BSL-1.0
// raw_json: a member kept as its JSON text, the bytes as they came, whichever reader reads it:
// the event reader takes them after the member's key; the DOM reader, which read_json falls back
// on (an element of an array, a key spelled with escapes, a key given twice), finds them by the
// member's path. Tencent's MsgContent is one: its members depend on MsgType (the live room's
// Before example: "MsgContent":{ "Text": "red packet" }, https://trtc.io/document/74347).
#include <livemsg/core/core.hpp>

#include "test_support.hpp"

#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace raw_json_test {

using livemsg::error_code;
using livemsg::raw_json;

struct element {
    std::string MsgType{};
    raw_json MsgContent{};
};
BOOST_DESCRIBE_STRUCT(element, (), (MsgType, MsgContent))

// A request's member: raw_json carries its rule.
struct payload {
    raw_json Data{};
};
BOOST_DESCRIBE_STRUCT(payload, (), (Data))

struct message {
    std::vector<element> MsgBody{};
    std::optional<raw_json> Extra{};
    std::vector<raw_json> Values{};
};
BOOST_DESCRIBE_STRUCT(message, (), (MsgBody, Extra, Values))

namespace {

// read_json's answer, checked against the DOM reader's; `by_events`: whether the event reader
// reads it (else read_json takes the DOM reader's).
message read_both(const std::string& body, bool by_events) {
    message fast;
    CHECK(livemsg::detail::read_events(body, fast) == by_events);
    const auto dom = livemsg::detail::read_json_dom<message>(body);
    const auto answer = livemsg::read_json<message>(body);
    REQUIRE(dom.ok());
    REQUIRE(answer.ok());
    CHECK(livemsg::to_json(*answer) == livemsg::to_json(*dom));
    if (by_events) CHECK(livemsg::to_json(fast) == livemsg::to_json(*dom));
    return *answer;
}

}  // namespace

TEST_CASE("raw_json keeps a member's bytes as they came", "[raw_json][json_reader]") {
    const std::string body = R"({"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{ "Text": "red packet" }},)"
                             R"({"MsgType":"TIMCustomElem","MsgContent" :  {"Desc":"CustomElement.MemberLevel","Data":"LV1"}}],)"
                             R"("Extra": [ 1.50, "caf\u00e9", "\/", true ] })";
    const message m = read_both(body, true);
    REQUIRE(m.MsgBody.size() == 2);
    CHECK(m.MsgBody[0].MsgContent == R"({ "Text": "red packet" })");
    CHECK(m.MsgBody[1].MsgContent == R"({"Desc":"CustomElement.MemberLevel","Data":"LV1"})");
    REQUIRE(m.Extra);
    CHECK(m.Extra->str() == R"([ 1.50, "caf\u00e9", "\/", true ])");  // numbers and escapes as written

    // Every kind of value, each kept whole: a string keeps its quotes and escapes.
    for (const std::string value : {R"("a \"quoted\" \u0041")", "-0.5e+10", "true", "false", "[]", "{}", R"([[{"a":[]}]])"}) {
        INFO(value);
        const message one = read_both(R"({"MsgBody":[{"MsgType":"t","MsgContent":)" + value + "}]}", true);
        REQUIRE(one.MsgBody.size() == 1);
        CHECK(one.MsgBody[0].MsgContent.str() == value);
    }
    // A member that is not optional keeps null as its text; an optional one is then absent.
    const message nulls = read_both(R"({"MsgBody":[{"MsgType":"t","MsgContent":null}],"Extra":null})", true);
    CHECK(nulls.MsgBody[0].MsgContent == "null");
    CHECK_FALSE(nulls.Extra);
}

TEST_CASE("raw_json: where the event reader cannot find the bytes, the DOM reader finds the same", "[raw_json][json_reader]") {
    // A key spelled with escapes: its value follows bytes that are not the key's own.
    const message escaped = read_both(R"({"MsgBody":[{"MsgType":"t","Msg\u0043ontent" : { "a" : 1 }}]})", false);
    CHECK(escaped.MsgBody[0].MsgContent == R"({ "a" : 1 })");
    // Elements of an array have no key: each is found by its index.
    const message values = read_both(R"({"Values":[ {"a" : 1} ,2, "x" ,[ ]],"Extra":{ }})", false);
    REQUIRE(values.Values.size() == 4);
    CHECK(values.Values[0] == R"({"a" : 1})");
    CHECK(values.Values[1] == "2");
    CHECK(values.Values[2] == R"("x")");
    CHECK(values.Values[3] == "[ ]");
    CHECK(values.Extra == raw_json("{ }"));
    // A key given twice: the last one counts, as the DOM keeps it.
    const message twice = read_both(R"({"MsgBody":[{"MsgType":"t","MsgContent":{"a":1},"MsgContent":{ "b" : 2 }}],)"
                                    R"("Extra":1,"Extra":[2]})",
                                    false);
    CHECK(twice.MsgBody[0].MsgContent == R"({ "b" : 2 })");
    CHECK(twice.Extra == raw_json("[2]"));

    // Read without the text (a DOM alone), the value is written back as Boost.JSON writes it.
    raw_json v;
    livemsg::validation_errors errors;
    livemsg::reporter c(errors);
    livemsg::field_traits<raw_json>::read(v, boost::json::parse(R"({ "a" : [1, 2] })"), c);
    CHECK(v == R"({"a":[1,2]})");
    CHECK(errors.empty());
}

TEST_CASE("raw_json: a member that is missing or cut is reported, the body kept", "[raw_json][json_reader]") {
    const auto missing = livemsg::read_json<message>(R"({"MsgBody":[{"MsgType":"t"}]})");
    REQUIRE_FALSE(missing.ok());
    CHECK(codes_for(missing.errors(), "MsgBody[0].MsgContent") == std::vector{error_code::missing});
    const std::string body = R"({"MsgBody":[{"MsgType":"t","MsgContent":{"Text":"a"}}],"Extra":[1,{"b":"c"}]})";
    for (std::size_t n = 0; n < body.size(); ++n) {
        const std::string cut = body.substr(0, n);
        INFO(cut);
        message fast;
        CHECK_FALSE(livemsg::detail::read_events(cut, fast));
        const auto read = livemsg::read_json<message>(cut);
        REQUIRE_FALSE(read.ok());
        CHECK(read.errors().input() == cut);
    }
}

TEST_CASE("raw_json: the DOM reader finds many elements' bytes in one walk", "[raw_json][json_reader]") {
    // 20000 elements behind an escaped key, so that read_json takes the DOM reader: a walk of the
    // body per element would be some 10^10 steps; one walk for them all takes milliseconds.
    std::string body = R"({"MsgBody":[)";
    for (int i = 0; i < 20000; ++i) {
        if (i) body += ',';
        body += R"({"MsgType":"t","Msg\u0043ontent":{ "i" : )" + std::to_string(i) + "}}";
    }
    body += "]}";
    const auto start = std::chrono::steady_clock::now();
    const auto read = livemsg::read_json<message>(body);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(read.ok());
    REQUIRE(read->MsgBody.size() == 20000);
    CHECK(read->MsgBody[19999].MsgContent == R"({ "i" : 19999})");
    CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("raw_json's rule: one JSON text in UTF-8; written as it is", "[raw_json]") {
    STATIC_REQUIRE(livemsg::field<raw_json>);
    auto codes = [](raw_json v) { return codes_for(livemsg::validate(payload{std::move(v)}), "Data"); };
    CHECK(codes(R"({"a":[1,2]})").empty());
    CHECK(codes(" 7 ").empty());
    CHECK(codes("").at(0) == error_code::not_json);
    CHECK(codes("{").at(0) == error_code::not_json);
    CHECK(codes(R"({"a":1} {})").at(0) == error_code::not_json);
    CHECK(codes("'a'").at(0) == error_code::not_json);
    CHECK(codes("\"\xFF\"").at(0) == error_code::invalid_utf8);
    const auto errors = livemsg::validate(payload{R"({"a":})"});
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].message.find("byte 5") != std::string::npos);

    CHECK(livemsg::to_json(element{.MsgType = "t", .MsgContent = R"({ "k" : [ ] })"}) ==
          R"({"MsgType":"t","MsgContent":{ "k" : [ ] }})");
    CHECK(livemsg::to_json(payload{R"([1, 2])"}) == R"({"Data":[1, 2]})");
    CHECK(raw_json(std::string("x")).view() == "x");
    CHECK(raw_json("{}") != raw_json("{ }"));  // the same JSON, not the same bytes
}

}  // namespace raw_json_test
