// The result of `jobaward score` as typed tables (result_table.hpp): the score of every
// government in each category, indicator by indicator, and the reports a batch set aside.
// Columns and JSON keys: engine/docs/outputs.md ("score").
//
// A batch can hold many thousands of reports, so the rows are made one at a time (ScoreTable::
// Row) and a writer may stream them (RenderCsvRow) instead of holding the whole table.
//
// Thread-compatible. Tests: tests/unit/cli/cli_scoring_test.cpp, output_schema_test.cpp.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// The "scores" table of a set of rubrics.
class ScoreTable {
 public:
  /// Columns: category, code, name_ko, name_en, cohort, cohort_id, the points of every indicator
  /// of every rubric (union, in rubric order; empty where a category's rubric lacks it), bonus,
  /// penalty, stage1, advanced, stage2, final_score, rank, award, award_ko, special, special_ko.
  /// Throws InputError (at the indicator) when an indicator id is one of the other column ids.
  /// `cohorts` names the cohorts (ids) the scores were ranked in.
  ScoreTable(const std::vector<Rubric>& rubrics, const CohortMembership& cohorts,
             const Registry& registry);

  /// An empty table with these columns, grouped by category in the terminal.
  [[nodiscard]] ResultTable Empty() const;
  /// The row of `g`, scored in the category of `rubric`.
  [[nodiscard]] std::vector<Cell> Row(const Rubric& rubric, const GovernmentScore& g) const;

 private:
  const Registry& registry_;
  std::vector<std::string> cohort_ids_;
  DisplayNames names_;
  ResultTable empty_;
  std::map<std::string, std::size_t> indicator_column_;
  std::size_t first_indicator_ = 0;
  std::size_t indicator_count_ = 0;
};

/// A report (or a line of a reports CSV) a batch set aside, with every problem found in it.
struct RejectedReport {
  std::string where;
  std::vector<Diagnostic> diagnostics;
  std::size_t reports = 1;  ///< As RejectedFile::reports (report_io.hpp).
};

/// The reports `rejected` stands for: the sum of their `reports`, not the entries (the summary
/// that ends a bounded list counts the rows it sums up, not itself).
[[nodiscard]] std::size_t CountRejectedReports(const std::vector<RejectedReport>& rejected);

/// The result of `jobaward score`: the "scores" table (as filled by the caller), the "rejected"
/// table (one row per problem: file, error) and the facts scored_reports, rejected_reports.
[[nodiscard]] Result MakeScoreResult(ResultTable scores, std::size_t scored,
                                     const std::vector<RejectedReport>& rejected);

}  // namespace jobaward
