// Alibaba Cloud ApsaraVideo Live interactive messaging.
#pragma once

#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/alibaba/send_live_message_user.hpp>
