// Loading cohort rules from YAML (format: cohorts/README.md) into a validated CohortRules with
// compiled expressions. Collects every problem of the file (unknown keys with did-you-mean,
// missing or duplicate letters and ids, bad parameter names, syntax and type errors in rules) and
// throws one InputError naming file:line:column and the key path.
#pragma once

#include <filesystem>
#include <string_view>

#include "jobaward/cohorts/cohort_rules.hpp"

namespace jobaward {

/// Parses cohort rules YAML text; `file_name` names it in diagnostics.
[[nodiscard]] CohortRules ParseCohortRules(std::string_view yaml_text, std::string_view file_name);

/// Reads and parses a cohort rules file.
[[nodiscard]] CohortRules LoadCohortRules(const std::filesystem::path& path);

}  // namespace jobaward
