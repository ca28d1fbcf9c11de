// SPDX-License-Identifier: BSL-1.0
// The query string: parameters that a type guarantees (or a scan finds) to hold only unreserved
// bytes are copied instead of encoded. The oracle is the simple writer: every name and value
// percent-encoded, joined by '&'.
#include <livemsg/livemsg.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace query_string_test {

namespace {

std::string simple_query_string(const livemsg::param_list& params) {
    std::string out;
    for (const livemsg::param& p : params) {
        if (!out.empty()) out += '&';
        out += livemsg::percent_encode(p.name);
        out += '=';
        out += livemsg::percent_encode(p.value);
    }
    return out;
}

std::string encoded(const livemsg::param_list& params) {
    std::string out;
    params.append_encoded(out);
    return out;
}

// Text of `size` bytes drawn from `alphabet`.
std::string draw(std::mt19937& rng, std::string_view alphabet, std::size_t size) {
    std::string s;
    for (std::size_t i = 0; i < size; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
}

}  // namespace

static_assert(livemsg::writes_unreserved<livemsg::alnum_id<64>>);
static_assert(livemsg::writes_unreserved<livemsg::optional<livemsg::alnum_id<64>>>);
static_assert(livemsg::writes_unreserved<livemsg::integer<std::int64_t>>);
static_assert(livemsg::writes_unreserved<bool> && livemsg::writes_unreserved<std::int32_t>);
static_assert(livemsg::writes_unreserved<livemsg::alibaba::data_center>);  // cn-shanghai, ap-southeast-1
static_assert(!livemsg::writes_unreserved<livemsg::text<512>>);
static_assert(!livemsg::writes_unreserved<livemsg::json_text<>>);
static_assert(!livemsg::writes_unreserved<livemsg::tencent::user_sig>);  // '*' needs %2A

TEST_CASE("the query string is what encoding every name and value writes", "[query]") {
    std::mt19937 rng(20261128);
    std::string every_byte;
    for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
    const std::string_view unreserved = "ABCXYZabcxyz0189-_.~";
    livemsg::param_list params;
    for (int round = 0; round < 2000; ++round) {
        params.clear();
        const std::size_t count = rng() % 8;
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t size = rng() % 40;
            const bool plain_value = rng() % 2 != 0;
            const std::string name = draw(rng, rng() % 3 ? unreserved : every_byte, 1 + rng() % 12);
            const std::string value = draw(rng, plain_value ? unreserved : std::string_view(every_byte), size);
            if (plain_value && rng() % 2) params.add_unreserved_value(name, value);
            else params.add(name, value);
        }
        if (count && rng() % 3 == 0) {  // a replaced value must be judged again
            const std::string name(params[rng() % count].name);
            params.set(name, draw(rng, every_byte, rng() % 20));
        }
        if (count && rng() % 3 == 0) {
            const std::string gone(params[rng() % count].name);
            (void)params.remove_if([&](const livemsg::param& p) { return p.name == gone; });
        }
        CAPTURE(round);
        CHECK(encoded(params) == simple_query_string(params));
    }
}

TEST_CASE("set() replaces a plain value with one that needs encoding, and back", "[query]") {
    livemsg::param_list params;
    params.add("Timestamp", "20261128");
    params.set("Timestamp", "2026-11-28T08:00:00Z");
    CHECK(encoded(params) == "Timestamp=2026-11-28T08%3A00%3A00Z");
    params.set("Timestamp", "plain");
    CHECK(encoded(params) == "Timestamp=plain");
    params.add("a b", "c");
    CHECK(encoded(params) == "Timestamp=plain&a%20b=c");
}

TEST_CASE("every operation's target is the simple writer's, with IDs, numbers and enums copied", "[query]") {
    using namespace livemsg::alibaba;
    SendLiveMessageGroup group{.AppId = "demo", .GroupId = "grouptest", .SenderId = "uid1",
                               .Body = "hello, group \xE4\xBD\xA0\xE5\xA5\xBD ~*+", .MsgType = -3,
                               .DataCenter = data_center::ap_southeast_1};
    livemsg::http_request http;
    REQUIRE(render(group, http).empty());
    CHECK(http.target() == "/?" + simple_query_string(http.query));
    CHECK(http.target() ==
          "/?Action=SendLiveMessageGroup&Version=2016-11-01&AppId=demo&GroupId=grouptest&SenderId=uid1"
          "&Body=hello%2C%20group%20%E4%BD%A0%E5%A5%BD%20~%2A%2B&MsgType=-3&DataCenter=ap-southeast-1");

    livemsg::tencent::rest_caller caller{.domain = livemsg::tencent::region::china, .sdkappid = 1400000000,
                                         .identifier = "admin name"};
    caller.usersig = livemsg::tencent::user_sig(std::string("eJw*abc-_"));
    const livemsg::tencent::send_text_msg text{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "hi"};
    REQUIRE(livemsg::tencent::render(text, caller, 42, http).empty());
    CHECK(http.target() == "/v4/live_engine_http_srv/send_text_msg?" + simple_query_string(http.query));
    CHECK(http.target() == "/v4/live_engine_http_srv/send_text_msg?sdkappid=1400000000&identifier=admin%20name"
                           "&usersig=eJw%2Aabc-_&random=42&contenttype=json");
}

TEST_CASE("a UserSig and a domain are judged once, when made, and reported as before", "[query]") {
    using namespace livemsg::tencent;
    const user_sig bad(std::string("abc+def"));
    CHECK_FALSE(bad.well_formed());
    const user_sig copy = bad;
    CHECK_FALSE(copy.well_formed());
    CHECK(user_sig(std::string("eJw*-_09")).well_formed());
    CHECK(user_sig(livemsg::secret("eJw")).well_formed());

    rest_caller caller{.domain = endpoint(std::string_view("console.tim.qq.com/v4")), .sdkappid = 1,
                       .identifier = "admin"};
    caller.usersig = bad;
    const auto errors = livemsg::validate(caller);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "domain");
    CHECK(errors[0].code == livemsg::error_code::not_alphanumeric);
    CHECK(errors[1].field == "usersig");
    CHECK(errors[1].code == livemsg::error_code::not_alphanumeric);
    CHECK(errors[1].message.find("unexpected byte at 3") != std::string::npos);
    CHECK(errors[1].message.find("abc") == std::string::npos);  // a credential is never quoted

    // A region's domain is trusted without a check: every one follows the rule.
    for (region r : {region::china, region::singapore, region::seoul, region::tokyo, region::frankfurt,
                     region::mumbai, region::silicon_valley, region::jakarta}) {
        CAPTURE(domain(r));
        CHECK(endpoint(domain(r)).well_formed());
        CHECK(endpoint(r).well_formed());
    }
}

}  // namespace query_string_test
