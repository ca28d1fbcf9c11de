// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_empty
#include <livemsg/core/text.hpp>

int main() {
#ifdef LIVEMSG_COMPILE_FAIL
    livemsg::alnum_id<8> id = "";
#else
    livemsg::alnum_id<8> id = "x";
#endif
    return id.has_value() ? 0 : 1;
}
