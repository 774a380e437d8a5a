// "What it takes": for one government and one of its inputs, everything else held fixed, the
// smallest change of that input — in the input's own units (jobs, percentage points, a grade
// step, a boolean flip, a shift of every reviewer score) — that (a) passes the government ranked
// directly above it in its cohort, (b) advances it to stage 2, (c) gives it a better award; or
// "not reachable", with the bound that stops it. Moves of two inputs together are out of scope.
//
// Exact, not sampled: the walk runs the real pipeline (scoring.hpp Evaluate with a Perturbation
// of the one input) — cohort-relative normalisation that moves with the government's own value,
// caps and floors, panel clipping and trimming, bonus and penalty caps, stage weights, the
// advance cut-off, quotas, national and special prizes, tie-break keys. Along the input, every
// comparison the award depends on is a difference of two scores (or of a score and a minimum
// score) that is monotone between known breakpoints of the methods (engine/docs/sensitivity.md,
// "What it takes", gives the breakpoints per method and the argument). So the outcome can only
// change where one of these differences changes sign: the walk finds those points in order
// (interpolation with a bisection safeguard, evaluated on the pipeline), and checks the goals just
// past each. Every reported answer is then confirmed on the pipeline by the library itself: the
// goal holds at the reported value and not at the checked value just short of it (not reachable:
// not at the limit); a disagreement is an InternalError.
//
// Pure computation, no I/O: a ScoringModel may be shared; each call uses its own workspace.
//
// Tests (tests/unit/sensitivity/gaps_test.cpp): hand-computed thresholds for every method family,
// the advance cut-off, stage weights, bonus and penalty caps, tie-breaks at the crossing, national
// prizes; "not reachable" at field bounds; a property test on seeded random models (the goal
// holds just past each reported value and not just before, and a fine scan finds no earlier
// value).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// What a change of one input is asked to achieve.
enum class GapGoal {
  kPassAbove,    ///< Rank strictly above the government ranked directly above it at baseline.
  kAdvance,      ///< Advance to stage 2.
  kBetterAward,  ///< A better award than now (any award when it has none); see AwardLadder.
};
inline constexpr int kGapGoalCount = 3;
/// "pass_above", "advance", "better_award".
[[nodiscard]] const char* ToString(GapGoal goal);

/// One input of a government that can be moved.
struct GapLever {
  enum class Kind { kIndicator, kBonus, kPenalty };
  /// kCount, kNumber: the field's value; kGrade: the grade index 0 (A) .. 4 (E); kBoolean: 0/1;
  /// kScoreShift: points added to every reviewer score (clipped to the field's bounds).
  enum class Unit { kCount, kNumber, kGrade, kBoolean, kScoreShift };
  Kind kind = Kind::kIndicator;
  int index = 0;        ///< Indicator index in the rubric, or bonus / penalty item index.
  std::string id;       ///< Indicator or adjustment id.
  std::string name_ko;  ///< Indicator or adjustment name.
  std::string field;    ///< The report field that moves.
  Unit unit = Unit::kNumber;
  int column = -1;      ///< Column in ScoringModel::fields, or -1 (panel).
  int panel = -1;       ///< Index in ScoringModel::panels, or -1.
  int direction = 1;    ///< +1: raising the value helps the government; -1: lowering it.
  double min = -1e300;  ///< Declared bounds of the field (count: min >= 0); +-1e300 = none.
  double max = 1e300;
};

/// The levers of `model`: each indicator's first field — the government's own figure; the
/// second field of `target_ratio` (target) and `change` (baseline) is a reference and stays
/// fixed — then each bonus item's field, then each penalty item's field, in rubric order.
[[nodiscard]] std::vector<GapLever> LeversOf(const ScoringModel& model);

enum class GapStatus {
  kReached,       ///< `value` does it.
  kNotReachable,  ///< No value up to `limit_value` does it; `limit` says what stops there.
  kAlready,       ///< Nothing to do: ranked first, already advanced, or holds the best award.
  kMissingInput,  ///< The government has no value for this input.
};
[[nodiscard]] const char* ToString(GapStatus status);

/// What stops the search (kNotReachable) in the lever's direction.
enum class GapLimit {
  kNone,
  kDeclaredMax,   ///< The field's declared maximum.
  kDeclaredMin,   ///< The field's declared minimum (counts: 0).
  kBestGrade,     ///< Grade A.
  kFlag,          ///< A boolean already at its better value, or flipped.
  kAllScoresMax,  ///< Every reviewer score at the field's maximum (or at the panel's score_max).
  kSaturated,     ///< Beyond `limit_value` nothing the award depends on changes any more.
  kSearchRange,   ///< Cohort-relative method on a field without a declared bound: searched to
                  ///< `limit_value` (see engine/docs/sensitivity.md).
  kNotAdvanced,   ///< A stage-2 input of a government that did not advance: it counts nowhere.
  kBarred,        ///< A better award: barred by a cross-category rule (it holds an excluded
                  ///< award of another category, award_plan.hpp), whatever this input does.
};
[[nodiscard]] const char* ToString(GapLimit limit);
/// "indicator", "bonus", "penalty" (CSV `lever_kind`, JSON `kind`).
[[nodiscard]] const char* ToString(GapLever::Kind kind);
/// "count", "number", "grade", "boolean", "score_shift" (CSV and JSON `unit`).
[[nodiscard]] const char* ToString(GapLever::Unit unit);

