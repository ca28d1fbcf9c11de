// SPDX-License-Identifier: BSL-1.0
// A Tencent Cloud Chat admin's identity for the REST API: the app, the admin account, and the
// app's secret key (to generate UserSigs, usersig.hpp) or a UserSig made elsewhere. Needs no
// OpenSSL: credential_sources.hpp fills it in.
#pragma once

#include <livemsg/core/secret.hpp>
#include <livemsg/detail/ostream.hpp>

#include <cstdint>
#include <string>

namespace livemsg::tencent {

/// An admin's identity: exactly one of `secret_key` and `usersig` is set. Prints masked.
struct admin_credentials {
    std::uint32_t sdkappid = 0;
    std::string identifier;
    secret secret_key;  ///< generates UserSigs (generate_usersig, admin_signer)
    secret usersig;     ///< a ready UserSig

    template <class Traits>
    friend livemsg::detail::ostream<Traits>& operator<<(livemsg::detail::ostream<Traits>& os, const admin_credentials& c) {
        return os << "admin_credentials{sdkappid=" << c.sdkappid << ", identifier=" << c.identifier
                  << ", secret_key=" << c.secret_key << ", usersig=" << c.usersig << '}';
    }
};

}  // namespace livemsg::tencent
