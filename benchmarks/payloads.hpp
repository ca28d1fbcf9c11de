// The requests every serialization benchmark writes, at three sizes: the vendor page's example,
// a 1 KB body, and the largest body the operation allows. Shared by serialize and allocations.
#pragma once

#include <livemsg/livemsg.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bench {

enum class payload { example, one_kb, max };

constexpr std::string_view payload_name(payload p) {
    switch (p) {
        case payload::example: return "example";
        case payload::one_kb: return "1KB";
        case payload::max: return "max";
    }
    return {};
}

// Chat text as the escaper meets it: mostly ASCII, with 2-, 3- and 4-byte UTF-8, quotes, a
// backslash and control characters in every 100 bytes or so.
inline constexpr std::string_view mixed_chunk =
    "Hello, world! A chat line with \"quotes\" and a back\\slash; caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD "
    "\xF0\x9F\x98\x80 tab\there, newline\n, bell\x01 end. ";

// `bytes` bytes of mixed text, cut at a character boundary (so it may be a few bytes short).
inline std::string mixed_text(std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) out += mixed_chunk;
    std::size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    return out;
}

// A JSON object of at most `bytes` bytes whose one string holds mixed text.
inline std::string mixed_json(std::size_t bytes) {
    std::string escaped_chunk;
    livemsg::detail::append_json_string(escaped_chunk, mixed_chunk);
    escaped_chunk = escaped_chunk.substr(1, escaped_chunk.size() - 2);
    std::string out = R"({"text":")";
    while (out.size() + escaped_chunk.size() + 2 <= bytes) out += escaped_chunk;
    out += "\"}";
    return out;
}

inline constexpr std::size_t alibaba_max_body = 15 * 1024;
inline constexpr std::size_t tencent_max_text = livemsg::tencent::send_text_msg::max_text_bytes;
// Content has no documented limit: the same 15 KB as Alibaba's.
inline constexpr std::size_t volcengine_max_content = 15 * 1024;

inline std::size_t body_bytes(payload p, std::size_t max) { return p == payload::one_kb ? 1024 : max; }

inline livemsg::alibaba::SendLiveMessageUser live_message_user(payload p) {
    livemsg::alibaba::SendLiveMessageUser r{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1",
                                            .Body = "hello, user"};
    if (p != payload::example) r.Body = mixed_text(body_bytes(p, alibaba_max_body));
    return r;
}

inline livemsg::alibaba::SendLiveMessageGroup live_message_group(payload p) {
    livemsg::alibaba::SendLiveMessageGroup r{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1",
                                             .Body = "hello,group", .MsgType = 1};
    if (p != payload::example) r.Body = mixed_text(body_bytes(p, alibaba_max_body));
    return r;
}

inline livemsg::alibaba::SendMessageToGroup message_to_group(payload p) {
    livemsg::alibaba::SendMessageToGroup r{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                           .Data = R"({"text":"test"})", .SkipAudit = true};
    if (p != payload::example) r.Data = mixed_json(body_bytes(p, alibaba_max_body));
    return r;
}

inline livemsg::tencent::send_text_msg text_msg(payload p) {
    livemsg::tencent::send_text_msg r{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg",
                                      .ExtensionInfo = R"({"data":1,"value":2})"};
    if (p != payload::example) r.TextContent = mixed_text(body_bytes(p, tencent_max_text));
    return r;
}

// A signed admin as admin_signer leaves it; the UserSig is a fixed string of a real one's length.
inline livemsg::tencent::rest_caller tencent_caller() {
    livemsg::tencent::rest_caller c{.domain = livemsg::tencent::region::singapore, .sdkappid = 1400000000,
                                    .identifier = "admin"};
    c.usersig = livemsg::tencent::user_sig(std::string(
        "eJwtzEELgjAYxvHv8l4LmdOZCh6CTkJFGHTp4tqKl9LFnFGE37259vx*z-MM0O-rqOcP4tBCaEgRmRaGLQ"
        "2OHQoG6Fn8SgyrKL8gqUo4YCnIy8GqXPw0Y8MM-zZsUlp2CAkpl2XZx7bIhHxb9nhpvt5-QAMgAa0V"));
    return c;
}
inline constexpr std::uint32_t tencent_random = 99999999;

inline livemsg::volcengine::P2PSendMessage p2p_message(payload p) {
    using namespace livemsg::volcengine;
    P2PSendMessage r{.AppId = 666675, .Sender = 10008, .ConversationShortId = 7221856821303361536, .MsgType = 10013,
                     .Content = R"({"type":1000,"ext":"","message_type":10001})",
                     .Recipients = recipients::only({10001, 10008})};
    if (p != payload::example) r.Content = mixed_text(body_bytes(p, volcengine_max_content));
    return r;
}

}  // namespace bench
