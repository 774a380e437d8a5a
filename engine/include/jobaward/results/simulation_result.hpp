// The result of `jobaward simulate` as typed tables (result_table.hpp): per government the
// probability of each award, of any award, of advancing and of ranking first, with Monte Carlo
// standard errors, and its rank distribution; per cohort the probability that the baseline
// winner stays first; the SMAA-2 rank acceptability and pairwise winning indices in long form.
// Columns and JSON keys: engine/docs/outputs.md ("simulate").
//
// Pure function of its inputs. Tests: tests/unit/simulation/simulation_test.cpp, output_schema,
// xlsx tests.
#pragma once

#include <span>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/simulation.hpp"

namespace jobaward {

/// Tables "governments", "cohorts", "rank_acceptability", "pairwise", "groups"; facts draws,
/// planned_draws, interrupted, seed, until_se, max_se, confidence_draws. `models` are the
/// scoring models `result` was simulated on (parallel to result.categories). Throws InputError
/// when an award place id of a rubric would give a probability column the name of another
/// (a place called any, advance, first or confidence).
[[nodiscard]] Result MakeSimulationResult(const SimulationResult& result,
                                          std::span<const ScoringModel> models,
                                          const Registry& registry);

}  // namespace jobaward
