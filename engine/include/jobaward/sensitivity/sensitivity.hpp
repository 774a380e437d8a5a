// Sensitivity of the award to the rubric's weights and to the uncertain inputs: one-at-a-time
// (tornado) weight changes, exact rank-reversal thresholds of each weight, and variance-based
// (Sobol) indices of every uncertainty group. All three run the real scoring pipeline
// (scoring.hpp Evaluate) — stages, advance, cohort-relative normalisation, awards, tie-breaks —
// never a simplified copy of it. Formulas and the exactness argument are in
// engine/docs/sensitivity.md. Pure computation, no I/O; a ScoringModel may be shared, each
// function uses its own Workspace(s).
//
// Moving one weight: a weight is a domain (its indicators scaled together) or one indicator.
// Setting it to t points renormalises every other indicator proportionally so that the rubric
// total T stays: points(t) = base + slope * t, t in [0, T] (see WeightLine).
//
// Tests (tests/unit/sensitivity/tornado_test.cpp, rank_reversal_test.cpp, sensitivity_test.cpp)
// prove: the weight line keeps the total and hits the nominal points at the nominal weight; tornado
// deltas equal a direct Evaluate; reversal thresholds equal a brute-force fine scan (to the scan
// step) on small cohorts with a stage-1 advance rule and cohort-relative (minmax, zscore)
// indicators, including "stable", a tie at the nominal weight and a change at the end of the range;
// award Sobol indices match the closed form of a linear indicator plus a reviewer panel, are
// identical for 1 and 2 threads, and are NaN for an output without variance; the CLI methods
// give tables, CSV and JSON on the 2020 rubrics.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"
#include "jobaward/sensitivity/sobol.hpp"
#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward {

/// A weight an analyst can move.
struct WeightRef {
  enum class Kind { kDomain, kIndicator };
  Kind kind = Kind::kDomain;
  int index = 0;       ///< Domain index (0..2) or indicator index in the rubric.
  std::string name;    ///< "domain:plan" or "indicator:<id>".
  double nominal = 0;  ///< Points in the rubric.
};

/// Every movable weight of `model`: the domains, then the indicators (in rubric order), each
/// with nominal points > 0 and less than the total (moving it must leave others to rescale).
[[nodiscard]] std::vector<WeightRef> MovableWeights(const ScoringModel& model);

/// Indicator points as an affine function of one weight's value t (points):
/// points(t) = base + slope * t, for t in [0, total]; points(nominal) = the rubric's points.
struct WeightLine {
  Eigen::VectorXd base;
  Eigen::VectorXd slope;
  double total = 0;
  [[nodiscard]] Eigen::VectorXd At(double t) const { return base + slope * t; }
};
[[nodiscard]] WeightLine LineOf(const ScoringModel& model, const WeightRef& weight);

/// The award a row holds, as shown in outputs: national prize id, else level id, else ""; a
/// special prize is appended as "+<id>".
[[nodiscard]] std::string AwardLabel(const ScoringModel& model, const Outcome& outcome, int row);

// ---------------------------------------------------------------------------------------------
// One-at-a-time (tornado).

struct TornadoOptions {
  double step = 0.10;  ///< Relative change of the weight, ±step. REQUIRES: 0 < step <= 1.
  /// Per row, the eligibility a cross-category rule gives (award_plan.hpp), from the baseline
  /// awards of the categories this one depends on, which stay fixed while this category's
  /// weights move. Null: every row is eligible.
  const std::vector<char>* award_eligible = nullptr;
  /// Called on the calling thread after each weight with the weights done and their number, for
  /// a progress bar (a batch of thousands of reports takes seconds); no effect on the result.
  std::function<void(std::uint64_t done, std::uint64_t planned)> progress = {};
};

/// One government under one moved weight.
struct TornadoChange {
  int row = 0;
  double base_score = 0, new_score = 0;
  /// The final score at the new weight with the baseline's stage-2 list held fixed (who advanced
  /// and the stage-2 normalisation among them): the weight's own effect, without cut-off
  /// crossings. Equals new_score when the moved weight advances the same governments.
  double own_score = 0;
  int base_rank = 0, new_rank = 0;
  bool base_advanced = false, new_advanced = false;
  std::string base_award, new_award;
};

