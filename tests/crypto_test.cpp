// SPDX-License-Identifier: BSL-1.0
// Known-answer tests for the primitives under every signature.
#include <livemsg/detail/crypto.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <string>

namespace crypto_test {

using namespace livemsg::detail;

TEST_CASE("SHA-256 of the standard inputs", "[crypto]") {
    // FIPS 180-2 examples.
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("HMAC-SHA256 reproduces RFC 4231", "[crypto]") {
    // Test case 2.
    CHECK(hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block size.
    CHECK(hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("HMAC-SHA1 reproduces RFC 2202", "[crypto]") {
    CHECK(hex(hmac_sha1("Jefe", "what do ya want for nothing?")) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST_CASE("Base64 reproduces RFC 4648 and refuses what is not Base64", "[crypto]") {
    const std::array<std::pair<const char*, const char*>, 7> vectors{{
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
    }};
    for (auto [plain, encoded] : vectors) {
        CHECK(base64_encode(plain) == encoded);
        CHECK(base64_decode(encoded) == std::string(plain));
    }
    CHECK(base64_encode(std::string("\0\xff", 2)) == "AP8=");
    CHECK(base64_decode("AP8=") == std::string("\0\xff", 2));
    CHECK_FALSE(base64_decode("Zm9").has_value());     // not a multiple of 4
    CHECK_FALSE(base64_decode("Zm9v!A==").has_value());  // not in the alphabet
    CHECK_FALSE(base64_decode("Zg==Zm8=").has_value());  // padding in the middle
    CHECK_FALSE(base64_decode("Z===").has_value());
}

TEST_CASE("random bytes differ between calls", "[crypto]") {
    std::array<unsigned char, 16> a{}, b{};
    random_bytes(a);
    random_bytes(b);
    CHECK(a != b);  // a 2^-128 chance of a false failure
}

}  // namespace crypto_test
