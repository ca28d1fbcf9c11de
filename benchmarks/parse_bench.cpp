// SPDX-License-Identifier: BSL-1.0
// Reading each operation's success and error answers: livemsg's parse_response against
// boost::json::parse + value_to and nlohmann::json::parse + field access, into plain structs
// holding the same fields. Names: parse/<operation>/<success|error>/<reader>.
#include <livemsg/livemsg.hpp>

#include <benchmark/benchmark.h>
#include <boost/describe/class.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value_to.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the baselines read into: the answers' fields, as an SDK without livemsg declares them.
// Boost 1.81's value_to wants every described member present, so each struct has exactly the
// keys of its body.
namespace plain {

struct alibaba_sent {
    std::string RequestId;
    std::string MsgTid;
};
BOOST_DESCRIBE_STRUCT(alibaba_sent, (), (RequestId, MsgTid))

struct alibaba_error {
    std::string RequestId;
    std::string HostId;
    std::string Code;
    std::string Message;
    std::string Recommend;
};
BOOST_DESCRIBE_STRUCT(alibaba_error, (), (RequestId, HostId, Code, Message, Recommend))

struct message_id {
    std::string MessageId;
};
BOOST_DESCRIBE_STRUCT(message_id, (), (MessageId))

struct group_sent {
    std::string RequestId;
    message_id Result;
};
BOOST_DESCRIBE_STRUCT(group_sent, (), (RequestId, Result))

struct tencent_receipt {
    std::int64_t MsgTime;
    std::int64_t MsgSeq;
    std::string MsgDropReason;
};
BOOST_DESCRIBE_STRUCT(tencent_receipt, (), (MsgTime, MsgSeq, MsgDropReason))

struct tencent_sent {
    std::int64_t ErrorCode;
    std::string ErrorInfo;
    std::string ActionStatus;
    std::string RequestId;
    tencent_receipt Response;
};
BOOST_DESCRIBE_STRUCT(tencent_sent, (), (ErrorCode, ErrorInfo, ActionStatus, RequestId, Response))

struct tencent_error {
    std::string ActionStatus;
    std::int64_t ErrorCode;
    std::string ErrorInfo;
    std::string RequestId;
};
BOOST_DESCRIBE_STRUCT(tencent_error, (), (ActionStatus, ErrorCode, ErrorInfo, RequestId))

struct volc_error {
    std::int64_t CodeN;
    std::string Code;
    std::string Message;
};
BOOST_DESCRIBE_STRUCT(volc_error, (), (CodeN, Code, Message))

struct volc_metadata {
    std::string RequestId;
    std::string Action;
    std::string Version;
    std::string Service;
    std::string Region;
};
BOOST_DESCRIBE_STRUCT(volc_metadata, (), (RequestId, Action, Version, Service, Region))

struct volc_failed_metadata {
    std::string RequestId;
    std::string Action;
    std::string Version;
    std::string Service;
    std::string Region;
    volc_error Error;
};
BOOST_DESCRIBE_STRUCT(volc_failed_metadata, (), (RequestId, Action, Version, Service, Region, Error))

struct volc_result_item {
    std::int64_t UserId;
    std::string Code;
    std::string DevicePlatform;
};
BOOST_DESCRIBE_STRUCT(volc_result_item, (), (UserId, Code, DevicePlatform))

struct volc_result {
    std::vector<volc_result_item> P2PResult;
};
BOOST_DESCRIBE_STRUCT(volc_result, (), (P2PResult))

struct volc_sent {
    volc_metadata ResponseMetadata;
    volc_result Result;
};
BOOST_DESCRIBE_STRUCT(volc_sent, (), (ResponseMetadata, Result))

struct volc_failed {
    volc_failed_metadata ResponseMetadata;
};
BOOST_DESCRIBE_STRUCT(volc_failed, (), (ResponseMetadata))

}  // namespace plain

