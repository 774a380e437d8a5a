// Variance-based (Sobol) sensitivity indices of any model with grouped random inputs: the
// generic machinery behind `jobaward sensitivity sobol`, run unchanged on analytic test
// functions (linear, Ishigami) in the tests.
//
// Sampling (engine/docs/sensitivity.md, "Sobol indices"): two independent sample matrices A and
// B of N base samples, and for each group i the matrix AB_i = A with group i taken from B. A group
// is either scalar-like — it takes `dimension` uniforms, which come from a Sobol low-discrepancy
// sequence (A uses coordinates [0, D), B uses [D, 2D) of point j, the origin excluded) — or a
// vector of random numbers drawn by the model from a counter-based stream whose key the machinery
// gives: GroupStreamKey(seed, 'A' or 'B', j, group). Both kinds always get both: a group may use
// either. Estimators: Saltelli et al. (2010) first order V_i = mean(f_B (f_ABi − f_A)), Jansen
// total VT_i = mean((f_A − f_ABi)²) / 2, S_i = V_i / V, ST_i = VT_i / V with V the variance of f
// over A and B together. Outputs are centred on f(A_0) before summing (this leaves every
// estimator's expectation unchanged and avoids cancellation when a mean is large next to its
// spread). Confidence intervals: percentile bootstrap over `bootstrap_units` blocks of consecutive
// base samples (with units = N this is the classic bootstrap), seeded.
//
// Reproducibility: base samples are split into the bootstrap units; each unit is summed by one
// thread in sample order and units are combined in unit order, so the result is bit-identical
// for any thread count. Memory: units × outputs × (4 + 2·groups) doubles, independent of N.
//
// Tests (tests/unit/sensitivity/sobol_test.cpp) prove: a linear model gives S_i = ST_i =
// w_i²σ_i²/Σw_j²σ_j² within the CIs; Ishigami (a=7, b=0.1) gives S = (0.3139, 0.4424, 0) and ST =
// (0.5576, 0.4424, 0.2437) within the CIs, with quasi-random and with keyed random sampling; 1 and
// 2 threads give identical results; the Sobol points are the ones of boost::random::sobol.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace jobaward {

/// One group of uncertain inputs whose joint effect is measured.
struct SobolGroup {
  std::string name;
  /// Uniforms this group takes from the low-discrepancy sequence; 0 when it only uses its
  /// random stream.
  int dimension = 0;
};

/// What the model receives for one group in one evaluation.
struct GroupDraw {
  std::span<const double> uniforms;  ///< `dimension` values in [0, 1).
  std::uint64_t key = 0;             ///< Stream key for the group's random numbers.
};

/// Evaluates the model: `draws` has one entry per group; writes every output.
using SobolFunction =
    std::function<void(std::span<const GroupDraw> draws, std::span<double> outputs)>;
/// Called once per worker thread (and once more for the reference evaluation); the function it
/// returns may own per-thread scratch space.
using SobolFunctionFactory = std::function<SobolFunction()>;

struct SobolOptions {
  std::int64_t base_samples = 1024;  ///< N; the model runs N × (groups + 2) times.
  std::uint64_t seed = 1;            ///< Keys of random streams and bootstrap resampling.
  int threads = 1;
  /// Uniforms from the Sobol sequence (true) or from each group's random stream (false).
  bool quasi_random = true;
  int bootstrap_resamples = 200;
  int bootstrap_units = 64;  ///< Blocks of base samples resampled; capped at N.
  double confidence = 0.95;  ///< Two-sided level of the percentile intervals.
  /// Called on the calling thread as blocks of base samples complete: model evaluations done,
  /// evaluations planned (SobolIndices::evaluations); last with done == planned. For a
  /// progress bar; it does not change the result.
  std::function<void(std::int64_t done, std::int64_t planned)> progress;
};

/// Indices per group (rows) and output (columns). NaN where an output has zero variance.
struct SobolIndices {
  Eigen::MatrixXd first, first_low, first_high;
  Eigen::MatrixXd total, total_low, total_high;
  Eigen::VectorXd mean;      ///< Per output, over A and B.
  Eigen::VectorXd variance;  ///< Per output, over A and B (the V of the estimators).
  std::int64_t evaluations = 0;
};

/// Stream key of group `group` in matrix `matrix` ('A' or 'B') at base sample `sample`: a
/// SplitMix64 hash of the four, so streams do not depend on which thread evaluates them.
[[nodiscard]] std::uint64_t GroupStreamKey(std::uint64_t seed, char matrix, std::int64_t sample,
                                           int group);

/// Point `index` of the `dimension`-dimensional Sobol sequence of boost::random::sobol (Joe–Kuo
/// direction numbers; the origin excluded, so point 0 is (1/2, ..., 1/2)), as uniforms in [0, 1).
[[nodiscard]] std::vector<double> SobolPoint(int dimension, std::uint64_t index);

/// Estimates first-order and total indices of every group on every output.
/// REQUIRES: at least one group; output_count >= 1; base_samples >= 2; threads >= 1;
/// 2 × (sum of dimensions) <= 3667 (the Boost table).
[[nodiscard]] SobolIndices ComputeSobolIndices(const std::vector<SobolGroup>& groups,
                                               int output_count,
                                               const SobolFunctionFactory& factory,
                                               const SobolOptions& options);

}  // namespace jobaward
