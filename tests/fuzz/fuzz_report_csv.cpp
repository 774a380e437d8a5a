// libFuzzer harness: the reports CSV loader, against the bundled registry and rubrics.
#include "fuzz_support.hpp"
#include "jobaward/io/report_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  static const Registry& registry = fuzz::BundledRegistry();
  return fuzz::Exercise([&] {
    (void)ParseReportsCsv(fuzz::AsText(data, size), "f.csv", fuzz::BundledSchema(), registry);
  });
}
