// SPDX-License-Identifier: BSL-1.0
// SendLiveMessageGroup: sends a message to a group of an interactive messaging application.
#pragma once

#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>

#include <boost/describe/class.hpp>

#include <string>

namespace livemsg::alibaba {

struct SendLiveMessageGroupResponse {
    std::string RequestId{};
    livemsg::optional<std::string> MsgTid{};
};
BOOST_DESCRIBE_STRUCT(SendLiveMessageGroupResponse, (), (RequestId, MsgTid))

/// Members are the page's parameters, in its order, by their wire names. The integers are Long
/// in the SDK's model. A group takes at most 30 distinct MsgType values: see msg_type_budget.
struct SendLiveMessageGroup {
    static constexpr rpc_api api{"SendLiveMessageGroup", live_api_version, 50};
    using response = SendLiveMessageGroupResponse;

    nonempty_text<> AppId{};                        // the application that receives it
    nonempty_text<> GroupId{};                      // an existing group
    alnum_id<64> SenderId{};                        // letters and digits, up to 64 bytes
    livemsg::optional<text<512>> SenderMetaInfo{};  // up to 512 bytes
    livemsg::optional<text<15 * 1024>> Body{};      // up to 15 KB, read as 15360 bytes
    livemsg::optional<int64> MsgType{};
    livemsg::optional<alnum_id<64>> MsgTid{};       // identifies the message; reuse it when retrying
    livemsg::optional<int64> StaticsIncrease{};     // the vendor's default: 1
    livemsg::optional<int64> Weight{};              // the vendor's default: 1
    livemsg::optional<bool> NoStorage{};            // the vendor's default: false (stored 30 days)
    livemsg::optional<bool> NoCache{};              // the vendor's default: false (cached)
    livemsg::optional<data_center> DataCenter{};    // as given to CreateLiveMessageApp
};
BOOST_DESCRIBE_STRUCT(SendLiveMessageGroup, (),
                      (AppId, GroupId, SenderId, SenderMetaInfo, Body, MsgType, MsgTid, StaticsIncrease, Weight,
                       NoStorage, NoCache, DataCenter))

}  // namespace livemsg::alibaba
