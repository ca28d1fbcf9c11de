// SPDX-License-Identifier: BSL-1.0
// Tencent UserSig (TLSSigAPIv2): the worked example from Tencent's algorithm, decoding,
// verification, and the cached admin signer.
#include <livemsg/detail/crypto.hpp>
#include <livemsg/tencent/admin_signer.hpp>
#include <livemsg/tencent/fresh_random.hpp>
#include <livemsg/tencent/send_text_msg.hpp>
#include <livemsg/tencent/usersig.hpp>

#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <zlib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tencent_usersig_test {

using namespace livemsg::tencent;
using livemsg::error_code;
using livemsg::secret;
using std::chrono::seconds;
using std::chrono::sys_seconds;

namespace {

// The worked example: key, SDKAppID, identifier, signing time and lifetime, and the HMACs.
const secret example_key("5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e");
constexpr std::uint32_t example_app = 1400000000;
constexpr sys_seconds example_time{seconds(1700000000)};
constexpr std::int64_t example_expire = 15552000;
const std::string example_sig = "LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=";
const std::string example_sig_with_userbuf = "QjT201xPkXk/aM1e+y0vakZb0K2iPrFue++0s5y6bFM=";

usersig_grant example_grant() { return usersig_grant{.sdkappid = example_app, .identifier = "xiaojun"}; }

// A UserSig made the way Tencent describes it, without livemsg's generator: any key order and
// compression level are allowed, so this one uses its own.
std::string hand_made_usersig(const std::string& json) {
    uLongf size = compressBound(static_cast<uLong>(json.size()));
    std::string compressed(size, '\0');
    REQUIRE(compress2(reinterpret_cast<Bytef*>(compressed.data()), &size, reinterpret_cast<const Bytef*>(json.data()),
                      static_cast<uLong>(json.size()), 9) == Z_OK);
    compressed.resize(size);
    std::string out = livemsg::detail::base64_encode(compressed);
    for (char& c : out) c = c == '+' ? '*' : c == '/' ? '-' : c == '=' ? '_' : c;
    return out;
}

const std::string example_json =
    R"({"TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=","TLS.time":1700000000,"TLS.expire":15552000,)"
    R"("TLS.sdkappid":1400000000,"TLS.identifier":"xiaojun","TLS.ver":"2.0"})";

// A clock the tests move by hand, safe to read from many threads.
struct manual_clock {
    std::atomic<std::int64_t> now{1700000000};
    admin_signer::clock function() {
        return [this] { return sys_seconds(seconds(now.load())); };
    }
};

}  // namespace

TEST_CASE("the worked example reproduces: TLS.sig and the JSON field by field", "[tencent][usersig]") {
    auto sig = generate_usersig(example_grant(), example_key, example_time);
    REQUIRE(sig.ok());
    for (char c : sig->reveal()) {
        const bool url_safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' ||
                              c == '-' || c == '_';
        CHECK(url_safe);
    }

    auto decoded = decode_usersig(sig->reveal());
    REQUIRE(decoded.ok());
    CHECK(decoded->sig == example_sig);
    CHECK(decoded->version == "2.0");
    CHECK(decoded->identifier == "xiaojun");
    CHECK(decoded->sdkappid == 1400000000);
    CHECK(decoded->time == 1700000000);
    CHECK(decoded->expire == example_expire);
    CHECK_FALSE(decoded->userbuf.has_value());
    CHECK(decoded->expires_at() == example_time + seconds(example_expire));

    // The JSON itself: numbers as numbers, strings as strings, nothing else.
    const auto json = boost::json::parse(decoded->json).as_object();
    CHECK(json.size() == 6);
    CHECK(json.at("TLS.ver") == "2.0");
    CHECK(json.at("TLS.identifier") == "xiaojun");
    CHECK(json.at("TLS.sdkappid").is_int64());
    CHECK(json.at("TLS.sdkappid").as_int64() == 1400000000);
    CHECK(json.at("TLS.time").as_int64() == 1700000000);
    CHECK(json.at("TLS.expire").as_int64() == 15552000);
    CHECK(json.at("TLS.sig") == example_sig.c_str());
    CHECK_FALSE(json.contains("TLS.userbuf"));
}