namespace {

constexpr std::string_view alibaba_sent_body =
    R"({"RequestId":"5E4A2BE8-F1F4-4F2B-A3C1-0E6D6A8C3F5B","MsgTid":"8c6f4b2e1d0a4f3b9e7c5a1d2b3c4d5e"})";
constexpr std::string_view alibaba_error_body =
    R"({"RequestId":"5E4A2BE8-F1F4-4F2B-A3C1-0E6D6A8C3F5B","HostId":"live.aliyuncs.com","Code":"Throttling.User",)"
    R"("Message":"Request was denied due to user flow control.",)"
    R"("Recommend":"https://api.aliyun.com/troubleshoot?q=Throttling.User&product=live"})";
constexpr std::string_view group_sent_body =
    R"({"RequestId":"16A96B9A-F203-4EC5-8E43-CB92E68F4CD8","Result":{"MessageId":"a1b2c3d4e5f60718"}})";
constexpr std::string_view tencent_sent_body =
    R"({"ErrorCode":0,"ErrorInfo":"","ActionStatus":"OK","RequestId":"Id-8a2c41f5d3bd4e6c9b0e-O-Seq-52720",)"
    R"("Response":{"MsgTime":1750074420,"MsgSeq":25,"MsgDropReason":""}})";
constexpr std::string_view tencent_error_body =
    R"({"ActionStatus":"FAIL","ErrorCode":100001,"ErrorInfo":"Server internal error, please retry.",)"
    R"("RequestId":"Id-8a2c41f5d3bd4e6c9b0e-O-Seq-52720"})";
constexpr std::string_view volc_sent_body = R"({
    "ResponseMetadata": {"RequestId": "20240604150611EC00A9D1A0E4F0DF98AB", "Action": "P2PSendMessage",
                         "Version": "2020-12-01", "Service": "rtc", "Region": "cn-north-1"},
    "Result": {"P2PResult": [{"UserId": 10008, "Code": "NOT_ONLINE", "DevicePlatform": "Default"},
                             {"UserId": 10001, "Code": "SUCCESS", "DevicePlatform": "Web"}]}})";
constexpr std::string_view volc_error_body = R"({
    "ResponseMetadata": {"RequestId": "20240604150611EC00A9D1A0E4F0DF98AB", "Action": "P2PSendMessage",
                         "Version": "2020-12-01", "Service": "rtc", "Region": "cn-north-1",
                         "Error": {"CodeN": 100010, "Code": "SignatureDoesNotMatch",
                                   "Message": "The request signature we calculated does not match the signature you provided."}}})";

[[noreturn]] void unexpected() { std::abort(); }

template <class Plain>
Plain boost_value_to(std::string_view body) {
    return boost::json::value_to<Plain>(boost::json::parse(body));
}

// nlohmann: parse, then read the fields by hand, as SDK code does.
std::string text(const nlohmann::json& j, const char* key) { return j.at(key).get<std::string>(); }

plain::alibaba_sent nlohmann_alibaba_sent(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    return {text(j, "RequestId"), text(j, "MsgTid")};
}
plain::alibaba_error nlohmann_alibaba_error(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    return {text(j, "RequestId"), text(j, "HostId"), text(j, "Code"), text(j, "Message"), text(j, "Recommend")};
}
plain::group_sent nlohmann_group_sent(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    return {text(j, "RequestId"), {text(j.at("Result"), "MessageId")}};
}
plain::tencent_sent nlohmann_tencent_sent(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    const auto& r = j.at("Response");
    return {j.at("ErrorCode").get<std::int64_t>(), text(j, "ErrorInfo"), text(j, "ActionStatus"), text(j, "RequestId"),
            {r.at("MsgTime").get<std::int64_t>(), r.at("MsgSeq").get<std::int64_t>(), text(r, "MsgDropReason")}};
}
plain::tencent_error nlohmann_tencent_error(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    return {text(j, "ActionStatus"), j.at("ErrorCode").get<std::int64_t>(), text(j, "ErrorInfo"), text(j, "RequestId")};
}
plain::volc_metadata nlohmann_metadata(const nlohmann::json& m) {
    return {text(m, "RequestId"), text(m, "Action"), text(m, "Version"), text(m, "Service"), text(m, "Region")};
}
plain::volc_sent nlohmann_volc_sent(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    plain::volc_sent out{nlohmann_metadata(j.at("ResponseMetadata")), {}};
    for (const auto& item : j.at("Result").at("P2PResult"))
        out.Result.P2PResult.push_back({item.at("UserId").get<std::int64_t>(), text(item, "Code"), text(item, "DevicePlatform")});
    return out;
}
plain::volc_failed nlohmann_volc_failed(std::string_view body) {
    const auto j = nlohmann::json::parse(body);
    const auto& m = j.at("ResponseMetadata");
    const auto& e = m.at("Error");
    const auto meta = nlohmann_metadata(m);
    return {{meta.RequestId, meta.Action, meta.Version, meta.Service, meta.Region,
             {e.at("CodeN").get<std::int64_t>(), text(e, "Code"), text(e, "Message")}}};
}

