// Shared by the libFuzzer harnesses: the convention that an InputError is a normal outcome (the
// loader rejected bad bytes with a diagnostic), so only crashes, sanitizer reports, hangs and other
// exceptions (InternalError, std::bad_alloc, ...) are findings. Bundled data is read once from the
// source tree (JOBAWARD_SOURCE_DIR), never from outside the repository.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"

namespace jobaward::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Runs `load` on the input; InputError is swallowed (a clean rejection), anything else escapes
/// and libFuzzer reports it as a crash with the input that caused it.
template <typename F>
int Exercise(F&& load) {
  try {
    load();
  } catch (const InputError& e) {
    // Every rejection must say something: an empty InputError would print nothing to the user.
    if (e.diagnostics().empty()) throw InternalError("InputError without diagnostics");
    for (const auto& d : e.diagnostics()) {
      if (d.message.empty()) throw InternalError("diagnostic without a message");
    }
  }
  return 0;
}

/// The bundled 243-government registry, loaded once.
inline const Registry& BundledRegistry() {
  static const Registry registry = ParseRegistry(
      ReadTextFile(std::string(JOBAWARD_SOURCE_DIR) + "/cohorts/governments-2020.csv"),
      "governments-2020.csv", Registry2020Expectations());
  return registry;
}

/// The report schema of the two bundled 2020 rubrics (what `jobaward score` checks reports
/// against), so the bundled example reports are valid seeds.
inline const ReportSchema& BundledSchema() {
  static const ReportSchema schema = [] {
    const std::string dir = std::string(JOBAWARD_SOURCE_DIR) + "/rubrics/";
    return MergeSchemas(SchemaOf(LoadRubric(dir + "2020-disclosure.yaml")),
                        SchemaOf(LoadRubric(dir + "2020-best-program.yaml")));
  }();
  return schema;
}

}  // namespace jobaward::fuzz
