// SPDX-License-Identifier: BSL-1.0
// SendMessageToGroup: sends a message to every member of a message group.
#pragma once

#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/text.hpp>

#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>

namespace livemsg::alibaba {

struct SendMessageToGroupResult {
    livemsg::optional<std::string> MessageId{};
};
BOOST_DESCRIBE_STRUCT(SendMessageToGroupResult, (), (MessageId))

struct SendMessageToGroupResponse {
    std::string RequestId{};
    livemsg::optional<SendMessageToGroupResult> Result{};
};
BOOST_DESCRIBE_STRUCT(SendMessageToGroupResponse, (), (RequestId, Result))

/// Message types up to 10000 are the system's; above 10000 they are the application's own.
enum class message_type_kind { system, custom };

constexpr message_type_kind kind_of_message_type(std::int32_t type) noexcept {
    return type <= 10000 ? message_type_kind::system : message_type_kind::custom;
}

/// SkipAudit travels in the query; the other parameters in a form body.
struct SendMessageToGroup {
    static constexpr rpc_api api{"SendMessageToGroup", live_api_version, 100, parameters_in::form_body, "SkipAudit"};
    using response = SendMessageToGroupResponse;

    nonempty_text<> AppId{};
    nonempty_text<> GroupId{};
    nonempty_text<> OperatorUserId{};
    livemsg::optional<int32> Type{};     // see kind_of_message_type
    json_text<> Data{};                  // the message body, a JSON string
    livemsg::optional<bool> SkipAudit{}; // true: no content moderation; the vendor's default: false
};
BOOST_DESCRIBE_STRUCT(SendMessageToGroup, (), (AppId, GroupId, OperatorUserId, Type, Data, SkipAudit))

}  // namespace livemsg::alibaba
