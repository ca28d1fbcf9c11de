// SPDX-License-Identifier: BSL-1.0
// Helpers shared by the tests.
#pragma once

#include <livemsg/core/error.hpp>

#include <string_view>
#include <vector>

// The codes reported for one field, in order.
inline std::vector<livemsg::error_code> codes_for(const livemsg::validation_errors& errors, std::string_view field) {
    std::vector<livemsg::error_code> out;
    for (const auto& v : errors)
        if (v.field == field) out.push_back(v.code);
    return out;
}
