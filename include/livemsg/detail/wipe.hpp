// SPDX-License-Identifier: BSL-1.0
// Zeroing memory that held a key, with stores the optimizer may not drop even when the memory
// is about to be freed. Portable, so that the core needs no OpenSSL.
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <string>

namespace livemsg::detail {

inline void secure_zero(void* p, std::size_t size) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    std::memset(p, 0, size);
    // Tells the compiler that the zeros may be read through `p`: the memset is not dead.
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    for (volatile unsigned char* b = static_cast<volatile unsigned char*>(p); size != 0; --size) *b++ = 0;
#endif
}

// Zeros every byte of `s`'s buffer up to its capacity, not only up to its size (a shorter value
// may have been written over a longer one), and leaves it empty with its storage kept.
inline void wipe(std::string& s) noexcept {
    s.resize(s.capacity());  // within the capacity: neither allocates nor throws
    secure_zero(s.data(), s.size());
    s.clear();
}

template <std::size_t N>
void wipe(std::array<unsigned char, N>& bytes) noexcept {
    secure_zero(bytes.data(), N);
}

}  // namespace livemsg::detail
