# ctest "package_consumer" (cmake -P): installs the libraries already built in the build
# directory into a fresh prefix inside it, configures tests/consumer against that prefix with
# find_package in a fresh directory, builds its one file, runs it on the bundled 2020 example
# and checks what it printed. Nothing but the consumer is compiled.
#
# -D variables: JOBAWARD_SOURCE_DIR, JOBAWARD_BINARY_DIR, WORK_DIR, GENERATOR, CXX_COMPILER,
# CXX_FLAGS, LINKER_FLAGS, LAUNCHER (may be empty).
function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "package_consumer: ${name} failed (${status}):\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run_step(install ${CMAKE_COMMAND} --install "${JOBAWARD_BINARY_DIR}" --prefix "${prefix}"
         --component jobaward_development)
if(NOT EXISTS "${prefix}/include/jobaward/scoring/scoring.hpp")
  message(FATAL_ERROR "package_consumer: the install has no public headers")
endif()

set(configure_args -S "${JOBAWARD_SOURCE_DIR}/tests/consumer" -B "${WORK_DIR}/build"
    -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
if(LAUNCHER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run_step(configure ${CMAKE_COMMAND} ${configure_args})
# The package must come from the install, not from the build tree.
file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" package_dir REGEX "^jobaward_DIR:")
if(NOT package_dir MATCHES "=${prefix}/")
  message(FATAL_ERROR "package_consumer: jobaward was not found in the install: ${package_dir}")
endif()
run_step(build ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
run_step(run "${WORK_DIR}/build/score_example" "${JOBAWARD_SOURCE_DIR}")

# The 2020 totals the rubrics reproduce (README.md): 58 공시제 + 15 우수사업 = 73 awards, and a
# rank-1 government in each of the 7 cohorts of both categories.
foreach(expected "awards disclosure 58" "awards best_program 15" "awards total 73")
  string(FIND "${step_output}" "${expected}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "package_consumer: expected '${expected}' in:\n${step_output}")
  endif()
endforeach()
string(REGEX MATCHALL "winner [a-z_]+ [^ ]+ [0-9][0-9][0-9][0-9][0-9] [^\n]+" winners
       "${step_output}")
list(LENGTH winners count)
if(count LESS 14)
  message(FATAL_ERROR "package_consumer: expected a winner per cohort and category:\n${step_output}")
endif()
message(STATUS "package_consumer: ${count} winners, 73 awards\n${step_output}")
