// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_too_long
#include <livemsg/core/text.hpp>

int main() {
#ifdef LIVEMSG_COMPILE_FAIL
    livemsg::alnum_id<64> id = "a123456789b123456789c123456789d123456789e123456789f123456789g1234";  // 65
#else
    livemsg::alnum_id<64> id = "a123456789b123456789c123456789d123456789e123456789f123456789g123";  // 64
#endif
    return id.has_value() ? 0 : 1;
}
