// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_not_alphanumeric
#include <livemsg/core/text.hpp>

int main() {
#ifdef LIVEMSG_COMPILE_FAIL
    livemsg::alnum_id<64> id = "u\xC3\xA9";
#else
    livemsg::alnum_id<64> id = "ue";
#endif
    return id.has_value() ? 0 : 1;
}
