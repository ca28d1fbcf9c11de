// SPDX-License-Identifier: BSL-1.0
// Each operation written four ways: livemsg (validate, render, and the request target), and the
// baselines, which write the same fields as a JSON body without validating them:
// boost::json::value_from + serialize on the same described structs, nlohmann::json built field
// by field and dumped, and a hand-written RapidJSON Writer.
#pragma once

#include "payloads.hpp"

#include <livemsg/livemsg.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <nlohmann/json.hpp>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

// How value_from writes livemsg's field types; found by argument-dependent lookup. Unset
// optional fields become null, as value_from writes an empty std::optional.
namespace livemsg {

template <class Rule, bool Optional>
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const string_field<Rule, Optional>& f) {
    if (f.has_value()) v = boost::json::string_view(f.view().data(), f.view().size());
    else v = nullptr;
}

template <std::integral T, T Min, T Max, bool Optional>
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const integer<T, Min, Max, Optional>& n) {
    if (n.has_value()) v = n.raw();
    else v = nullptr;
}

namespace volcengine {
// value_from writes one key per member, so the two wire lists become one nested object.
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const recipients& r) {
    auto& o = v.emplace_object();
    auto list = [&](recipients::choice which) {
        boost::json::array a;
        if (r.which() == which)
            for (std::int64_t u : r.users()) a.push_back(u);
        return a;
    };
    o["ReceiverUserId"] = list(recipients::choice::only);
    o["IgnoreUserIds"] = list(recipients::choice::all_except);
}
}  // namespace volcengine

}  // namespace livemsg

namespace bench {

[[noreturn]] inline void invalid_request() { std::abort(); }

// livemsg: validate, render into a reused request, and append the request target (where the
// Alibaba operations' percent-encoded parameters are). Returns the bytes on the wire.
struct livemsg_output {
    livemsg::http_request http;
    std::string target;

