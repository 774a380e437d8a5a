// A small in-memory award for the sensitivity tests: `cohorts` cohorts of `size` governments
// with seeded random inputs, a rubric with a stage-1 `linear` (plan, 30), a stage-1 cohort-
// relative `minmax` (execution, 30), and two stage-2 indicators — `linear` and cohort-relative
// `zscore` among the advanced (outcome, 20 + 20); the top 3 of each cohort advance; levels gold
// (1) and silver (2, min score 35); tie-break by the outcome domain. Built through the real
// scoring engine (ValidateRubric + Compile), no files.
#pragma once

#include <pcg_random.hpp>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward::test {

struct SensitivityAward {
  Registry registry;
  CohortMembership cohorts;
  Rubric rubric;
  std::vector<Report> reports;
  ScoringModel model;
};

inline Indicator MakeIndicator(const std::string& id, Domain domain, double points,
                               const std::string& field, Method method, int stage) {
  Indicator indicator;
  indicator.id = id;
  indicator.name_ko = id;
  indicator.domain = domain;
  indicator.points = points;
  indicator.fields = {field};
  indicator.method = method;
  indicator.params.lo = 0;
  indicator.params.hi = 100;
  indicator.stage = stage;
  return indicator;
}

inline SensitivityAward MakeSensitivityAward(std::uint64_t seed, int cohorts = 2, int size = 6) {
  SensitivityAward t;
  pcg32 rng(seed);
  const auto uniform = [&rng](double lo, double hi) {
    return lo + (hi - lo) * std::ldexp(static_cast<double>(rng()), -32);
  };
  std::vector<Government> governments;
  for (int i = 0; i < cohorts * size; ++i) {
    Government g;
    g.code = std::to_string(91001 + i);
    g.name_ko = "정부" + std::to_string(i + 1);
    g.name_en = "Government " + std::to_string(i + 1);
    g.level = Level::kBasic;
    g.type = GovernmentType::kCounty;
    g.line = i + 2;
    governments.push_back(g);
    t.cohorts.cohort_of.push_back(i / size);
  }
  t.registry = Registry("", governments);
  for (int c = 0; c < cohorts; ++c) {
    t.cohorts.ids.push_back("c" + std::to_string(c));
    t.cohorts.labels.push_back("C" + std::to_string(c));
  }

  Rubric& r = t.rubric;
  r.id = "sens";
  r.category = "disclosure";
  r.name_ko = "민감도";
  r.year = 2020;
  r.total_points = 100;
  for (const char* field : {"plan_x", "exec_x", "out_x", "out_y"}) {
    r.fields.push_back({field, FieldType::kNumber, field, "test figure", 0.0, 100.0});
  }
  r.domains[0] = {Domain::kPlan, "계획", 30, {}};
  r.domains[1] = {Domain::kExecution, "집행", 30, {}};
  r.domains[2] = {Domain::kOutcome, "성과", 40, {}};
  r.indicators = {MakeIndicator("plan", Domain::kPlan, 30, "plan_x", Method::kLinear, 1),
                  MakeIndicator("exec", Domain::kExecution, 30, "exec_x", Method::kMinMax, 1),
                  MakeIndicator("out_lin", Domain::kOutcome, 20, "out_x", Method::kLinear, 2),
                  MakeIndicator("out_z", Domain::kOutcome, 20, "out_y", Method::kZScore, 2)};
  r.stages.advance.top_n = 3;
  AwardLevel gold;
  gold.id = "gold";
  gold.name_ko = "최우수상";
  gold.count = 1;
  AwardLevel silver;
  silver.id = "silver";
  silver.name_ko = "우수상";
  silver.count = 2;
  silver.min_score = 35;
  r.levels = {gold, silver};
  TieBreakKey key;
  key.kind = TieBreakKey::Kind::kDomain;
  key.domain = Domain::kOutcome;
  r.tie_break = {key};
  ValidateRubric(r);

  for (const auto& g : governments) {
    Report rep;
    rep.government_code = g.code;
    rep.year = 2020;
    rep.synthetic = true;
    for (const char* field : {"plan_x", "exec_x", "out_x", "out_y"}) {
      rep.fields[field] = uniform(0, 100);
    }
    t.reports.push_back(rep);
  }
  t.model = Compile(t.rubric, t.registry, t.cohorts, t.reports);
  return t;
}

}  // namespace jobaward::test
