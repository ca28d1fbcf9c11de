# SPDX-License-Identifier: BSL-1.0
# Builds and runs the consumer project against livemsg, in one of these modes:
#   install           livemsg configured alone and installed with CMake into ${WORK_DIR}/prefix:
#                     the one install the find_package, pkg_config and deb modes share;
#   find_package      the install, found with find_package(livemsg CONFIG);
#   add_subdirectory  the source tree as a CMake subdirectory;
#   pkg_config        the install, built with plain compiler commands and pkg-config;
#   deb               packaged with `cpack -G DEB` from the install's build tree, unpacked with
#                     dpkg-deb, then used with find_package and with pkg-config;
#   meson             the source tree as a Meson subproject, with and without signing;
#   uninstall         removes what install made.
# Prints "consumer ok" and "consumer signing ok" on success, and one line per extra check; the
# CMake modes also build and run consumer_redis where livemsg::redis is ("consumer redis ok").
# Needs SOURCE_DIR, WORK_DIR, MODE and CXX; VERSION (pkg_config, deb), PKG_CONFIG (pkg_config,
# deb), CPACK and DPKG_DEB (deb), MESON (meson).
set(build ${WORK_DIR}/${MODE})
set(installed ${WORK_DIR}/installed)  # livemsg's build tree and its install, from MODE=install
if(NOT MODE MATCHES "^(install|uninstall)$")
    file(REMOVE_RECURSE ${build})
endif()

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
endfunction()

# Runs a command and puts its standard output, stripped, in `out`.
function(capture out)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE text OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "failed (${rc}): ${ARGN}")
    endif()
    set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The consumer's CMake project, configured with the arguments after `name`, built and run in
# ${build}/${name}. With `prefix`, find_package must find livemsg's package there.
function(consume_with_cmake name prefix)
    run(${CMAKE_COMMAND} -S ${CMAKE_CURRENT_FUNCTION_LIST_DIR} -B ${build}/${name} -DCMAKE_CXX_COMPILER=${CXX} ${ARGN})
    if(prefix)
        file(STRINGS ${build}/${name}/CMakeCache.txt found REGEX "^livemsg_DIR:")
        string(REGEX REPLACE "^[^=]*=" "" found "${found}")
        if(NOT found STREQUAL "${prefix}/share/cmake/livemsg")
            message(FATAL_ERROR "find_package found livemsg in '${found}', not in ${prefix}/share/cmake/livemsg")
        endif()
    endif()
    run(${CMAKE_COMMAND} --build ${build}/${name})
    run(${build}/${name}/consumer)
    run(${build}/${name}/consumer_signing)
    if(EXISTS ${build}/${name}/consumer_redis)
        run(${build}/${name}/consumer_redis)
    endif()
endfunction()

