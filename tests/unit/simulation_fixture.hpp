// A tiny in-memory award for the uncertainty and simulation tests: n governments in one cohort,
// a rubric with a `linear` indicator on a number field x (60 points, [lo, hi] wide enough never
// to clamp) and a `panel` indicator on reviewer scores (40 points), one award level of count 1.
// Built through the real scoring engine (ValidateRubric + Compile), no files.
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/simulation.hpp"

namespace jobaward::test {

struct TinyAward {
  Registry registry;
  CohortMembership cohorts;
  Rubric rubric;
  std::vector<Report> reports;
  std::vector<ScoringModel> models;  ///< One category.
};

/// `x[i]` is government i's field x; every government gets the reviewer scores `review`.
inline TinyAward MakeTinyAward(const std::vector<double>& x,
                               const std::vector<double>& review = {70, 75, 80}) {
  TinyAward t;
  std::vector<Government> governments;
  for (std::size_t i = 0; i < x.size(); ++i) {
    Government g;
    g.code = std::to_string(90001 + i);
    g.name_ko = "정부" + std::to_string(i + 1);
    g.name_en = "Government " + std::to_string(i + 1);
    g.level = Level::kBasic;
    g.type = GovernmentType::kCounty;
    g.line = static_cast<int>(i + 2);
    governments.push_back(g);
  }
  t.registry = Registry("", governments);
  t.cohorts.ids = {"ga"};
  t.cohorts.labels = {"가"};
  t.cohorts.cohort_of.assign(x.size(), 0);

  Rubric& r = t.rubric;
  r.id = "tiny";
  r.category = "disclosure";
  r.name_ko = "시험";
  r.year = 2020;
  r.total_points = 100;
  r.fields = {{"x", FieldType::kNumber, "엑스", "a measured figure", std::nullopt, std::nullopt},
              {"review", FieldType::kScores, "심사", "reviewer scores", 0.0, 100.0}};
  r.domains[0] = {Domain::kPlan, "계획", 60, {}};
  r.domains[1] = {Domain::kExecution, "집행", 0, {}};
  r.domains[2] = {Domain::kOutcome, "성과", 40, {}};
  Indicator measure;
  measure.id = "measure";
  measure.name_ko = "측정";
  measure.domain = Domain::kPlan;
  measure.points = 60;
  measure.fields = {"x"};
  measure.method = Method::kLinear;
  measure.params.lo = -1000;
  measure.params.hi = 1000;
  Indicator panel;
  panel.id = "review";
  panel.name_ko = "심사";
  panel.domain = Domain::kOutcome;
  panel.points = 40;
  panel.fields = {"review"};
  panel.method = Method::kPanel;
  r.indicators = {measure, panel};
  r.stages.advance.top_share = 1.0;
  AwardLevel gold;
  gold.id = "gold";
  gold.name_ko = "최우수상";
  gold.count = 1;
  gold.prize_money = 100;
  r.levels = {gold};
  TieBreakKey key;
  key.kind = TieBreakKey::Kind::kDomain;
  key.domain = Domain::kOutcome;
  r.tie_break = {key};
  ValidateRubric(r);

  for (std::size_t i = 0; i < x.size(); ++i) {
    Report rep;
    rep.government_code = governments[i].code;
    rep.year = 2020;
    rep.synthetic = true;
    rep.fields["x"] = x[i];
    rep.fields["review"] = review;
    t.reports.push_back(rep);
  }
  t.models.push_back(Compile(t.rubric, t.registry, t.cohorts, t.reports));
  return t;
}

// Every number of a result, for exact comparisons.
inline std::string Fingerprint(const SimulationResult& r) {
  std::ostringstream os;
  os.precision(17);
  os << r.draws << ' ' << r.max_se << '\n';
  for (const auto& c : r.categories) {
    for (const auto& g : c.governments) {
      os << g.code << ' ' << g.any_award.p << ' ' << g.advanced.p << ' ' << g.first.p << ' '
         << g.mean_rank << ' ' << g.mean_rank_se << ' ' << g.median_rank << ' ' << g.rank_p5 << ' '
         << g.rank_p95;
      for (const auto& p : g.place) os << ' ' << p.p << ' ' << p.se;
      for (const double w : g.central_weights) os << ' ' << w;
      if (g.confidence) os << " c" << g.confidence->p;
      os << '\n';
    }
    for (const auto& co : c.cohorts) {
      os << co.acceptability << '\n' << co.pairwise << '\n' << co.baseline_winner_wins.p << '\n';
    }
  }
  return os.str();
}

}  // namespace jobaward::test
