// Uncertainty of an assessment: what may vary between two equally plausible runs of the award,
// and how one random draw of it is turned into a scoring Perturbation (scoring.hpp).
//
// Four sources, each documented with its formula in rubrics/README.md ("Uncertainty spec"):
// reviewer noise on `panel` indicators (per score, plus an optional leniency shift per reviewer
// and draw), measurement noise on submitted figures (relative lognormal or absolute normal),
// weight uncertainty (uniform factors or a Dirichlet around the nominal split, renormalised to
// the nominal total) and cohort-threshold uncertainty (a named cohort-rule parameter drawn from a
// range, so governments near a cut-off can change cohort).
//
// Randomness is organised by GROUP: each weight unit (domain or indicator), each panel
// indicator's reviewer noise, each measured field and each threshold is one group, and a group
// draws only from its own random stream, seeded by a 64-bit key the caller supplies. `simulate`
// derives the keys from (seed, draw index, group index) with GroupKey(), so draw i never depends
// on other draws or on threads; the Sobol analysis (issue 5) mixes the keys of two sample
// matrices group by group. Reviewer and measurement noise are counter-based and vectorised
// (src/core/simulation/variates.hpp): the variate of a government (its registry index) and reviewer
// is a pure function of the group's key and those indices, so DrawStage2ForAdvancersOnly can draw
// stage-2 panels for the governments that advance only. Weight factors, thresholds and gamma
// variates (Marsaglia–Tsang) come from GroupStream, pcg64 seeded by the key. None of it uses
// <random>'s implementation-defined distributions: a draw is the same on every platform with
// the same libm, and on every SIMD target.
//
// A spec is plain validated values (loaded by uncertainty_yaml.hpp or built in memory);
// CompileUncertainty resolves it against the compiled scoring models of the categories (one
// ScoringModel per rubric) into an UncertaintyModel. Groups are shared across categories: the
// same key gives the same threshold, the same domain weight factor and the same measurement of a
// field in every category. Thread safety: an UncertaintyModel is immutable and may be shared;
// use one DrawState per thread. ApplyDraw does not allocate after the first draw with a state
// (cohort thresholds re-run cohort rules prepared once, into buffers of the DrawState).
//
// Tests (tests/unit/simulation/uncertainty_test.cpp) prove: zero noise reproduces the base inputs
// bit for bit; reviewer scores stay clipped to the score range; relative noise keeps the mean,
// absolute noise has the given sd; weights always sum to the nominal total and the Dirichlet mean
// is the nominal split; a group's values depend only on its own key; the normal generator's
// moments; compile errors name the spec entry and suggest names.
#pragma once

#include <cstdint>
#include <optional>
#include <pcg_random.hpp>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/cohort_rules_prepared.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

// ---------------------------------------------------------------------------------------------
// The spec: what the analyst writes (examples/2020/uncertainty.yaml).

/// Noise on the reviewer scores of a panel indicator. Each score s of reviewer k for
/// government g becomes clip(s + b_k + e_gk, score_min, score_max), e_gk ~ N(0, sd²) and
/// b_k ~ N(0, leniency_sd²) drawn once per reviewer (score column k) and draw.
struct ReviewerNoiseSpec {
  std::string indicator;   ///< A panel indicator id, or "*" for every panel indicator.
  double sd = 0;           ///< Score points, per score. REQUIRES: >= 0.
  double leniency_sd = 0;  ///< Score points, per reviewer and draw. Default: 0 (off).
  SourceLocation where;
};

enum class NoiseKind {
  kRelative,  ///< x * exp(sd * z - sd²/2): lognormal, mean-preserving, keeps the sign.
  kAbsolute,  ///< x + sd * z.
};
[[nodiscard]] const char* ToString(NoiseKind kind);  ///< "relative" / "absolute".

