// SPDX-License-Identifier: BSL-1.0
// Hashes, MACs, Base64 and random bytes from OpenSSL's libcrypto. Only the signing headers
// include this, so that the core needs no OpenSSL.
#pragma once

#include <livemsg/detail/ascii.hpp>
#include <livemsg/detail/wipe.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstddef>
#include <cstring>
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

// A digest algorithm with a context to run it in. OpenSSL 3 looks the algorithm up on every
// one-shot call (SHA256(), HMAC()), which costs more than hashing a short string: each thread
// keeps one of these per algorithm instead, fetched once.
class digest_context {
public:
    explicit digest_context(const char* algorithm)
        : md_(EVP_MD_fetch(nullptr, algorithm, nullptr)), ctx_(EVP_MD_CTX_new()) {
        if (!md_ || !ctx_) {
            release();
            throw std::runtime_error("livemsg: OpenSSL has no usable digest algorithm for signing");
        }
    }
    digest_context(const digest_context&) = delete;
    digest_context& operator=(const digest_context&) = delete;
    ~digest_context() { release(); }

    // Starting again also overwrites the state the last digest left behind.
    void start() { check(EVP_DigestInit_ex2(ctx_, md_, nullptr)); }
    void update(std::string_view data) { check(EVP_DigestUpdate(ctx_, data.data(), data.size())); }
    void update(std::span<const unsigned char> data) { check(EVP_DigestUpdate(ctx_, data.data(), data.size())); }
    // Writes the digest (32 bytes for SHA-256, 20 for SHA-1) to `out`.
    void finish(unsigned char* out) { check(EVP_DigestFinal_ex(ctx_, out, nullptr)); }

private:
    static void check(int ok) {
        if (ok != 1) throw std::runtime_error("livemsg: OpenSSL failed to compute a digest");
    }
    void release() noexcept {
        EVP_MD_CTX_free(ctx_);
        EVP_MD_free(md_);
    }

    EVP_MD* md_;
    EVP_MD_CTX* ctx_;
};

inline digest_context& thread_sha256() {
    thread_local digest_context context("SHA256");
    return context;
}

inline digest_context& thread_sha1() {
    thread_local digest_context context("SHA1");
    return context;
}

template <std::size_t N>
std::array<unsigned char, N> digest_of(digest_context& h, std::string_view data) {
    std::array<unsigned char, N> out;
    h.start();
    h.update(data);
    h.finish(out.data());
    return out;
}

// HMAC (RFC 2104) over a thread's digest context, for SHA-1 and SHA-256 (both hash 64-byte
// blocks). The padded key and the inner hash are zeroed before returning, and the context is
// started again so that it keeps nothing derived from the key either.
template <std::size_t N>
std::array<unsigned char, N> hmac_of(digest_context& h, std::string_view key, std::string_view data) {
    constexpr std::size_t block_size = 64;
    std::array<unsigned char, block_size> pad{};
    std::array<unsigned char, N> inner, out;
    const cleanse_at_exit cleanse(pad, inner);
    if (key.size() > block_size) {
        h.start();
        h.update(key);
        h.finish(pad.data());
    } else if (!key.empty()) {
        std::memcpy(pad.data(), key.data(), key.size());
    }
    for (unsigned char& b : pad) b ^= 0x36;
    h.start();
    h.update(pad);
    h.update(data);
    h.finish(inner.data());
    for (unsigned char& b : pad) b ^= 0x36 ^ 0x5c;
    h.start();
    h.update(pad);
    h.update(inner);
    h.finish(out.data());
    h.start();
    return out;
}

inline sha256_digest sha256(std::string_view data) { return digest_of<32>(thread_sha256(), data); }

inline sha256_digest hmac_sha256(std::string_view key, std::string_view data) {
    return hmac_of<32>(thread_sha256(), key, data);
}

inline sha1_digest hmac_sha1(std::string_view key, std::string_view data) {
    return hmac_of<20>(thread_sha1(), key, data);
}

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
