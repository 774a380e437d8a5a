// libFuzzer harness: the report workbook reader (zip archive, XML parts, cells, both layouts),
// against the bundled registry and rubrics. Seeds: the catalogue's workbooks and a filled
// template; mutations that break the zip are rejected by libzip's checks, so most of the time is
// spent on archives whose XML parts the mutations reach through stored (uncompressed) entries.
#include "fuzz_support.hpp"
#include "jobaward/io/report_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  static const Registry& registry = fuzz::BundledRegistry();
  return fuzz::Exercise([&] {
    (void)ParseReportsXlsx(std::string(fuzz::AsText(data, size)), "f.xlsx", fuzz::BundledSchema(),
                           registry);
  });
}