TEST_CASE("the worked example with userbuf \"abc\"", "[tencent][usersig]") {
    auto grant = example_grant();
    grant.userbuf = "abc";
    auto sig = generate_usersig(grant, example_key, example_time);
    REQUIRE(sig.ok());
    auto decoded = decode_usersig(sig->reveal());
    REQUIRE(decoded.ok());
    CHECK(decoded->sig == example_sig_with_userbuf);
    CHECK(decoded->userbuf == "abc");
    CHECK(decoded->userbuf_base64 == "YWJj");

    const auto json = boost::json::parse(decoded->json).as_object();
    CHECK(json.size() == 7);
    CHECK(json.at("TLS.userbuf") == "YWJj");
    CHECK(json.at("TLS.sig") == example_sig_with_userbuf.c_str());
    CHECK(json.at("TLS.identifier") == "xiaojun");
    CHECK(json.at("TLS.sdkappid").as_int64() == 1400000000);
    CHECK(json.at("TLS.time").as_int64() == 1700000000);
    CHECK(json.at("TLS.expire").as_int64() == 15552000);

    CHECK(verify_usersig(sig->reveal(), example_key, example_app, "xiaojun", example_time).ok());

    // Binary bytes, such as a privilege map, survive.
    grant.userbuf = std::string("\0\xff\x01", 3);
    auto binary = generate_usersig(grant, example_key, example_time);
    REQUIRE(binary.ok());
    CHECK(decode_usersig(binary->reveal())->userbuf == std::string("\0\xff\x01", 3));
    CHECK(verify_usersig(binary->reveal(), example_key, example_app, "xiaojun", example_time).ok());
}

TEST_CASE("a UserSig made by hand from the example verifies", "[tencent][usersig]") {
    const std::string usersig = hand_made_usersig(example_json);
    CHECK(verify_usersig(usersig, example_key, example_app, "xiaojun", example_time).ok());
    auto decoded = decode_usersig(usersig);
    REQUIRE(decoded.ok());
    CHECK(decoded->identifier == "xiaojun");

    // Numbers written as strings, as some generators do, are read too.
    const std::string quoted = hand_made_usersig(
        R"({"TLS.ver":"2.0","TLS.identifier":"xiaojun","TLS.sdkappid":"1400000000","TLS.expire":"15552000",)"
        R"("TLS.time":"1700000000","TLS.sig":"LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4="})");
    CHECK(verify_usersig(quoted, example_key, example_app, "xiaojun", example_time).ok());
}

TEST_CASE("verification tells expired, foreign and altered UserSigs apart", "[tencent][usersig]") {
    const std::string usersig = generate_usersig(example_grant(), example_key, example_time)->reveal().data();
    const sys_seconds last_second = example_time + seconds(example_expire);

    SECTION("expiry: valid through its last second, expired one second later") {
        CHECK(verify_usersig(usersig, example_key, example_app, "xiaojun", last_second).ok());
        auto late = verify_usersig(usersig, example_key, example_app, "xiaojun", last_second + seconds(1));
        CHECK_FALSE(late.ok());
        CHECK(late.error() == errc::usersig_expired);
        CHECK(late.reason() == "expired at Unix time 1715552000");
    }
    SECTION("another key") {
        const secret other("0000000000000000000000000000000000000000000000000000000000000000");
        auto foreign = verify_usersig(usersig, other, example_app, "xiaojun", example_time);
        CHECK(foreign.error() == errc::usersig_verification_failed);
    }
    SECTION("altered claims keep the old TLS.sig and fail") {
        std::string longer = example_json;
        longer.replace(longer.find("15552000"), 8, "99999999");
        auto altered = verify_usersig(hand_made_usersig(longer), example_key, example_app, "xiaojun", example_time);
        CHECK(altered.error() == errc::usersig_verification_failed);

        std::string flipped = example_json;
        flipped[flipped.find("B4=")] = 'C';
        CHECK(verify_usersig(hand_made_usersig(flipped), example_key, example_app, "xiaojun", example_time).error() ==
              errc::usersig_verification_failed);
    }
    SECTION("altered bytes no longer decode") {
        std::string damaged = usersig;
        damaged[damaged.size() / 2] = damaged[damaged.size() / 2] == 'A' ? 'B' : 'A';
        auto verdict = verify_usersig(damaged, example_key, example_app, "xiaojun", example_time);
        CHECK_FALSE(verdict.ok());
        CHECK((verdict.error() == errc::usersig_unparsable || verdict.error() == errc::usersig_verification_failed));
        CHECK(verify_usersig(usersig.substr(0, usersig.size() - 8), example_key, example_app, "xiaojun", example_time)
                  .error() == errc::usersig_unparsable);
    }
    SECTION("another app or another identifier") {
        CHECK(verify_usersig(usersig, example_key, 1400000001, "xiaojun", example_time).error() ==
              errc::usersig_sdkappid_mismatch);
        CHECK(verify_usersig(usersig, example_key, example_app, "administrator", example_time).error() ==
              errc::usersig_userid_mismatch);
    }
}

