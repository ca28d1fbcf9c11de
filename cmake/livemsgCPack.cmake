# SPDX-License-Identifier: BSL-1.0
# Debian packages, one per install component:
#   livemsg-dev  (component dev):  headers, CMake package, .pc files; Architecture: all.
#   livemsg-tool (component tool): the `livemsg` command-line tool, when it is built; its
#                                  Depends come from dpkg-shlibdeps (needs dpkg-dev and file).
# The maintainer and the homepage may be given on the command line (-DCPACK_PACKAGE_CONTACT=...,
# -DCPACK_DEBIAN_PACKAGE_HOMEPAGE=...).
if(NOT DEFINED CPACK_PACKAGE_CONTACT)
    set(CPACK_PACKAGE_CONTACT "livemsg maintainers <livemsg@users.noreply.github.com>")
endif()
if(NOT DEFINED CPACK_DEBIAN_PACKAGE_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/livemsg/livemsg")
endif()
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME livemsg)
set(CPACK_PACKAGE_VENDOR livemsg)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_COMPONENTS_ALL dev)
if(TARGET livemsg_tool)
    list(APPEND CPACK_COMPONENTS_ALL tool)
endif()
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # <name>_<version>-<release>_<architecture>.deb
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME ${LIVEMSG_DEB_DEV_PACKAGE})
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# The core needs Boost (Describe, mp11, JSON) and links libboost_json. Signing is optional: the
# CMake package offers livemsg::signing, and livemsg-signing.pc resolves, only where OpenSSL 3
# and zlib are installed, so they are recommended (apt installs them by default) and not forced.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libboost1.81-dev, libboost-json1.81-dev")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "libssl-dev (>= 3), zlib1g-dev")
# The Redis limiters (livemsg::redis, livemsg-redis.pc) need hiredis: suggested, for the few who share limits.
set(CPACK_DEBIAN_DEV_PACKAGE_SUGGESTS "pkg-config, cmake (>= 3.25), libhiredis-dev")
# CPack puts the project's description first, as the synopsis.
set(CPACK_DEBIAN_DEV_DESCRIPTION "C++20 headers, CMake package and pkg-config files.
livemsg is a header-only C++20 library of typed, validated requests and
responses for the messaging APIs of live-streaming clouds (Alibaba, Tencent,
Volcengine), with request signing. This package holds the headers, the CMake
package (find_package(livemsg)) and the pkg-config files livemsg.pc,
livemsg-signing.pc and livemsg-redis.pc.")

set(CPACK_DEBIAN_TOOL_PACKAGE_NAME livemsg-tool)
set(CPACK_DEBIAN_TOOL_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_TOOL_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_TOOL_DESCRIPTION "The livemsg command-line tool.
It renders, signs and checks requests to the messaging APIs of the Alibaba,
Tencent and Volcengine live-streaming clouds, without writing C++.")

include(CPack)
