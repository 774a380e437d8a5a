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
// Tests (tests/unit/paired_simulation_test.cpp) prove: a scenario against itself gives a
// difference and a paired error of exactly 0; each side's probabilities equal Simulate's with
// the same seed; the paired error is far below the unpaired one on a rule change; threads 1 and
// 2 give the same result.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring.hpp"
#include "jobaward/simulation.hpp"
#include "jobaward/uncertainty.hpp"

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

/// Runs `config.draws` draws of both sides. `base_uncertainty` was compiled for `base`,
/// `alt_uncertainty` for `alt` (typically the same spec). Uses seed, draws, threads, progress
/// and stop_requested of `config`; until_se and confidence_draws do not apply (InputError for
/// until_se). Throws InputError when the sides share no category, and as Simulate for a bad
/// config or a drawn threshold that gives an invalid cohort assignment.
[[nodiscard]] PairedSimulationResult SimulatePaired(std::span<const ScoringModel> base,
                                                    const UncertaintyModel& base_uncertainty,
                                                    std::span<const ScoringModel> alt,
                                                    const UncertaintyModel& alt_uncertainty,
                                                    const SimulationConfig& config);

}  // namespace jobaward
