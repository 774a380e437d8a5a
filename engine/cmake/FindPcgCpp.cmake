# Finds the header-only PCG random number library (Debian: libpcg-cpp-dev), which has no CMake
# package of its own, and defines the imported target PcgCpp::PcgCpp (its include directory).
# Public headers of jobaward_core include <pcg_random.hpp> (uncertainty.hpp: GroupStream holds a
# pcg64 so that its normal variates stay inline), so jobaward::core carries this target.
include(FindPackageHandleStandardArgs)
find_path(PcgCpp_INCLUDE_DIR pcg_random.hpp)
mark_as_advanced(PcgCpp_INCLUDE_DIR)
find_package_handle_standard_args(PcgCpp REQUIRED_VARS PcgCpp_INCLUDE_DIR)
if(PcgCpp_FOUND AND NOT TARGET PcgCpp::PcgCpp)
  add_library(PcgCpp::PcgCpp INTERFACE IMPORTED)
  set_target_properties(PcgCpp::PcgCpp PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
                                                  "${PcgCpp_INCLUDE_DIR}")
endif()
