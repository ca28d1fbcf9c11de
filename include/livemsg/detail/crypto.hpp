// Hashes, MACs, Base64 and random bytes from OpenSSL's libcrypto. Only the signing headers
// include this, so that the core needs no OpenSSL.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/wipe.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>

namespace livemsg::detail {

using sha256_digest = std::array<unsigned char, 32>;
using sha1_digest = std::array<unsigned char, 20>;

inline const unsigned char* bytes_of(std::string_view s) noexcept {
    return reinterpret_cast<const unsigned char*>(s.data());
}

inline std::string_view as_chars(std::span<const unsigned char> bytes) noexcept {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

inline sha256_digest sha256(std::string_view data) noexcept {
    sha256_digest out;
    SHA256(bytes_of(data), data.size(), out.data());
    return out;
}

inline sha256_digest hmac_sha256(std::string_view key, std::string_view data) noexcept {
    sha256_digest out;
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), bytes_of(data), data.size(), out.data(), &len);
    return out;
}

inline sha1_digest hmac_sha1(std::string_view key, std::string_view data) noexcept {
    sha1_digest out;
    unsigned int len = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), bytes_of(data), data.size(), out.data(), &len);
    return out;
}

// Zeros the copies of keys it names (wipe()) when the scope ends, however it ends.
template <class... Keys>
class cleanse_at_exit {
public:
    explicit cleanse_at_exit(Keys&... keys) noexcept : keys_(keys...) {}
    cleanse_at_exit(const cleanse_at_exit&) = delete;
    cleanse_at_exit& operator=(const cleanse_at_exit&) = delete;
    ~cleanse_at_exit() {
        std::apply([](auto&... key) { (wipe(key), ...); }, keys_);
    }

private:
    std::tuple<Keys&...> keys_;
};

// Whether two signatures are equal, in a time that does not depend on where they differ.
inline bool same_signature(std::string_view a, std::string_view b) noexcept {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Lower-case hex, as every vendor's signature spells digests.
inline void append_hex(std::string& out, std::span<const unsigned char> bytes) {
    for (unsigned char b : bytes) {
        out += lower_hex_digits[b >> 4];
        out += lower_hex_digits[b & 0xF];
    }
}

inline std::string hex(std::span<const unsigned char> bytes) {
    std::string out;
    append_hex(out, bytes);
    return out;
}

inline std::string sha256_hex(std::string_view data) { return hex(sha256(data)); }

// Standard Base64 with padding (RFC 4648).
inline std::string base64_encode(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(data),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

// Standard Base64 with padding; nullopt for anything else.
inline std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alpha = is_ascii_alnum(c) || c == '+' || c == '/';
        const bool padding = c == '=' && i + 2 >= text.size() && (i + 1 == text.size() || text[i + 1] == '=');
        if (!alpha && !padding) return std::nullopt;
    }
    std::string out(3 * (text.size() / 4), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(text),
                                  static_cast<int>(text.size()));
    if (n < 0) return std::nullopt;
    std::size_t size = static_cast<std::size_t>(n);
    // EVP_DecodeBlock counts the bytes that padding stands for; take them back off.
    if (!text.empty() && text.back() == '=') --size;
    if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
    out.resize(size);
    return out;
}

// Bytes from OpenSSL's CSPRNG; throws if it cannot provide them, rather than signing with a
// predictable nonce.
inline void random_bytes(std::span<unsigned char> out) {
    if (RAND_bytes(out.data(), static_cast<int>(out.size())) != 1)
        throw std::runtime_error("livemsg: the system's random number generator failed");
}

}  // namespace livemsg::detail
