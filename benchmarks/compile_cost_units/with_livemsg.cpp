// SPDX-License-Identifier: BSL-1.0
// Compile cost: the umbrella header, and all five operations validated and serialized.
#include <livemsg/livemsg.hpp>

#include <cstddef>

std::size_t render_all(livemsg::http_request& http) {
    using namespace livemsg;
    std::size_t bytes = 0;
    alibaba::SendLiveMessageUser user{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hi"};
    alibaba::SendLiveMessageGroup group{.AppId = "demo", .GroupId = "g1", .SenderId = "uid1", .Body = "hi"};
    alibaba::SendMessageToGroup to_group{.AppId = "VKL3", .GroupId = "g1", .OperatorUserId = "u1",
                                         .Data = R"({"text":"test"})"};
    if (alibaba::render(user, http).empty()) bytes += http.url().size();
    if (alibaba::render(group, http).empty()) bytes += http.url().size();
    if (alibaba::render(to_group, http).empty()) bytes += http.body.size();
    tencent::send_text_msg text{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};
    tencent::rest_caller caller{.domain = tencent::region::singapore, .sdkappid = 1400000000, .identifier = "admin"};
    if (tencent::render(text, caller, 1, http).empty()) bytes += http.body.size();
    volcengine::P2PSendMessage p2p{.AppId = 1, .Sender = 2, .ConversationShortId = 3, .MsgType = 4, .Content = "c",
                                   .Recipients = volcengine::recipients::only({5})};
    if (volcengine::render(p2p, http).empty()) bytes += http.body.size();
    return bytes;
}
