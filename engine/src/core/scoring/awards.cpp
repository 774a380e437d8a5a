// Groups the awards of each category's ScoreResult into one table with counts and money.
#include "jobaward/scoring/awards.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace jobaward {

AwardTable BuildAwardTable(const std::vector<Rubric>& rubrics,
                           const std::vector<ScoreResult>& results) {
  Require(rubrics.size() == results.size(), "BuildAwardTable: rubrics and results differ");
  AwardTable table;
  std::set<std::string> awarded;
  for (std::size_t k = 0; k < rubrics.size(); ++k) {
    const Rubric& r = rubrics[k];
    const ScoreResult& result = results[k];
    auto entry = [&](const GovernmentScore& g, const std::string& id, const std::string& name,
                     const char* kind, double money) {
      AwardEntry e;
      e.category = r.category;
      e.cohort_label = g.cohort_label;
      e.code = g.code;
      e.name_ko = g.name_ko;
      e.award_id = id;
      e.award_name_ko = name;
      e.kind = kind;
      e.final_score = g.final_score;
      e.rank = g.rank;
      e.prize_money = money;
      e.tied = g.tied;
      return e;
    };
    auto by_score = [](const AwardEntry& a, const AwardEntry& b) {
      if (a.final_score != b.final_score) return a.final_score > b.final_score;
      return a.code < b.code;
    };
    int category_count = 0;
    double category_money = 0;
    auto count = [&](const std::string& id, const std::string& name,
                     const std::vector<AwardEntry>& entries) {
      AwardCount c;
      c.category = r.category;
      c.award_id = id;
      c.award_name_ko = name;
      for (const auto& e : entries) {
        c.count += 1;
        c.prize_money += e.prize_money;
      }
      category_count += c.count;
      category_money += c.prize_money;
      table.counts.push_back(c);
      for (const auto& e : entries) {
        awarded.insert(e.code);
        table.entries.push_back(e);
      }
    };
    for (const NationalPrize& p : r.national_prizes) {
      std::vector<AwardEntry> entries;
      for (const auto& g : result.governments) {
        if (g.award_id == p.id)
          entries.push_back(entry(g, p.id, p.name_ko, "national", p.prize_money));
      }
      std::sort(entries.begin(), entries.end(), by_score);
      count(p.id, p.name_ko, entries);
    }
    // Cohort levels: listed by cohort, then level, then rank.
    std::vector<std::vector<AwardEntry>> per_level(r.levels.size());
    for (const auto& g : result.governments) {
      for (std::size_t l = 0; l < r.levels.size(); ++l) {
        if (g.award_id == r.levels[l].id) {
          per_level[l].push_back(
              entry(g, r.levels[l].id, r.levels[l].name_ko, "level", r.levels[l].prize_money));
        }
      }
    }
    std::vector<AwardEntry> level_entries;
    for (std::size_t l = 0; l < r.levels.size(); ++l) {
      AwardCount c;
      c.category = r.category;
      c.award_id = r.levels[l].id;
      c.award_name_ko = r.levels[l].name_ko;
      for (const auto& e : per_level[l]) {
        c.count += 1;
        c.prize_money += e.prize_money;
        awarded.insert(e.code);
        level_entries.push_back(e);
      }
      category_count += c.count;
      category_money += c.prize_money;
      table.counts.push_back(c);
    }
    std::map<std::string, int> cohort_index;
    for (const auto& g : result.governments) cohort_index[g.code] = g.cohort;
    std::stable_sort(level_entries.begin(), level_entries.end(),
                     [&](const AwardEntry& a, const AwardEntry& b) {
                       const int ca = cohort_index[a.code];
                       const int cb = cohort_index[b.code];
                       if (ca != cb) return ca < cb;
                       const int la = r.LevelIndex(a.award_id);
                       const int lb = r.LevelIndex(b.award_id);
                       if (la != lb) return la < lb;
                       if (a.rank != b.rank) return a.rank < b.rank;
                       return a.code < b.code;
                     });
    table.entries.insert(table.entries.end(), level_entries.begin(), level_entries.end());
    for (const SpecialPrize& p : r.special_prizes) {
      std::vector<AwardEntry> entries;
      for (const auto& g : result.governments) {
        if (g.special_id == p.id)
          entries.push_back(entry(g, p.id, p.name_ko, "special", p.prize_money));
      }
      std::sort(entries.begin(), entries.end(), [&](const AwardEntry& a, const AwardEntry& b) {
        if (cohort_index[a.code] != cohort_index[b.code]) {
          return cohort_index[a.code] < cohort_index[b.code];
        }
        return by_score(a, b);
      });
      count(p.id, p.name_ko, entries);
    }
    table.category_counts.emplace_back(r.category, category_count);
    table.category_money.emplace_back(r.category, category_money);
    table.total_count += category_count;
    table.total_money += category_money;
    for (const TieReport& t : result.unresolved_ties) {
      TieReport copy = t;
      copy.place = r.name_ko + ": " + t.place;
      table.unresolved_ties.push_back(std::move(copy));
    }
  }
  table.governments_awarded = static_cast<int>(awarded.size());
  return table;
}

}  // namespace jobaward
