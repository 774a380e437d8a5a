# Finds libzip (Debian: libzip-dev; the archive layer of the .xlsx report reader) through its
# pkg-config file, falling back to the usual paths, and defines the imported target
# LibZip::LibZip. Not libzip's own CMake config: Debian's refers to the zipcmp/zipmerge/ziptool
# programs of another package (libzip-tools) and fails without them.
include(FindPackageHandleStandardArgs)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_LibZip QUIET libzip)
endif()
find_path(LibZip_INCLUDE_DIR zip.h HINTS ${PC_LibZip_INCLUDE_DIRS})
find_library(LibZip_LIBRARY NAMES zip HINTS ${PC_LibZip_LIBRARY_DIRS})
mark_as_advanced(LibZip_INCLUDE_DIR LibZip_LIBRARY)
find_package_handle_standard_args(LibZip REQUIRED_VARS LibZip_LIBRARY LibZip_INCLUDE_DIR
                                  VERSION_VAR PC_LibZip_VERSION)
if(LibZip_FOUND AND NOT TARGET LibZip::LibZip)
  add_library(LibZip::LibZip UNKNOWN IMPORTED)
  set_target_properties(LibZip::LibZip PROPERTIES IMPORTED_LOCATION "${LibZip_LIBRARY}"
                                                  INTERFACE_INCLUDE_DIRECTORIES
                                                  "${LibZip_INCLUDE_DIR}")
endif()
