// libFuzzer harness: the JSON inputs of `jobaward report` (--simulation, --sensitivity), read by
// ParseSimulationJson and ParseSensitivityJson (award_report.hpp); every input goes to both.
#include "fuzz_support.hpp"
#include "jobaward/render/award_report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  const std::string_view text = fuzz::AsText(data, size);
  fuzz::Exercise([&] { (void)ParseSimulationJson(text, "f.simulation.json"); });
  return fuzz::Exercise([&] { (void)ParseSensitivityJson(text, "f.sensitivity.json"); });
}
