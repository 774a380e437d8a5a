// Explaining an Outcome one row at a time, for writers that stream a batch's results instead of
// holding a ScoreResult for every government. Explain() (scoring.hpp) is this explainer applied
// to every row, so both name and explain a row the same way.
//
// Thread safety: Row() is const and reads only; one explainer may serve several threads.
//
// Tests: tests/unit/scoring/model_builder_test.cpp proves Row(i) equals Explain's governments[i].
#pragma once

#include <cstddef>
#include <vector>

#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

class RowExplainer {
 public:
  /// Counts cohort sizes and tie membership once, for every row.
  /// REQUIRES: `outcome` from Evaluate on `model`; both outlive the explainer and stay unchanged.
  RowExplainer(const ScoringModel& model, const Outcome& outcome, Detail detail = Detail::kFull);

  [[nodiscard]] std::size_t rows() const noexcept { return model_.row_code.size(); }

  /// The named, explained score of model row `row`. REQUIRES: row < rows().
  [[nodiscard]] GovernmentScore Row(std::size_t row) const;

 private:
  const ScoringModel& model_;
  const Outcome& outcome_;
  Detail detail_;
  std::vector<int> cohort_size_;  // Per cohort: rows in it.
  std::vector<char> tied_;        // Per row: 1 when part of an unresolved tie.
};

}  // namespace jobaward
