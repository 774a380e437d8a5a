// libFuzzer harness: the cohort rules loader, then assignment of the bundled registry (where
// overlaps, gaps and empty cohorts are found).
#include "fuzz_support.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  static const Registry& registry = fuzz::BundledRegistry();
  return fuzz::Exercise([&] {
    const CohortRules rules = ParseCohortRules(fuzz::AsText(data, size), "f.yaml");
    (void)AssignCohorts(rules, registry);
  });
}
