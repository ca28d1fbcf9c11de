// SPDX-License-Identifier: BSL-1.0
// Tencent Cloud Chat live rooms. With livemsg::signing: usersig.hpp (generate, verify),
// admin_signer.hpp (a cached UserSig), fresh_random.hpp (render() drawing `random`) and
// webhook_auth.hpp (a webhook's Sign).
#pragma once

#include <livemsg/tencent/before_send_answer.hpp>
#include <livemsg/tencent/credential_sources.hpp>
#include <livemsg/tencent/credentials.hpp>
#include <livemsg/tencent/error.hpp>
#include <livemsg/tencent/rest.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
#include <livemsg/tencent/webhook.hpp>
#include <livemsg/tencent/webhook_query.hpp>
