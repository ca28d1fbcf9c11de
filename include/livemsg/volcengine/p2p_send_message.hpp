// SPDX-License-Identifier: BSL-1.0
// P2PSendMessage: a pass-through message from one user to others in a conversation. It is not
// stored, so only users online at the time receive it; the answer says who did.
//
// The operation and reading its answer. A unit that only renders the request may include
// p2p_send_message_request.hpp instead, which does not bring in Boost.JSON's parser.
#pragma once

#include <livemsg/volcengine/p2p_send_message_request.hpp>
#include <livemsg/volcengine/response.hpp>
