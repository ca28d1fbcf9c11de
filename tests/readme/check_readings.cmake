# SPDX-License-Identifier: BSL-1.0
cmake_minimum_required(VERSION 3.25)
# Checks that the README and the operation headers say how livemsg reads what the vendors' pages
# leave open: a KB is 1024 bytes, Tencent's 12 KB is on TextContent alone, a send is not
# idempotent (and, on Alibaba, a retry reuses MsgTid).
set(readings
    "README.md|read as 1024 bytes"
    "README.md|on TextContent alone"
    "README.md|A send is not idempotent"
    "README.md|reuse it when retrying"
    "include/livemsg/alibaba/send_live_message_user.hpp|read as 15360 bytes"
    "include/livemsg/alibaba/send_live_message_user.hpp|reuse it when retrying"
    "include/livemsg/alibaba/error.hpp|A send is not"
    "include/livemsg/tencent/send_text_msg_request.hpp|a KB read as 1024 bytes"
    "include/livemsg/tencent/send_text_msg_request.hpp|The page limits TextContent alone"
    "include/livemsg/tencent/error.hpp|A send is not idempotent"
    "include/livemsg/volcengine/error.hpp|A send is not idempotent")
set(missing 0)
foreach(reading IN LISTS readings)
    string(REPLACE "|" ";" parts "${reading}")
    list(GET parts 0 file)
    list(GET parts 1 text)
    file(READ ${SOURCE_DIR}/${file} content)
    string(REGEX REPLACE "\n *(///? *)?" " " content "${content}")  # comments wrap: join their lines
    string(FIND "${content}" "${text}" at)
    if(at EQUAL -1)
        message(SEND_ERROR "${file} does not say \"${text}\"")
        math(EXPR missing "${missing} + 1")
    endif()
endforeach()
if(missing EQUAL 0)
    list(LENGTH readings count)
    message("all ${count} documented readings found")
endif()
