// Loading a rubric from YAML (format: rubrics/README.md) into a validated Rubric. Collects every
// problem of the file (unknown keys with did-you-mean, wrong types, bad parameters, point sums)
// and throws one InputError naming file:line:column and the key path.
#pragma once

#include <filesystem>
#include <string_view>

#include "jobaward/scoring/rubric.hpp"

namespace jobaward {

/// Parses rubric YAML text; `file_name` names it in diagnostics. Runs ValidateRubric.
[[nodiscard]] Rubric ParseRubric(std::string_view yaml_text, std::string_view file_name);

/// Reads and parses a rubric file.
[[nodiscard]] Rubric LoadRubric(const std::filesystem::path& path);

}  // namespace jobaward
