// Score lines with the advance set held (see score_lines.hpp).
#include "src/core/scoring/score_lines.hpp"

#include <algorithm>
#include <cmath>

#include "jobaward/error.hpp"

namespace jobaward::detail {

void LineariseScores(const ScoringModel& model, const WeightLine& line, double t,
                     const Outcome& outcome, const std::vector<int>& members,
                     std::vector<ScoreLine>& final_line, std::vector<ScoreLine>& stage1_line) {
  const Eigen::VectorXd points = line.At(t);
  const double w1 = model.rubric.stages.stage1_weight;
  const double w2 = model.rubric.stages.stage2_weight;
  final_line.assign(members.size(), {});
  stage1_line.assign(members.size(), {});
  for (std::size_t q = 0; q < members.size(); ++q) {
    const int r = members[q];
    double s1a = outcome.bonus[r] - outcome.penalty[r], s1b = 0, s2a = 0, s2b = 0;
    for (Eigen::Index i = 0; i < points.size(); ++i) {
      if (points[i] <= 0) continue;  // Contributes nothing at t; its line is flat here.
      const double fraction = outcome.points(r, i) / points[i];
      if (model.compiled[static_cast<std::size_t>(i)].stage == 1) {
        s1a += fraction * line.base[i];
        s1b += fraction * line.slope[i];
      } else {
        s2a += fraction * line.base[i];
        s2b += fraction * line.slope[i];
      }
    }
    stage1_line[q] = {s1a, s1b};
    final_line[q] = {w1 * s1a + w2 * s2a, w1 * s1b + w2 * s2b};
    const double expected = outcome.final_score[r];
    if (std::fabs(final_line[q].At(t) - expected) > 1e-7 * std::max(1.0, std::fabs(expected))) {
      throw InternalError("score lines: a final score is not affine in the weights");
    }
  }
}

}  // namespace jobaward::detail
