// SPDX-License-Identifier: BSL-1.0
// The AVX2 operations the byte loops use, without <immintrin.h>: that header declares every x86
// extension there is and takes longer to read than <string>, in every unit that includes a
// livemsg header that writes. Here each operation is the compiler's builtin on a vector type, as
// GCC's and Clang's own headers define it; the name says which intrinsic it stands for
// (avx2::shuffle_epi8 is _mm256_shuffle_epi8). They are compiled for AVX2, like the functions
// that call them (simd.hpp). A compiler without these builtins, or
// LIVEMSG_DETAIL_AVX2_INTRINSICS, takes them from <immintrin.h> instead.
#pragma once

#include <livemsg/detail/simd.hpp>

#ifdef LIVEMSG_DETAIL_X86_DISPATCH

#if !defined(LIVEMSG_DETAIL_AVX2_INTRINSICS) && defined(__clang__)
#if !(__has_builtin(__builtin_ia32_pshufb256) && __has_builtin(__builtin_ia32_pmovmskb256) &&                 \
      __has_builtin(__builtin_ia32_psubusb256) && __has_builtin(__builtin_ia32_psrlwi256) &&                  \
      __has_builtin(__builtin_elementwise_max) && __has_builtin(__builtin_ia32_palignr256) &&                 \
      __has_builtin(__builtin_shufflevector) && __has_builtin(__builtin_ia32_psadbw256) &&                    \
      __has_builtin(__builtin_ia32_pblendvb256) && __has_builtin(__builtin_ia32_ptestz256) &&                 \
      __has_builtin(__builtin_ia32_permti256) && __has_builtin(__builtin_ia32_extract128i256))
#define LIVEMSG_DETAIL_AVX2_INTRINSICS 1
#endif
#endif

#include <cstring>

#ifdef LIVEMSG_DETAIL_AVX2_INTRINSICS
#include <immintrin.h>
#endif

// Always inlined, so that a debug build does not call a function per instruction.
#define LIVEMSG_DETAIL_AVX2_OP __attribute__((target("avx2"), always_inline)) inline

