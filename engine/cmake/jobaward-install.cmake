# Install rules: the libraries, the public headers, the command-line program and the CMake
# package, so that another project can write
#   find_package(jobaward 0.1 REQUIRED)             # or: COMPONENTS core
#   target_link_libraries(app PRIVATE jobaward::io)  # or: jobaward::core
# (README.md, "Use as a library"; tests/consumer/ builds such a program against an install).
# Each library has its own export set, so that jobaward::core can be loaded without the io
# library's dependencies.
include(CMakePackageConfigHelpers)
set(JOBAWARD_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/jobaward)

install(TARGETS jobaward_core jobaward_results EXPORT jobaward-core-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT jobaward_development)
install(EXPORT jobaward-core-targets NAMESPACE jobaward:: DESTINATION ${JOBAWARD_PACKAGE_DIR}
        COMPONENT jobaward_development)
if(JOBAWARD_BUILD_IO)
  install(TARGETS jobaward_io EXPORT jobaward-io-targets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT jobaward_development)
  install(EXPORT jobaward-io-targets NAMESPACE jobaward:: DESTINATION ${JOBAWARD_PACKAGE_DIR}
          COMPONENT jobaward_development)
endif()
# The server's headers stay behind: jobaward_server is built with the program, not installed.
install(DIRECTORY ${JOBAWARD_INCLUDE_DIR}/jobaward DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT jobaward_development PATTERN server EXCLUDE)
if(JOBAWARD_BUILD_CLI)
  install(TARGETS jobaward RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT jobaward_runtime)
endif()

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/jobawardConfig.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/jobawardConfig.cmake
                              INSTALL_DESTINATION ${JOBAWARD_PACKAGE_DIR})
# 0.x: a minor version may change the API, so only the same minor version is compatible.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/jobawardConfigVersion.cmake
                                 VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
file(GLOB JOBAWARD_FIND_MODULES ${CMAKE_CURRENT_LIST_DIR}/Find*.cmake)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/jobawardConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/jobawardConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/jobaward-dependencies.cmake ${JOBAWARD_FIND_MODULES}
        DESTINATION ${JOBAWARD_PACKAGE_DIR} COMPONENT jobaward_development)
