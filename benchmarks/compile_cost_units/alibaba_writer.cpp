// SPDX-License-Identifier: BSL-1.0
// Compile cost: one Alibaba operation validated and rendered, and nothing read.
#include <livemsg/alibaba/send_live_message_user.hpp>

#include <cstddef>

std::size_t render_user(livemsg::http_request& http) {
    livemsg::alibaba::SendLiveMessageUser user{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hi"};
    return livemsg::alibaba::render(user, http).empty() ? http.url().size() : 0;
}