namespace livemsg::detail::avx2 {

#ifdef LIVEMSG_DETAIL_AVX2_INTRINSICS

using m256i = __m256i;

LIVEMSG_DETAIL_AVX2_OP m256i shuffle_epi8(m256i a, m256i b) noexcept { return _mm256_shuffle_epi8(a, b); }
LIVEMSG_DETAIL_AVX2_OP int movemask_epi8(m256i a) noexcept { return _mm256_movemask_epi8(a); }
LIVEMSG_DETAIL_AVX2_OP m256i subs_epu8(m256i a, m256i b) noexcept { return _mm256_subs_epu8(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i srli_epi16(m256i a, int n) noexcept { return _mm256_srli_epi16(a, n); }
LIVEMSG_DETAIL_AVX2_OP m256i max_epu8(m256i a, m256i b) noexcept { return _mm256_max_epu8(a, b); }
template <int N>
LIVEMSG_DETAIL_AVX2_OP m256i alignr_epi8(m256i a, m256i b) noexcept {
    return _mm256_alignr_epi8(a, b, N);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpacklo_epi32(m256i a, m256i b) noexcept { return _mm256_unpacklo_epi32(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i unpackhi_epi32(m256i a, m256i b) noexcept { return _mm256_unpackhi_epi32(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i unpacklo_epi64(m256i a, m256i b) noexcept { return _mm256_unpacklo_epi64(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i unpackhi_epi64(m256i a, m256i b) noexcept { return _mm256_unpackhi_epi64(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i sad_epu8(m256i a, m256i b) noexcept { return _mm256_sad_epu8(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i blendv_epi8(m256i a, m256i b, m256i mask) noexcept {
    return _mm256_blendv_epi8(a, b, mask);
}
LIVEMSG_DETAIL_AVX2_OP int testz_si256(m256i a, m256i b) noexcept { return _mm256_testz_si256(a, b); }
template <int M>
LIVEMSG_DETAIL_AVX2_OP m256i permute2x128_si256(m256i a, m256i b) noexcept {
    return _mm256_permute2x128_si256(a, b, M);
}
template <int M>
LIVEMSG_DETAIL_AVX2_OP __m128i extracti128_si256(m256i a) noexcept {
    return _mm256_extracti128_si256(a, M);
}
LIVEMSG_DETAIL_AVX2_OP __m128i castsi256_si128(m256i a) noexcept { return _mm256_castsi256_si128(a); }
LIVEMSG_DETAIL_AVX2_OP m256i cmpeq_epi8(m256i a, m256i b) noexcept { return _mm256_cmpeq_epi8(a, b); }

#else

typedef long long m256i __attribute__((vector_size(32)));
typedef char v32qi __attribute__((vector_size(32)));
typedef unsigned char v32qu __attribute__((vector_size(32)));
typedef short v16hi __attribute__((vector_size(32)));
typedef int v8si __attribute__((vector_size(32)));

LIVEMSG_DETAIL_AVX2_OP m256i shuffle_epi8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_pshufb256((v32qi)a, (v32qi)b);
}
LIVEMSG_DETAIL_AVX2_OP int movemask_epi8(m256i a) noexcept { return __builtin_ia32_pmovmskb256((v32qi)a); }
LIVEMSG_DETAIL_AVX2_OP m256i subs_epu8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_psubusb256((v32qi)a, (v32qi)b);
}
LIVEMSG_DETAIL_AVX2_OP m256i srli_epi16(m256i a, int n) noexcept { return (m256i)__builtin_ia32_psrlwi256((v16hi)a, n); }
LIVEMSG_DETAIL_AVX2_OP m256i sad_epu8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_psadbw256((v32qi)a, (v32qi)b);
}
LIVEMSG_DETAIL_AVX2_OP m256i blendv_epi8(m256i a, m256i b, m256i mask) noexcept {
    return (m256i)__builtin_ia32_pblendvb256((v32qi)a, (v32qi)b, (v32qi)mask);
}
LIVEMSG_DETAIL_AVX2_OP int testz_si256(m256i a, m256i b) noexcept { return __builtin_ia32_ptestz256(a, b); }
template <int M>
LIVEMSG_DETAIL_AVX2_OP m256i permute2x128_si256(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_permti256(a, b, M);
}
template <int M>
LIVEMSG_DETAIL_AVX2_OP __m128i extracti128_si256(m256i a) noexcept {
    return (__m128i)__builtin_ia32_extract128i256(a, M);
}
LIVEMSG_DETAIL_AVX2_OP m256i cmpeq_epi8(m256i a, m256i b) noexcept { return (m256i)((v32qi)a == (v32qi)b); }

#ifdef __clang__
LIVEMSG_DETAIL_AVX2_OP m256i max_epu8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_elementwise_max((v32qu)a, (v32qu)b);
}
// alignr counts bytes for Clang, bits for GCC.
template <int N>
LIVEMSG_DETAIL_AVX2_OP m256i alignr_epi8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_palignr256((v32qi)a, (v32qi)b, N);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpacklo_epi32(m256i a, m256i b) noexcept {
    return (m256i)__builtin_shufflevector((v8si)a, (v8si)b, 0, 8, 1, 9, 4, 12, 5, 13);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpackhi_epi32(m256i a, m256i b) noexcept {
    return (m256i)__builtin_shufflevector((v8si)a, (v8si)b, 2, 10, 3, 11, 6, 14, 7, 15);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpacklo_epi64(m256i a, m256i b) noexcept { return __builtin_shufflevector(a, b, 0, 4, 2, 6); }
LIVEMSG_DETAIL_AVX2_OP m256i unpackhi_epi64(m256i a, m256i b) noexcept { return __builtin_shufflevector(a, b, 1, 5, 3, 7); }
LIVEMSG_DETAIL_AVX2_OP __m128i castsi256_si128(m256i a) noexcept { return __builtin_shufflevector(a, a, 0, 1); }
#else
LIVEMSG_DETAIL_AVX2_OP m256i max_epu8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_pmaxub256((v32qi)a, (v32qi)b);
}
template <int N>
LIVEMSG_DETAIL_AVX2_OP m256i alignr_epi8(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_palignr256(a, b, N * 8);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpacklo_epi32(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_punpckldq256((v8si)a, (v8si)b);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpackhi_epi32(m256i a, m256i b) noexcept {
    return (m256i)__builtin_ia32_punpckhdq256((v8si)a, (v8si)b);
}
LIVEMSG_DETAIL_AVX2_OP m256i unpacklo_epi64(m256i a, m256i b) noexcept { return (m256i)__builtin_ia32_punpcklqdq256(a, b); }
LIVEMSG_DETAIL_AVX2_OP m256i unpackhi_epi64(m256i a, m256i b) noexcept { return (m256i)__builtin_ia32_punpckhqdq256(a, b); }
LIVEMSG_DETAIL_AVX2_OP __m128i castsi256_si128(m256i a) noexcept { return (__m128i)__builtin_ia32_si_si256((v8si)a); }
#endif

#endif

// The rest are plain vector arithmetic, or memory.
LIVEMSG_DETAIL_AVX2_OP m256i loadu_si256(const void* p) noexcept {
    m256i v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
LIVEMSG_DETAIL_AVX2_OP void storeu_si256(void* p, m256i v) noexcept { std::memcpy(p, &v, sizeof v); }
LIVEMSG_DETAIL_AVX2_OP m256i setzero_si256() noexcept { return m256i{}; }
LIVEMSG_DETAIL_AVX2_OP m256i and_si256(m256i a, m256i b) noexcept { return a & b; }
LIVEMSG_DETAIL_AVX2_OP m256i or_si256(m256i a, m256i b) noexcept { return a | b; }
LIVEMSG_DETAIL_AVX2_OP m256i xor_si256(m256i a, m256i b) noexcept { return a ^ b; }
LIVEMSG_DETAIL_AVX2_OP m256i add_epi64(m256i a, m256i b) noexcept { return a + b; }

// The bytes in memory order (e0 first), as _mm256_setr_epi8.
LIVEMSG_DETAIL_AVX2_OP m256i setr_epi8(char e0, char e1, char e2, char e3, char e4, char e5, char e6, char e7, char e8,
                                       char e9, char e10, char e11, char e12, char e13, char e14, char e15, char e16,
                                       char e17, char e18, char e19, char e20, char e21, char e22, char e23, char e24,
                                       char e25, char e26, char e27, char e28, char e29, char e30, char e31) noexcept {
#ifdef LIVEMSG_DETAIL_AVX2_INTRINSICS
    return _mm256_setr_epi8(e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15, e16, e17, e18, e19,
                            e20, e21, e22, e23, e24, e25, e26, e27, e28, e29, e30, e31);
#else
    return (m256i)v32qi{e0,  e1,  e2,  e3,  e4,  e5,  e6,  e7,  e8,  e9,  e10, e11, e12, e13, e14, e15,
                        e16, e17, e18, e19, e20, e21, e22, e23, e24, e25, e26, e27, e28, e29, e30, e31};
#endif
}
LIVEMSG_DETAIL_AVX2_OP m256i set1_epi8(char c) noexcept {
    return setr_epi8(c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c);
}

}  // namespace livemsg::detail::avx2

#endif
