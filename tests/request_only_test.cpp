// SPDX-License-Identifier: BSL-1.0
// A unit that only renders requests compiles without Boost.JSON's value type or parser, and
// without <immintrin.h>: the headers a writer includes (each operation's own for Alibaba, the
// *_request.hpp headers for Tencent and Volcengine) keep reading out of reach.
#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/alibaba/send_live_message_user.hpp>
#include <livemsg/alibaba/send_message_to_group.hpp>
#include <livemsg/tencent/send_text_msg_request.hpp>
#include <livemsg/volcengine/p2p_send_message_request.hpp>

#if defined(BOOST_JSON_VALUE_HPP) || defined(BOOST_JSON_BASIC_PARSER_HPP) || defined(BOOST_JSON_PARSE_HPP)
#error "a request-only header brings in Boost.JSON's value type or parser"
#endif
// Nor <immintrin.h>, every x86 extension's declarations: the byte loops' AVX2 needs none of it
// where the compiler has the builtins (detail/avx2.hpp).
#if !defined(LIVEMSG_DETAIL_AVX2_INTRINSICS) && (defined(_IMMINTRIN_H_INCLUDED) || defined(__IMMINTRIN_H))
#error "a request-only header brings in <immintrin.h>"
#endif

#include <catch2/catch.hpp>

#include <string>

TEST_CASE("request-only headers render every operation", "[compile_cost]") {
    using namespace livemsg;
    http_request http;
    alibaba::SendLiveMessageUser user{.AppId = "demo", .ReceiverId = "uid2", .SenderId = "uid1", .Body = "hi"};
    CHECK(alibaba::render(user, http).empty());
    tencent::send_text_msg text{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};
    tencent::rest_caller caller{.domain = tencent::region::singapore, .sdkappid = 1400000000, .identifier = "admin",
                                .usersig = tencent::user_sig(std::string("eJwsig"))};
    CHECK(tencent::render(text, caller, 1, http).empty());
    volcengine::P2PSendMessage p2p{.AppId = 1, .Sender = 2, .ConversationShortId = 3, .MsgType = 4, .Content = "c",
                                   .Recipients = volcengine::recipients::only({5})};
    CHECK(volcengine::render(p2p, http).empty());
}
