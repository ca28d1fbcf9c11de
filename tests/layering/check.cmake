# SPDX-License-Identifier: BSL-1.0
# Fails when a header reaches up or across the layers of include/livemsg:
#   detail/   the standard library, Boost, OpenSSL, zlib and other detail headers only
#   core/     also core headers
#   a vendor  also its own headers, never another vendor's
#   redis/    core, detail, the vendors' and its own headers (hiredis); none of the others includes it
# The umbrella headers at the top (livemsg.hpp, signing.hpp) may include anything but redis/, whose
# hiredis neither of their targets links.
# Usage: cmake -DSOURCE_DIR=<the source tree> -P check.cmake
cmake_minimum_required(VERSION 3.25)

set(root ${SOURCE_DIR}/include/livemsg)
if(NOT IS_DIRECTORY ${root})
    message(FATAL_ERROR "no ${root}: pass -DSOURCE_DIR=<the source tree>")
endif()
set(vendors alibaba tencent volcengine)

# The folder of a path relative to include/livemsg: detail, core, a vendor, or "" at the top.
function(layer_of relative out)
    string(FIND "${relative}" "/" slash)
    if(slash EQUAL -1)
        set(${out} "" PARENT_SCOPE)
    else()
        string(SUBSTRING "${relative}" 0 ${slash} folder)
        set(${out} ${folder} PARENT_SCOPE)
    endif()
endfunction()

file(GLOB_RECURSE headers RELATIVE ${root} ${root}/*.hpp)
list(LENGTH headers count)
set(violations 0)
foreach(header IN LISTS headers)
    layer_of(${header} from)
    get_filename_component(dir ${root}/${header} DIRECTORY)
    file(STRINGS ${root}/${header} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]*)[>\"].*$" "\\1" target "${line}")
        if(target MATCHES "^livemsg/")
            string(REGEX REPLACE "^livemsg/" "" to_path "${target}")
        elseif(line MATCHES "\"")
            # A quoted include relative to the header's own folder.
            get_filename_component(resolved ${dir}/${target} ABSOLUTE)
            file(RELATIVE_PATH to_path ${root} ${resolved})
            if(to_path MATCHES "^\\.\\./")
                continue()
            endif()
        else()
            continue()  # the standard library, Boost, OpenSSL, zlib
        endif()
        layer_of(${to_path} to)
        set(allowed TRUE)
        if(to STREQUAL "redis" AND NOT from STREQUAL "redis")
            set(allowed FALSE)
        elseif(from STREQUAL "detail")
            if(NOT to STREQUAL "detail")
                set(allowed FALSE)
            endif()
        elseif(from STREQUAL "core")
            if(NOT to STREQUAL "detail" AND NOT to STREQUAL "core")
                set(allowed FALSE)
            endif()
        elseif(from IN_LIST vendors)
            if(NOT to STREQUAL "detail" AND NOT to STREQUAL "core" AND NOT to STREQUAL from)
                set(allowed FALSE)
            endif()
        elseif(from STREQUAL "redis")
            if(NOT to STREQUAL "detail" AND NOT to STREQUAL "core" AND NOT to STREQUAL "redis" AND NOT to IN_LIST vendors)
                set(allowed FALSE)
            endif()
        endif()
        if(NOT allowed)
            message("layering violation: livemsg/${header} includes <livemsg/${to_path}>")
            math(EXPR violations "${violations} + 1")
        endif()
    endforeach()
endforeach()

if(violations GREATER 0)
    message(FATAL_ERROR "${violations} layering violations in ${count} headers")
endif()
message("layering ok: ${count} headers")
