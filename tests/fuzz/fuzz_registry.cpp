// libFuzzer harness: the registry loader (ParseRegistry), without count expectations so small
// inputs get past the count check into the per-row validation.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return jobaward::fuzz::Exercise([&] {
    const jobaward::Registry registry =
        jobaward::ParseRegistry(jobaward::fuzz::AsText(data, size), "f.csv");
    for (const auto& g : registry.governments()) {
      if (!registry.IndexOf(g.code)) throw jobaward::InternalError("code not indexed");
    }
  });
}
