// SPDX-License-Identifier: BSL-1.0
// ResponseMetadata: what every Volcengine OpenAPI answer carries. Declared apart from
// response.hpp so that an operation's types need no JSON parser.
#pragma once

#include <boost/describe/class.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace livemsg::volcengine {

struct ResponseError {
    std::string Code{};                      // "SignatureDoesNotMatch"
    std::optional<std::int64_t> CodeN{};     // 100010
    std::optional<std::string> Message{};    // read leniently: a code alone is still an error
};
BOOST_DESCRIBE_STRUCT(ResponseError, (), (Code, CodeN, Message))

/// Only RequestId is required: the rest describes the call, and a body without it is still the
/// answer (the page's own sample sends Service and Region empty).
struct ResponseMetadata {
    std::string RequestId{};
    std::optional<std::string> Action{};
    std::optional<std::string> Version{};
    std::optional<std::string> Service{};
    std::optional<std::string> Region{};
    std::optional<ResponseError> Error{};  // only when the call failed
};
BOOST_DESCRIBE_STRUCT(ResponseMetadata, (), (RequestId, Action, Version, Service, Region, Error))

}  // namespace livemsg::volcengine
