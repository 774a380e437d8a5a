// Loading a scenario (scenario.hpp) from YAML, and one `--set KEY=VALUE` from the command line.
// Format: rubrics/README.md ("Scenarios"). The loader checks the shape of the file (known keys
// with did-you-mean, an id, base paths, override values that are scalars or lists of scalars, a
// key set once) and resolves base paths against the scenario file's directory; whether a key
// names something in the model and whether its value fits is ApplyOverrides' check (the core),
// so the file and the command line get the same checks. Every problem is reported as
// file:line:column: key: message in one InputError.
#pragma once

#include <filesystem>
#include <string_view>

#include "jobaward/scoring/scenario.hpp"

namespace jobaward {

/// Parses scenario YAML text; `file_name` names it in diagnostics and anchors relative base
/// paths.
[[nodiscard]] Scenario ParseScenario(std::string_view yaml_text, std::string_view file_name);

/// Reads and parses a scenario file.
[[nodiscard]] Scenario LoadScenario(const std::filesystem::path& path);

/// "KEY=VALUE", VALUE read as a YAML value: `60`, `none`, `[stage2, domain:outcome]` (a list
/// may also be written `stage2,domain:outcome`). `where` names it in diagnostics (e.g. "--set").
/// Throws InputError when there is no '=' or the value is not a scalar or a list of scalars.
[[nodiscard]] Override ParseSetting(std::string_view text, const SourceLocation& where);

/// `scenario` as a scenario file that ParseScenario reads back to the same id, name, description,
/// base paths (written as given: make them absolute for a file saved elsewhere) and overrides
/// (flat keys, in order; a later override of a key already written replaces its value). Used by
/// the what-if page's export (`jobaward serve`). Tests:
/// tests/unit/io/scenario_yaml_format_test.cpp.
[[nodiscard]] std::string FormatScenarioYaml(const Scenario& scenario);

}  // namespace jobaward
