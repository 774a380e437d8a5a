// Building a ScoringModel one report at a time, so that a batch of many thousands of reports
// never has to be held as Report values: each report is checked, its values are copied into the
// model's row storage, and the caller drops it. Compile() (scoring.hpp) is this builder fed from a
// vector, so both give the same model and the same messages.
//
// Thread safety: a builder is not shared; use one per rubric (they are independent).
//
// Tests (tests/unit/scoring/model_builder_test.cpp) prove that a model built report by report
// equals Compile's (fields, panels, rows in registry order, panel widths), whatever the arrival
// order, and that duplicates, unknown governments and bad values give Compile's diagnostics.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

class ModelBuilder {
 public:
  /// Lays out the model of `rubric` (copied, as `cohorts` is) and checks the rubric against the
  /// cohorts (quota overrides must name real cohorts; problems are reported by Finish).
  /// REQUIRES: `cohorts` covers `registry` (InternalError otherwise); `registry` outlives the
  /// builder.
  ModelBuilder(const Rubric& rubric, const Registry& registry, const CohortMembership& cohorts);

  /// The problems adding `report` would record: CheckReport's, then "second report for
  /// government ...; the first is <location>" when its government was already added. Changes
  /// nothing.
  [[nodiscard]] std::vector<Diagnostic> Check(const Report& report) const;

  /// Checks `report` (as Check), records its problems for Finish and, when there are none,
  /// copies its values into the row of its government. Its government counts as added either
  /// way (a later report for it is a duplicate). Keeps only the values and the report's origin.
  void Add(const Report& report);

  /// Reports accepted so far.
  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

  /// The model of every accepted report, rows in registry order: the model Compile builds from
  /// the same reports. Throws InputError listing every recorded problem (the rubric's, then each
  /// report's in the order added).
  [[nodiscard]] ScoringModel Finish() &&;

 private:
  struct Slot {
    SourceLocation origin;   // Of the first report for the government (for duplicates).
    std::size_t row = 0;     // Index into the row storage (when the report was accepted).
    bool synthetic = false;  // Report::synthetic.
  };

  const Registry& registry_;
  ScoringModel model_;  // Everything but the rows, laid out by the constructor.
  std::unordered_map<std::string, std::pair<int, int>> layout_;  // field -> (column, panel)
  DiagnosticSink problems_;
  std::map<std::size_t, Slot> slots_;  // Registry index -> slot; ordered = registry order.
  std::size_t rows_ = 0;
  std::vector<double> values_;  // Row-major, one row of model_.fields per accepted report.
  std::vector<std::vector<double>> scores_;       // Per panel: every row's scores, concatenated.
  std::vector<std::vector<std::size_t>> starts_;  // Per panel: where each row's scores start.
  std::vector<std::size_t> reviewers_;            // Per panel: the most scores of any row.
};

}  // namespace jobaward
