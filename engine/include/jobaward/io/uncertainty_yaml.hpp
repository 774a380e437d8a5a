// Loading an uncertainty spec (format: rubrics/README.md, "Uncertainty spec (jobaward
// simulate)"; example: examples/2020/uncertainty.yaml) into a plain UncertaintySpec. Collects
// every problem of the file (unknown keys with did-you-mean, wrong types, negative sds, empty
// ranges, entries that name both or neither of field/indicator) and throws one InputError naming
// file:line:column and the key path. Names of indicators, fields and cohort parameters are
// checked later, against the rubrics, by CompileUncertainty.
#pragma once

#include <filesystem>
#include <string_view>

#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward {

/// Parses uncertainty-spec YAML text; `file_name` names it in diagnostics.
[[nodiscard]] UncertaintySpec ParseUncertainty(std::string_view yaml_text,
                                               std::string_view file_name);

/// Reads and parses an uncertainty-spec file.
[[nodiscard]] UncertaintySpec LoadUncertainty(const std::filesystem::path& path);

}  // namespace jobaward
