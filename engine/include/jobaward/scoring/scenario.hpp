// What-if scenarios: a named set of overrides of the rubrics and cohort rules in use, on base
// inputs that the scenario names (or the bundled 2020 ones). The YAML loader
// (scenario_yaml.hpp) and the command line (`--set KEY=VALUE`) produce the same Override values;
// ApplyOverrides turns (cohort rules, rubrics) into the scenario's (cohort rules, rubrics). Pure
// values and pure functions, no I/O: a later live page applies a scenario the same way. The key
// syntax and the rule that keeps point totals consistent are documented in rubrics/README.md
// ("Scenarios").
//
// Tests (tests/unit/scoring/scenario_test.cpp) prove: each kind of key changes exactly what it
// names; the points rule (indicator, domain and total overrides) on hand-computed cases; unknown
// keys get a did-you-mean; bad values name the override's file:line:column; a rubric left invalid
// by the overrides is an error at the override.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/error.hpp"
#include "jobaward/scoring/rubric.hpp"

namespace jobaward {

/// The value of one override as written: a scalar (with its number, when it reads as one) or a
/// list of scalars. The key decides which form and type it needs.
struct OverrideValue {
  std::string text;                ///< The scalar as written ("" for a list).
  std::optional<double> number;    ///< The scalar as a finite number, when it is one.
  bool is_list = false;            ///< A list (e.g. tie_break: [domain:plan, stage2]).
  std::vector<std::string> items;  ///< The list's scalars.
};

/// One override: `key` is `cohorts.<parameter>` or `<rubric id>.<path>`, the path written as in
/// the rubric file with list entries named by their id (`2020-disclosure.indicators.interview.
/// points`). `where` is the scenario file's line and column, or "--set" for the command line.
struct Override {
  std::string key;
  OverrideValue value;
  SourceLocation where;
};

/// The base inputs a scenario names; an empty member means "the command's default" (the
/// bundled 2020 inputs, or the command-line flag). Paths are as given, resolved against the
/// scenario file's directory by the loader.
struct ScenarioBase {
  std::string registry;
  std::string rules;
  std::vector<std::string> rubrics;
  std::string reports;
  SourceLocation where;  ///< Of the `base` block (the file when absent).
};

struct Scenario {
  std::string id;  ///< e.g. "outcome-60"; "default" for no scenario.
  std::string name_ko;
  std::string description;
  std::string file;  ///< "" when built in memory or from --set alone.
  ScenarioBase base;
  std::vector<Override> overrides;  ///< Applied in order: a later one for the same key wins.
};

/// The model values a scenario changes.
struct ScenarioModel {
  CohortRules rules;
  std::vector<Rubric> rubrics;
};

/// Applies `overrides` to `model` and returns the result: cohort parameters take the new values;
/// rubric values are replaced as the keys say; points follow the documented rule (indicator
/// overrides, then domain overrides scale the domain's other indicators, then total_points scales
/// the domains not set); every changed rubric is re-validated (ValidateRubric), its problems
/// reported at the override. Throws InputError listing every problem: unknown keys (did you
/// mean), values of the wrong type or range, points that cannot add up.
[[nodiscard]] ScenarioModel ApplyOverrides(ScenarioModel model,
                                           std::span<const Override> overrides);

/// Every key a scenario can set on `model`, sorted: for did-you-mean hints and for `--set help`.
[[nodiscard]] std::vector<std::string> ScenarioKeys(const ScenarioModel& model);

}  // namespace jobaward
