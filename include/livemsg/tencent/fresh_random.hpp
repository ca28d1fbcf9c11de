// SPDX-License-Identifier: BSL-1.0
// render() for Tencent REST calls with a fresh `random` from OpenSSL's CSPRNG, so that no two
// calls share one. Needs livemsg::signing; rest.hpp's render() takes `random` from the caller.
#pragma once

#include <livemsg/core/checked.hpp>
#include <livemsg/core/error.hpp>
#include <livemsg/core/http_request.hpp>
#include <livemsg/detail/crypto.hpp>
#include <livemsg/tencent/rest.hpp>

#include <array>
#include <cstdint>

namespace livemsg::tencent {

/// A `random` for one REST call, from OpenSSL's CSPRNG.
inline std::uint32_t fresh_random() {
    std::array<unsigned char, 4> bytes;
    livemsg::detail::random_bytes(bytes);
    return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
           static_cast<std::uint32_t>(bytes[2]) << 8 | static_cast<std::uint32_t>(bytes[3]);
}

/// render() with a fresh CSPRNG `random`.
template <rest_operation Op>
validation_errors render(const Op& op, const rest_caller& caller, http_request& out) {
    return render(op, caller, fresh_random(), out);
}

template <rest_operation Op>
checked<http_request> render(const Op& op, const rest_caller& caller) {
    return render(op, caller, fresh_random());
}

}  // namespace livemsg::tencent
