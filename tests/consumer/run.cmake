# Builds and runs the consumer project against livemsg, either installed (MODE=find_package)
# or as a subdirectory (MODE=add_subdirectory). Prints "consumer ok" on success.
set(build ${WORK_DIR}/${MODE})
file(REMOVE_RECURSE ${build})

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
endfunction()

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
