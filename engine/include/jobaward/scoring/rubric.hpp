// A rubric: what is scored in one award category (공시제 or 우수사업) and how the awards follow.
// Plain, validated values built by the YAML loader (rubric_yaml.hpp) or in memory by tests; the
// scoring core (scoring.hpp) reads them and never sees YAML. Every formula is written out in
// rubrics/README.md. Each element keeps the SourceLocation it was read from so that the core's
// checks (ValidateRubric) and the scorer's messages can name file:line. Thread-compatible values.
//
// Tests (tests/unit/scoring/rubric_test.cpp) prove: domain/indicator/total point sums are enforced
// with exact messages; every method's parameters, field counts and field types are checked; caps
// are non-negative; quotas, advance rules, tie-break keys and prizes are validated; SchemaOf and
// MergeSchemas give the report schema of one or two rubrics.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/scoring/report.hpp"

namespace jobaward {

enum class Domain { kPlan = 0, kExecution = 1, kOutcome = 2 };
inline constexpr int kDomainCount = 3;
/// "plan", "execution", "outcome".
[[nodiscard]] const char* ToString(Domain domain);

enum class Direction { kHigher, kLower };

/// Scoring methods; formulas in rubrics/README.md ("Methods").
enum class Method {
  kTargetRatio,  ///< fields [actual, target]: attainment actual/target against [floor, cap].
  kLinear,       ///< fields [x]: [lo, hi] -> [0, points], clamped.
  kBands,        ///< fields [x]: step thresholds -> fractions of the points.
  kMinMax,       ///< fields [x]: (x - min) / (max - min) within the cohort.
  kZScore,       ///< fields [x]: z within the cohort, clamped to [-zcap, zcap], mapped linearly.
  kPercentile,   ///< fields [x]: mid-rank percentile within the cohort.
  kChange,       ///< fields [current, baseline]: (current - baseline) mapped from [lo, hi].
  kGrade,        ///< fields [grade]: A..E -> fractions.
  kPanel,        ///< fields [scores]: reviewer scores combined, scaled from [score_min, score_max].
  kBoolean,      ///< fields [flag]: true -> points (direction lower: false -> points).
};
/// "target_ratio", "linear", ... (the YAML spelling).
[[nodiscard]] const char* ToString(Method method);
[[nodiscard]] const std::vector<std::string>& MethodNames();

/// What a government without the indicator's field(s) gets.
enum class MissingPolicy {
  kZero,        ///< 0 points.
  kCohortMean,  ///< The mean points of the cohort members (eligible for that stage) with data.
  kError,       ///< The report is rejected when scoring is compiled.
};
[[nodiscard]] const char* ToString(MissingPolicy policy);

enum class PanelCombine { kMean, kMedian, kTrimmedMean };
[[nodiscard]] const char* ToString(PanelCombine combine);

/// One step of a `bands` method: direction higher gives `fraction` when x >= threshold (the
/// highest such band wins); direction lower when x <= threshold (the lowest such band wins).
struct Band {
  double threshold = 0;
  double fraction = 0;
  bool operator==(const Band&) const = default;
};

/// What target_ratio gives an attainment below its floor.
enum class BelowFloor {
  kRescale,  ///< (clamp(a, floor, cap) - floor) / (cap - floor): 0 at the floor, rising to 1.
  kZero,     ///< 0 below the floor, min(a, cap) / cap from the floor on (a step at the floor).
};
[[nodiscard]] const char* ToString(BelowFloor rule);  ///< "rescale" / "zero".

/// Parameters of all methods; each method reads only its own (validated per method).
struct MethodParams {
  double floor = 0;                               ///< target_ratio. Default: 0.
  double cap = 1;                                 ///< target_ratio. Default: 1.
  BelowFloor below_floor = BelowFloor::kRescale;  ///< target_ratio. Default: rescale.
  double lo = 0;                                  ///< linear, change.
  double hi = 1;                                  ///< linear, change.
  std::vector<Band> bands;                        ///< bands; thresholds strictly increasing.
  double zcap = 2;                                ///< zscore. Default: 2.
  /// minmax/zscore/percentile: fraction of the points when the cohort has no spread (or one
  /// member with data). Default: 0.5.
  double degenerate_fraction = 0.5;
  std::array<double, 5> grade_fractions = {1.0, 0.8, 0.6, 0.4, 0.2};  ///< grade: A..E.
  PanelCombine combine = PanelCombine::kMean;                         ///< panel.
  double score_min = 0;                                               ///< panel.
  double score_max = 100;                                             ///< panel.
  bool operator==(const MethodParams&) const = default;
};

struct Indicator {
  std::string id;
  std::string name_ko;
  std::string name_en;
  Domain domain = Domain::kPlan;
  double points = 0;
  std::vector<std::string> fields;  ///< Report fields read, in the method's order.
  Direction direction = Direction::kHigher;
  Method method = Method::kLinear;
  MethodParams params;
  MissingPolicy missing = MissingPolicy::kZero;
  int stage = 1;  ///< 1 = document review (서면심사), 2 = interview panel (면접심사).
  /// false (stage 2 only): weight uncertainty leaves the points as written and keeps them out
  /// of the renormalisation, for awards whose interview is a scale of its own beside the
  /// domains. Default: true (the points move with their domain or weight unit).
  bool reweighted = true;
  SourceLocation where;
};

struct DomainSpec {
  Domain domain = Domain::kPlan;
  std::string name_ko;
  double points = 0;
  SourceLocation where;
};

/// A bonus (가점) or penalty (감점) item: min(cap, per_unit * value) points, value read from a
/// number/count/boolean field (boolean = 0/1; missing = 0). Items add up, then the total is capped.
struct Adjustment {
  std::string id;
  std::string name_ko;
  std::string field;
  double per_unit = 0;
  double cap = 0;
  SourceLocation where;
};

struct AdjustmentRules {
  std::vector<Adjustment> bonuses;    ///< Added to the stage-1 score.
  std::vector<Adjustment> penalties;  ///< Subtracted from the stage-1 score.
  double bonus_cap = 0;               ///< Cap on the sum of bonus items.
  double penalty_cap = 0;             ///< Cap on the sum of penalty items.
  SourceLocation where;
};

/// Who goes from stage 1 to stage 2, per cohort, ranked by stage-1 score. With both top_n and
/// top_share the count is max(top_n, ceil(top_share * size)); min_score is an extra condition.
/// At least one of the three is required. Governments tied with the last one counted all advance.
struct AdvanceRule {
  std::optional<int> top_n;
  std::optional<double> top_share;  ///< In (0, 1].
  std::optional<double> min_score;
  SourceLocation where;
};

/// Largest stage weight: a final score stays within 1000 times the rubric's points, so it cannot
/// overflow to infinity (1e308 would), and no real award weighs one stage a thousand times more.
inline constexpr double kMaxStageWeight = 1000;

/// Largest count of an award rule (advance.top_n, a level's count and count_by_cohort, a prize's
/// count): far above any cohort, and still an int; a larger value is refused as it is written.
inline constexpr int kMaxAwardCount = 1'000'000;

/// final = stage1_weight * stage1 + stage2_weight * stage2 (stage2 = 0 for those not advanced).
/// Each weight is in [0, kMaxStageWeight] and not both are 0.
struct StageRules {
  AdvanceRule advance;
  double stage1_weight = 1;
  double stage2_weight = 1;
  SourceLocation where;
};

enum class Rounding { kFloor, kCeil, kNearest };  ///< kNearest rounds halves up.

/// An award level given per cohort (최우수상, 우수상, 장려상). Levels are filled in order on the
/// cohort's ranking of advanced governments: level k takes the next `count` places. The count
/// is fixed (`count`, overridable per cohort id) or `share` of the cohort size, rounded.
struct AwardLevel {
  std::string id;
  std::string name_ko;
  std::optional<int> count;
  std::vector<std::pair<std::string, int>> count_by_cohort;  ///< cohort id -> count override.
  std::optional<double> share;
  Rounding rounding = Rounding::kFloor;
  std::optional<double> min_score;  ///< Final score needed; unmet places stay empty.
  double prize_money = 0;           ///< KRW per award.
  SourceLocation where;
};

enum class GovernmentFilter { kAny, kMetropolitan, kBasic };
[[nodiscard]] const char* ToString(GovernmentFilter filter);

/// How a national prize compares candidates that come from different cohorts.
enum class NationalRanking {
  kFinalScore,  ///< The final score, then the tie-break keys.
  /// z = (final - mean) / sd over the advanced governments of the candidate's cohort, minus the
  /// expected largest z of that many standard normal scores (Blom's approximation), then the
  /// final score and the tie-break keys: the best of 33 is not favoured over the best of 8
  /// merely for having more rivals. A cohort with fewer than two advanced governments or no
  /// spread gives 0. Formula in rubrics/README.md ("National prizes").
  kSizeAdjustedZ,
};
/// "final_score", "size_adjusted_z" (the YAML spelling).
[[nodiscard]] const char* ToString(NationalRanking ranking);

/// A national prize (종합대상, 부문대상) chosen across cohorts from holders of the cohort level
/// `from_level`: the best by `rank_by` among them matching `filter`, excluding earlier national
/// prize winners. The winner's cohort award is replaced by the prize (so the award count does
/// not change). Prizes are picked in rubric order.
struct NationalPrize {
  std::string id;
  std::string name_ko;
  std::string from_level;  ///< Id of a cohort AwardLevel.
  GovernmentFilter filter = GovernmentFilter::kAny;
  NationalRanking rank_by = NationalRanking::kFinalScore;
  int count = 1;
  double prize_money = 0;
  SourceLocation where;
};

/// A cross-category rule: a government holding any of `awards` in the category `category`
/// receives no award in this rubric's category (it is still scored and ranked; the places go to
/// the next eligible governments). The other category is evaluated first (award_plan.hpp).
struct CategoryExclusion {
  std::string category;             ///< Rubric category of the other category, e.g. "disclosure".
  std::vector<std::string> awards;  ///< Its award ids: levels, national or special prizes.
  SourceLocation where;
};

/// A special prize (특별상): the `count` best raw values of `indicator` (direction-aware; then
/// the tie-break keys) among governments matching `filter` with no other award in this
/// category (and advanced to stage 2 when `require_advanced`).
struct SpecialPrize {
  std::string id;
  std::string name_ko;
  std::string indicator;
  GovernmentFilter filter = GovernmentFilter::kAny;
  bool require_advanced = false;
  int count = 1;
  double prize_money = 0;
  SourceLocation where;
};

/// A tie-break key, compared descending (higher is better) after the final score.
struct TieBreakKey {
  enum class Kind { kDomain, kStage1, kStage2, kIndicator };
  Kind kind = Kind::kDomain;
  Domain domain = Domain::kOutcome;  ///< kDomain.
  std::string indicator;             ///< kIndicator: its points.
  SourceLocation where;
};
/// "domain:outcome", "stage1", "stage2", "indicator:<id>".
[[nodiscard]] std::string ToString(const TieBreakKey& key);
/// The key written as ToString writes it (`where` left empty); nullopt for anything else. Whether
/// an indicator key names a real indicator is ValidateRubric's check.
[[nodiscard]] std::optional<TieBreakKey> ParseTieBreakKey(std::string_view text);
/// What ParseTieBreakKey accepts, for messages.
inline constexpr const char* kTieBreakKeyForms =
    "domain:plan, domain:execution, domain:outcome, stage1, stage2 or indicator:<id>";

struct Rubric {
  std::string id;        ///< e.g. "2020-disclosure".
  std::string category;  ///< e.g. "disclosure" (공시제) or "best_program" (우수사업).
  std::string name_ko;
  std::string name_en;
  int year = 0;
  double total_points = 100;
  std::vector<FieldSpec> fields;            ///< Report fields this rubric reads.
  std::vector<SourceLocation> field_where;  ///< Parallel to `fields` (may be empty).
  std::array<DomainSpec, kDomainCount> domains;
  std::vector<Indicator> indicators;
  AdjustmentRules adjustments;
  StageRules stages;
  std::vector<AwardLevel> levels;  ///< Best first.
  std::vector<TieBreakKey> tie_break;
  std::vector<NationalPrize> national_prizes;
  std::vector<SpecialPrize> special_prizes;
  /// Holders of these awards of other categories get no award in this one.
  std::vector<CategoryExclusion> exclusions;
  SourceLocation where;     ///< The file.
  SourceLocation id_where;  ///< Where `id` was read (the file when unknown).

