# The packages each jobaward library needs, in one place for the build (engine/CMakeLists.txt)
# and for the installed package (jobawardConfig.cmake, which includes this file): each macro
# finds what one library links or what its public headers include, so a program that links only
# jobaward::core needs Eigen, PCG and Threads, not the loaders' YAML, CSV, XLSX and OpenSSL.
#
# To add a dependency: call jobaward_find() in the macro of the library that uses it, and link it
# on that library in engine/CMakeLists.txt (PUBLIC when a public header includes it). A
# header-only package that only .cpp files include is found in engine/CMakeLists.txt instead and
# linked as $<BUILD_INTERFACE:...>, so installed consumers do not need it. A package without a
# CMake config gets a Find module beside this file (installed with it).
#
# In the build every package is required; in the package config, find_dependency forwards the
# consumer's REQUIRED/QUIET and, on failure, makes find_package(jobaward) report which package is
# missing (its return() leaves the config file, since macros expand in place).
if(JOBAWARD_FINDING_PACKAGE)
  include(CMakeFindDependencyMacro)
  macro(jobaward_find)
    find_dependency(${ARGV})
  endmacro()
else()
  macro(jobaward_find)
    find_package(${ARGV} REQUIRED)
  endmacro()
endif()

# jobaward::core: Eigen (public headers), PCG (uncertainty.hpp), threads (simulation), and
# for its static archive's Monte Carlo variates (src/core/simulation/variates.cpp) Highway (runtime SIMD
# dispatch) and SLEEF (exp).
macro(jobaward_find_core_dependencies)
  jobaward_find(Eigen3 3.4 NO_MODULE)
  jobaward_find(PcgCpp)
  jobaward_find(Threads)
  jobaward_find(hwy)
  jobaward_find(Sleef)
endmacro()

# jobaward::io: nlohmann/json (provenance.hpp), and the libraries its static archive needs at
# link time: yaml-cpp and libyaml (YAML), libcsv, libxlsxwriter, fmt, OpenSSL's libcrypto
# (SHA-256 of inputs), libzip and expat (reading .xlsx reports, a part streamed as it inflates;
# CMake's own FindEXPAT).
macro(jobaward_find_io_dependencies)
  jobaward_find(nlohmann_json 3.10)
  jobaward_find(yaml-cpp)
  jobaward_find(LibYaml)
  jobaward_find(LibCsv)
  jobaward_find(XlsxWriter)
  jobaward_find(fmt 9)
  jobaward_find(OpenSSL COMPONENTS Crypto)
  jobaward_find(LibZip)
  jobaward_find(EXPAT)
endmacro()
