// The scoring core: from (rubric, registry, cohort membership, reports) to scores, stages,
// ranks and awards, with no I/O and no global state.
//
// Shape: compile once, evaluate many. Compile() validates the reports against the rubric and
// lays their values out in Eigen matrices (rows = scored governments). Evaluate() runs the whole
// pipeline — indicator points, bonus/penalty, stage 1, advance, stage 2, final score, cohort
// ranking, award levels, national and special prizes — as vectorised passes over columns, into a
// caller-owned Workspace: after the first call with a given model it does not allocate (except
// when an unresolved tie has more members than any before). The Monte Carlo and sensitivity
// engines call Evaluate with a Perturbation (replacement fields, panels, indicator points or
// cohorts). A Workspace with reuse_unchanged_columns remembers what each raw and points column
// was computed from, and the next Evaluate on it recomputes only the columns whose inputs
// changed (the Sobol analysis changes one uncertainty group per evaluation); results are the
// same as on a fresh Workspace (tests/unit/scoring/evaluate_reuse_test.cpp). Explain() turns one
// Outcome into the named, explained ScoreResult the CLI prints; it reads the Outcome, it never
// scores again. Score() = Compile + Evaluate + Explain.
//
// Thread safety: a ScoringModel is immutable after Compile and may be shared; use one Workspace
// per thread.
//
// Tests (tests/unit/scoring/indicator_methods_test.cpp, scoring_test.cpp, awards_test.cpp) prove
// every method by hand-computed cases, missing-value policies, bonus/penalty caps, the advance
// rules, the stage weights, quotas (fixed, per cohort, share with rounding, min score), tie-break
// order, unresolved ties being reported, national prizes, special prizes and that Evaluate with an
// identity Perturbation equals Score.
#pragma once

#include <Eigen/Core>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"

namespace jobaward {

/// Cohort membership as the scorer needs it (the CLI builds it from a CohortAssignment).
struct CohortMembership {
  std::vector<std::string> ids;     ///< Per cohort, e.g. "ga" (used by count_by_cohort).
  std::vector<std::string> labels;  ///< Per cohort, e.g. "가".
  std::vector<int> cohort_of;       ///< Per registry index; -1 = in no cohort.
};

namespace detail {
/// An indicator resolved to matrix columns (internal to the scorer; public for the model's
/// layout only).
struct CompiledIndicator {
  Method method = Method::kLinear;
  Direction direction = Direction::kHigher;
  MissingPolicy missing = MissingPolicy::kZero;
  int stage = 1;
  int domain = 0;
  int column_a = -1;  ///< Column in `fields` (x, actual, current, grade, flag).
  int column_b = -1;  ///< target_ratio: target; change: baseline.
  int panel = -1;     ///< Index in `panels` for method panel.
  MethodParams params;
};
struct CompiledAdjustment {
  int column = -1;
  double per_unit = 0;
  double cap = 0;
};
}  // namespace detail

/// A rubric compiled against a set of reports. Rows are the governments with a report, in
/// registry order.
struct ScoringModel {
  Rubric rubric;
  CohortMembership cohorts;
  std::vector<std::size_t> row_government;  ///< Registry index of each row.
  std::vector<std::string> row_code;        ///< Government code of each row.
  std::vector<std::string> row_name_ko;
  std::vector<std::string> row_name_en;
  std::vector<Level> row_level;
  std::vector<int> row_cohort;  ///< Cohort of each row (>= 0).
  /// Per row: 1 when the report says `synthetic: true` (generated, not submitted figures).
  /// Every output derived from such rows says so (provenance.hpp, SyntheticInputs).
  std::vector<char> row_synthetic;
  /// Numeric fields: rows x fields; NaN = missing; grades as 0 (A)..4 (E); booleans as 0/1.
  Eigen::MatrixXd fields;
  std::vector<std::string> field_names;  ///< Column names of `fields`.
  /// One matrix per scores field read by a panel indicator: rows x max reviewers, NaN padding.
  std::vector<Eigen::MatrixXd> panels;
  std::vector<std::string> panel_names;
  Eigen::VectorXd indicator_points;  ///< Per indicator, from the rubric.
  std::vector<detail::CompiledIndicator> compiled;
  std::vector<detail::CompiledAdjustment> bonuses;
  std::vector<detail::CompiledAdjustment> penalties;

