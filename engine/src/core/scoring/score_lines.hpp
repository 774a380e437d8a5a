// Scores as affine functions of one weight, with the set of governments advanced to stage 2
// held as it is (internal to the core: rank_reversal.cpp and tornado.cpp).
//
// Each indicator's points are a fraction (from the inputs and, for cohort-relative methods, the
// cohort's eligible members, never from the weights) times its points p_i(t) = base_i +
// slope_i * t (WeightLine). So, while the advance set stays, a government's stage-1 and final
// scores are lines in t, read off one evaluation. Derivation: engine/docs/sensitivity.md
// ("Rank-reversal thresholds", "One-at-a-time").
#pragma once

#include <vector>

#include "jobaward/scoring/scoring.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"

namespace jobaward::detail {

struct ScoreLine {
  double a = 0;  ///< Value at t = 0.
  double b = 0;  ///< Slope (points per weight point).
  [[nodiscard]] double At(double t) const { return a + b * t; }
};

/// Final and stage-1 score lines of the rows in `members`, read from `outcome` (an evaluation of
/// `model` with the weight at `t` on `line`). Throws InternalError when a line does not reproduce
/// the pipeline's final score at `t` (to 1e-7): a guard against a method that is not affine in
/// its points.
void LineariseScores(const ScoringModel& model, const WeightLine& line, double t,
                     const Outcome& outcome, const std::vector<int>& members,
                     std::vector<ScoreLine>& final_line, std::vector<ScoreLine>& stage1_line);

}  // namespace jobaward::detail