/// Noise on submitted figures (number and count fields). Exactly one of `field` and
/// `indicator` is set; an indicator means every number/count field it reads. Results are
/// clipped to the field's declared bounds; missing values stay missing.
struct MeasurementNoiseSpec {
  std::string field;
  std::string indicator;
  NoiseKind kind = NoiseKind::kRelative;
  double sd = 0;  ///< Relative: sd of log(x); absolute: field units. REQUIRES: >= 0.
  SourceLocation where;
};

enum class WeightMethod { kUniform, kDirichlet };
enum class WeightLevel { kDomain, kIndicator };
[[nodiscard]] const char* ToString(WeightMethod method);  ///< "uniform" / "dirichlet".
[[nodiscard]] const char* ToString(WeightLevel level);    ///< "domain" / "indicator".

/// Uncertainty of the rubric's points. Each weight unit u (a domain, or an indicator) with
/// nominal points w_u gets a factor f_u — uniform: f_u ~ U[factor_min, factor_max];
/// dirichlet: f_u = G_u / a_u with G_u ~ Gamma(a_u, 1), a_u = concentration * w_u / W — and
/// every indicator's points become w_i * f_u(i) * W / sum_j(w_j * f_u(j)), W = the nominal
/// total of the indicators in a unit (a stage-2 indicator with `reweighted: false` is in none
/// and keeps its points). With dirichlet the unit totals are Dirichlet(concentration * w / W): mean
/// = nominal split, larger concentration = tighter. Bonus and penalty points are not varied.
struct WeightUncertaintySpec {
  WeightMethod method = WeightMethod::kUniform;
  WeightLevel level = WeightLevel::kDomain;
  double factor_min = 1;     ///< uniform. REQUIRES: 0 < factor_min <= factor_max.
  double factor_max = 1;     ///< uniform.
  double concentration = 0;  ///< dirichlet. REQUIRES: > 0.
  SourceLocation where;
};

/// A named cohort-rule parameter (cohort_rules.hpp) drawn uniformly from [min, max] per draw.
struct ThresholdSpec {
  std::string parameter;
  double min = 0;
  double max = 0;  ///< REQUIRES: min <= max.
  SourceLocation where;
};

struct UncertaintySpec {
  std::vector<ReviewerNoiseSpec> reviewer_noise;
  std::vector<MeasurementNoiseSpec> measurement_noise;
  std::optional<WeightUncertaintySpec> weights;
  std::vector<ThresholdSpec> cohort_thresholds;
  SourceLocation where;  ///< The file ("" when built in memory).
};

// ---------------------------------------------------------------------------------------------
// The compiled model.

class DrawState;

enum class GroupKind { kWeight, kReviewer, kMeasurement, kThreshold };
[[nodiscard]] const char* ToString(GroupKind kind);  ///< "weight", "reviewer", ...

/// One independently drawn group of uncertain inputs.
struct UncertaintyGroup {
  GroupKind kind = GroupKind::kWeight;
  /// "weight:plan", "weight:jobs_creation", "reviewer:plan_review", "field:jobs_created",
  /// "threshold:district_split".
  std::string name;
  SourceLocation where;  ///< The spec entry it comes from.
};

