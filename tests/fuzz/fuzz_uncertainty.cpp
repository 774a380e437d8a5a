// libFuzzer harness: the uncertainty spec loader (`jobaward simulate --uncertainty`).
#include "fuzz_support.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return jobaward::fuzz::Exercise(
      [&] { (void)jobaward::ParseUncertainty(jobaward::fuzz::AsText(data, size), "f.yaml"); });
}
