// Award-by-award comparison of two variants (see scenario_compare.hpp).
#include "jobaward/scoring/scenario_compare.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace jobaward {

namespace {

// Scores are compared as the ranking compares them (rubrics/README.md: rounded to 1e-6).
double Quantised(double score) { return std::round(score * 1e6); }

const ScoreResult* FindCategory(std::span<const ScoreResult> results, const std::string& category) {
  for (const ScoreResult& r : results) {
    if (r.category == category) return &r;
  }
  return nullptr;
}

void Fill(const GovernmentScore& g, bool after, GovernmentChange& c) {
  const bool level = !g.award_id.empty();
  (after ? c.cohort_after : c.cohort_before) = g.cohort_label;
  (after ? c.award_after : c.award_before) = level ? g.award_id : g.special_id;
  (after ? c.award_after_ko : c.award_before_ko) = level ? g.award_name_ko : g.special_name_ko;
  (after ? c.prize_after : c.prize_before) = g.prize_money;
  (after ? c.rank_after : c.rank_before) = g.rank;
  (after ? c.score_after : c.score_before) = g.final_score;
  c.code = g.code;
  c.name_ko = g.name_ko;
}

std::vector<GovernmentChange> ChangesOf(const std::string& category, const ScoreResult* before,
                                        const ScoreResult* after) {
  std::map<std::string, GovernmentChange> by_code;
  // By position, not by pointer: a variant compared with itself passes one result twice.
  const std::array<const ScoreResult*, 2> sides = {before, after};
  for (std::size_t k = 0; k < sides.size(); ++k) {
    if (sides[k] == nullptr) continue;
    for (const GovernmentScore& g : sides[k]->governments) {
      GovernmentChange& c = by_code[g.code];
      c.category = category;
      Fill(g, k == 1, c);
    }
  }
  std::vector<GovernmentChange> out;
  out.reserve(by_code.size());
  for (auto& [code, c] : by_code) out.push_back(std::move(c));
  return out;
}

void Count(const GovernmentChange& c, ComparisonTotals& t) {
  const bool had = !c.award_before.empty();
  const bool has = !c.award_after.empty();
  t.awards_before += had ? 1 : 0;
  t.awards_after += has ? 1 : 0;
  t.money_before += c.prize_before;
  t.money_after += c.prize_after;
  t.money_moved += std::max(0.0, c.prize_after - c.prize_before);
  if (!c.AwardChanged()) return;
  if (had && has) {
    ++t.switched;
  } else if (has) {
    ++t.gained;
  } else {
    ++t.lost;
  }
}

}  // namespace

bool GovernmentChange::Changed() const {
  return AwardChanged() || CohortChanged() || rank_before != rank_after ||
         Quantised(score_before) != Quantised(score_after);
}

ScenarioComparison CompareResults(std::span<const ScoreResult> before,
                                  std::span<const ScoreResult> after) {
  std::vector<std::string> categories;
  for (const auto side : {before, after}) {
    for (const ScoreResult& r : side) {
      if (std::find(categories.begin(), categories.end(), r.category) == categories.end()) {
        categories.push_back(r.category);
      }
    }
  }
  ScenarioComparison out;
  out.total.category = "all";
  std::set<std::string> affected;
  for (const std::string& category : categories) {
    ComparisonTotals totals;
    totals.category = category;
    std::set<std::string> affected_here;
    std::vector<GovernmentChange> awards;
    std::vector<GovernmentChange> movers;
    for (GovernmentChange& c :
         ChangesOf(category, FindCategory(before, category), FindCategory(after, category))) {
      Count(c, totals);
      Count(c, out.total);
      if (c.AwardChanged()) {
        affected_here.insert(c.code);
        affected.insert(c.code);
        awards.push_back(c);
      }
      if (c.Changed()) movers.push_back(std::move(c));
    }
    totals.governments_affected = static_cast<int>(affected_here.size());
    std::stable_sort(awards.begin(), awards.end(), [](const auto& a, const auto& b) {
      if (a.cohort_after != b.cohort_after) return a.cohort_after < b.cohort_after;
      const double da = std::fabs(a.prize_after - a.prize_before);
      const double db = std::fabs(b.prize_after - b.prize_before);
      if (da != db) return da > db;
      return a.code < b.code;
    });
    std::stable_sort(movers.begin(), movers.end(), [](const auto& a, const auto& b) {
      const int ra = std::abs(a.rank_after - a.rank_before);
      const int rb = std::abs(b.rank_after - b.rank_before);
      if (ra != rb) return ra > rb;
      const double sa = std::fabs(a.score_after - a.score_before);
      const double sb = std::fabs(b.score_after - b.score_before);
      if (Quantised(sa) != Quantised(sb)) return sa > sb;
      return a.code < b.code;
    });
    out.awards.insert(out.awards.end(), awards.begin(), awards.end());
    out.movers.insert(out.movers.end(), movers.begin(), movers.end());
    out.categories.push_back(totals);
  }
  out.total.governments_affected = static_cast<int>(affected.size());
  return out;
}

}  // namespace jobaward
