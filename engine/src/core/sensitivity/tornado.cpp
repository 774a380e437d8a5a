// One-at-a-time weight changes (see sensitivity.hpp, "tornado").
#include <algorithm>
#include <cmath>

#include "jobaward/error.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"
#include "src/core/scoring/score_lines.hpp"

namespace jobaward {

std::vector<TornadoRow> RunTornado(const ScoringModel& model, const TornadoOptions& options) {
  Require(options.step > 0 && options.step <= 1, "RunTornado: step out of (0, 1]");
  Workspace base_workspace, workspace;
  Perturbation fixed;
  fixed.award_eligible = options.award_eligible;
  const Outcome& base = Evaluate(model, fixed, base_workspace);
  const auto rows = static_cast<int>(model.row_code.size());
  std::vector<std::string> base_award(static_cast<std::size_t>(rows));
  std::vector<int> all_rows(static_cast<std::size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    base_award[static_cast<std::size_t>(r)] = AwardLabel(model, base, r);
    all_rows[static_cast<std::size_t>(r)] = r;
  }
  std::vector<detail::ScoreLine> own_line, stage1_line;

  std::vector<TornadoRow> result;
  const std::vector<WeightRef> weights = MovableWeights(model);
  for (const WeightRef& weight : weights) {
    const WeightLine line = LineOf(model, weight);
    // The baseline's advance set, held: every final score is a line in the weight.
    detail::LineariseScores(model, line, weight.nominal, base, all_rows, own_line, stage1_line);
    TornadoRow row;
    row.weight = weight;
    for (const int sign : {-1, 1}) {
      TornadoCase& c = sign < 0 ? row.down : row.up;
      c.sign = sign;
      c.new_weight = std::clamp(weight.nominal * (1 + sign * options.step), 0.0, line.total);
      const Eigen::VectorXd points = line.At(c.new_weight);
      Perturbation perturbation = fixed;
      perturbation.indicator_points = &points;
      const Outcome& moved = Evaluate(model, perturbation, workspace);
      for (int r = 0; r < rows; ++r) {
        const auto ri = static_cast<std::size_t>(r);
        TornadoChange change;
        change.row = r;
        change.base_score = base.final_score[r];
        change.new_score = moved.final_score[r];
        change.own_score = own_line[ri].At(c.new_weight);
        change.base_rank = base.rank[ri];
        change.new_rank = moved.rank[ri];
        change.base_award = base_award[ri];
        change.base_advanced = base.advanced[ri] != 0;
        change.new_advanced = moved.advanced[ri] != 0;
        change.new_award = AwardLabel(model, moved, r);
        c.max_abs_score_change =
            std::max(c.max_abs_score_change, std::fabs(change.new_score - change.base_score));
        c.max_abs_own_change =
            std::max(c.max_abs_own_change, std::fabs(change.own_score - change.base_score));
        if (change.new_rank != change.base_rank) ++c.rank_changes;
        if (change.new_award != change.base_award) ++c.award_changes;
        if (change.new_advanced != change.base_advanced) ++c.advance_changes;
        c.changes.push_back(std::move(change));
      }
    }
    row.award_changes = row.down.award_changes + row.up.award_changes;
    row.max_abs_own_change = std::max(row.down.max_abs_own_change, row.up.max_abs_own_change);
    row.max_abs_score_change = std::max(row.down.max_abs_score_change, row.up.max_abs_score_change);
    result.push_back(std::move(row));
    if (options.progress) options.progress(result.size(), weights.size());
  }
  // Own effect before total: a total dominated by one government crossing the cut-off says
  // little about the weight.
  std::stable_sort(result.begin(), result.end(), [](const TornadoRow& a, const TornadoRow& b) {
    if (a.award_changes != b.award_changes) return a.award_changes > b.award_changes;
    if (a.max_abs_own_change != b.max_abs_own_change) {
      return a.max_abs_own_change > b.max_abs_own_change;
    }
    return a.max_abs_score_change > b.max_abs_score_change;
  });
  return result;
}

}  // namespace jobaward