namespace detail {
struct MeasurementOp {
  int group = 0;
  int column = 0;  ///< In ScoringModel::fields.
  NoiseKind kind = NoiseKind::kRelative;
  double sd = 0;
  double lo = 0, hi = 0;  ///< Clip bounds (+-inf when the field declares none).
};
struct ReviewerOp {
  int group = 0;
  int panel = 0;  ///< In ScoringModel::panels.
  double sd = 0, leniency_sd = 0;
  double score_min = 0, score_max = 100;
  // The rows that have a score in reviewer column k: scored_rows[column_start[k],
  // column_start[k + 1]), ascending. Panels are NaN-padded to the largest panel; skipping the
  // padding by a test in the loop mispredicts on every row.
  std::vector<int> scored_rows;
  std::vector<std::uint32_t> scored_governments;  ///< Registry index of each scored row.
  std::vector<int> column_start;
  /// Only stage-2 indicators read the panel: DrawState::DrawStage2ForAdvancersOnly may draw it
  /// for the governments that advance only.
  bool stage2_only = false;
};
struct CategoryUncertainty {
  Eigen::MatrixXd base_fields;
  std::vector<Eigen::MatrixXd> base_panels;
  Eigen::VectorXd base_points;
  std::vector<int> base_row_cohort;
  std::vector<std::size_t> row_government;
  /// Registry index of each row (the counter of its variates: the same government gets the same
  /// noise in every category), and the first of them when they are consecutive, else -1.
  std::vector<std::uint32_t> row_counter;
  std::int64_t first_counter = -1;
  std::vector<MeasurementOp> measurement;
  std::vector<ReviewerOp> reviewers;
  std::vector<int> weight_unit_of_indicator;  ///< Index into weight_units (-1: not varied).
  std::vector<int> weight_unit_group;         ///< Group of each weight unit of this category.
  std::vector<double> weight_unit_points;     ///< Nominal points of each unit.
  std::vector<std::string> weight_unit_names;
  std::vector<int> cohort_of_rules_cohort;  ///< Rules cohort index -> model cohort index.
  bool varies_panels = false, varies_fields = false, varies_points = false, varies_cohorts = false;
};
struct ThresholdOp {
  int group = 0;
  int parameter = 0;  ///< Index in CohortRules::parameters.
  double min = 0, max = 0;
};
}  // namespace detail

/// An UncertaintySpec resolved against the categories' scoring models. Immutable; share it.
class UncertaintyModel {
 public:
  [[nodiscard]] const std::vector<UncertaintyGroup>& groups() const noexcept { return groups_; }
  [[nodiscard]] std::size_t category_count() const noexcept { return categories_.size(); }
  /// True when weights vary: then DrawState::weights() is meaningful.
  [[nodiscard]] bool varies_weights() const noexcept { return weights_.has_value(); }
  /// Names of the weight units of `category` ("plan", ... or indicator ids), parallel to
  /// DrawState::weights(category). Empty without weight uncertainty.
  [[nodiscard]] const std::vector<std::string>& weight_names(std::size_t category) const {
    return categories_.at(category).weight_unit_names;
  }
  /// True when group `group` takes exactly one uniform from its stream (a uniform weight factor
  /// or a threshold), which ApplyDraw's `group_uniforms` can then supply (e.g. from a
  /// low-discrepancy sequence, as the Sobol analysis does).
  [[nodiscard]] bool TakesOneUniform(std::size_t group) const;
  /// Nominal points of each weight unit of `category`.
  [[nodiscard]] const std::vector<double>& nominal_weights(std::size_t category) const {
    return categories_.at(category).weight_unit_points;
  }

 private:
  friend UncertaintyModel CompileUncertainty(const UncertaintySpec&, std::span<const ScoringModel>,
                                             const CohortRules*, const Registry*);
  friend class DrawState;
  friend void ApplyDraw(const UncertaintyModel&, std::span<const std::uint64_t>, DrawState&,
                        std::span<const double>);

  std::vector<UncertaintyGroup> groups_;
  std::vector<detail::CategoryUncertainty> categories_;
  std::optional<WeightUncertaintySpec> weights_;
  std::vector<detail::ThresholdOp> thresholds_;
  // Thresholds re-run the cohort assignment (holds copies of the rules and the registry).
  std::optional<PreparedCohortRules> cohort_rules_;
  std::vector<double> base_parameters_;
};

/// Resolves `spec` against the scoring models of the categories (one per rubric, all compiled
/// with the same registry and cohorts). `rules` and `registry` are needed only when the spec
/// varies cohort thresholds (they are copied). Throws InputError, naming each spec entry's
/// file:line:col, for: an indicator or field no category has (with did-you-mean), reviewer
/// noise on a non-panel indicator, measurement noise on a grade/boolean/scores field, a field
/// given noise twice, an unknown cohort parameter, or thresholds without cohort rules.
[[nodiscard]] UncertaintyModel CompileUncertainty(const UncertaintySpec& spec,
                                                  std::span<const ScoringModel> categories,
                                                  const CohortRules* rules = nullptr,
                                                  const Registry* registry = nullptr);

