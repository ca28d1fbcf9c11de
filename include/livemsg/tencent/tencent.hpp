// Tencent Cloud Chat live rooms. With livemsg::signing: usersig.hpp (generate, verify),
// admin_signer.hpp (a cached UserSig) and fresh_random.hpp (render() drawing `random`).
#pragma once

#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/rest.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
