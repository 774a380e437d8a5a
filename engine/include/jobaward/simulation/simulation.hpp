// Monte Carlo simulation of award outcomes: the whole scoring pipeline (scoring.hpp) run once
// per random draw of the uncertain inputs (uncertainty.hpp), summarised as probabilities with
// their Monte Carlo standard errors.
//
// Per government: P(each award place), P(any award), P(advance to stage 2), rank in its cohort
// (mean, median, 5-95% interval). Per cohort: the SMAA-2 rank-acceptability matrix, pairwise
// winning indices and P(a baseline winner still ranks first). With weight uncertainty: SMAA-2
// central weights and confidence factors. Formulas and estimators: rubrics/README.md
// ("Uncertainty spec", "What simulate reports").
//
// Reproducible and parallel: draw i uses the group keys GroupKey(seed, i, g) only; draws are
// processed in fixed blocks of kSimulationBlock by `threads` workers, and every accumulator is an
// integer count (ranks are integers; weight sums are kept in fixed point), so the merged totals —
// and hence the output — are identical for any thread count. Memory does not grow with the
// number of draws (per thread: one rank histogram per government, as long as its worst rank, and
// the pairwise counts of each cohort up to SimulationConfig::matrix_cohort_limit members). Simulate
// is thread-safe for distinct calls; it starts its own worker threads.
//
// Tests (tests/unit/simulation/simulation_test.cpp) prove: with zero noise every draw reproduces
// the deterministic award; P(win) of two governments whose score difference is N(mu, sigma²) is
// Phi(mu / sigma) within 4 standard errors; acceptability rows and columns sum to 1; threads 1
// and 2 give identical results; --until-se stops when met and is an error at the cap; a stop
// request returns the completed blocks.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward {

/// Draws per work block: the unit of scheduling, of --until-se checks and of stopping.
inline constexpr std::uint64_t kSimulationBlock = 256;

/// What a run is doing, for progress reports: the draws, then (with weight uncertainty) the
/// SMAA-2 confidence draws.
enum class SimulationPhase { kDraws, kConfidence };

struct SimulationConfig {
  std::uint64_t seed = 1;
  /// Draws to run; with until_se, the first round. REQUIRES: >= 1.
  std::uint64_t draws = 10000;
  int threads = 1;  ///< Worker threads. REQUIRES: >= 1.
  /// When set: after `draws`, keep doubling the number of draws until every reported
  /// probability's standard error is at most this, up to max_draws (then InputError).
  std::optional<double> until_se;
  std::uint64_t max_draws = 1000000;  ///< Cap for until_se. REQUIRES: >= draws.
  /// Draws per government for the SMAA-2 confidence factors (weight uncertainty only);
  /// 0 skips them. Costs one evaluation per draw and government that ever ranks first.
  /// Default: 200.
  std::uint64_t confidence_draws = 200;
  /// Cohorts with more baseline members get no rank-acceptability or pairwise matrix
  /// (CohortSimulation::matrices false): both grow with the square of the cohort, in memory, in
  /// time per draw and in output (a 5,000-government batch: 3.6 million pairs per category).
  /// The real award's largest cohort has 82 members. Per-government statistics are unaffected.
  std::size_t matrix_cohort_limit = 250;
  /// Called on the calling thread about ten times a second: draws done, draws planned (of the
  /// current phase).
  std::function<void(std::uint64_t done, std::uint64_t planned)> progress;
  /// Called on the calling thread when a phase starts, before its first progress call; a
  /// progress bar labels what it counts with it.
  std::function<void(SimulationPhase phase)> phase;
  /// Polled on the calling thread about twenty times a second; true stops at the next block
  /// boundary and returns the blocks completed (SimulationResult::interrupted).
  std::function<bool()> stop_requested;
};

/// A probability estimated from n draws: p = k / n, se = sqrt(p (1 - p) / n).
struct Estimate {
  double p = 0;
  double se = 0;
};

struct GovernmentSimulation {
  int row = 0;  ///< Row of the scoring model.
  std::string code;
  int cohort = -1;              ///< Baseline (deterministic) cohort.
  int baseline_rank = 0;        ///< Rank in the deterministic evaluation.
  int baseline_place = -1;      ///< Award place in the deterministic evaluation, or -1.
  std::vector<Estimate> place;  ///< Per CategorySimulation::places.
  Estimate any_award;
  Estimate advanced;
  Estimate first;  ///< P(rank 1 in its cohort): SMAA-2 first-rank acceptability.
  double mean_rank = 0;
  double mean_rank_se = 0;
  int median_rank = 0;  ///< Smallest rank k with P(rank <= k) >= 0.5.
  int rank_p5 = 0;      ///< ... >= 0.05.
  int rank_p95 = 0;     ///< ... >= 0.95.
  /// SMAA-2 central weights (points per weight unit): the mean weights over the draws in which
  /// it ranks first. Empty without weight uncertainty or when it never ranks first.
  std::vector<double> central_weights;
  /// SMAA-2 confidence factor: P(rank 1) with the weights fixed at its central weights and all
  /// other groups still drawn (draws 0 .. confidence_draws-1 of the same seed).
  std::optional<Estimate> confidence;
};

struct CohortSimulation {
  std::string id;
  std::string label;
  std::vector<int> members;  ///< Rows of the baseline members, in baseline rank order.
  /// False when the cohort is larger than SimulationConfig::matrix_cohort_limit: then
  /// `acceptability` and `pairwise` are empty.
  bool matrices = true;
  /// members x ranks: P(member holds rank k+1). Rows sum to 1; columns sum to 1 when no ties
  /// occur and cohorts are fixed.
  Eigen::MatrixXd acceptability;
  /// members x members: P(i ranks strictly above j in the same cohort).
  Eigen::MatrixXd pairwise;
  std::vector<int> baseline_winners;  ///< Rows ranked first without noise.
  Estimate baseline_winner_wins;      ///< P(some baseline winner ranks first in this cohort).
};

struct CategorySimulation {
  std::string rubric_id;
  std::string category;
  std::string name_ko;
  /// Award places: the cohort levels, then national prizes, then special prizes (ids).
  std::vector<std::string> places;
  std::vector<std::string> place_names_ko;
  std::vector<std::string> weight_names;  ///< Weight units (with weight uncertainty).
  std::vector<double> nominal_weights;
  std::vector<GovernmentSimulation> governments;  ///< Per model row.
  std::vector<CohortSimulation> cohorts;          ///< Per baseline cohort.
};

struct SimulationResult {
  std::uint64_t seed = 0;
  std::uint64_t draws = 0;          ///< Draws completed and summarised.
  std::uint64_t planned_draws = 0;  ///< What the last round aimed at.
  bool interrupted = false;         ///< Stopped by stop_requested: `draws` < planned.
  std::optional<double> until_se;
  double max_se = 0;  ///< Largest standard error of any reported probability (not confidence).
  std::uint64_t confidence_draws = 0;  ///< 0 when confidence factors were not computed.
  std::vector<UncertaintyGroup> groups;
  std::vector<CategorySimulation> categories;  ///< Per scoring model.
};

/// Runs the simulation. `categories` are the scoring models `uncertainty` was compiled for.
/// Throws InputError for a bad config (naming the setting), when until_se is not reached
/// within max_draws ("... standard error 0.0123 > --until-se 0.01 after --max-draws 100000
/// draws"), and when a drawn cohort threshold gives an invalid assignment.
[[nodiscard]] SimulationResult Simulate(std::span<const ScoringModel> categories,
                                        const UncertaintyModel& uncertainty,
                                        const SimulationConfig& config);

}  // namespace jobaward
