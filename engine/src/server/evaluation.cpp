// Evaluating a scenario's rules on the base reports, and the cache (see evaluation.hpp).
#include "evaluation.hpp"

#include "jobaward/cohorts/membership.hpp"
#include "jobaward/error.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "request_error.hpp"

namespace jobaward::server_detail {

std::shared_ptr<const Evaluation> EvaluateScenario(const WhatIfBase& base,
                                                   std::vector<Override> overrides) {
  const auto start = std::chrono::steady_clock::now();
  auto e = std::make_shared<Evaluation>();
  ScenarioModel model{base.rules, base.rubrics};
  if (!overrides.empty()) model = ApplyOverrides(std::move(model), overrides);
  e->overrides = std::move(overrides);
  e->rules = std::move(model.rules);
  e->rubrics = std::move(model.rubrics);
  e->membership = MembershipOf(AssignCohorts(e->rules, base.registry));
  for (const Rubric& rubric : e->rubrics) {
    e->models.push_back(Compile(rubric, base.registry, e->membership, base.reports));
  }
  e->results = ScoreAward(e->models, Detail::kFull);
  e->awards = BuildAwardTable(e->rubrics, e->results);
  e->compute_ms = MillisecondsSince(start);
  return e;
}

std::size_t CategoryIndex(const std::vector<Rubric>& rubrics, const std::string& name,
                          const std::string& key) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < rubrics.size(); ++i) {
    if (rubrics[i].category == name || rubrics[i].id == name) return i;
    names.push_back(rubrics[i].category);
  }
  throw RequestError(400, key, UnknownNameMessage("category", name, names));
}

}  // namespace jobaward::server_detail
