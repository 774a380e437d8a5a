# Finds libyaml (Debian: libyaml-dev; the event parser behind the report loader) through its
# pkg-config file yaml-0.1, falling back to the usual paths, and defines the imported target
# LibYaml::LibYaml.
include(FindPackageHandleStandardArgs)
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(PC_LibYaml QUIET yaml-0.1)
endif()
find_path(LibYaml_INCLUDE_DIR yaml.h HINTS ${PC_LibYaml_INCLUDE_DIRS})
find_library(LibYaml_LIBRARY NAMES yaml HINTS ${PC_LibYaml_LIBRARY_DIRS})
mark_as_advanced(LibYaml_INCLUDE_DIR LibYaml_LIBRARY)
find_package_handle_standard_args(LibYaml REQUIRED_VARS LibYaml_LIBRARY LibYaml_INCLUDE_DIR
                                  VERSION_VAR PC_LibYaml_VERSION)
if(LibYaml_FOUND AND NOT TARGET LibYaml::LibYaml)
  add_library(LibYaml::LibYaml UNKNOWN IMPORTED)
  set_target_properties(LibYaml::LibYaml PROPERTIES IMPORTED_LOCATION "${LibYaml_LIBRARY}"
                                                    INTERFACE_INCLUDE_DIRECTORIES
                                                    "${LibYaml_INCLUDE_DIR}")
endif()
