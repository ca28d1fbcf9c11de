// SPDX-License-Identifier: BSL-1.0
// Compile cost: one Volcengine operation validated and rendered, and nothing read.
#include <livemsg/volcengine/p2p_send_message_request.hpp>

#include <cstddef>

std::size_t render_p2p(livemsg::http_request& http) {
    using namespace livemsg::volcengine;
    P2PSendMessage p2p{.AppId = 1, .Sender = 2, .ConversationShortId = 3, .MsgType = 4, .Content = "c",
                       .Recipients = recipients::only({5})};
    return render(p2p, http).empty() ? http.body.size() : 0;
}
