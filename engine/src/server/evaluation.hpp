// One scenario evaluated on the server's reports: the overrides applied (ApplyOverrides), the
// cohorts assigned, the compiled models, the explained results with the cross-category rules
// (ScoreAward) and the award table (BuildAwardTable) — all computed by the library — shared
// read-only by every request that asks about the same overrides. A bounded cache keeps the most
// recently used evaluations, so that the page's award table, explanation and export of one
// slider position are computed once.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "jobaward/scoring/awards.hpp"
#include "jobaward/scoring/scenario.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/server/what_if_service.hpp"
#include "lru_cache.hpp"

namespace jobaward::server_detail {

struct Evaluation {
  std::vector<Override> overrides;  ///< Every override applied: the baseline's, then the request's.
  CohortRules rules;
  std::vector<Rubric> rubrics;
  CohortMembership membership;
  std::vector<ScoringModel> models;  ///< Parallel to rubrics.
  std::vector<ScoreResult> results;  ///< Parallel to rubrics (ScoreAward, Detail::kFull).
  AwardTable awards;
  double compute_ms = 0;  ///< Wall time of the evaluation itself.
};

/// Applies `overrides` to the base's rules and rubrics, assigns the cohorts, compiles the base's
/// reports and scores the award. Throws InputError for overrides that do not apply (unknown
/// key, bad value, points that cannot add up) or cohort parameters that leave a government
/// without a cohort.
[[nodiscard]] std::shared_ptr<const Evaluation> EvaluateScenario(const WhatIfBase& base,
                                                                 std::vector<Override> overrides);

/// Index of the category `name` (a rubric's category or id) in `rubrics`; RequestError(400)
/// with a did-you-mean when there is none.
[[nodiscard]] std::size_t CategoryIndex(const std::vector<Rubric>& rubrics, const std::string& name,
                                        const std::string& key);

/// Recent evaluations by their overrides (as JSON text).
using EvaluationCache = LruCache<std::string, Evaluation>;

/// Milliseconds since `start`.
[[nodiscard]] inline double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace jobaward::server_detail
