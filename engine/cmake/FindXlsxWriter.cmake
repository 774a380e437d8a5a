# Finds libxlsxwriter (Debian: libxlsxwriter-dev) through its pkg-config file, falling back to
# the usual paths, and defines the imported target XlsxWriter::XlsxWriter.
include(FindPackageHandleStandardArgs)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_XlsxWriter QUIET xlsxwriter)
endif()
find_path(XlsxWriter_INCLUDE_DIR xlsxwriter.h HINTS ${PC_XlsxWriter_INCLUDE_DIRS})
find_library(XlsxWriter_LIBRARY NAMES xlsxwriter HINTS ${PC_XlsxWriter_LIBRARY_DIRS})
mark_as_advanced(XlsxWriter_INCLUDE_DIR XlsxWriter_LIBRARY)
find_package_handle_standard_args(XlsxWriter REQUIRED_VARS XlsxWriter_LIBRARY
                                  XlsxWriter_INCLUDE_DIR VERSION_VAR PC_XlsxWriter_VERSION)
if(XlsxWriter_FOUND AND NOT TARGET XlsxWriter::XlsxWriter)
  add_library(XlsxWriter::XlsxWriter UNKNOWN IMPORTED)
  set_target_properties(XlsxWriter::XlsxWriter PROPERTIES IMPORTED_LOCATION "${XlsxWriter_LIBRARY}"
                                                          INTERFACE_INCLUDE_DIRECTORIES
                                                          "${XlsxWriter_INCLUDE_DIR}")
endif()
