// SPDX-License-Identifier: BSL-1.0
// The send_text_msg page's example request ("Basic form"), shared by the tests of the request
// and of the webhooks that carry it.
#pragma once

#include <livemsg/tencent/send_text_msg.hpp>

inline livemsg::tencent::send_text_msg page_example() {
    return livemsg::tencent::send_text_msg{
        .RoomId = "room1",
        .Sender_Account = "user1",
        .TextContent = "msg",
        .ExtensionInfo = R"({"data":1,"value":2})",
    };
}
