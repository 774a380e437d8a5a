// The JSON documents of the API, built from library values (schemas in engine/docs/schema/
// serve-*.schema.json; keys are stable English ids, labels Korean). Rendering only: every value
// comes from the evaluation or the simulation it is given.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "evaluation.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/server/what_if_service.hpp"
#include "jobaward/simulation/paired_simulation.hpp"
#include "jobaward/simulation/simulation.hpp"

namespace jobaward::server_detail {

using Json = nlohmann::ordered_json;

/// GET /api/model: the rules of `baseline` as the page's controls, the cohorts, the
/// governments, the limits and the provenance of the inputs.
[[nodiscard]] Json ModelJson(const WhatIfBase& base, const ServiceLimits& limits,
                             const Evaluation& baseline);

/// The rules of `evaluation` per category (points, stages, levels, prizes, tie-break) and its
/// cohort parameters: what the page's controls show after the points rule has rescaled them.
[[nodiscard]] Json RulesJson(const Evaluation& evaluation);

/// The award table of `evaluation`, per category: national prizes, then per cohort the cohort
/// awards and special prizes; counts and prize money.
[[nodiscard]] Json AwardsJson(const Evaluation& evaluation);

/// One government (`row` of category `category`) explained: indicators, domains, stages, rank,
/// award, and the governments ranked directly above and below with what separates them.
[[nodiscard]] Json ExplainJson(const Evaluation& evaluation, std::size_t category, std::size_t row);

/// Adds what it takes to `explained` (ExplainJson of the same government): `to_next`, the
/// category's item of `jobaward explain CODE --to-next --format json` (gaps.schema.json
/// $defs/category), and `to_next_overview`, its rows in Korean as the terminal shows them. The
/// awards of the other categories are held fixed, as in `jobaward award`.
void AddToNextJson(Json& explained, const Evaluation& evaluation, const Registry& registry,
                   std::size_t category, std::size_t row);

/// Award probabilities of every government per category (simulation.hpp), with the result's
/// draws, seed and whether it was interrupted.
[[nodiscard]] Json SimulationJson(const Evaluation& evaluation, const SimulationResult& result);

/// The same for a scenario against the baseline on common random numbers (SimulatePaired,
/// paired_simulation.hpp): per government P(any award) under both, the difference and its
/// paired and unpaired standard errors; `evaluation` is the scenario's.
[[nodiscard]] Json PairedSimulationJson(const Evaluation& evaluation,
                                        const PairedSimulationResult& result,
                                        std::uint64_t planned_draws, std::size_t groups);

}  // namespace jobaward::server_detail
