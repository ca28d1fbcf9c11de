// SPDX-License-Identifier: BSL-1.0
// Which vector instructions the block-at-a-time byte loops may use. LIVEMSG_DETAIL_SSE2 is a
// macro, not a constexpr bool: without the intrinsics header, code naming __m128i cannot
// even be parsed.
#pragma once

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define LIVEMSG_DETAIL_SSE2 1
#endif

// SSSE3 and AVX2 are chosen at run time, whatever -m flags the program is built with: GCC and
// Clang compile single functions for them through target attributes. Such functions call no
// lambdas or templates that use intrinsics, since those would not inherit the attribute. SSSE3's
// intrinsics come from <tmmintrin.h>; AVX2's from avx2.hpp, which spares a unit <immintrin.h>.
#if defined(LIVEMSG_DETAIL_SSE2) && defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <tmmintrin.h>
#define LIVEMSG_DETAIL_X86_DISPATCH 1
#define LIVEMSG_DETAIL_TARGET_SSSE3 __attribute__((target("ssse3")))
#define LIVEMSG_DETAIL_TARGET_AVX2 __attribute__((target("avx2")))
#endif

namespace livemsg::detail {

// The byte loops' dispatch levels, each including the ones before it.
enum class simd_level { portable, ssse3, avx2 };

// The best level this CPU runs; tests call every level up to it directly.
inline simd_level cpu_simd_level() noexcept {
#ifdef LIVEMSG_DETAIL_X86_DISPATCH
    static const simd_level level = [] {
        __builtin_cpu_init();  // may run before libgcc's own initializer, from a static constructor
        if (__builtin_cpu_supports("avx2")) return simd_level::avx2;
        if (__builtin_cpu_supports("ssse3")) return simd_level::ssse3;
        return simd_level::portable;
    }();
    return level;
#else
    return simd_level::portable;
#endif
}

}  // namespace livemsg::detail
