// libFuzzer harness: the report YAML loader, checked against the bundled registry and the
// schema of the bundled rubrics; a report that loads is written back and must load again.
#include "fuzz_support.hpp"
#include "jobaward/io/report_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  static const Registry& registry = fuzz::BundledRegistry();
  return fuzz::Exercise([&] {
    const Report report =
        ParseReportYaml(fuzz::AsText(data, size), "f.yaml", fuzz::BundledSchema(), registry);
    const std::string again = FormatReportYaml(report, fuzz::BundledSchema(), registry);
    try {
      (void)ParseReportYaml(again, "again.yaml", fuzz::BundledSchema(), registry);
    } catch (const InputError& e) {
      throw InternalError("a written report does not load back: " +
                          e.diagnostics().front().ToString());
    }
  });
}