    std::size_t finish() {
        target.clear();
        http.append_target(target);
        return target.size() + http.body.size();
    }
};

template <livemsg::alibaba::rpc_operation Op>
std::size_t write_livemsg(const Op& op, livemsg_output& out) {
    if (!livemsg::alibaba::render(op, out.http).empty()) invalid_request();
    return out.finish();
}

inline std::size_t write_livemsg(const livemsg::tencent::send_text_msg& op, const livemsg::tencent::rest_caller& caller,
                                 livemsg_output& out) {
    if (!livemsg::tencent::render(op, caller, tencent_random, out.http).empty()) invalid_request();
    return out.finish();
}

inline std::size_t write_livemsg(const livemsg::volcengine::P2PSendMessage& op, livemsg_output& out) {
    if (!livemsg::volcengine::render(op, out.http).empty()) invalid_request();
    return out.finish();
}

// register_operation(name, payload, request, write) for every operation at every payload,
// where write(request, out) is livemsg's validate + render + target.
template <class Register>
void for_each_operation(Register&& register_operation) {
    for (payload p : all_payloads) {
        const auto rpc = [](const auto& op, livemsg_output& out) { return write_livemsg(op, out); };
        register_operation("alibaba.SendLiveMessageUser", p, live_message_user(p), rpc);
        register_operation("alibaba.SendLiveMessageGroup", p, live_message_group(p), rpc);
        register_operation("alibaba.SendMessageToGroup", p, message_to_group(p), rpc);
        register_operation("tencent.send_text_msg", p, text_msg(p),
                           [caller = tencent_caller()](const auto& op, livemsg_output& out) {
                               return write_livemsg(op, caller, out);
                           });
        register_operation("volcengine.P2PSendMessage", p, p2p_message(p), rpc);
    }
}

// The floor: the final bytes copied into a reused buffer of their size.
struct memcpy_floor {
    std::string source;
    std::string out;
    explicit memcpy_floor(const livemsg_output& wire) : source(wire.target + wire.http.body), out(source.size(), '\0') {}
};

// boost::json::value_from + serialize.
template <class Op>
void write_value_from(const Op& op, std::string& out) {
    out = boost::json::serialize(boost::json::value_from(op));
}

// nlohmann::json, field by field, then dump().
inline void write_nlohmann(const livemsg::alibaba::SendLiveMessageUser& r, std::string& out) {
    nlohmann::json j;
    j["AppId"] = r.AppId.view();
    j["ReceiverId"] = r.ReceiverId.view();
    j["SenderId"] = r.SenderId.view();
    if (r.SenderInfo.has_value()) j["SenderInfo"] = r.SenderInfo.view();
    if (r.Body.has_value()) j["Body"] = r.Body.view();
    if (r.MsgType.has_value()) j["MsgType"] = r.MsgType.raw();
    if (r.MsgTid.has_value()) j["MsgTid"] = r.MsgTid.view();
    if (r.DataCenter) j["DataCenter"] = livemsg::to_wire(*r.DataCenter);
    if (r.HighReliability) j["HighReliability"] = *r.HighReliability;
    if (r.Storage) j["Storage"] = *r.Storage;
    out = j.dump();
}

inline void write_nlohmann(const livemsg::alibaba::SendLiveMessageGroup& r, std::string& out) {
    nlohmann::json j;
    j["AppId"] = r.AppId.view();
    j["GroupId"] = r.GroupId.view();
    j["SenderId"] = r.SenderId.view();
    if (r.SenderMetaInfo.has_value()) j["SenderMetaInfo"] = r.SenderMetaInfo.view();
    if (r.Body.has_value()) j["Body"] = r.Body.view();
    if (r.MsgType.has_value()) j["MsgType"] = r.MsgType.raw();
    if (r.MsgTid.has_value()) j["MsgTid"] = r.MsgTid.view();
    if (r.StaticsIncrease.has_value()) j["StaticsIncrease"] = r.StaticsIncrease.raw();
    if (r.Weight.has_value()) j["Weight"] = r.Weight.raw();
    if (r.NoStorage) j["NoStorage"] = *r.NoStorage;
    if (r.NoCache) j["NoCache"] = *r.NoCache;
    if (r.DataCenter) j["DataCenter"] = livemsg::to_wire(*r.DataCenter);
    out = j.dump();
}

inline void write_nlohmann(const livemsg::alibaba::SendMessageToGroup& r, std::string& out) {
    nlohmann::json j;
    j["AppId"] = r.AppId.view();
    j["GroupId"] = r.GroupId.view();
    j["OperatorUserId"] = r.OperatorUserId.view();
    if (r.Type.has_value()) j["Type"] = r.Type.raw();
    j["Data"] = r.Data.view();
    if (r.SkipAudit) j["SkipAudit"] = *r.SkipAudit;
    out = j.dump();
}

inline void write_nlohmann(const livemsg::tencent::send_text_msg& r, std::string& out) {
    nlohmann::json j;
    j["RoomId"] = r.RoomId.view();
    j["Sender_Account"] = r.Sender_Account.view();
    j["TextContent"] = r.TextContent.view();
    if (r.ExtensionInfo.has_value()) j["ExtensionInfo"] = r.ExtensionInfo.view();
    out = j.dump();
}

inline void write_nlohmann(const livemsg::volcengine::P2PSendMessage& r, std::string& out) {
    using livemsg::volcengine::recipients;
    nlohmann::json j;
    j["AppId"] = r.AppId.raw();
    j["Sender"] = r.Sender.raw();
    j["ConversationShortId"] = r.ConversationShortId.raw();
    j["MsgType"] = r.MsgType.raw();
    j["Content"] = r.Content.view();
    j["ReceiverUserId"] = nlohmann::json::array();
    j["IgnoreUserIds"] = nlohmann::json::array();
    if (r.Recipients.which() == recipients::choice::only) j["ReceiverUserId"] = r.Recipients.users();
    if (r.Recipients.which() == recipients::choice::all_except) j["IgnoreUserIds"] = r.Recipients.users();
    out = j.dump();
}

// A hand-written RapidJSON Writer into a reused buffer; it does not validate.
struct rapidjson_output {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer{buffer};

