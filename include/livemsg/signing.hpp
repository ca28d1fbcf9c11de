// SPDX-License-Identifier: BSL-1.0
// Request signing for every vendor. Needs the livemsg::signing target (OpenSSL 3, zlib);
// livemsg.hpp alone does not.
#pragma once

#include <livemsg/livemsg.hpp>

#include <livemsg/alibaba/signature.hpp>
#include <livemsg/volcengine/signature.hpp>
#include <livemsg/tencent/admin_signer.hpp>
#include <livemsg/tencent/fresh_random.hpp>
#include <livemsg/tencent/usersig.hpp>
#include <livemsg/tencent/webhook_auth.hpp>
