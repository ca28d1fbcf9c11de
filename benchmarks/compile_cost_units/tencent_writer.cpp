// SPDX-License-Identifier: BSL-1.0
// Compile cost: one Tencent operation validated and rendered, and nothing read.
#include <livemsg/tencent/send_text_msg_request.hpp>

#include <cstddef>

std::size_t render_text(livemsg::http_request& http) {
    using namespace livemsg::tencent;
    send_text_msg text{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};
    rest_caller caller{.domain = region::singapore, .sdkappid = 1400000000, .identifier = "admin"};
    return render(text, caller, 1, http).empty() ? http.body.size() : 0;
}
