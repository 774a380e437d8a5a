// The results of `jobaward cohorts` as typed tables (result_table.hpp): every government's
// cohort and the size of each cohort (the assignment), what changes between two rule sets (the
// diff), and every rule evaluated for one government with its sub-expression values (the
// explanation). Governments by the one vocabulary (vocabulary.hpp): code, display name ("울산
// 남구" where the name is shared), cohort letter and id. Columns and JSON keys:
// engine/docs/outputs.md ("cohorts"); schemas cohorts.schema.json, cohorts-diff.schema.json,
// cohorts-explain.schema.json.
//
// Pure functions of their inputs. Tests: tests/unit/cli/cli_cohorts_test.cpp (goldens),
// output_schema and xlsx tests.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/results/result_table.hpp"

namespace jobaward {

/// Facts rules, registry, year, match; tables "governments" (one row per government, registry
/// order), "cohorts" (size of each cohort, with the total) and "parameters" (the value in use
/// and the rule file's). Notes: the shadowing notes of `first` mode.
/// REQUIRES: `assignment` assigns `registry` by `rules` with `parameters` (ParameterValues).
[[nodiscard]] Result MakeCohortsResult(const CohortRules& rules, std::span<const double> parameters,
                                       const Registry& registry,
                                       const CohortAssignment& assignment);

/// Facts from, to, changed; tables "changes" (governments whose cohort changes, registry order)
/// and "sizes" (every cohort's size on both sides). REQUIRES: `diff` is of `registry`.
[[nodiscard]] Result MakeCohortDiffResult(const CohortRules& before, const CohortRules& after,
                                          const Registry& registry, const AssignmentDiff& diff);

/// The government at `index` (code, names, level, type, population, workers), the rules file
/// and match mode, the cohort it falls in (empty when it matches no rule, or several in
/// exactly-one mode) and how many rules it matches; tables "cohort_rules" (one row per rule:
/// matched or not, where), "expressions" (every sub-expression of every rule with its value; empty
/// when not evaluated) and "parameters". A note says what a match count other than one means.
[[nodiscard]] Result MakeCohortExplanationResult(const CohortRules& rules,
                                                 std::span<const double> parameters,
                                                 const Registry& registry, std::size_t index);

}  // namespace jobaward
