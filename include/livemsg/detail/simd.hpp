// Which vector instructions the block-at-a-time byte loops may use. LIVEMSG_DETAIL_SSE2 is a
// macro, not a constexpr bool: without the intrinsics header, code naming __m128i cannot
// even be parsed.
#pragma once

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define LIVEMSG_DETAIL_SSE2 1
#endif
