// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_not_valid_utf8
#include <livemsg/core/text.hpp>

int main() {
#ifdef LIVEMSG_COMPILE_FAIL
    livemsg::text<16> t = "caf\xC3";
#else
    livemsg::text<16> t = "caf\xC3\xA9";
#endif
    return t.has_value() ? 0 : 1;
}
