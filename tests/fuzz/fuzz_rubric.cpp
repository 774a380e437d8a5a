// libFuzzer harness: the rubric loader (ParseRubric, which also runs ValidateRubric).
#include "fuzz_support.hpp"
#include "jobaward/io/rubric_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  return fuzz::Exercise([&] {
    const Rubric rubric = ParseRubric(fuzz::AsText(data, size), "f.yaml");
    (void)SchemaOf(rubric);
  });
}
