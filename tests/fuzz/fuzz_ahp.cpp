// libFuzzer harness: the AHP pairwise-matrix loader, then the weights and consistency check
// (`jobaward weights ahp` without the rubric rewrite).
#include "fuzz_support.hpp"
#include "jobaward/io/ahp_yaml.hpp"
#include "jobaward/sensitivity/ahp.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  return fuzz::Exercise([&] {
    const AhpSpec spec = ParseAhp(fuzz::AsText(data, size), "f.yaml");
    const AhpResult result = ComputeAhp(spec.matrix);
    CheckConsistency(spec, result, false);
  });
}
