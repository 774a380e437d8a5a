// The result of `jobaward award` as typed tables (result_table.hpp): every award given, the
// count and money of each award with totals per category and overall, and the unresolved ties.
// Columns and JSON keys: engine/docs/outputs.md ("award").
//
// Pure function of its inputs. Tests: tests/unit/cli/cli_scoring_test.cpp (golden), output_schema
// and xlsx tests.
#pragma once

#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/awards.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// Tables "awards", "counts" (with totals) and "ties"; facts award_count, governments_awarded,
/// total_prize_money_krw. `cohorts` names the cohorts (labels and ids) of the models the table
/// was built from; `registry` gives display and English names.
[[nodiscard]] Result MakeAwardResult(const std::vector<Rubric>& rubrics, const AwardTable& table,
                                     const CohortMembership& cohorts, const Registry& registry);

}  // namespace jobaward