TEST_CASE("malformed UserSigs give a clear error that does not quote them", "[tencent][usersig]") {
    auto not_alphabet = decode_usersig("eJw+secret/part=");
    REQUIRE_FALSE(not_alphabet.ok());
    CHECK(not_alphabet.errors()[0].code == error_code::not_json);
    CHECK(not_alphabet.errors().report().find("secret") == std::string::npos);
    CHECK(not_alphabet.errors().input().empty());

    CHECK(decode_usersig("").errors()[0].message == "is empty");
    CHECK(decode_usersig("abcde").errors()[0].message == "is not a UserSig: not Base64");
    CHECK(decode_usersig("bm90IHpsaWI_").errors()[0].message == "is not a UserSig: not zlib-compressed data");
    CHECK(decode_usersig(hand_made_usersig("{\"TLS.ver\":")).errors()[0].message.rfind(
              "is not a UserSig: its content is not JSON", 0) == 0);
    CHECK(decode_usersig(hand_made_usersig("[1,2]")).errors()[0].message ==
          "is not a UserSig: its content is not a JSON object");

    auto fields = decode_usersig(hand_made_usersig(R"({"TLS.ver":"2.0","TLS.identifier":7,"TLS.time":1.5,"TLS.sig":"x"})"));
    REQUIRE_FALSE(fields.ok());
    CHECK(fields.errors().find("TLS.identifier")->code == error_code::wrong_type);
    CHECK(fields.errors().find("TLS.sdkappid")->code == error_code::missing);
    CHECK(fields.errors().find("TLS.time")->code == error_code::out_of_range);
    CHECK(fields.errors().find("TLS.expire")->code == error_code::missing);

    auto verdict = verify_usersig("not a usersig", example_key, example_app, "xiaojun", example_time);
    CHECK(verdict.error() == errc::usersig_unparsable);
    CHECK(verdict.reason().find("not a usersig") == std::string::npos);
}

TEST_CASE("generating needs a usable grant and key, and reports every problem", "[tencent][usersig][boundary]") {
    usersig_grant bad{.sdkappid = 0, .identifier = std::string(), .expire = 0};
    auto sig = generate_usersig(bad, secret(), example_time);
    REQUIRE_FALSE(sig.ok());
    const auto& errors = sig.errors();
    REQUIRE(errors.size() == 4);
    CHECK(errors.find("sdkappid")->code == error_code::out_of_range);
    CHECK(errors.find("identifier")->code == error_code::empty);
    CHECK(errors.find("expire")->code == error_code::out_of_range);
    CHECK(errors.find("key")->code == error_code::empty);

    auto grant = example_grant();
    grant.expire = 1;
    CHECK(generate_usersig(grant, example_key, example_time).ok());
    grant.expire = 2147483647;
    CHECK(generate_usersig(grant, example_key, example_time).ok());
    grant.expire = 2147483648;
    CHECK(generate_usersig(grant, example_key, example_time).errors().find("expire")->code == error_code::out_of_range);

    CHECK_THROWS_AS(admin_signer(bad, example_key), std::invalid_argument);
    CHECK_THROWS_WITH(admin_signer(bad, secret()), Catch::Contains("4 validation errors for usersig_grant"));
    CHECK_THROWS_AS(admin_signer(example_grant(), secret()), std::invalid_argument);
    CHECK_THROWS_AS(admin_signer(example_grant(), example_key, detail::system_now, seconds(example_expire)),
                    std::invalid_argument);
}

