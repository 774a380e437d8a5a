// Small in-memory worlds for the scoring tests: a registry of N governments, cohorts, a rubric
// built in code (Compile does not require the point sums to add up, so one indicator is enough)
// and reports with chosen values.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward::test {

struct World {
  Registry registry;
  CohortMembership cohorts;
  Rubric rubric;
  std::vector<Report> reports;

  /// Report of government i (created on first use).
  Report& At(std::size_t i) {
    for (auto& r : reports) {
      if (r.government_code == registry[i].code) return r;
    }
    Report r;
    r.government_code = registry[i].code;
    r.year = 2020;
    r.origin = SourceLocation{"reports/" + r.government_code + ".yaml"};
    reports.push_back(r);
    return reports.back();
  }
  [[nodiscard]] ScoreResult Run() const { return Score(rubric, registry, cohorts, reports); }
};

/// `cohort_of[i]` gives the cohort of government i; codes 10001, 10002, ...; governments in
/// `metropolitan` are metropolitan, the rest basic.
inline World MakeWorld(const std::vector<int>& cohort_of,
                       const std::vector<int>& metropolitan = {}) {
  World w;
  std::vector<Government> governments;
  int cohort_count = 0;
  for (std::size_t i = 0; i < cohort_of.size(); ++i) {
    Government g;
    char code[16];
    std::snprintf(code, sizeof code, "%05d", 10001 + static_cast<int>(i));
    g.code = code;
    g.name_ko = "정부" + std::to_string(i);
    g.name_en = "gov" + std::to_string(i);
    for (int m : metropolitan) {
      if (m == static_cast<int>(i)) g.level = Level::kMetropolitan;
    }
    governments.push_back(g);
    cohort_count = std::max(cohort_count, cohort_of[i] + 1);
  }
  w.registry = Registry("test", governments);
  for (int c = 0; c < cohort_count; ++c) {
    w.cohorts.ids.push_back("c" + std::to_string(c));
    w.cohorts.labels.push_back("군" + std::to_string(c));
  }
  w.cohorts.cohort_of = cohort_of;
  Rubric& r = w.rubric;
  r.id = "test";
  r.category = "test";
  r.name_ko = "시험";
  r.fields = {{"x", FieldType::kNumber, "엑스", "", std::nullopt, std::nullopt},
              {"y", FieldType::kNumber, "와이", "", std::nullopt, std::nullopt},
              {"n", FieldType::kCount, "건수", "", 0.0, std::nullopt},
              {"g", FieldType::kGrade, "등급", "", std::nullopt, std::nullopt},
              {"s", FieldType::kScores, "점수", "", 0.0, 100.0},
              {"t", FieldType::kScores, "면접", "", 0.0, 100.0},
              {"b", FieldType::kBoolean, "여부", "", std::nullopt, std::nullopt}};
  r.stages.advance.top_n = 1000;  // Everyone advances unless a test says otherwise.
  return w;
}

/// Adds an indicator and returns it for further tweaks.
inline Indicator& AddIndicator(World& w, const std::string& id, Method method,
                               std::vector<std::string> fields, double points,
                               Domain domain = Domain::kPlan, int stage = 1) {
  Indicator ind;
  ind.id = id;
  ind.name_ko = id;
  ind.name_en = id;
  ind.method = method;
  ind.fields = std::move(fields);
  ind.points = points;
  ind.domain = domain;
  ind.stage = stage;
  w.rubric.indicators.push_back(ind);
  return w.rubric.indicators.back();
}

inline double Points(const ScoreResult& r, std::size_t government, std::size_t indicator = 0) {
  return r.governments.at(government).indicators.at(indicator).points;
}

}  // namespace jobaward::test