/// One weight moved in one direction.
struct TornadoCase {
  int sign = 1;                        ///< -1 or +1.
  double new_weight = 0;               ///< Points (clamped to [0, total]).
  double max_abs_score_change = 0;     ///< Total effect: max |new_score - base_score|.
  double max_abs_own_change = 0;       ///< Own effect: max |own_score - base_score|.
  int rank_changes = 0;                ///< Governments whose cohort rank changed.
  int award_changes = 0;               ///< Governments whose award changed.
  int advance_changes = 0;             ///< Governments that entered or left stage 2.
  std::vector<TornadoChange> changes;  ///< Every row, in model row order.
};

struct TornadoRow {
  WeightRef weight;
  TornadoCase down, up;
  /// Sort keys: award changes (both directions), then the largest own score change, then the
  /// largest total score change.
  int award_changes = 0;
  double max_abs_own_change = 0;
  double max_abs_score_change = 0;
};

/// Moves every movable weight by ±step; rows sorted by impact, largest first (ties keep the
/// weight order). Each government's score is given twice: as the award computes it (total
/// effect, including governments that cross the stage-2 cut-off and gain or lose their whole
/// stage-2 score) and with the baseline's stage-2 list held fixed (the weight's own effect).
[[nodiscard]] std::vector<TornadoRow> RunTornado(const ScoringModel& model,
                                                 const TornadoOptions& options);

// ---------------------------------------------------------------------------------------------
// Rank-reversal thresholds.

struct ReversalOptions {
  /// false: a change of the cohort's winner (its rank-1 government); true: a change of any
  /// cohort award (level, or the level a national prize was taken from).
  bool any_award = false;
  /// As TornadoOptions::award_eligible.
  const std::vector<char>* award_eligible = nullptr;
  /// Called on the calling thread after each cohort and weight (both directions) with the pairs
  /// done and their number (cohorts x weights), for a progress bar (minutes on a batch of
  /// thousands of reports); no effect on the result.
  std::function<void(std::uint64_t done, std::uint64_t planned)> progress = {};
};

/// A government whose position changed at the threshold.
struct ReversalChange {
  int row = 0;
  std::string before, after;  ///< Award labels, or "winner"/"" in winner mode.
};

struct ReversalThreshold {
  WeightRef weight;
  int cohort = 0;
  int direction = 1;     ///< +1 raising the weight, -1 lowering it.
  bool stable = true;    ///< No change over the whole range [nominal, total] or [0, nominal].
  double threshold = 0;  ///< Weight (points) at which the change happens (when !stable).
  double change = 0;     ///< threshold - nominal.
  std::vector<int> winners_before;      ///< Rows ranked first at the nominal weight.
  std::vector<int> winners_after;       ///< Rows ranked first just past the threshold.
  std::vector<ReversalChange> changes;  ///< Rows whose award changed (any_award mode).
  int evaluations = 0;                  ///< Pipeline evaluations used to confirm candidates.
};

/// For every cohort, movable weight and direction: the smallest move at which the winner (or
/// any award) changes. Exact: candidates are the closed-form roots where two linear scores
/// cross (final scores for the award, stage-1 scores and the min-score line for the advance);
/// each candidate is confirmed by evaluating the real pipeline just past it. Ordered by cohort,
/// then weight, then direction (down first).
[[nodiscard]] std::vector<ReversalThreshold> RunReversal(const ScoringModel& model,
                                                         const ReversalOptions& options);

// ---------------------------------------------------------------------------------------------
// Sobol indices of the uncertainty groups on award outputs.

/// What one output column measures.
struct AwardOutput {
  enum class Kind { kScore, kRank, kWinnerKeeps };
  Kind kind = Kind::kScore;
  int category = 0;
  int row = -1;     ///< kScore/kRank: the government's row; kWinnerKeeps: the baseline winner.
  int cohort = -1;  ///< kWinnerKeeps.
};

struct AwardSobolResult {
  std::vector<std::string> groups;   ///< Uncertainty group names (rows of the indices).
  std::vector<AwardOutput> outputs;  ///< Columns of the indices.
  SobolIndices indices;
};

/// Indices of every group of `uncertainty` on, per category: each government's final score,
/// its rank in its cohort, and per cohort the event "the baseline winner (holder of the cohort's
/// first level, or a national prize taken from it) still holds it". One-uniform groups take
/// their uniform from the Sobol sequence when options.quasi_random; every other group draws
/// from its keyed stream (A/B scheme of sobol.hpp).
/// REQUIRES: `uncertainty` compiled from `models`; it has at least one group.
[[nodiscard]] AwardSobolResult RunAwardSobol(std::span<const ScoringModel> models,
                                             const UncertaintyModel& uncertainty,
                                             const SobolOptions& options);

}  // namespace jobaward
