// SPDX-License-Identifier: BSL-1.0
// The library's version. CMake's project version is read from here; a test checks Meson's.
#pragma once

#define LIVEMSG_VERSION_MAJOR 0
#define LIVEMSG_VERSION_MINOR 1
#define LIVEMSG_VERSION_PATCH 0

/// MAJOR * 10000 + MINOR * 100 + PATCH, for comparisons in `#if`.
#define LIVEMSG_VERSION (LIVEMSG_VERSION_MAJOR * 10000 + LIVEMSG_VERSION_MINOR * 100 + LIVEMSG_VERSION_PATCH)

#define LIVEMSG_DETAIL_STRINGIFY_(x) #x
#define LIVEMSG_DETAIL_STRINGIFY(x) LIVEMSG_DETAIL_STRINGIFY_(x)
/// "MAJOR.MINOR.PATCH".
#define LIVEMSG_VERSION_STRING                                                                       \
    LIVEMSG_DETAIL_STRINGIFY(LIVEMSG_VERSION_MAJOR)                                                  \
    "." LIVEMSG_DETAIL_STRINGIFY(LIVEMSG_VERSION_MINOR) "." LIVEMSG_DETAIL_STRINGIFY(LIVEMSG_VERSION_PATCH)
