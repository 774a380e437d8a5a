// Exact rank-reversal thresholds of single weights (see sensitivity.hpp and
// engine/docs/sensitivity.md, "Rank reversal").
//
// Along one weight's line, while the set of governments advanced to stage 2 stays the same,
// every government's final score and stage-1 score are affine in the weight t: each indicator's
// points are its fraction (which depends on the inputs and, for cohort-relative methods, on the
// cohort's eligible members, never on the weights) times its points, and the points are affine
// in t. So the only places where the winner (or any award) can change are the roots where two
// of these lines cross: final scores of two rows holding different places, stage-1 scores of an
// advanced and a non-advanced row, or a score and a min-score line. The walk below takes the
// nearest such root beyond the current point, evaluates the real pipeline just past it (which
// settles advance, normalisation, quotas and tie-breaks exactly as `award` does), and either
// reports the change or continues from there with freshly read lines.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "jobaward/error.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"
#include "src/core/scoring/score_lines.hpp"

namespace jobaward {
namespace {

using Line = detail::ScoreLine;

// Place of a row for the award signature: its cohort level (a national prize counts as the
// level it was taken from), or -1.
int CohortPlace(const ScoringModel& model, const Outcome& outcome, int row) {
  const auto r = static_cast<std::size_t>(row);
  if (outcome.level[r] >= 0) return outcome.level[r];
  if (outcome.national[r] >= 0) {
    return model.rubric.LevelIndex(
        model.rubric.national_prizes[static_cast<std::size_t>(outcome.national[r])].from_level);
  }
  return -1;
}

std::vector<int> Winners(const Outcome& outcome, const std::vector<int>& members) {
  std::vector<int> winners;
  for (const int r : members) {
    if (outcome.rank[static_cast<std::size_t>(r)] == 1) winners.push_back(r);
  }
  return winners;
}

std::vector<int> Signature(const ScoringModel& model, const Outcome& outcome,
                           const std::vector<int>& members, bool any_award) {
  if (!any_award) return Winners(outcome, members);
  std::vector<int> places;
  for (const int r : members) places.push_back(CohortPlace(model, outcome, r));
  return places;
}

// The nearest event strictly beyond `from` (by more than `margin`) in `direction` and inside
// [0, total], with the probe distance that makes it visible past the 1e-6 score quantum.
struct Event {
  double t = 0;
  double probe = 0;
};

// `margin` < 0 admits a root at `from` itself (a tie at the nominal weight).
void Consider(Line x, Line y, double from, int direction, double total, double margin,
              std::optional<Event>& best) {
  const double slope = x.b - y.b;
  if (slope == 0) return;  // Parallel: never cross (or always equal, left to the tie-breaks).
  // Lines often meet exactly at an end of the range (e.g. two rows with full points on the
  // moved indicator tie when it holds every point): admit rounding there, then clamp.
  const double slack = 1e-9 * total;
  double t = (y.a - x.a) / slope;
  if (t < -slack || t > total + slack) return;
  t = std::clamp(t, 0.0, total);
  if (!((t - from) * direction > margin)) return;
  if (best && (t - best->t) * direction >= 0) return;
  // Scores are ranked after rounding to 1e-6: probe four quanta past the crossing.
  const double probe = std::min(4e-6 / std::fabs(slope) + 1e-9 * total, 1e-3 * total);
  best = Event{t, probe};
}

}  // namespace

std::vector<ReversalThreshold> RunReversal(const ScoringModel& model,
                                           const ReversalOptions& options) {
  Workspace base_workspace, workspace;
  Perturbation fixed;
  fixed.award_eligible = options.award_eligible;
  const Outcome& base = Evaluate(model, fixed, base_workspace);
  const auto rows = static_cast<int>(model.row_code.size());
  const auto cohorts = static_cast<int>(model.cohorts.ids.size());
  const AdvanceRule& advance = model.rubric.stages.advance;
  const bool ranked_advance = advance.top_n.has_value() || advance.top_share.has_value();
  const std::vector<WeightRef> weights = MovableWeights(model);
  std::vector<WeightLine> lines;
  for (const auto& weight : weights) lines.push_back(LineOf(model, weight));

  std::vector<ReversalThreshold> result;
  std::vector<Line> final_line, stage1_line;
  const std::uint64_t planned = static_cast<std::uint64_t>(cohorts) * weights.size();
  // The pairs done when `h` cohorts (and `w` weights of the next) are finished.
  const auto Progress = [&](int h, std::size_t w = 0) {
    if (options.progress)
      options.progress(static_cast<std::uint64_t>(h) * weights.size() + w, planned);
  };
  for (int h = 0; h < cohorts; ++h) {
    std::vector<int> members;
    for (int r = 0; r < rows; ++r) {
      if (model.row_cohort[static_cast<std::size_t>(r)] == h) members.push_back(r);
    }
    if (members.empty()) {
      Progress(h + 1);
      continue;
    }
    const std::vector<int> base_signature = Signature(model, base, members, options.any_award);
    std::vector<std::string> base_labels;
    for (const int r : members) base_labels.push_back(AwardLabel(model, base, r));

    for (std::size_t w = 0; w < weights.size(); ++w) {
      const WeightLine& line = lines[w];
      for (const int direction : {-1, 1}) {
        ReversalThreshold entry;
        entry.weight = weights[w];
        entry.cohort = h;
        entry.direction = direction;
        entry.winners_before = Winners(base, members);
        double t_current = weights[w].nominal;
        double t_read = t_current;
        const Outcome* current = &base;
        const double end = direction > 0 ? line.total : 0.0;
        for (int guard = 0; guard < 1000000; ++guard) {
          // The first step admits a crossing at the nominal weight itself; later ones skip the
          // crossing just passed.
          const double margin = (guard == 0 ? -1 : 1) * 1e-9 * line.total;
          detail::LineariseScores(model, line, t_read, *current, members, final_line, stage1_line);
          std::optional<Event> next;
          const auto n = members.size();
          for (std::size_t x = 0; x < n; ++x) {
            const auto rx = static_cast<std::size_t>(members[x]);
            const bool adv_x = current->advanced[rx] != 0;
            if (advance.min_score) {
              Consider(stage1_line[x], {*advance.min_score, 0}, t_current, direction, line.total,
                       margin, next);
            }
            if (options.any_award && adv_x) {
              for (const auto& level : model.rubric.levels) {
                if (level.min_score) {
                  Consider(final_line[x], {*level.min_score, 0}, t_current, direction, line.total,
                           margin, next);
                }
              }
            }
            for (std::size_t y = x + 1; y < n; ++y) {
              const auto ry = static_cast<std::size_t>(members[y]);
              const bool adv_y = current->advanced[ry] != 0;
              if (ranked_advance && adv_x != adv_y) {
                Consider(stage1_line[x], stage1_line[y], t_current, direction, line.total, margin,
                         next);
              }
              if (adv_x != adv_y) continue;  // Advanced rows always rank first.
              const bool differ =
                  options.any_award
                      ? CohortPlace(model, *current, members[x]) !=
                            CohortPlace(model, *current, members[y])
                      : current->rank[rx] == 1 || current->rank[ry] == 1;  // Co-winners too.
              if (differ) {
                Consider(final_line[x], final_line[y], t_current, direction, line.total, margin,
                         next);
              }
            }
          }
          if (!next) break;  // No crossing left before the end of the range: stable.
          const double probe = std::clamp(next->t + direction * next->probe, 0.0, line.total);
          const Eigen::VectorXd points = line.At(probe);
          Perturbation perturbation = fixed;
          perturbation.indicator_points = &points;
          current = &Evaluate(model, perturbation, workspace);
          ++entry.evaluations;
          if (Signature(model, *current, members, options.any_award) != base_signature) {
            entry.stable = false;
            entry.threshold = next->t;
            entry.change = next->t - weights[w].nominal;
            entry.winners_after = Winners(*current, members);
            if (options.any_award) {
              for (std::size_t q = 0; q < n; ++q) {
                const std::string after = AwardLabel(model, *current, members[q]);
                if (CohortPlace(model, *current, members[q]) != base_signature[q]) {
                  entry.changes.push_back({members[q], base_labels[q], after});
                }
              }
            }
            break;
          }
          if (probe == end) break;  // Reached the end of the range unchanged.
          t_current = next->t;
          t_read = probe;
        }
        result.push_back(std::move(entry));
      }
      Progress(h, w + 1);
    }
  }
  return result;
}

}  // namespace jobaward
