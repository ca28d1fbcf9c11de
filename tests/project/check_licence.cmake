# SPDX-License-Identifier: BSL-1.0
cmake_minimum_required(VERSION 3.25)
# The licence: LICENSE holds the Boost Software License 1.0, the README names it, and every
# source file says so in an SPDX line.
file(READ ${SOURCE_DIR}/LICENSE licence)
if(NOT licence MATCHES "^Boost Software License - Version 1\\.0")
    message(FATAL_ERROR "LICENSE does not hold the Boost Software License 1.0")
endif()
file(READ ${SOURCE_DIR}/README.md readme)
if(NOT readme MATCHES "Boost Software License 1\\.0")
    message(FATAL_ERROR "README.md does not name the licence")
endif()
set(patterns)
foreach(dir include tests tools examples fuzz benchmarks cmake .ci)
    list(APPEND patterns ${SOURCE_DIR}/${dir}/*.hpp ${SOURCE_DIR}/${dir}/*.cpp ${SOURCE_DIR}/${dir}/*.cmake
         ${SOURCE_DIR}/${dir}/*.in ${SOURCE_DIR}/${dir}/CMakeLists.txt ${SOURCE_DIR}/${dir}/meson.build)
endforeach()
file(GLOB_RECURSE sources ${patterns})
list(APPEND sources ${SOURCE_DIR}/CMakeLists.txt ${SOURCE_DIR}/meson.build ${SOURCE_DIR}/meson_options.txt
     ${SOURCE_DIR}/.ci/run ${SOURCE_DIR}/.ci/install-deps ${SOURCE_DIR}/benchmarks/run
     ${SOURCE_DIR}/benchmarks/compile_cost ${SOURCE_DIR}/benchmarks/ratio_table.py ${SOURCE_DIR}/fuzz/run.sh)
set(missing 0)
list(LENGTH sources count)
foreach(source IN LISTS sources)
    if(source MATCHES "/build[^/]*/|/fuzz/corpus/")
        continue()
    endif()
    file(STRINGS ${source} top LIMIT_COUNT 2)  # the first line, or the one after "#!"
    if(NOT top MATCHES "SPDX-License-Identifier: BSL-1\\.0")
        message(SEND_ERROR "${source} has no 'SPDX-License-Identifier: BSL-1.0' line at its top")
        math(EXPR missing "${missing} + 1")
    endif()
endforeach()
if(missing GREATER 0)
    message(FATAL_ERROR "${missing} source files without the licence line")
endif()
message(STATUS "${count} source files carry the licence line")
