// Tencent Cloud Chat live rooms. UserSig signing is in usersig.hpp (livemsg::signing).
#pragma once

#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/rest.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
