// SPDX-License-Identifier: BSL-1.0
// Volcengine RTC OpenAPI messaging. Signing is in signature.hpp (livemsg::signing).
#pragma once

#include <livemsg/volcengine/credential_sources.hpp>
#include <livemsg/volcengine/credentials.hpp>
#include <livemsg/volcengine/error.hpp>
#include <livemsg/volcengine/openapi.hpp>
#include <livemsg/volcengine/p2p_send_message.hpp>
#include <livemsg/volcengine/recipients.hpp>
#include <livemsg/volcengine/response.hpp>