/// Where the government stands at one value of the input.
struct GapPosition {
  int rank = 0;
  bool advanced = false;
  double final_score = 0;
  std::string award;  ///< AwardLabel (sensitivity.hpp): prize or level id, "+<special id>".
  bool tied = false;  ///< Part of an unresolved tie.
};

struct GapAnswer {
  GapStatus status = GapStatus::kNotReachable;
  /// kReached: the input value that does it (kScoreShift: the shift); checked on the pipeline.
  double value = 0;
  /// kReached: the value just short of `value` at which it does not (checked too): the previous
  /// integer for counts, the previous grade, the baseline for a flip; for real-valued inputs
  /// `value - direction * tolerance`.
  double before = 0;
  double change = 0;     ///< value - baseline (grade: negative = better grades).
  double tolerance = 0;  ///< Real-valued inputs: the exact threshold is within this of `value`.
  GapLimit limit = GapLimit::kNone;
  double limit_value = 0;  ///< kNotReachable: the last value searched.
  GapPosition at;          ///< At `value` (kReached) or at `limit_value` (kNotReachable).
};

struct LeverGaps {
  GapLever lever;
  double baseline = 0;  ///< The government's value (kScoreShift: 0); NaN when missing.
  /// The indicator's raw value now (a panel: the combined reviewer score); a bonus or penalty
  /// item: the field's value. NaN when missing.
  double raw = 0;
  std::array<GapAnswer, kGapGoalCount> answers;  ///< Indexed by GapGoal.
  int evaluations = 0;                           ///< Pipeline evaluations, confirmations included.
};

struct GovernmentGaps {
  int row = 0;
  GapPosition now;
  int above = -1;  ///< Row ranked directly above at baseline (as `explain` lists it), or -1.
  std::vector<LeverGaps> levers;  ///< Parallel to LeversOf(model).
  int evaluations = 0;
};

/// Orders places from worst to best, for "a better award": nothing (0) < special prizes (in
/// rubric order, later = worse) < cohort levels (last = worst) < national prizes (first = best).
[[nodiscard]] int AwardLadder(const ScoringModel& model, const Outcome& outcome, int row);

/// Reusable scratch for FindGaps (one per thread): a copy of the inputs to perturb and an
/// Evaluate workspace.
struct GapsWorkspace {
  Eigen::MatrixXd fields;
  std::vector<Eigen::MatrixXd> panels;
  Workspace evaluate;
  bool ready = false;
  const std::vector<char>* award_eligible = nullptr;  ///< FindGaps's mask, for its probes.
};

/// Every lever of the government at `row`. REQUIRES: `model` from Compile; 0 <= row < rows.
/// Fast enough to call interactively (milliseconds on the 2020 award); no I/O.
/// `award_eligible` (one entry per row, award_plan.hpp AwardEligibility) bars the holders of
/// another category's excluded awards from awards here, held fixed; null: none is barred.
[[nodiscard]] GovernmentGaps FindGaps(const ScoringModel& model, int row, GapsWorkspace& workspace,
                                      const std::vector<char>* award_eligible = nullptr);

/// What it takes for the government at `row` of category `category`, as `jobaward award` ranks
/// it: FindGaps with the awards of the other categories held fixed (award_plan.hpp
/// AwardEligibility). What `explain --to-next` and the live page's government view answer.
[[nodiscard]] GovernmentGaps FindGapsHoldingAwards(std::span<const ScoringModel> models,
                                                   std::size_t category, int row);

struct GapsOptions {
  std::vector<int> rows;  ///< Rows to analyse, in this order; empty = every row.
  int threads = 1;        ///< >= 1; the result does not depend on it.
  /// As FindGaps's `award_eligible`; null, or empty (no active rule): none is barred.
  const std::vector<char>* award_eligible = nullptr;
  /// Called on the calling thread with the governments done (by every thread) and the total,
  /// last with done == total, for a progress bar; it does not change the result.
  std::function<void(std::uint64_t done, std::uint64_t planned)> progress = {};
};

/// FindGaps for many governments on `threads` threads.
[[nodiscard]] std::vector<GovernmentGaps> FindGaps(const ScoringModel& model,
                                                   const GapsOptions& options);

}  // namespace jobaward
