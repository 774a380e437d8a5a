// In-memory inputs for the report loader and generator tests: the 2020 report fields
// (notes/fields.md, as the 2020 rubrics declare them) and a four-government registry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/synth.hpp"

namespace jobaward::test {

inline ReportSchema Schema2020() {
  using T = FieldType;
  const auto f = [](std::string name, FieldType type, std::optional<double> min,
                    std::optional<double> max) {
    FieldSpec s;
    s.name = std::move(name);
    s.type = type;
    s.min = min;
    s.max = max;
    return s;
  };
  ReportSchema schema;
  schema.fields = {
      f("jobs_target", T::kCount, 0, {}),
      f("jobs_created", T::kCount, 0, {}),
      f("employment_rate_prev", T::kNumber, 0, 100),
      f("employment_rate", T::kNumber, 0, 100),
      f("insured_prev", T::kCount, 0, {}),
      f("insured", T::kCount, 0, {}),
      f("regular_worker_ratio", T::kNumber, 0, 100),
      f("budget_planned", T::kNumber, 0, {}),
      f("budget_executed", T::kNumber, 0, {}),
      f("disclosed_on_time", T::kBoolean, {}, {}),
      f("plan_review", T::kScores, 0, 100),
      f("governance", T::kGrade, {}, {}),
      f("head_commitment", T::kGrade, {}, {}),
      f("interview", T::kScores, 0, 100),
      f("best_practice_cases", T::kCount, 0, {}),
      f("audit_findings", T::kCount, 0, {}),
      f("program_jobs_target", T::kCount, 0, {}),
      f("program_jobs_created", T::kCount, 0, {}),
      f("program_budget_planned", T::kNumber, 0, {}),
      f("program_budget_executed", T::kNumber, 0, {}),
      f("program_design_review", T::kScores, 0, 100),
      f("program_innovation", T::kGrade, {}, {}),
      f("program_interview", T::kScores, 0, 100),
  };
  return schema;
}

inline Government MakeGovernment(std::string code, std::string name_ko, std::string name_en,
                                 Level level, GovernmentType type, std::string parent,
                                 double population, double workers) {
  Government g;
  g.code = std::move(code);
  g.name_ko = std::move(name_ko);
  g.name_en = std::move(name_en);
  g.level = level;
  g.type = type;
  g.parent_code = std::move(parent);
  g.population = population;
  g.population_year = 2023;
  g.population_source = "test";
  g.workers = workers;
  g.workers_year = 2024;
  g.workers_source = "test";
  return g;
}

/// Seoul, Guro-gu, Jongno-gu, Gyeonggi-do and Yangpyeong-gun (sizes roughly real).
inline Registry SmallRegistry() {
  using L = Level;
  using G = GovernmentType;
  return Registry("registry.csv",
                  {MakeGovernment("11000", "서울특별시", "Seoul", L::kMetropolitan, G::kSpecialCity,
                                  "", 9350940, 5034000),
                   MakeGovernment("11110", "종로구", "Jongno-gu", L::kBasic, G::kDistrict, "11000",
                                  139265, 73000),
                   MakeGovernment("11530", "구로구", "Guro-gu", L::kBasic, G::kDistrict, "11000",
                                  393326, 227500),
                   MakeGovernment("41000", "경기도", "Gyeonggi-do", L::kMetropolitan, G::kProvince,
                                  "", 13600000, 7300000),
                   MakeGovernment("41830", "양평군", "Yangpyeong-gun", L::kBasic, G::kCounty,
                                  "41000", 123000, 57000)});
}

/// Generator options with a seed (and a provenance text).
inline SynthOptions Seeded(std::uint64_t seed, std::string provenance = {}) {
  SynthOptions options;
  options.seed = seed;
  options.provenance = std::move(provenance);
  return options;
}

/// Equal content (what a report says, not where it was read from).
inline bool SameContent(const Report& a, const Report& b) {
  return a.government_code == b.government_code && a.year == b.year && a.synthetic == b.synthetic &&
         a.provenance == b.provenance && a.fields == b.fields;
}

}  // namespace jobaward::test