/// The random-stream key of `group` in draw `draw` of a run with `seed` (a counter-based mix:
/// distinct inputs give unrelated keys).
[[nodiscard]] std::uint64_t GroupKey(std::uint64_t seed, std::uint64_t draw,
                                     std::uint64_t group) noexcept;

/// The perturbed inputs of one draw, for every category, owned per thread. Holds copies of
/// the varied inputs only; unvaried ones point at the scoring model's.
class DrawState {
 public:
  explicit DrawState(const UncertaintyModel& model);
  // Its perturbations may refer back to it (DrawStage2ForAdvancersOnly): not copyable.
  DrawState(const DrawState&) = delete;
  DrawState& operator=(const DrawState&) = delete;

  /// What to pass to Evaluate for `category` after ApplyDraw.
  [[nodiscard]] const Perturbation& perturbation(std::size_t category) const {
    return perturbations_.at(category);
  }
  /// The weight of each weight unit of `category` in this draw (points; sums to the nominal
  /// total). Empty without weight uncertainty.
  [[nodiscard]] std::span<const double> weights(std::size_t category) const {
    return weights_.at(category);
  }
  /// From now on ApplyDraw uses these weights (per weight unit, points) for `category` instead
  /// of drawing them; the other groups are still drawn. Used for SMAA confidence factors and
  /// one-at-a-time analyses. REQUIRES: weights.size() == weight_names(category).size().
  void FixWeights(std::size_t category, std::span<const double> weights);
  /// Back to drawing the weights of every category.
  void ReleaseWeights();
  /// From now on ApplyDraw perturbs only `category` (the others keep their last values), for
  /// callers that evaluate one category; nullopt (the default) perturbs every category.
  void RestrictTo(std::optional<std::size_t> category) { only_category_ = category; }
  /// From now on (true) the reviewer noise of panels that only stage-2 indicators read is drawn
  /// by Evaluate, through Perturbation::before_stage2, for the governments that advance: the
  /// values are the same as a full draw's (each score's variate is a pure function of the
  /// group's key, the government and the reviewer), the others' are never read. Off by default
  /// (the Sobol analysis keeps whole panels between evaluations).
  void DrawStage2ForAdvancersOnly(bool on);

 private:
  friend void ApplyDraw(const UncertaintyModel&, std::span<const std::uint64_t>, DrawState&,
                        std::span<const double>);
  // Draws the reviewer noise of `op` into `out` from `key`: every scored row, or (non-empty
  // `advanced`, per row) the rows that advanced.
  void DrawPanel(const detail::ReviewerOp& op, std::uint64_t key, const Eigen::MatrixXd& base,
                 std::span<const char> advanced, Eigen::MatrixXd& out);
  // Draws the measurement noise of `op` (a column of category `cu`) into `out` from `key`.
  void DrawField(const detail::MeasurementOp& op, const detail::CategoryUncertainty& cu,
                 std::uint64_t key, double* out);
  // Perturbation::before_stage2 of `category`.
  void DrawStage2(std::size_t category, std::span<const char> advanced);
  const UncertaintyModel* model_ = nullptr;
  bool stage2_for_advancers_ = false;
  std::vector<double> normals_;                // Scratch: one call's variates.
  std::vector<int> panel_rows_;                // Scratch: the rows drawn in one column.
  std::vector<std::uint32_t> panel_counters_;  // Scratch: their governments.
  std::vector<Eigen::MatrixXd> fields_;
  std::vector<std::vector<Eigen::MatrixXd>> panels_;
  std::vector<Eigen::VectorXd> points_;
  std::vector<std::vector<int>> row_cohort_;
  std::vector<std::vector<double>> weights_;
  std::vector<std::vector<double>> fixed_weights_;  // Empty = draw.
  std::optional<std::size_t> only_category_;
  std::vector<double> factors_;     // Scratch: factor per weight unit.
  std::vector<double> leniency_;    // Scratch: per reviewer.
  std::vector<double> parameters_;  // Scratch: cohort parameters.
  // The parameters row_cohort_ was assigned with (empty: none yet). The assignment is a pure
  // function of them, so an unchanged parameter vector reuses it (Sobol's non-threshold groups).
  std::vector<double> assigned_parameters_;
  CohortWorkspace cohort_workspace_;  // Scratch of the cohort assignment.
  std::vector<Perturbation> perturbations_;
  // Per category, the key and uniform each group was last applied with (empty: nothing applied
  // yet, or invalidated by FixWeights/ReleaseWeights). A group's values are a pure function of
  // them, so ApplyDraw redraws only the groups that changed: the Sobol analysis evaluates
  // A with one group from B, and then the next group, so most groups stay.
  std::vector<std::vector<std::uint64_t>> applied_keys_;
  std::vector<std::vector<double>> applied_uniforms_;
  // Per category and reviewer (measurement) op: the values of the group's previous key. A
  // reviewer or measured-field group depends on its key alone, so returning to the previous
  // key — the Sobol analysis goes A, AB_1, AB_2, ...: group 1 returns to A's key — is a swap
  // instead of a redraw.
  struct Previous {
    std::uint64_t key = 0;
    bool valid = false;
    Eigen::MatrixXd values;  // A panel, or one field column.
  };
  std::vector<std::vector<Previous>> previous_reviewers_, previous_fields_;
};