template <class Parse>
void register_reader(const std::string& name, std::string_view body, Parse parse) {
    benchmark::RegisterBenchmark(name.c_str(), [body, parse](benchmark::State& state) {
        for (auto _ : state) {
            auto answer = parse(body);
            benchmark::DoNotOptimize(answer);
        }
        state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * body.size()));
    });
}

// livemsg's reader must land on the expected outcome, or the comparison means nothing.
template <class Parse, class Expect>
void register_case(std::string_view operation, std::string_view outcome, std::string_view body, Parse livemsg,
                   Expect expected, auto boost_reader, auto nlohmann_reader) {
    if (!expected(livemsg(body))) unexpected();
    const std::string prefix = "parse/" + std::string(operation) + "/" + std::string(outcome) + "/";
    register_reader(prefix + "livemsg", body, livemsg);
    register_reader(prefix + "boost_value_to", body, boost_reader);
    register_reader(prefix + "nlohmann", body, nlohmann_reader);
}

const int registered = [] {
    namespace ali = livemsg::alibaba;
    namespace tc = livemsg::tencent;
    namespace vc = livemsg::volcengine;
    auto is_result = [](const auto& r) { return r.result() != nullptr; };
    auto is_error = [](const auto& r) { return r.error() != nullptr; };

    register_case("alibaba.SendLiveMessageUser", "success", alibaba_sent_body,
                  [](std::string_view b) { return ali::parse_response<ali::SendLiveMessageUser>(200, b); }, is_result,
                  boost_value_to<plain::alibaba_sent>, nlohmann_alibaba_sent);
    register_case("alibaba.SendLiveMessageUser", "error", alibaba_error_body,
                  [](std::string_view b) { return ali::parse_response<ali::SendLiveMessageUser>(400, b); }, is_error,
                  boost_value_to<plain::alibaba_error>, nlohmann_alibaba_error);
    register_case("alibaba.SendLiveMessageGroup", "success", alibaba_sent_body,
                  [](std::string_view b) { return ali::parse_response<ali::SendLiveMessageGroup>(200, b); }, is_result,
                  boost_value_to<plain::alibaba_sent>, nlohmann_alibaba_sent);
    register_case("alibaba.SendLiveMessageGroup", "error", alibaba_error_body,
                  [](std::string_view b) { return ali::parse_response<ali::SendLiveMessageGroup>(400, b); }, is_error,
                  boost_value_to<plain::alibaba_error>, nlohmann_alibaba_error);
    register_case("alibaba.SendMessageToGroup", "success", group_sent_body,
                  [](std::string_view b) { return ali::parse_response<ali::SendMessageToGroup>(200, b); }, is_result,
                  boost_value_to<plain::group_sent>, nlohmann_group_sent);
    register_case("alibaba.SendMessageToGroup", "error", alibaba_error_body,
                  [](std::string_view b) { return ali::parse_response<ali::SendMessageToGroup>(400, b); }, is_error,
                  boost_value_to<plain::alibaba_error>, nlohmann_alibaba_error);
    register_case("tencent.send_text_msg", "success", tencent_sent_body,
                  [](std::string_view b) { return tc::parse_response<tc::send_text_msg>(200, b); }, is_result,
                  boost_value_to<plain::tencent_sent>, nlohmann_tencent_sent);
    register_case("tencent.send_text_msg", "error", tencent_error_body,
                  [](std::string_view b) { return tc::parse_response<tc::send_text_msg>(200, b); }, is_error,
                  boost_value_to<plain::tencent_error>, nlohmann_tencent_error);
    register_case("volcengine.P2PSendMessage", "success", volc_sent_body,
                  [](std::string_view b) { return vc::parse_response<vc::P2PSendMessage>(200, b); }, is_result,
                  boost_value_to<plain::volc_sent>, nlohmann_volc_sent);
    register_case("volcengine.P2PSendMessage", "error", volc_error_body,
                  [](std::string_view b) { return vc::parse_response<vc::P2PSendMessage>(401, b); }, is_error,
                  boost_value_to<plain::volc_failed>, nlohmann_volc_failed);
    return 0;
}();

}  // namespace
