// SPDX-License-Identifier: BSL-1.0
// SendLiveMessageUser: sends a message to one user of an interactive messaging application.
#pragma once

#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>

#include <boost/describe/class.hpp>

#include <string>

namespace livemsg::alibaba {

struct SendLiveMessageUserResponse {
    std::string RequestId{};
    livemsg::optional<std::string> MsgTid{};  // in the SDK's model; the page's sample omits it
};
BOOST_DESCRIBE_STRUCT(SendLiveMessageUserResponse, (), (RequestId, MsgTid))

/// Members are the page's parameters, in its order, by their wire names.
struct SendLiveMessageUser {
    static constexpr rpc_api api{"SendLiveMessageUser", live_api_version, 0};  // no documented rate
    using response = SendLiveMessageUserResponse;

    nonempty_text<> AppId{};                      // the application that sends it
    alnum_id<64> ReceiverId{};                    // letters and digits, up to 64 bytes
    alnum_id<64> SenderId{};                      // letters and digits, up to 64 bytes
    livemsg::optional<text<512>> SenderInfo{};    // up to 512 bytes
    livemsg::optional<text<15 * 1024>> Body{};    // up to 15 KB, read as 15360 bytes
    livemsg::optional<int64> MsgType{};           // long
    livemsg::optional<alnum_id<64>> MsgTid{};     // identifies the message; reuse it when retrying
    livemsg::optional<data_center> DataCenter{};  // as given to CreateLiveMessageApp
    livemsg::optional<bool> HighReliability{};    // in the SDK's model, not on the page
    livemsg::optional<bool> Storage{};            // in the SDK's model, not on the page
};
BOOST_DESCRIBE_STRUCT(SendLiveMessageUser, (),
                      (AppId, ReceiverId, SenderId, SenderInfo, Body, MsgType, MsgTid, DataCenter,
                       HighReliability, Storage))

}  // namespace livemsg::alibaba
