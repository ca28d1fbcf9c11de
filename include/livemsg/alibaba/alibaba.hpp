// SPDX-License-Identifier: BSL-1.0
// Alibaba Cloud ApsaraVideo Live interactive messaging.
#pragma once

#include <livemsg/alibaba/credential_sources.hpp>
#include <livemsg/alibaba/credentials.hpp>
#include <livemsg/alibaba/error.hpp>
#include <livemsg/alibaba/msg_type_budget.hpp>
#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/alibaba/send_live_message_group.hpp>
#include <livemsg/alibaba/send_live_message_user.hpp>
#include <livemsg/alibaba/send_message_to_group.hpp>