/// Draws every group from its key (`group_keys[g]` for model.groups()[g]) and writes the
/// perturbed inputs of every category into `state`. A group whose key is unchanged gives the
/// same values. REQUIRES: group_keys.size() == model.groups().size(); `state` made for
/// `model`. Only the groups whose key (or supplied uniform) differs from the previous call on
/// `state` are redrawn; the others keep their values, which are the same by construction.
/// Throws InputError when a drawn threshold makes the cohort assignment invalid
/// (e.g. an empty cohort), naming the parameter and its value.
/// `group_uniforms`, when not empty (one per group), replaces the one uniform of every group
/// for which TakesOneUniform is true by the given value in [0, 1); other entries are ignored.
void ApplyDraw(const UncertaintyModel& model, std::span<const std::uint64_t> group_keys,
               DrawState& state, std::span<const double> group_uniforms = {});

namespace detail {
/// Ziggurat tables (Marsaglia & Tsang 2000, 128 layers), computed once.
struct ZigguratTables {
  std::uint32_t k[128];
  double w[128];
  double f[128];
};
[[nodiscard]] const ZigguratTables& Ziggurat();
}  // namespace detail

/// The random stream of one group: pcg64 seeded from the group's key, with uniform, normal
/// (ziggurat; layer from the low 7 bits, magnitude from the high 32 bits of one output) and
/// gamma (Marsaglia–Tsang) variates that do not depend on the standard library.
/// Not thread-safe; cheap to construct.
class GroupStream {
 public:
  explicit GroupStream(std::uint64_t key);
  /// Uniform in [0, 1), 53 bits.
  [[nodiscard]] double Uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  /// Standard normal.
  [[nodiscard]] double Normal() {
    const std::uint64_t u = rng_();
    const int layer = static_cast<int>(u & 127U);
    const auto hz = static_cast<std::int32_t>(static_cast<std::uint32_t>(u >> 32));
    const std::int64_t magnitude = hz < 0 ? -static_cast<std::int64_t>(hz) : hz;
    if (magnitude < static_cast<std::int64_t>(zig_.k[layer])) return hz * zig_.w[layer];
    return NormalTail(hz, layer);
  }
  /// Gamma(shape, 1). REQUIRES: shape > 0.
  [[nodiscard]] double Gamma(double shape);

 private:
  double NormalTail(std::int32_t hz, int layer);
  pcg64 rng_;
  const detail::ZigguratTables& zig_;
};

}  // namespace jobaward
