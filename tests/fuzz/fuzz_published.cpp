// libFuzzer harness: the published-facts loader (ParsePublishedFacts) against the bundled
// registry, including the group conditions it compiles and evaluates over the registry.
#include "fuzz_support.hpp"
#include "jobaward/io/published_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  static const Registry& registry = fuzz::BundledRegistry();
  return fuzz::Exercise([&] {
    const PublishedFacts facts = ParsePublishedFacts(fuzz::AsText(data, size), "f.yaml", registry);
    for (const PublishedFact& f : facts.facts) {
      if (f.group.condition) (void)f.group.condition->EvaluateAll(registry, {});
    }
  });
}