  [[nodiscard]] int FieldColumn(const std::string& name) const;  ///< -1 when absent.
  [[nodiscard]] int PanelIndex(const std::string& name) const;   ///< -1 when absent.
  [[nodiscard]] int RowOf(const std::string& code) const;        ///< -1 when absent.
};

/// The problems of one report against a rubric (unknown government, government in no cohort,
/// undeclared field, wrong type, value out of the declared bounds, missing field of a
/// missing-policy `error` indicator), each naming the report's location. Batch mode uses it to
/// set bad reports aside and score the rest.
[[nodiscard]] std::vector<Diagnostic> CheckReport(const Rubric& rubric, const Registry& registry,
                                                  const CohortMembership& cohorts,
                                                  const Report& report);

/// Validates `reports` (known government in a cohort, one report each, fields declared with the
/// right type, fields of missing-policy `error` indicators present; see CheckReport) and
/// builds the model.
/// Throws InputError listing every problem with the report's location.
[[nodiscard]] ScoringModel Compile(const Rubric& rubric, const Registry& registry,
                                   const CohortMembership& cohorts,
                                   const std::vector<Report>& reports);

/// Optional replacements for one evaluation; null members mean "use the model's". Shapes must
/// match the model's (checked; a mismatch is an InternalError).
struct Perturbation {
  const Eigen::MatrixXd* fields = nullptr;
  const std::vector<Eigen::MatrixXd>* panels = nullptr;
  const Eigen::VectorXd* indicator_points = nullptr;
  const std::vector<int>* row_cohort = nullptr;  ///< Per row, in [0, cohort count).
  /// When set, called once per evaluation after the advance with the advance flags (per row),
  /// before any stage-2 panel is read: a Monte Carlo draw fills the stage-2 panels of the
  /// governments that advanced only (DrawState::DrawStage2ForAdvancersOnly). Evaluate then
  /// combines the panels of stage-2 panel indicators for advanced rows only; the others' raw
  /// values are NaN (they get 0 points either way). Not for a panel indicator a special prize
  /// reads (its raw values matter for everyone): that one is combined for every row as usual.
  std::function<void(std::span<const char> advanced)> before_stage2;
  /// Per row: 0 = may receive no award in this category (a cross-category rule, award_plan.hpp:
  /// it holds an excluded award of an earlier category). Such a row is scored and ranked as
  /// usual but takes no cohort level, national or special prize; the places go to the next
  /// eligible rows. Null = every row is eligible.
  const std::vector<char>* award_eligible = nullptr;
};

/// Kinds of place a tie can be about.
enum class TieKind { kAward, kNationalPrize, kSpecialPrize };

/// A tie that survived every tie-break key at a quota boundary. Behaviour: every tied government
/// gets the place (so a count can exceed its quota); the tie is listed here, never resolved by
/// input order. Members are rows.
struct UnresolvedTie {
  TieKind kind = TieKind::kAward;
  int cohort = -1;       ///< For kAward.
  int place = 0;         ///< Level / national prize / special prize index.
  int first_member = 0;  ///< Offset into Outcome::tie_members.
  int member_count = 0;
};

/// The result of one evaluation, per row. Lives in a Workspace; valid until its next use.
struct Outcome {
  Eigen::MatrixXd raw;     ///< rows x indicators: value the method maps (see README).
  Eigen::MatrixXd points;  ///< rows x indicators.
  Eigen::MatrixXd domain;  ///< rows x 3 (plan, execution, outcome), all stages.
  /// cohorts x indicators, over the members eligible for the indicator's stage with data:
  /// minmax min / zscore mean; NaN when unused.
  Eigen::MatrixXd cohort_stat_a;
  /// cohorts x indicators: minmax max / zscore population sd; NaN when unused.
  Eigen::MatrixXd cohort_stat_b;
  /// cohorts x indicators: members with data used for the statistics.
  Eigen::MatrixXd cohort_count;
  /// cohorts x indicators: the points a missing value gets under cohort_mean; NaN when unused.
  Eigen::MatrixXd cohort_fill;
  Eigen::VectorXd bonus, penalty;  ///< After caps.
  Eigen::VectorXd stage1, stage2, final_score;
  std::vector<char> advanced;  ///< 1 when advanced to stage 2.
  std::vector<char> missing;   ///< rows x indicators (row-major): 1 when the value was missing.
  std::vector<int> rank;       ///< 1-based in the cohort (advanced first); ties share a rank.
  std::vector<int> level;      ///< Cohort award level index, or -1.
  std::vector<int> national;   ///< National prize index, or -1 (replaces `level`).
  std::vector<int> special;    ///< Special prize index, or -1.
  std::vector<char> excluded;  ///< 1 when Perturbation::award_eligible barred it from awards.
  std::vector<UnresolvedTie> ties;
  std::vector<int> tie_members;
};

namespace detail {
/// What an indicator's raw column was last computed from (internal).
struct RawCache {
  bool valid = false;
  Method method = Method::kLinear;
  PanelCombine combine = PanelCombine::kMean;
  std::vector<double> inputs;  // The input columns, concatenated.
};

/// What an indicator's points column was last computed from, besides its raw column and
/// (relative methods, cohort-mean fill) the cohort membership and (stage 2) who advanced
/// (internal).
struct PointsCache {
  bool valid = false;
  double points = 0;
  Method method = Method::kLinear;
  Direction direction = Direction::kHigher;
  MissingPolicy missing = MissingPolicy::kZero;
  int stage = 1;
  MethodParams params;
};

/// A row with its first two ranking keys (internal).
struct RankEntry {
  double advanced = 0;
  double score = 0;  // Quantised final score.
  int row = 0;
};

/// Evaluate's scratch buffers (internal).
struct Scratch {
  // rows x 2: advanced, quantised final score (tie-break keys are quantised on demand).
  // Row-major: a comparison reads one row.
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> keys;
  std::vector<int> order;         // rows grouped by cohort.
  std::vector<int> cohort_start;  // cohort c's rows are order[start[c], start[c+1]).
  std::vector<int> cursor;
  std::vector<double> values;
  std::vector<int> index;
  std::vector<double> special_key;
  std::vector<double> stage1_key;         // Quantised stage-1 scores, for the advance ranking.
  std::vector<int> keys_indicator;        // Per tie-break key: indicator column, or -1.
  std::vector<int> special_indicator;     // Per special prize: indicator column.
  std::vector<char> special_reads;        // Per indicator: a special prize reads its raw values.
  bool defer_stage2 = false;              // Perturbation::before_stage2 is set.
  std::vector<RawCache> raw_cache;        // Per indicator.
  std::vector<char> raw_recomputed;       // Per indicator: raw column changed in this call.
  std::vector<PointsCache> points_cache;  // Per indicator.
  std::vector<int> last_row_cohort;       // Cohorts and advance flags of the previous call.
  std::vector<char> last_advanced;
  bool reuse = false;         // Workspace::reuse_unchanged_columns of this call.
  bool same_cohorts = false;  // This call's cohorts equal the previous call's.
  bool same_advanced = false;
  std::vector<RankEntry> ranking;  // One cohort's members, sorted.
  std::vector<int> rank_order;     // Rows in rank order per cohort, from the previous call.
  std::vector<double> cohort_sum;  // Per cohort, for the cohort-mean fill.
  std::vector<double> cohort_n;
  std::vector<double> national_key;  // Per row: the size-adjusted z of NationalPrizes.
  std::vector<double> expected_max;  // [n]: expected largest of n standard normals (Blom).
  std::vector<int> eligible_group;   // AllocateLevels: the eligible members of a tied group.
};
}  // namespace detail

/// Scratch space and result of Evaluate; reuse one per thread to avoid allocation.
struct Workspace {
  Outcome outcome;
  detail::Scratch scratch;
  /// Keep what each raw and points column (and each cohort's ranking) was computed from, and
  /// recompute only what changed since the previous call. Pays when consecutive calls change
  /// few inputs (the Sobol analysis changes one uncertainty group per call); costs a copy of the
  /// inputs per call when everything changes (Monte Carlo draws). Results are the same either
  /// way.
  bool reuse_unchanged_columns = false;
};

/// How much of the pipeline Evaluate runs.
enum class EvaluateScope {
  kEverything,
  /// Everything but the special prizes (Outcome::special stays -1): for callers that read only
  /// scores, ranks, cohort levels and national prizes, such as the Sobol analysis.
  kWithoutSpecialPrizes,
  /// Neither national nor special prizes (Outcome::national and ::special stay -1; a national
  /// prize never changes Outcome::level): for the Sobol analysis of a category whose national
  /// prizes no other category's eligibility tells from their level (AwardPlan).
  kWithoutPrizes,
};

/// Runs the whole pipeline (or `scope` of it). REQUIRES: `model` from Compile; perturbation
/// shapes match.
[[nodiscard]] const Outcome& Evaluate(const ScoringModel& model, const Perturbation& perturbation,
                                      Workspace& workspace,
                                      EvaluateScope scope = EvaluateScope::kEverything);

/// One indicator of one government, explained.
struct IndicatorScore {
  std::string id;
  std::string name_ko;
  std::string method;
  std::string parameters;           ///< e.g. "floor=0.8 cap=1.2".
  std::vector<std::string> inputs;  ///< e.g. "jobs_created=13752".
  double raw = 0;                   ///< NaN when missing.
  bool missing = false;
  std::string cohort_statistics;  ///< e.g. "min=61.2 max=70.4 (n=38)"; "" when unused.
  double points = 0;
  double max_points = 0;
  int stage = 1;
  Domain domain = Domain::kPlan;
};

struct GovernmentScore {
  std::string code;
  std::string name_ko;
  std::string name_en;
  Level level = Level::kBasic;
  int cohort = -1;
  std::string cohort_label;
  std::vector<IndicatorScore> indicators;
  std::array<double, kDomainCount> domain{};
  double bonus = 0, penalty = 0, stage1 = 0, stage2 = 0, final_score = 0;
  bool advanced = false;
  int rank = 0;
  int cohort_size = 0;
  std::vector<std::pair<std::string, double>> tie_break;  ///< Key name and value, in key order.
  std::string award_id;  ///< Level, national prize or "" (special prizes below).
  std::string award_name_ko;
  double prize_money = 0;  ///< Of award_id and special together.
  std::string special_id;
  std::string special_name_ko;
  bool tied = false;  ///< Part of an unresolved tie.
  /// Barred from this category's awards by a cross-category rule (Rubric::exclusions).
  bool excluded = false;
};

struct TieReport {
  std::string place;  ///< e.g. "우수상 (cohort 바)".
  std::vector<std::string> codes;
};

/// The explained result of one evaluation.
struct ScoreResult {
  std::string rubric_id;
  std::string category;
  std::string rubric_name_ko;
  std::vector<GovernmentScore> governments;  ///< Per model row.
  std::vector<TieReport> unresolved_ties;
};

/// How much Explain writes. Batch scoring of thousands of reports skips the per-indicator text.
enum class Detail {
  kFull,    ///< Everything, including parameters, inputs and cohort statistics text.
  kPoints,  ///< Per indicator only id, raw value, points and stage: no text built per indicator.
};

/// Names and explains `outcome` (which must come from Evaluate on `model`).
[[nodiscard]] ScoreResult Explain(const ScoringModel& model, const Outcome& outcome,
                                  Detail detail = Detail::kFull);

/// Compile + Evaluate + Explain: the convenience entry point for the CLI and batch mode.
[[nodiscard]] ScoreResult Score(const Rubric& rubric, const Registry& registry,
                                const CohortMembership& cohorts, const std::vector<Report>& reports,
                                Detail detail = Detail::kFull);

}  // namespace jobaward