  [[nodiscard]] const Indicator* FindIndicator(const std::string& id) const;
  [[nodiscard]] int LevelIndex(const std::string& id) const;  ///< -1 when unknown.
  /// True when `id` is a level, national or special prize of this rubric.
  [[nodiscard]] bool HasAward(const std::string& id) const;
};

/// Checks the rubric as a whole and throws InputError listing every problem (file:line from the
/// `where` members): domain points = sum of their indicators' points, domains sum = total_points,
/// unique ids, declared fields of the right type and count for each method, method parameters,
/// non-negative caps, weights, advance rule, quotas, tie-break keys, prizes.
void ValidateRubric(const Rubric& rubric);

/// Throws InputError when two of `rubrics` have the same id, naming both files: outputs, award
/// counts and scenario keys name a rubric by its id, so a rubric given twice (or a copy that kept
/// the original's id) would be counted twice.
void CheckDistinctRubricIds(std::span<const Rubric> rubrics);

/// The report fields a rubric reads (its `fields:` block).
[[nodiscard]] ReportSchema SchemaOf(const Rubric& rubric);

/// Union of two schemas; a field declared in both must have the same type and bounds, otherwise
/// InputError naming both declarations.
[[nodiscard]] ReportSchema MergeSchemas(const ReportSchema& a, const ReportSchema& b);

}  // namespace jobaward
