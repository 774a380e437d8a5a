# Finds SLEEF (Debian: libsleef-dev), which has no CMake package, and defines the imported
# target Sleef::Sleef.
include(FindPackageHandleStandardArgs)
find_path(Sleef_INCLUDE_DIR sleef.h PATH_SUFFIXES ${CMAKE_LIBRARY_ARCHITECTURE})
find_library(Sleef_LIBRARY NAMES sleef)
mark_as_advanced(Sleef_INCLUDE_DIR Sleef_LIBRARY)
find_package_handle_standard_args(Sleef REQUIRED_VARS Sleef_LIBRARY Sleef_INCLUDE_DIR)
if(Sleef_FOUND AND NOT TARGET Sleef::Sleef)
  add_library(Sleef::Sleef UNKNOWN IMPORTED)
  set_target_properties(Sleef::Sleef PROPERTIES IMPORTED_LOCATION "${Sleef_LIBRARY}"
                                                INTERFACE_INCLUDE_DIRECTORIES
                                                "${Sleef_INCLUDE_DIR}")
endif()
