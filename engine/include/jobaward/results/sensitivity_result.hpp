// The results of `jobaward sensitivity tornado|reversal|sobol` as typed tables
// (result_table.hpp). tornado: every government's score, rank and award when one weight moves by
// ±step, and per weight the largest changes. reversal: per cohort, weight and direction the weight
// at which the cohort's winner (or any award) changes, and who takes over. sobol: every Sobol index
// of every uncertainty group on every output (long form, numbers as numbers, an index that is
// undefined — an output without variance — an empty cell), the mean indices per group, and what
// moves each cohort's baseline winner. Columns and JSON keys: engine/docs/outputs.md ("sensitivity
// reversal", "sensitivity sobol").
//
// Pure functions of their inputs. Tests: tests/unit/sensitivity/sensitivity_test.cpp, output_schema
// and xlsx tests.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"
#include "jobaward/sensitivity/sobol.hpp"

namespace jobaward {

/// The Korean name of a weight: "성과 영역" for a domain, the indicator's name otherwise.
[[nodiscard]] std::string WeightNameKo(const Rubric& rubric, const WeightRef& weight);

/// The rows of RunTornado for one category.
struct CategoryTornado {
  const ScoringModel* model = nullptr;
  std::vector<TornadoRow> rows;
};

/// Tables "changes" (every government under every moved weight), "weights" (per weight and
/// direction the largest score change, own and total, and the rank, award and stage-2 changes),
/// "award_changes"; fact step.
[[nodiscard]] Result MakeTornadoResult(const std::vector<CategoryTornado>& categories, double step,
                                       const Registry& registry);

/// The thresholds of RunReversal for one category.
struct CategoryReversal {
  const ScoringModel* model = nullptr;
  std::vector<ReversalThreshold> thresholds;
};

/// Table "thresholds"; facts any_award, evaluations.
[[nodiscard]] Result MakeReversalResult(const std::vector<CategoryReversal>& categories,
                                        bool any_award, const Registry& registry);

/// Tables "indices", "groups", "winners"; facts samples, seed, quasi_random, confidence,
/// bootstrap, evaluations, uncertainty_groups. `models` are the models `result` was computed on
/// (AwardOutput::category indexes them); only the outputs of the `categories` listed are shown.
[[nodiscard]] Result MakeSobolResult(const AwardSobolResult& result, const SobolOptions& options,
                                     std::span<const ScoringModel> models,
                                     const std::vector<std::size_t>& categories,
                                     const Registry& registry);

}  // namespace jobaward
