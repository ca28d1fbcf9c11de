// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_not_alphanumeric
#include <livemsg/alibaba/send_live_message_user.hpp>

int main() {
#ifdef LIVEMSG_COMPILE_FAIL
    livemsg::alibaba::SendLiveMessageUser req{.AppId = "demo", .ReceiverId = "uid-2", .SenderId = "uid1"};
#else
    livemsg::alibaba::SendLiveMessageUser req{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1"};
#endif
    return livemsg::validate(req).empty() ? 0 : 1;
}
