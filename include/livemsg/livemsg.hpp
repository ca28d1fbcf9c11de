// SPDX-License-Identifier: BSL-1.0
// livemsg: typed, validated requests and responses for live-streaming messaging APIs.
#pragma once

#include <livemsg/version.hpp>
#include <livemsg/core/core.hpp>
#include <livemsg/alibaba/alibaba.hpp>
#include <livemsg/tencent/tencent.hpp>
#include <livemsg/volcengine/volcengine.hpp>
