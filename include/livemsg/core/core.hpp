// SPDX-License-Identifier: BSL-1.0
// The generic engine: field types with their rules, validation, writers and the reader.
#pragma once

#include <livemsg/core/call_limiter.hpp>
#include <livemsg/core/checked.hpp>
#include <livemsg/core/clock_offset.hpp>
#include <livemsg/core/credential_source.hpp>
#include <livemsg/core/endpoint_url.hpp>
#include <livemsg/core/enum.hpp>
#include <livemsg/core/environment.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/field.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/core/integer.hpp>
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/core/local_rate_limiter.hpp>
#include <livemsg/core/number_or_digits.hpp>
#include <livemsg/core/optional.hpp>
#include <livemsg/core/params.hpp>
#include <livemsg/core/percent_encoding.hpp>
#include <livemsg/core/profile_file.hpp>
#include <livemsg/core/raw_json.hpp>
#include <livemsg/core/redacted.hpp>
#include <livemsg/core/refreshing_credentials.hpp>
#include <livemsg/core/retry.hpp>
#include <livemsg/core/string_field.hpp>
#include <livemsg/core/struct_field.hpp>
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>
#include <livemsg/core/vendor_error.hpp>
