# SPDX-License-Identifier: BSL-1.0
# Builds and runs the consumer project against livemsg: installed (MODE=find_package), as a
# subdirectory (MODE=add_subdirectory), or as a Meson subproject (MODE=meson).
# Prints "consumer ok" and "consumer signing ok" on success.
set(build ${WORK_DIR}/${MODE})
file(REMOVE_RECURSE ${build})

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
endfunction()

if(MODE STREQUAL "meson")
    # A copy of the Meson consumer beside the source tree, linked in as its subproject.
    file(COPY ${CMAKE_CURRENT_LIST_DIR}/main.cpp ${CMAKE_CURRENT_LIST_DIR}/signing.cpp DESTINATION ${build})
    file(COPY ${CMAKE_CURRENT_LIST_DIR}/meson/meson.build DESTINATION ${build}/project)
    file(MAKE_DIRECTORY ${build}/project/subprojects)
    file(CREATE_LINK ${SOURCE_DIR} ${build}/project/subprojects/livemsg SYMBOLIC)
    run(${CMAKE_COMMAND} -E env CXX=${CXX} ${MESON} setup ${build}/out ${build}/project)
    run(${MESON} compile -C ${build}/out)
    run(${build}/out/consumer)
    run(${build}/out/consumer_signing)
    return()
endif()

set(consumer_args -S ${CMAKE_CURRENT_LIST_DIR} -B ${build}/consumer -DCMAKE_CXX_COMPILER=${CXX})
if(MODE STREQUAL "find_package")
    run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${build}/livemsg -DCMAKE_CXX_COMPILER=${CXX}
        -DLIVEMSG_BUILD_TESTS=OFF -DLIVEMSG_BUILD_EXAMPLES=OFF -DLIVEMSG_BUILD_TOOL=OFF
        -DCMAKE_INSTALL_PREFIX=${build}/prefix)
    run(${CMAKE_COMMAND} --install ${build}/livemsg)
    list(APPEND consumer_args -DCMAKE_PREFIX_PATH=${build}/prefix)
else()
    list(APPEND consumer_args -DLIVEMSG_SOURCE_DIR=${SOURCE_DIR})
endif()
run(${CMAKE_COMMAND} ${consumer_args})
run(${CMAKE_COMMAND} --build ${build}/consumer)
run(${build}/consumer/consumer)
run(${build}/consumer/consumer_signing)
