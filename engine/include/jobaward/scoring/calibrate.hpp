// Synthetic reports calibrated to the published results (`jobaward synth --published FILE`):
// the seeded generator of synth.hpp, with each government's latent qualities conditioned until
// the engine, scoring every candidate set of reports with the rubrics and cohort rules in use
// (ScoreAward, then CheckFacts), reproduces every published fact. No result is written in: the
// facts only decide which governments' figures are redrawn, and under which condition. The
// method is documented in examples/README.md ("Calibrated to the published results"):
//
// 1. Facts that no report can change (cohort facts, prize amounts, registry counts) are checked
//    first; one that fails stops the calibration at once, naming it.
// 2. Named winners start conditioned on their award: the latent of the award's category (job
//    policy for 공시제, programme for 우수사업; synth.hpp LatentOf) is drawn from its normal
//    distribution restricted to a band: national prize [2.3, inf), first level [1.5, 2.3),
//    other levels [0.8, 1.5), special prize [0, 1.2).
// 3. Rounds: generate (only governments whose condition changed), score, check. For each unmet
//    fact, the governments that block it are redrawn with the category's latent capped at 1.0
//    (a government above a named winner in its cohort; a holder of a place the fact reserves;
//    another member of an "only one of the group" group holding the award), and a named winner
//    that did not get its place is redrawn (its next attempt, same band). A count of awarded
//    governments is met by lowering (cap 0) or raising (floor 1.8) the programme latent of
//    governments that hold, or could add, an award in the last category. Choices between
//    candidates follow a seeded order, so the same seed gives the same reports.
// 4. Stop when every fact holds; after `max_rounds` rounds, InputError naming each fact still
//    unmet with the model's value.
//
// Pure: no I/O, no global state. Tests (tests/unit/scoring/calibrate_test.cpp) prove the bundled
// 2020 facts are met and the result is the bundled example, a fact the rubric cannot meet stops
// with its name, and the same seed gives the same reports.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/published.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/scoring/synth.hpp"

namespace jobaward {

struct CalibrationOptions {
  int max_rounds = 400;
  /// Called on the calling thread after each scoring round with the rounds done and the limit
  /// (max_rounds; calibration usually ends far below it), for a progress bar; it does not change
  /// the result.
  std::function<void(std::uint64_t done, std::uint64_t limit)> progress = {};
};

struct CalibrationResult {
  std::vector<Report> reports;    ///< One per government of the registry, in registry order.
  int rounds = 0;                 ///< Scoring rounds run (1 = the first draw met every fact).
  int conditioned = 0;            ///< Governments whose draws ended conditioned.
  std::vector<FactResult> facts;  ///< The final check (every fact met).
};

/// Generates reports for every government of `registry` under which `rubrics` (with
/// `cohorts`) reproduce every fact of `facts`. `schema` is the merged schema of the rubrics;
/// `options` as for SynthesizeReports (seed, year, provenance, real figures).
/// Throws InputError naming the fact(s) that cannot be met.
[[nodiscard]] CalibrationResult Calibrate(const Registry& registry, const CohortMembership& cohorts,
                                          std::span<const Rubric> rubrics,
                                          const ReportSchema& schema, const PublishedFacts& facts,
                                          const SynthOptions& options,
                                          const CalibrationOptions& calibration = {});

}  // namespace jobaward