# The consumer built with the compiler and pkg-config alone, from the .pc files in `pc_dir`,
# into ${build}/${name}. The .pc files must point into `prefix`, not at some other copy.
function(consume_with_pkg_config name pc_dir prefix)
    set(ENV{PKG_CONFIG_PATH} ${pc_dir})
    capture(modversion ${PKG_CONFIG} --modversion livemsg livemsg-signing)
    string(REPLACE "\n" ";" modversion "${modversion}")
    if(NOT modversion STREQUAL "${VERSION};${VERSION}")
        message(FATAL_ERROR "pkg-config says version ${modversion}, the project is ${VERSION}")
    endif()
    capture(includedir ${PKG_CONFIG} --variable=includedir livemsg)
    file(REAL_PATH ${includedir} includedir)
    if(NOT includedir STREQUAL "${prefix}/include" OR NOT EXISTS ${includedir}/livemsg/livemsg.hpp)
        message(FATAL_ERROR "livemsg.pc's includedir is ${includedir}, not ${prefix}/include")
    endif()
    file(MAKE_DIRECTORY ${build}/${name})
    foreach(program IN ITEMS consumer:main.cpp:livemsg consumer_signing:signing.cpp:livemsg-signing)
        string(REPLACE ":" ";" program ${program})
        list(GET program 0 binary)
        list(GET program 1 source)
        list(GET program 2 package)
        capture(flags ${PKG_CONFIG} --cflags --libs ${package})
        separate_arguments(flags UNIX_COMMAND "${flags}")
        run(${CXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror -o ${build}/${name}/${binary}
            ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/${source} ${flags})
        run(${build}/${name}/${binary})
    endforeach()
    message(STATUS "pkg-config ${name}: livemsg ${VERSION} from ${includedir}")
endfunction()

if(MODE STREQUAL "meson")
    # A copy of the Meson consumer beside the source tree, linked in as its subproject.
    file(COPY ${CMAKE_CURRENT_LIST_DIR}/main.cpp ${CMAKE_CURRENT_LIST_DIR}/signing.cpp DESTINATION ${build})
    file(COPY ${CMAKE_CURRENT_LIST_DIR}/meson/meson.build DESTINATION ${build}/project)
    file(MAKE_DIRECTORY ${build}/project/subprojects)
    file(CREATE_LINK ${SOURCE_DIR} ${build}/project/subprojects/livemsg SYMBOLIC)

    # The targets and tests Meson knows in a configured build: the subproject must add no tool,
    # test program or test of its own, only what the consumer asked for.
    function(check_targets out expected)
        capture(targets ${MESON} introspect --targets ${out})
        capture(tests ${MESON} introspect --tests ${out})
        set(names)
        string(JSON count LENGTH "${targets}")
        if(count GREATER 0)
            math(EXPR last "${count} - 1")
            foreach(i RANGE ${last})
                string(JSON name GET "${targets}" ${i} name)
                list(APPEND names ${name})
            endforeach()
        endif()
        list(SORT names)
        if(NOT names STREQUAL expected)
            message(FATAL_ERROR "Meson builds '${names}' in ${out}, expected '${expected}'")
        endif()
        string(JSON test_count LENGTH "${tests}")
        if(NOT test_count EQUAL 0)
            message(FATAL_ERROR "Meson registers ${test_count} tests in ${out}: ${tests}")
        endif()
    endfunction()

    run(${CMAKE_COMMAND} -E env CXX=${CXX} ${MESON} setup ${build}/out ${build}/project)
    check_targets(${build}/out "consumer;consumer_signing")
    run(${MESON} compile -C ${build}/out)
    run(${build}/out/consumer)
    run(${build}/out/consumer_signing)
    message(STATUS "meson subproject: no tool, no tests")

    # Without signing, the core alone builds and runs.
    run(${CMAKE_COMMAND} -E env CXX=${CXX} ${MESON} setup ${build}/core ${build}/project -Dlivemsg:signing=disabled)
    check_targets(${build}/core "consumer")
    run(${MESON} compile -C ${build}/core)
    run(${build}/core/consumer)
    message(STATUS "meson subproject with signing disabled: the core consumer alone")
elseif(MODE STREQUAL "install")
    # livemsg configured alone (no tests, examples or tool: quick), installed once for three modes.
    file(REMOVE_RECURSE ${installed})
    run(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${installed}/livemsg -DCMAKE_CXX_COMPILER=${CXX}
        -DLIVEMSG_BUILD_TESTS=OFF -DLIVEMSG_BUILD_EXAMPLES=OFF -DLIVEMSG_BUILD_TOOL=OFF
        -DCMAKE_INSTALL_PREFIX=${installed}/prefix)
    run(${CMAKE_COMMAND} --install ${installed}/livemsg)
    message(STATUS "installed in ${installed}/prefix")
elseif(MODE STREQUAL "uninstall")
    file(REMOVE_RECURSE ${installed})
    message(STATUS "removed ${installed}")
elseif(MODE STREQUAL "find_package")
    consume_with_cmake(consumer ${installed}/prefix -DCMAKE_PREFIX_PATH=${installed}/prefix)
elseif(MODE STREQUAL "add_subdirectory")
    consume_with_cmake(consumer "" -DLIVEMSG_SOURCE_DIR=${SOURCE_DIR})
elseif(MODE STREQUAL "pkg_config")
    consume_with_pkg_config(consumer ${installed}/prefix/share/pkgconfig ${installed}/prefix)
elseif(MODE STREQUAL "deb")
    # cpack installs the "dev" component of the install's build tree into a package of its own.
    run(${CPACK} -G DEB --config ${installed}/livemsg/CPackConfig.cmake -B ${build}/packages)
    file(GLOB debs ${build}/packages/*.deb)
    list(TRANSFORM debs REPLACE ".*/" "")
    if(NOT debs STREQUAL "livemsg-dev_${VERSION}-1_all.deb")
        message(FATAL_ERROR "cpack made '${debs}', not livemsg-dev_${VERSION}-1_all.deb alone")
    endif()
    set(deb ${build}/packages/${debs})
    foreach(field IN ITEMS Package Version Architecture Depends Recommends)
        capture(${field} ${DPKG_DEB} -f ${deb} ${field})
    endforeach()
    if(NOT Package STREQUAL "livemsg-dev" OR NOT Version STREQUAL "${VERSION}-1" OR NOT Architecture STREQUAL "all"
       OR NOT ", ${Depends}," MATCHES ", libboost1\\.81-dev," OR NOT ", ${Depends}," MATCHES ", libboost-json1\\.81-dev,"
       OR NOT Recommends MATCHES "libssl-dev" OR NOT Recommends MATCHES "zlib1g-dev")
        message(FATAL_ERROR "unexpected control fields: Package ${Package}, Version ${Version}, "
                            "Architecture ${Architecture}, Depends ${Depends}, Recommends ${Recommends}")
    endif()
    message(STATUS "deb: ${debs} depends on ${Depends}")

    run(${DPKG_DEB} -x ${deb} ${build}/root)
    set(usr ${build}/root/usr)
    foreach(file IN ITEMS include/livemsg/livemsg.hpp share/cmake/livemsg/livemsgConfig.cmake
                          share/pkgconfig/livemsg.pc share/pkgconfig/livemsg-signing.pc
                          share/doc/livemsg-dev/copyright)
        if(NOT EXISTS ${usr}/${file})
            message(FATAL_ERROR "the package has no /usr/${file}")
        endif()
    endforeach()
    consume_with_cmake(consumer ${usr} -DCMAKE_PREFIX_PATH=${usr})
    consume_with_pkg_config(consumer_pkg_config ${usr}/share/pkgconfig ${usr})
else()
    message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
if(NOT MODE MATCHES "^(install|uninstall)$")
    file(REMOVE_RECURSE ${build})
endif()
