// SPDX-License-Identifier: BSL-1.0
#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/enum.hpp>

#include <boost/describe/enum.hpp>

#include <catch2/catch.hpp>

#include <optional>
#include <string_view>

namespace enum_test {

using livemsg::from_wire;
using livemsg::to_wire;
using livemsg::wire_choices;
using livemsg::alibaba::data_center;

namespace {

enum class send_status { SUCCESS, NOT_ONLINE, KICKED_OUT = 7 };
BOOST_DESCRIBE_ENUM(send_status, SUCCESS, NOT_ONLINE, KICKED_OUT)

}  // namespace

static_assert(to_wire(data_center::ap_southeast_1) == "ap-southeast-1");
static_assert(from_wire<send_status>("NOT_ONLINE") == send_status::NOT_ONLINE);

TEST_CASE("enumerators with a custom wire_name", "[enum]") {
    CHECK(to_wire(data_center::cn_shanghai) == "cn-shanghai");
    CHECK(to_wire(data_center::ap_southeast_1) == "ap-southeast-1");
    CHECK(from_wire<data_center>("cn-shanghai") == data_center::cn_shanghai);
    CHECK(from_wire<data_center>("ap-southeast-1") == data_center::ap_southeast_1);
    CHECK(wire_choices<data_center>() == "cn-shanghai, ap-southeast-1");
}

TEST_CASE("a custom wire_name replaces the enumerator name", "[enum]") {
    CHECK_FALSE(from_wire<data_center>("cn_shanghai").has_value());
    CHECK_FALSE(from_wire<data_center>("ap_southeast_1").has_value());
}

TEST_CASE("enumerator names are the wire strings by default", "[enum]") {
    CHECK(to_wire(send_status::SUCCESS) == "SUCCESS");
    CHECK(to_wire(send_status::NOT_ONLINE) == "NOT_ONLINE");
    CHECK(to_wire(send_status::KICKED_OUT) == "KICKED_OUT");
    CHECK(from_wire<send_status>("SUCCESS") == send_status::SUCCESS);
    CHECK(from_wire<send_status>("KICKED_OUT") == send_status::KICKED_OUT);
    CHECK(wire_choices<send_status>() == "SUCCESS, NOT_ONLINE, KICKED_OUT");
}

TEST_CASE("unknown wire strings are nullopt", "[enum]") {
    CHECK(from_wire<send_status>("success") == std::nullopt);
    CHECK(from_wire<send_status>("SUCCESS ") == std::nullopt);
    CHECK(from_wire<send_status>("") == std::nullopt);
    CHECK(from_wire<data_center>("cn-beijing") == std::nullopt);
    CHECK(from_wire<data_center>("") == std::nullopt);
}

TEST_CASE("a value outside the enumeration has no wire string", "[enum]") {
    CHECK(to_wire(static_cast<send_status>(2)).empty());
    CHECK(to_wire(static_cast<send_status>(-1)).empty());
    CHECK(to_wire(static_cast<data_center>(5)).empty());
}

}  // namespace enum_test
