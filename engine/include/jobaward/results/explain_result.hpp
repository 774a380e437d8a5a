// The result of `jobaward explain` as typed tables (result_table.hpp): one government's score
// in each category — every indicator (inputs, method, parameters, raw value, cohort statistics,
// points), the stage totals, the rank and what separates it from its neighbours in the cohort.
// Columns and JSON keys: engine/docs/outputs.md ("explain").
//
// Pure function of its inputs. Tests: tests/unit/cli/cli_scoring_test.cpp (golden), output_schema.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/sensitivity/gaps.hpp"

namespace jobaward {

/// One category of the explanation: its model (rubric, cohorts), the explained result of the
/// whole category (for the neighbours), and the government's row in it (nullopt: it has no
/// report there; `result` may then be null).
struct ExplainedCategory {
  const ScoringModel* model = nullptr;
  const ScoreResult* result = nullptr;
  std::optional<std::size_t> row;
};

/// Tables "summary" (one record per category), "indicators", "ranking_keys" and "neighbours"
/// of the government `index` of `registry`; a note for each category without a report and for
/// each it is barred from by a cross-category rule (`excluded`); the banner `synthetic_report`
/// when its report is synthetic (ScoringModel::row_synthetic).
[[nodiscard]] Result MakeExplainResult(const Registry& registry, std::size_t index,
                                       const std::vector<ExplainedCategory>& categories);

/// Adds what it takes (gaps.hpp; `explain --to-next`) in the category of `model` to `explain`:
/// rows of "to_next" (the long form of `jobaward gaps`: one typed row per input and goal; not in
/// the terminal) and "to_next_overview" (one row per input, one cell per goal, in Korean: the
/// terminal's view, headed by the government ranked above). Both tables are appended on the
/// first call; call once per category with a report, after MakeExplainResult.
void AddToNext(Result& explain, const Registry& registry, const ScoringModel& model,
               const GovernmentGaps& gaps);

/// The Korean name of a ranking key of `rubric`: "final" -> "최종 점수", "stage1" -> "1차 점수",
/// "domain:outcome" -> "성과 영역", "indicator:<id>" -> the indicator's name.
[[nodiscard]] std::string RankingKeyLabel(const Rubric& rubric, const std::string& key);

}  // namespace jobaward
