// SPDX-License-Identifier: BSL-1.0
// The requests every serialization benchmark writes, at three sizes: the vendor page's example,
// a 1 KB body, and the largest body the operation allows; the two larger ones with escape-heavy
// mixed text and with plain chat text. Shared by serialize and allocations.
#pragma once

#include <livemsg/livemsg.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bench {

enum class payload { example, one_kb, max, one_kb_plain, max_plain };

inline constexpr payload all_payloads[] = {payload::example, payload::one_kb, payload::max, payload::one_kb_plain,
                                           payload::max_plain};

constexpr std::string_view payload_name(payload p) {
    switch (p) {
        case payload::example: return "example";
        case payload::one_kb: return "1KB";
        case payload::max: return "max";
        case payload::one_kb_plain: return "1KB-plain";
        case payload::max_plain: return "max-plain";
    }
    return {};
}

constexpr bool is_plain(payload p) { return p == payload::one_kb_plain || p == payload::max_plain; }

// Chat text as the escaper meets it: mostly ASCII, with 2-, 3- and 4-byte UTF-8, quotes, a
// backslash and control characters in every 100 bytes or so.
inline constexpr std::string_view mixed_chunk =
    "Hello, world! A chat line with \"quotes\" and a back\\slash; caf\xC3\xA9 \xE4\xBD\xA0\xE5\xA5\xBD "
    "\xF0\x9F\x98\x80 tab\there, newline\n, bell\x01 end. ";

// Chat text with nothing for JSON to escape: ASCII words and CJK, the common case.
inline constexpr std::string_view plain_chunk =
    "Hello everyone, welcome to tonight's live stream! "
    "\xE5\xA4\xA7\xE5\xAE\xB6\xE5\xA5\xBD\xEF\xBC\x8C\xE6\xAC\xA2\xE8\xBF\x8E\xE6\x9D\xA5\xE5\x88\xB0"
    "\xE7\x9B\xB4\xE6\x92\xAD\xE9\x97\xB4\xEF\xBC\x81 Thanks for the gifts, see you tomorrow. "
    "\xE8\xB0\xA2\xE8\xB0\xA2\xE5\xA4\xA7\xE5\xAE\xB6\xE7\x9A\x84\xE7\xA4\xBC\xE7\x89\xA9\xE3\x80\x82 ";

// `bytes` bytes of `chunk` repeated, cut at a character boundary (so it may be a few bytes short).
inline std::string repeated_text(std::string_view chunk, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes) out += chunk;
    std::size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    return out;
}

inline std::string mixed_text(std::size_t bytes) { return repeated_text(mixed_chunk, bytes); }

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

// A JSON object of at most `bytes` bytes whose one string holds plain text.
inline std::string plain_json(std::size_t bytes) {
    constexpr std::string_view open = R"({"text":")", close = "\"}";
    return std::string(open) + repeated_text(plain_chunk, bytes - open.size() - close.size()) + std::string(close);
}

inline constexpr std::size_t alibaba_max_body = 15 * 1024;
inline constexpr std::size_t tencent_max_text = livemsg::tencent::send_text_msg::max_text_bytes;
// Content has no documented limit: the same 15 KB as Alibaba's.
inline constexpr std::size_t volcengine_max_content = 15 * 1024;

inline std::size_t body_bytes(payload p, std::size_t max) {
    return p == payload::one_kb || p == payload::one_kb_plain ? 1024 : max;
}

// The text of a body of payload p (not the example), at most `max` bytes.
inline std::string body_text(payload p, std::size_t max) {
    return is_plain(p) ? repeated_text(plain_chunk, body_bytes(p, max)) : mixed_text(body_bytes(p, max));
}

inline livemsg::alibaba::SendLiveMessageUser live_message_user(payload p) {
    livemsg::alibaba::SendLiveMessageUser r{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1",
                                            .Body = "hello, user"};
    if (p != payload::example) r.Body = body_text(p, alibaba_max_body);
    return r;
}

inline livemsg::alibaba::SendLiveMessageGroup live_message_group(payload p) {
    livemsg::alibaba::SendLiveMessageGroup r{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1",
                                             .Body = "hello,group", .MsgType = 1};
    if (p != payload::example) r.Body = body_text(p, alibaba_max_body);
    return r;
}

inline livemsg::alibaba::SendMessageToGroup message_to_group(payload p) {
    livemsg::alibaba::SendMessageToGroup r{.AppId = "VKL3", .GroupId = "AE35-T95F", .OperatorUserId = "de1a0",
                                           .Data = R"({"text":"test"})", .SkipAudit = true};
    const std::size_t bytes = body_bytes(p, alibaba_max_body);
    if (p != payload::example) r.Data = is_plain(p) ? plain_json(bytes) : mixed_json(bytes);
    return r;
}

inline livemsg::tencent::send_text_msg text_msg(payload p) {
    livemsg::tencent::send_text_msg r{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg",
                                      .ExtensionInfo = R"({"data":1,"value":2})"};
    if (p != payload::example) r.TextContent = body_text(p, tencent_max_text);
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
    if (p != payload::example) r.Content = body_text(p, volcengine_max_content);
    return r;
}

}  // namespace bench
