// SPDX-License-Identifier: BSL-1.0
// P2PSendMessage: a pass-through message from one user to others in a conversation. It is not
// stored, so only users online at the time receive it; the answer says who did.
//
// The operation's types alone, for a unit that only renders it: p2p_send_message.hpp adds
// reading the answer (parse_response).
#pragma once

#include <livemsg/core/integer.hpp>
#include <livemsg/core/open_enum.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/volcengine/openapi.hpp>
#include <livemsg/volcengine/recipients.hpp>
#include <livemsg/volcengine/response_metadata.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace livemsg::volcengine {

/// Code of one recipient's result.
enum class delivery_status { success, not_online };
BOOST_DESCRIBE_ENUM(delivery_status, success, not_online)

constexpr std::string_view wire_name(delivery_status s) noexcept {
    switch (s) {
        case delivery_status::success: return "SUCCESS";
        case delivery_status::not_online: return "NOT_ONLINE";
    }
    return {};
}

/// The platform a recipient was signed in on; Default when it was not online.
enum class device_platform { android, web, ios, default_platform };
BOOST_DESCRIBE_ENUM(device_platform, android, web, ios, default_platform)

constexpr std::string_view wire_name(device_platform p) noexcept {
    switch (p) {
        case device_platform::android: return "Android";
        case device_platform::web: return "Web";
        case device_platform::ios: return "IOS";
        case device_platform::default_platform: return "Default";
    }
    return {};
}

/// One recipient's result, read leniently: only UserId is required, so that one incomplete entry
/// does not cost the others theirs.
struct P2PResult {
    std::int64_t UserId{};                                      // Long: exact
    livemsg::optional<open_enum<delivery_status>> Code{};       // SUCCESS, NOT_ONLINE, or kept as it came
    livemsg::optional<open_enum<device_platform>> DevicePlatform{};  // Android, Web, IOS, Default, or as it came
};
BOOST_DESCRIBE_STRUCT(P2PResult, (), (UserId, Code, DevicePlatform))

struct P2PSendMessageResult {
    std::vector<volcengine::P2PResult> P2PResult{};

    /// The users who received the message.
    std::vector<std::int64_t> delivered() const { return users_with(delivery_status::success); }
    /// The users who were not online, and so did not receive it.
    std::vector<std::int64_t> offline() const { return users_with(delivery_status::not_online); }
    /// Results without a Code, or with one this library does not know (Code->str() holds it).
    std::vector<volcengine::P2PResult> unrecognized() const {
        std::vector<volcengine::P2PResult> out;
        for (const auto& r : P2PResult)
            if (!r.Code || !r.Code->known()) out.push_back(r);
        return out;
    }

private:
    std::vector<std::int64_t> users_with(delivery_status status) const {
        std::vector<std::int64_t> out;
        for (const auto& r : P2PResult)
            if (r.Code == status) out.push_back(r.UserId);
        return out;
    }
};
BOOST_DESCRIBE_STRUCT(P2PSendMessageResult, (), (P2PResult))

/// Result is unset when the answer carries none, or carries null.
struct P2PSendMessageResponse {
    volcengine::ResponseMetadata ResponseMetadata{};
    livemsg::optional<P2PSendMessageResult> Result{};

    /// Each recipient's result; empty when the answer carries none.
    const std::vector<volcengine::P2PResult>& results() const noexcept {
        static const std::vector<volcengine::P2PResult> none;
        return Result ? Result->P2PResult : none;
    }
};
BOOST_DESCRIBE_STRUCT(P2PSendMessageResponse, (), (ResponseMetadata, Result))

/// Members are the page's body parameters, in its order, by their wire names.
struct P2PSendMessage {
    static constexpr openapi api{"P2PSendMessage", rtc_api_version, 100};
    using response = P2PSendMessageResponse;

    /// The page types AppId and MsgType as Integer and the IDs as Long; Volcengine's generated
    /// SDK models map Integer to int32 and Long to int64. A wider value is reported, not cut.
    int32 AppId{};
    int64 Sender{};               // the sender's UserId
    int64 ConversationShortId{};  // the conversation
    int32 MsgType{};
    text<> Content{};             // any valid UTF-8, passed through untouched; often JSON, not required to be
    recipients Recipients{};      // written as ReceiverUserId and IgnoreUserIds
};
BOOST_DESCRIBE_STRUCT(P2PSendMessage, (), (AppId, Sender, ConversationShortId, MsgType, Content, Recipients))

}  // namespace livemsg::volcengine
