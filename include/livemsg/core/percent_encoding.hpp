// SPDX-License-Identifier: BSL-1.0
// RFC 3986 percent-encoding, as both Alibaba signatures and Volcengine's require:
// A-Z a-z 0-9 - _ . ~ stay, every other byte becomes %XX in upper case (space is %20).
// The byte loops live in livemsg/detail/percent_encoding.hpp, below the core, where the
// signatures' canonical query uses them too; these are their public names.
#pragma once

#include <livemsg/detail/percent_encoding.hpp>

namespace livemsg {

using detail::is_unreserved;           // A-Z a-z 0-9 - _ . ~
using detail::append_percent_encoded;  // appends the encoded text to a buffer
using detail::percent_encode;
using detail::percent_decode;          // nullopt for a malformed escape; '+' stays a plus sign

}  // namespace livemsg
