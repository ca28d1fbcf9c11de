// SPDX-License-Identifier: BSL-1.0
// expect: livemsg_literal_is_not_valid_json
#include <livemsg/core/text.hpp>

int main() {
#ifdef LIVEMSG_COMPILE_FAIL
    livemsg::json_text<> payload = "{data:1}";
#else
    livemsg::json_text<> payload = "{\"data\":1}";
#endif
    return payload.has_value() ? 0 : 1;
}
