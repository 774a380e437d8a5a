// The award table of one or more categories: who won what in each cohort, the national and
// special prizes, award counts and prize money per category and overall. Built from the
// explained ScoreResult of each category (scoring.hpp), which already holds the allocation made
// by Evaluate: this module only groups and sums, it never re-ranks. Pure values; no I/O.
//
// Tests (tests/unit/scoring/awards_test.cpp) prove the counts and money totals, including an award
// shared by an unresolved tie.
#pragma once

#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// One award given to one government.
struct AwardEntry {
  std::string category;  ///< Rubric category.
  std::string cohort_label;
  std::string code;
  std::string name_ko;
  std::string award_id;
  std::string award_name_ko;
  std::string kind;  ///< "national", "level" or "special".
  double final_score = 0;
  int rank = 0;
  double prize_money = 0;
  bool tied = false;
};

/// Count and money of one award (level / prize) of one category.
struct AwardCount {
  std::string category;
  std::string award_id;
  std::string award_name_ko;
  int count = 0;
  double prize_money = 0;  ///< Total of this award.
};

struct AwardTable {
  std::vector<AwardEntry> entries;  ///< Per category: national prizes, then by cohort and level.
  std::vector<AwardCount> counts;   ///< Per category and award, in rubric order.
  std::vector<std::pair<std::string, int>> category_counts;    ///< Category -> awards.
  std::vector<std::pair<std::string, double>> category_money;  ///< Category -> KRW.
  int total_count = 0;
  double total_money = 0;
  int governments_awarded = 0;  ///< Distinct governments with at least one award.
  std::vector<TieReport> unresolved_ties;
};

/// Builds the table from the results of each category, with `rubrics` parallel to `results`
/// (for the level order and names).
[[nodiscard]] AwardTable BuildAwardTable(const std::vector<Rubric>& rubrics,
                                         const std::vector<ScoreResult>& results);

}  // namespace jobaward
