// SPDX-License-Identifier: BSL-1.0
// Key material is zeroed when it is let go: a secret destroyed, moved from or assigned over, a
// string wiped, and the copies of keys that the signers cleanse.
#include <livemsg/core/secret.hpp>
#include <livemsg/detail/crypto.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace secret_test {

using livemsg::secret;

namespace {

// Room for one secret, whose bytes stay readable after the secret is gone. Short values live
// inside the object (the small-string buffer), so this storage is where they would linger.
struct secret_storage {
    alignas(secret) std::array<std::byte, sizeof(secret)> bytes{};

    secret& emplace(std::string value) { return *::new (bytes.data()) secret(std::move(value)); }
    secret& get() { return *std::launder(reinterpret_cast<secret*>(bytes.data())); }

    // Whether any three consecutive bytes of `value` are still here: a value partly written
    // over (a '\0' where a moved-from string was cut short) is still a leak.
    bool holds_part_of(std::string_view value) const {
        const std::string_view raw(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        for (std::size_t i = 0; i + 3 <= value.size(); ++i)
            if (raw.find(value.substr(i, 3)) != std::string_view::npos) return true;
        return false;
    }
};

bool all_zero(std::string_view bytes) {
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

// A live string's whole buffer: its capacity and the terminator after it.
std::string_view whole_buffer(const char* buffer, std::size_t capacity) { return {buffer, capacity + 1}; }

}  // namespace

TEST_CASE("a secret's bytes are zeroed when it is destroyed", "[secret]") {
    secret_storage storage;
    storage.emplace("Kq7#Zp9!");
    REQUIRE(storage.holds_part_of("Kq7#Zp9!"));  // kept in the object itself
    storage.get().~secret();
    CHECK_FALSE(storage.holds_part_of("Kq7#Zp9!"));
}

TEST_CASE("a moved-from secret keeps none of its bytes", "[secret]") {
    secret_storage from;
    from.emplace("Kq7#Zp9!");
    const secret taken(std::move(from.get()));
    CHECK(taken.reveal() == "Kq7#Zp9!");
    CHECK(from.get().empty());
    CHECK_FALSE(from.holds_part_of("Kq7#Zp9!"));
    from.get().~secret();

    secret_storage source, target;
    source.emplace("Wv4$Jm2?");
    target.emplace("old-Hx8%Rt5@Bn");
    target.get() = std::move(source.get());
    CHECK(target.get().reveal() == "Wv4$Jm2?");
    CHECK_FALSE(target.holds_part_of("old-Hx8%Rt5@Bn"));
    CHECK_FALSE(source.holds_part_of("Wv4$Jm2?"));
    source.get().~secret();
    target.get().~secret();
}

TEST_CASE("assigning over a secret zeroes the old value", "[secret]") {
    secret_storage target;
    target.emplace("old-Hx8%Rt5@Bn");
    const secret shorter("xy");
    target.get() = shorter;
    CHECK(target.get().reveal() == "xy");
    CHECK_FALSE(target.holds_part_of("old-Hx8%Rt5@Bn"));
    target.get().~secret();

    // A long value lives on the heap; a shorter one assigned over it reuses that buffer.
    const std::string long_value = std::string(48, 'L') + "Hx8%Rt5";
    secret long_lived(long_value);
    const char* buffer = long_lived.reveal().data();
    long_lived = shorter;
    REQUIRE(long_lived.reveal().data() == buffer);
    CHECK(std::string_view(buffer, 2) == "xy");
    CHECK(all_zero(std::string_view(buffer + 2, long_value.size() - 1)));  // the old tail and terminator
    CHECK(secret(std::string("abc")) == secret(std::string("abc")));
}

TEST_CASE("wipe zeroes a string's whole buffer, up to its capacity", "[secret]") {
    std::string s(64, 'k');
    s.assign("short");  // a shorter value over a longer one: the tail still holds 'k's
    const char* buffer = s.data();
    const std::size_t capacity = s.capacity();
    REQUIRE(std::string_view(buffer, capacity).find('k') != std::string_view::npos);

    livemsg::detail::wipe(s);
    CHECK(s.empty());
    CHECK(s.data() == buffer);  // the storage is kept
    CHECK(s.capacity() == capacity);
    CHECK(all_zero(whole_buffer(buffer, capacity)));

    std::string small("Kq7");  // in the small-string buffer
    livemsg::detail::wipe(small);
    CHECK(all_zero(whole_buffer(small.data(), small.capacity())));
}

TEST_CASE("the signers' copies of keys are cleansed, however the scope ends", "[secret]") {
    std::string key(64, 'k');
    key.assign("secret&");
    const char* buffer = key.data();
    const std::size_t capacity = key.capacity();
    std::array<unsigned char, 32> derived;
    derived.fill(0xAB);
    try {
        const livemsg::detail::cleanse_at_exit cleanse(key, derived);
        throw std::runtime_error("signing failed");
    } catch (const std::runtime_error&) {
    }
    CHECK(key.empty());
    CHECK(all_zero(whole_buffer(buffer, capacity)));
    CHECK(std::all_of(derived.begin(), derived.end(), [](unsigned char b) { return b == 0; }));
}

}  // namespace secret_test
