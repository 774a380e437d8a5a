// Comparing the award results of two variants (a base and an alternative scenario), government
// by government and category by category: who gains, loses or changes which award, who moves
// cohort, rank or score, and the totals (awards moved, governments affected, prize money moved).
// Pure computation on explained results (ScoreResult, scoring.hpp); no I/O. `jobaward compare`
// renders it (compare_result.hpp builds its tables); a later live page calls the same function.
//
// Tests (tests/unit/scoring/scenario_compare_test.cpp) prove: a variant compared with itself has no
// change; gains, losses and level changes on a hand-built case; totals; the order of movers.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// One government in one category under both variants. A side where the government was not
/// scored (e.g. a category only one variant has) has an empty cohort, no award and rank 0.
struct GovernmentChange {
  std::string category;
  std::string code;
  std::string name_ko;
  std::string cohort_before, cohort_after;  ///< Cohort labels (가..사).
  std::string award_before, award_after;    ///< Award id: level, national or special; "" none.
  std::string award_before_ko, award_after_ko;
  double prize_before = 0, prize_after = 0;  ///< KRW.
  int rank_before = 0, rank_after = 0;       ///< In the government's cohort on each side.
  double score_before = 0, score_after = 0;  ///< Final score.

  [[nodiscard]] bool AwardChanged() const { return award_before != award_after; }
  [[nodiscard]] bool CohortChanged() const { return cohort_before != cohort_after; }
  /// Award, cohort, rank, or final score (compared after rounding to 1e-6 points, as ranks are).
  [[nodiscard]] bool Changed() const;
};

/// Totals of one category (or of all, category "all").
struct ComparisonTotals {
  std::string category;
  int awards_before = 0, awards_after = 0;
  int gained = 0;                ///< Governments with no award before and one after.
  int lost = 0;                  ///< Governments with an award before and none after.
  int switched = 0;              ///< Governments with a different award on each side.
  int governments_affected = 0;  ///< Distinct governments whose award changed.
  double money_before = 0, money_after = 0;
  /// Prize money that changed hands: the sum of the increases over governments (equal to the
  /// sum of the decreases when the total stays the same).
  double money_moved = 0;

  [[nodiscard]] int AwardsMoved() const { return gained + lost + switched; }
};

struct ScenarioComparison {
  /// Governments whose award changed: per category (in the base's order), then by the cohort
  /// after, then the largest change of prize money first, then by code.
  std::vector<GovernmentChange> awards;
  /// Every government with any change (Changed()): per category, largest |rank change| first,
  /// then largest |score change|, then by code.
  std::vector<GovernmentChange> movers;
  std::vector<ComparisonTotals> categories;  ///< In the base's category order.
  ComparisonTotals total;                    ///< Over every category; category "all".
};

/// Compares `before` with `after` (each one ScoreResult per category). Categories are matched
/// by rubric category, governments by code; a category or government present on one side only
/// is compared with "not scored". Same inputs on both sides give no change at all.
[[nodiscard]] ScenarioComparison CompareResults(std::span<const ScoreResult> before,
                                                std::span<const ScoreResult> after);

}  // namespace jobaward
