// SPDX-License-Identifier: BSL-1.0
// Alibaba Cloud credentials: an AccessKey pair, with a security token when it is an STS one.
// Needs no OpenSSL: sources fill it in (credential_sources.hpp), signature.hpp signs with it.
#pragma once

#include <livemsg/core/secret.hpp>
#include <livemsg/detail/ostream.hpp>

#include <string>

namespace livemsg::alibaba {

/// An AccessKey pair, with its STS token when it is temporary. Prints masked.
struct credentials {
    std::string access_key_id;
    secret access_key_secret;
    secret security_token;  // STS; empty when the key is long-lived

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const credentials& c) {
        return os << "credentials{access_key_id=" << c.access_key_id << ", access_key_secret=" << c.access_key_secret
                  << ", security_token=" << c.security_token << '}';
    }
};

}  // namespace livemsg::alibaba