    rapidjson::Writer<rapidjson::StringBuffer>& start() {
        buffer.Clear();
        writer.Reset(buffer);
        return writer;
    }
};

template <class W>
void put(W& w, const char* key, std::string_view s) {
    w.Key(key);
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

inline std::size_t write_rapidjson(const livemsg::alibaba::SendLiveMessageUser& r, rapidjson_output& out) {
    auto& w = out.start();
    w.StartObject();
    put(w, "AppId", r.AppId.view());
    put(w, "ReceiverId", r.ReceiverId.view());
    put(w, "SenderId", r.SenderId.view());
    if (r.SenderInfo.has_value()) put(w, "SenderInfo", r.SenderInfo.view());
    if (r.Body.has_value()) put(w, "Body", r.Body.view());
    if (r.MsgType.has_value()) w.Key("MsgType"), w.Int64(r.MsgType.raw());
    if (r.MsgTid.has_value()) put(w, "MsgTid", r.MsgTid.view());
    if (r.DataCenter) put(w, "DataCenter", livemsg::to_wire(*r.DataCenter));
    if (r.HighReliability) w.Key("HighReliability"), w.Bool(*r.HighReliability);
    if (r.Storage) w.Key("Storage"), w.Bool(*r.Storage);
    w.EndObject();
    return out.buffer.GetSize();
}

inline std::size_t write_rapidjson(const livemsg::alibaba::SendLiveMessageGroup& r, rapidjson_output& out) {
    auto& w = out.start();
    w.StartObject();
    put(w, "AppId", r.AppId.view());
    put(w, "GroupId", r.GroupId.view());
    put(w, "SenderId", r.SenderId.view());
    if (r.SenderMetaInfo.has_value()) put(w, "SenderMetaInfo", r.SenderMetaInfo.view());
    if (r.Body.has_value()) put(w, "Body", r.Body.view());
    if (r.MsgType.has_value()) w.Key("MsgType"), w.Int64(r.MsgType.raw());
    if (r.MsgTid.has_value()) put(w, "MsgTid", r.MsgTid.view());
    if (r.StaticsIncrease.has_value()) w.Key("StaticsIncrease"), w.Int64(r.StaticsIncrease.raw());
    if (r.Weight.has_value()) w.Key("Weight"), w.Int64(r.Weight.raw());
    if (r.NoStorage) w.Key("NoStorage"), w.Bool(*r.NoStorage);
    if (r.NoCache) w.Key("NoCache"), w.Bool(*r.NoCache);
    if (r.DataCenter) put(w, "DataCenter", livemsg::to_wire(*r.DataCenter));
    w.EndObject();
    return out.buffer.GetSize();
}

inline std::size_t write_rapidjson(const livemsg::alibaba::SendMessageToGroup& r, rapidjson_output& out) {
    auto& w = out.start();
    w.StartObject();
    put(w, "AppId", r.AppId.view());
    put(w, "GroupId", r.GroupId.view());
    put(w, "OperatorUserId", r.OperatorUserId.view());
    if (r.Type.has_value()) w.Key("Type"), w.Int64(r.Type.raw());
    put(w, "Data", r.Data.view());
    if (r.SkipAudit) w.Key("SkipAudit"), w.Bool(*r.SkipAudit);
    w.EndObject();
    return out.buffer.GetSize();
}

inline std::size_t write_rapidjson(const livemsg::tencent::send_text_msg& r, rapidjson_output& out) {
    auto& w = out.start();
    w.StartObject();
    put(w, "RoomId", r.RoomId.view());
    put(w, "Sender_Account", r.Sender_Account.view());
    put(w, "TextContent", r.TextContent.view());
    if (r.ExtensionInfo.has_value()) put(w, "ExtensionInfo", r.ExtensionInfo.view());
    w.EndObject();
    return out.buffer.GetSize();
}

inline std::size_t write_rapidjson(const livemsg::volcengine::P2PSendMessage& r, rapidjson_output& out) {
    using livemsg::volcengine::recipients;
    auto& w = out.start();
    w.StartObject();
    w.Key("AppId"), w.Int(r.AppId.value());
    w.Key("Sender"), w.Int64(r.Sender.raw());
    w.Key("ConversationShortId"), w.Int64(r.ConversationShortId.raw());
    w.Key("MsgType"), w.Int(r.MsgType.value());
    put(w, "Content", r.Content.view());
    auto list = [&](const char* key, recipients::choice which) {
        w.Key(key);
        w.StartArray();
        if (r.Recipients.which() == which)
            for (std::int64_t u : r.Recipients.users()) w.Int64(u);
        w.EndArray();
    };
    list("ReceiverUserId", recipients::choice::only);
    list("IgnoreUserIds", recipients::choice::all_except);
    w.EndObject();
    return out.buffer.GetSize();
}

}  // namespace bench
