// SPDX-License-Identifier: BSL-1.0
// Volcengine credentials: an AccessKey pair, with a session token when it is an STS one.
// Needs no OpenSSL: sources fill it in (credential_sources.hpp), signature.hpp signs with it.
#pragma once

#include <livemsg/core/secret.hpp>
#include <livemsg/detail/ostream.hpp>

#include <string>

namespace livemsg::volcengine {

/// An AccessKey pair, with its STS session token when it is temporary. Prints masked.
struct credentials {
    std::string access_key_id{};
    secret secret_access_key{};  // used as it is, not Base64-decoded
    secret session_token{};      // STS only; sent as X-Security-Token

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const credentials& c) {
        return os << "access_key_id=" << c.access_key_id << " secret_access_key=" << c.secret_access_key
                  << " session_token=" << c.session_token;
    }
};

}  // namespace livemsg::volcengine
