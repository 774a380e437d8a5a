// The bundled 2020 inputs (registry, cohort rules, both rubrics) as AwardPaths, for the tests
// that load them through the library instead of the CLI.
#pragma once

#include "jobaward/io/award_setup.hpp"
#include "test_support.hpp"

namespace jobaward::test {

inline AwardPaths BundledAwardPaths() {
  AwardPaths paths;
  paths.registry = SourcePath("cohorts/governments-2020.csv");
  paths.registry_is_2020 = true;
  paths.rules = SourcePath("cohorts/2020.yaml");
  paths.rubrics = {SourcePath("rubrics/2020-disclosure.yaml"),
                   SourcePath("rubrics/2020-best-program.yaml")};
  return paths;
}

}  // namespace jobaward::test
