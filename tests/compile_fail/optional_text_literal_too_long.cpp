// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_too_long
#include <livemsg/alibaba/send_live_message_user.hpp>

#define LIVEMSG_64_BYTES "1234567890123456789012345678901234567890123456789012345678901234"
#define LIVEMSG_512_BYTES                                                                             \
    LIVEMSG_64_BYTES LIVEMSG_64_BYTES LIVEMSG_64_BYTES LIVEMSG_64_BYTES LIVEMSG_64_BYTES LIVEMSG_64_BYTES \
        LIVEMSG_64_BYTES LIVEMSG_64_BYTES

int main() {
    livemsg::alibaba::SendLiveMessageUser req;
#ifdef LIVEMSG_COMPILE_FAIL
    req.SenderInfo = LIVEMSG_512_BYTES "5";  // 513 bytes into an optional<text<512>>
#else
    req.SenderInfo = LIVEMSG_512_BYTES;
#endif
    return req.SenderInfo.has_value() ? 0 : 1;
}
