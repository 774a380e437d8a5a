// Internals of "what it takes" (gaps.hpp), shared by gaps_plan.cpp (what a lever can do and where
// its breakpoints are), gaps_probe.cpp (evaluating the pipeline at one value of a lever and
// reading what the award depends on), gaps_walk.cpp (finding, in order, where that changes) and
// gaps.cpp (goals, confirmation, threads). Internal to jobaward_core.
//
// The walk runs along t >= 0, the distance moved in the lever's helpful direction:
// value = baseline + direction * t (kScoreShift: the shift is t). Counts move in whole units.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "jobaward/sensitivity/gaps.hpp"

namespace jobaward::gaps_detail {

/// A breakpoint of the lever's indicators, at distance t. Between two breakpoints every score
/// difference the award depends on is monotone in t; `jump`: the scores may jump there (bands,
/// percentile, a zero target, a degenerate cohort), so the walk also looks just before and after.
struct Anchor {
  double t = 0;
  bool jump = false;
};

/// What one lever of one government can do: the range it is searched over and its breakpoints.
struct LeverPlan {
  double baseline = 0;        ///< Value at t = 0 (NaN: missing input).
  bool discrete = false;      ///< Grades and booleans: `steps` lists every value the walk tries.
  std::vector<double> steps;  ///< Discrete: t of each value, nearest first.
  bool lattice = false;       ///< Counts: t moves in whole units.
  double end = 0;             ///< Last t searched.
  GapLimit limit = GapLimit::kNone;  ///< What stops at `end`.
  std::vector<Anchor> anchors;       ///< Strictly inside (0, end), sorted, unique.
  bool no_effect = false;            ///< Nothing the lever moves counts (stage 2, not advanced).
  double scale = 1;                  ///< Size of the range, for tolerances.
};

/// The government's cohort as the walk compares it.
struct CohortView {
  int row = 0;               ///< The government.
  int self = 0;              ///< Its index in `members`.
  int above = -1;            ///< Row ranked directly above it at baseline, or -1.
  std::vector<int> members;  ///< Rows of the cohort, in row order.
  /// Rows outside the cohort that hold a national prize or its source level (their final
  /// scores do not move with the lever), with those scores.
  std::vector<int> national_rows;
  std::vector<double> national_final;
  /// Special prizes the government can win (its level matches the filter). Their winners are
  /// the best keys (raw value, -raw for direction lower), then the best final scores: so the
  /// government is compared with the other rows' keys when the lever moves its raw value, and
  /// with the final scores of other cohorts' rows whose key can equal its own.
  struct Special {
    int indicator = 0;
    bool moves_raw = false;
    std::vector<double> other_keys;
    /// Final scores of the rows in `other_keys` that are in other cohorts and can tie on the
    /// key (the cohort's own rows are compared through their final-score signals anyway).
    std::vector<double> tie_final;
  };
  std::vector<Special> specials;
};

/// What the award depends on at one value of the lever, read from one evaluation.
struct Snapshot {
  double t = 0;
  std::vector<double> stage1, final_score;  ///< Per member.
  std::vector<char> advanced;               ///< Per member.
  std::vector<int> place;                   ///< Per member: national / level / special / none.
  std::vector<double> special_key;          ///< The government's key per CohortView::specials.
  GapPosition position;                     ///< The government's.
  int rank_above = 0;                       ///< Rank of CohortView::above (0 when none).
  int ladder = 0;                           ///< AwardLadder of the government.
};

/// Evaluates the pipeline with the government's lever at distance t.
class Probe {
 public:
  /// `base`: the outcome with every input as reported (outlives the probe).
  Probe(const ScoringModel& model, const Outcome& base, const CohortView& view,
        const GapLever& lever, GapsWorkspace& workspace, double baseline);
  ~Probe();  ///< Restores the workspace's inputs.
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;

  /// Value of the lever's field at distance t (kScoreShift: the shift).
  [[nodiscard]] double ValueAt(double t) const;
  /// Evaluates at t and reads the snapshot.
  [[nodiscard]] Snapshot At(double t);
  /// The snapshot at t = 0, read from the baseline outcome (no evaluation).
  [[nodiscard]] Snapshot Baseline() const { return Read(base_, 0); }
  /// The last evaluation's outcome (valid until the next At).
  [[nodiscard]] const Outcome& outcome() const { return *outcome_; }
  [[nodiscard]] int evaluations() const { return evaluations_; }
  [[nodiscard]] const CohortView& view() const { return view_; }
  [[nodiscard]] const ScoringModel& model() const { return model_; }

 private:
  void Apply(double t);
  [[nodiscard]] Snapshot Read(const Outcome& o, double t) const;

  const ScoringModel& model_;
  const Outcome& base_;
  const CohortView& view_;
  const GapLever& lever_;
  GapsWorkspace& workspace_;
  double baseline_ = 0;
  std::vector<double> original_scores_;  ///< kScoreShift: the row's reviewer scores.
  double score_lo_ = 0, score_hi_ = 0;   ///< kScoreShift: the clip range.
  const Outcome* outcome_ = nullptr;
  int evaluations_ = 0;
};

/// Whether `lever` moves the raw value of indicator `indicator` (it reads the lever's field).
[[nodiscard]] bool Reads(const ScoringModel& model, const GapLever& lever, int indicator);

/// Where `row` stands in `outcome`.
[[nodiscard]] GapPosition PositionOf(const ScoringModel& model, const Outcome& outcome, int row);

/// The cohort view of `row` at baseline.
[[nodiscard]] CohortView ViewOf(const ScoringModel& model, const Outcome& baseline, int row,
                                const GapLever* lever);

/// The range, breakpoints and steps of `lever` for the government of `view` (baseline outcome
/// `base`). `probe` widens the range when the lever moves a special prize's raw value.
[[nodiscard]] LeverPlan PlanOf(const ScoringModel& model, const Outcome& base,
                               const CohortView& view, const GapLever& lever, Probe& probe);

/// Whether `goal` holds at `s` (the government's baseline ladder is `baseline_ladder`).
[[nodiscard]] bool Holds(GapGoal goal, const Snapshot& s, int baseline_ladder);

/// Where the walk found a goal first holding.
struct Found {
  bool found = false;
  double t = 0;       ///< First value where it holds.
  double before = 0;  ///< Value just short of it where it does not.
  double tolerance = 0;
  GapPosition position;
};

/// Walks `plan` from t = 0 and returns, per goal asked in `wanted`, where it first holds.
/// `last` receives the snapshot at plan.end (for the position at the limit).
[[nodiscard]] std::array<Found, kGapGoalCount> Walk(const LeverPlan& plan, Probe& probe,
                                                    const std::array<bool, kGapGoalCount>& wanted,
                                                    int baseline_ladder, Snapshot& last);

}  // namespace jobaward::gaps_detail
