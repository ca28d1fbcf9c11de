// SPDX-License-Identifier: BSL-1.0
// Signing Alibaba Cloud RPC requests: V1 (HMAC-SHA1, in the query, signature_v1.hpp) and V3
// (ACS3-HMAC-SHA256, in headers, the current SDKs' default, signature_v3.hpp). Both sign any
// livemsg::http_request in place, such as one that render() produced.
#pragma once

#include <livemsg/alibaba/signature_v1.hpp>
#include <livemsg/alibaba/signature_v3.hpp>
