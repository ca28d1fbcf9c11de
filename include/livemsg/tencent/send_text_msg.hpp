// SPDX-License-Identifier: BSL-1.0
// v4/live_engine_http_srv/send_text_msg: an app admin sends a text message to a live room.
//
// The operation and reading its answer. A unit that only renders the request may include
// send_text_msg_request.hpp instead, which does not bring in Boost.JSON's parser.
#pragma once

#include <livemsg/tencent/rest.hpp>
#include <livemsg/tencent/send_text_msg_request.hpp>
