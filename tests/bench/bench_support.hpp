// What the benchmark programs share: paths into the source tree (they read the bundled 2020
// data) and a main() that reports bad input the way the CLI does.
#pragma once

#include <cstdio>
#include <string>

#include "jobaward/error.hpp"

namespace jobaward::bench {

/// `relative` inside the source tree.
inline std::string Source(const std::string& relative) {
  return std::string(JOBAWARD_SOURCE_DIR) + "/" + relative;
}

/// Runs `run(argc, argv)`; an InputError prints its diagnostics and exits 1.
template <typename Run>
int Main(int argc, char** argv, Run run) {
  try {
    return run(argc, argv);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) std::fprintf(stderr, "error: %s\n", d.ToString().c_str());
    return 1;
  }
}

}  // namespace jobaward::bench
