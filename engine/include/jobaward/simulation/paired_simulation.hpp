// Award probabilities under two scenarios with common random numbers: "how much more likely is
// Guro-gu to win under the new rule", with an honest error bar.
//
// Both sides run the whole award (award_plan.hpp EvaluateAward) on the same draws: draw i gives
// every uncertainty group the key GroupKey(seed, i, g), with g the group's index on the BASE side
// (groups are matched by name, so a group both sides have gets the same reviewer noise, the same
// measurement errors, the same weight factors and the same thresholds on both). A group only the
// alternative has gets an index after the base's groups. Per government and category the run
// counts the draws with an award under the base (k_b), under the alternative (k_a) and under both
// (k_ab), so the difference D = 1[award alt] - 1[award base] of each draw is known:
//
//   difference  = (k_a - k_b) / n
//   paired_se   = sqrt((E[D^2] - difference^2) / n),  E[D^2] = (k_a + k_b - 2 k_ab) / n
//   unpaired_se = sqrt(p_b (1 - p_b) / n + p_a (1 - p_a) / n)  (two independent runs)
//
// The paired error is small when the two sides mostly agree draw by draw, which is the point of
// common random numbers (engine/docs/sensitivity.md, "Comparing two scenarios").
//
// Reproducible: the counts are integers summed over fixed blocks of draws, so the result is the
// same for any thread count. Thread-safe for distinct calls.
//
// Tests (tests/unit/simulation/paired_simulation_test.cpp) prove: a scenario against itself gives a
// difference and a paired error of exactly 0; each side's probabilities equal Simulate's with
// the same seed; the paired error is far below the unpaired one on a rule change; threads 1 and
// 2 give the same result; a recorded base (whole, extended from a prefix, or longer than the
// run) gives the same result as the simulated one.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/simulation.hpp"
#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward {

struct PairedGovernment {
  std::string code;
  int base_row = -1;       ///< Row of the base side's scoring model.
  int alt_row = -1;        ///< Row of the alternative's.
  Estimate base;           ///< P(any award of the category) under the base.
  Estimate alt;            ///< ... under the alternative.
  double difference = 0;   ///< alt.p - base.p.
  double paired_se = 0;    ///< Standard error of `difference` with common random numbers.
  double unpaired_se = 0;  ///< What two independent runs of the same size would give.
};

struct PairedCategory {
  std::string category;
  std::string base_rubric_id;
  std::string alt_rubric_id;
  /// Governments with a report of the category on both sides, in the base side's row order.
  std::vector<PairedGovernment> governments;
};

struct PairedSimulationResult {
  std::uint64_t seed = 0;
  std::uint64_t draws = 0;  ///< Draws completed (fewer than asked when interrupted).
  bool interrupted = false;
  /// Groups of the alternative that the base does not have (drawn independently).
  std::vector<std::string> unmatched_groups;
  std::vector<PairedCategory> categories;  ///< Per category both sides have, in base order.
};

/// Which governments hold an award of each base category in draws 0 .. draws-1 of one seed: the
/// base side of SimulatePaired, recorded once so that a caller comparing many alternatives with
/// one base (the what-if page, on every control change) simulates only the alternative. Draw d
/// depends only on (seed, d), so a record of n draws serves every run of up to n draws, and
/// SimulatePaired gives the same bytes with the record as without it. 1 bit per government and
/// draw (65,536 draws of the bundled 2020 model: 4 MB).
class BaseAwardRecord {
 public:
  [[nodiscard]] std::uint64_t seed() const { return seed_; }
  [[nodiscard]] std::uint64_t draws() const { return draws_; }
  /// Per base category, the rows of its scoring model (what the record was made from).
  [[nodiscard]] const std::vector<std::uint64_t>& rows() const { return rows_; }
  /// True when `row` of base category `category` holds an award in draw `draw` (< draws()).
  [[nodiscard]] bool Holds(std::size_t category, std::uint64_t draw, int row) const {
    const std::uint64_t bit = draw * rows_[category] + static_cast<std::uint64_t>(row);
    return ((bits_[category][bit / 64] >> (bit % 64)) & 1U) != 0;
  }

 private:
  friend BaseAwardRecord RecordBaseAwards(std::span<const ScoringModel>, const UncertaintyModel&,
                                          const SimulationConfig&, const BaseAwardRecord*);
  std::uint64_t seed_ = 0;
  std::uint64_t draws_ = 0;
  std::vector<std::uint64_t> rows_;               // Per base category.
  std::vector<std::vector<std::uint64_t>> bits_;  // Per base category: bit d * rows + row.
};

/// Records the base side's awards for `config.seed` and draws 0 .. config.draws-1 (threads,
/// progress and stop_requested as SimulatePaired; interrupted: fewer draws()). With `prefix`
/// (a record of the same base and seed), only the draws it lacks are run.
[[nodiscard]] BaseAwardRecord RecordBaseAwards(std::span<const ScoringModel> base,
                                               const UncertaintyModel& base_uncertainty,
                                               const SimulationConfig& config,
                                               const BaseAwardRecord* prefix = nullptr);

/// Runs `config.draws` draws of both sides. `base_uncertainty` was compiled for `base`,
/// `alt_uncertainty` for `alt` (typically the same spec). Uses seed, draws, threads, progress
/// and stop_requested of `config`; until_se and confidence_draws do not apply (InputError for
/// until_se). Throws InputError when the sides share no category, and as Simulate for a bad
/// config or a drawn threshold that gives an invalid cohort assignment. With `base_awards` (a
/// RecordBaseAwards of this base, `config.seed` and at least `config.draws` draws; InternalError
/// otherwise) the base side is read from it instead of simulated: the same result in about half
/// the time.
[[nodiscard]] PairedSimulationResult SimulatePaired(std::span<const ScoringModel> base,
                                                    const UncertaintyModel& base_uncertainty,
                                                    std::span<const ScoringModel> alt,
                                                    const UncertaintyModel& alt_uncertainty,
                                                    const SimulationConfig& config,
                                                    const BaseAwardRecord* base_awards = nullptr);

}  // namespace jobaward
