// SPDX-License-Identifier: BSL-1.0
#include <livemsg/livemsg.hpp>

#include <catch2/catch.hpp>

#include <string>

namespace version_test {

static_assert(LIVEMSG_VERSION ==
              LIVEMSG_VERSION_MAJOR * 10000 + LIVEMSG_VERSION_MINOR * 100 + LIVEMSG_VERSION_PATCH);
static_assert(LIVEMSG_VERSION_MINOR < 100 && LIVEMSG_VERSION_PATCH < 100, "LIVEMSG_VERSION would be ambiguous");

TEST_CASE("the version string spells the three numbers", "[version]") {
    const std::string expected = std::to_string(LIVEMSG_VERSION_MAJOR) + '.' + std::to_string(LIVEMSG_VERSION_MINOR) +
                                 '.' + std::to_string(LIVEMSG_VERSION_PATCH);
    CHECK(std::string(LIVEMSG_VERSION_STRING) == expected);
}

}  // namespace version_test