TEST_CASE("the admin signer hands out one UserSig and renews it before it expires", "[tencent][usersig][signer]") {
    manual_clock clock;
    // By default it renews when a tenth of the lifetime is left: after 162 of 180 days.
    admin_signer signer(example_grant(), example_key, clock.function());
    const std::string first(signer.usersig().reveal());
    CHECK(decode_usersig(first)->sig == example_sig);  // signed at the clock's time
    CHECK(signer.renews_at() == example_time + seconds(example_expire - example_expire / 10));

    clock.now = 1700000000 + example_expire - example_expire / 10 - 1;
    CHECK(signer.usersig().reveal() == first);
    CHECK(signer.signed_at() == example_time);

    clock.now += 1;
    const std::string second(signer.usersig().reveal());
    CHECK(second != first);
    CHECK(signer.signed_at() == sys_seconds(seconds(clock.now.load())));
    CHECK(decode_usersig(second)->time == clock.now.load());
    CHECK(verify_usersig(second, example_key, example_app, "xiaojun", sys_seconds(seconds(clock.now.load()))).ok());
    CHECK(signer.usersig().reveal() == second);

    // An explicit margin.
    manual_clock other_clock;
    admin_signer hourly(usersig_grant{.sdkappid = example_app, .identifier = "admin", .expire = 3600}, example_key,
                        other_clock.function(), seconds(600));
    const std::string before(hourly.usersig().reveal());
    other_clock.now += 2999;
    CHECK(hourly.usersig().reveal() == before);
    other_clock.now += 1;
    CHECK(hourly.usersig().reveal() != before);
}

TEST_CASE("the admin signer signs a caller for render()", "[tencent][usersig][signer]") {
    manual_clock clock;
    admin_signer signer(example_grant(), example_key, clock.function());
    rest_caller caller{.domain = region::singapore};
    signer.sign(caller);
    CHECK(caller.sdkappid == 1400000000);
    CHECK(caller.identifier == "xiaojun");
    CHECK(caller.usersig == signer.usersig());

    send_text_msg msg{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};
    livemsg::http_request http;
    REQUIRE(render(msg, caller, http).empty());
    const auto usersig = http.query.find("usersig");
    REQUIRE(usersig.has_value());
    CHECK(verify_usersig(*usersig, example_key, example_app, "xiaojun", example_time).ok());
    CHECK(http.url().find("https://adminapisgp.im.qcloud.com/v4/live_engine_http_srv/send_text_msg?sdkappid=1400000000"
                          "&identifier=xiaojun&usersig=") == 0);
}

TEST_CASE("a request rendered again after the UserSig is renewed carries only the new one",
          "[tencent][usersig][signer][resign]") {
    manual_clock clock;
    admin_signer signer(example_grant(), example_key, clock.function());
    rest_caller caller{.domain = region::singapore};
    signer.sign(caller);
    const send_text_msg msg{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};
    livemsg::http_request http;
    REQUIRE(render(msg, caller, 11111111, http).empty());
    const std::string old_usersig(*http.query.find("usersig"));

    clock.now += example_expire;  // past the renewal
    signer.sign(caller);
    const std::string new_usersig(signer.usersig().reveal());
    REQUIRE(new_usersig != old_usersig);
    REQUIRE(render(msg, caller, 22222222, http).empty());

    std::size_t usersigs = 0, randoms = 0;
    for (const auto& p : http.query) {
        usersigs += p.name == "usersig";
        randoms += p.name == "random";
    }
    CHECK(usersigs == 1);
    CHECK(randoms == 1);
    CHECK(http.query.find("usersig") == new_usersig);
    CHECK(http.query.find("random") == "22222222");

    livemsg::http_request once;
    REQUIRE(render(msg, caller, 22222222, once).empty());
    CHECK(http.url() == once.url());
    CHECK(http == once);
}

TEST_CASE("the admin signer is safe to share between threads", "[tencent][usersig][signer]") {
    manual_clock clock;
    const usersig_grant grant{.sdkappid = example_app, .identifier = "admin", .expire = 100};
    admin_signer signer(grant, example_key, clock.function(), seconds(10));

    std::mutex seen_mutex;
    std::set<std::string> seen;
    std::atomic<int> invalid{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            rest_caller caller{.domain = region::china};
            for (int i = 0; i < 300; ++i) {
                // Time moves while they work: 1200 seconds in all, twelve lifetimes.
                const sys_seconds now(seconds(clock.now.fetch_add(1) + 1));
                signer.sign(caller);
                // Every UserSig handed out is genuine and has at least the margin left.
                const auto decoded = decode_usersig(caller.usersig.reveal());
                if (!verify_usersig(caller.usersig.reveal(), example_key, example_app, "admin", now) ||
                    decoded->expires_at() < now + seconds(10))
                    ++invalid;
                std::lock_guard lock(seen_mutex);
                seen.insert(std::string(caller.usersig.reveal()));
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(invalid == 0);
    // Renewed once per 90 seconds of the clock, give or take the first and last.
    CHECK(seen.size() >= 1200 / 90 - 1);
    CHECK(seen.size() <= 1200 / 90 + 1);
}

}  // namespace tencent_usersig_test
