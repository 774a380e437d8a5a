// Loading what every award-level computation reads — registry, cohort rules and the membership
// they give, rubrics and the report schema merged from them, then the reports compiled into one
// ScoringModel per rubric — from explicit paths. The CLI fills the paths from its flags and the
// bundled defaults; the benchmarks from the source tree. One loader, so that a benchmark measures
// exactly what `jobaward simulate` and `jobaward sensitivity` compute.
#pragma once

#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/membership.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/text_encoding.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scenario.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

struct AwardPaths {
  std::string registry;
  /// Check the registry against the published 2020 counts (the bundled registry only).
  bool registry_is_2020 = false;
  std::string rules;
  std::vector<std::string> rubrics;  ///< At least one.
  TextEncoding registry_encoding = TextEncoding::kUtf8;
  /// A scenario's overrides, applied to the rules and rubrics before anything is computed from
  /// them (ApplyOverrides).
  std::vector<Override> overrides;
};

/// Everything a scoring run reads but the reports.
struct ScoringSetup {
  Registry registry;
  CohortRules rules;
  CohortMembership membership;
  std::vector<Rubric> rubrics;
  ReportSchema schema;            ///< The rubrics' report fields, merged.
  std::vector<Diagnostic> notes;  ///< Remarks on the inputs, e.g. "read as CP949".
};

/// Loads the registry CSV at `path` in `encoding` (a note such as "read as CP949" is appended to
/// `notes`), checked against the 2020 counts when `is_2020`.
[[nodiscard]] Registry LoadRegistryFile(const std::string& path, bool is_2020,
                                        TextEncoding encoding, std::vector<Diagnostic>& notes);

/// Loads registry, rules and rubrics, applies paths.overrides, then assigns the cohorts and
/// merges the rubrics' schemas. Throws InputError naming file, line and key on bad input (an
/// override's at the override), for two rubrics with the same id (CheckDistinctRubricIds) and
/// for rubrics of different years.
[[nodiscard]] ScoringSetup LoadScoringSetup(const AwardPaths& paths);

/// `options` with expected_year set to the rubrics' year when it is not set: a report of another
/// year is then rejected ("year: expected year 2020, got 2019").
[[nodiscard]] ReportLoadOptions ForAwardYear(ReportLoadOptions options,
                                             const std::vector<Rubric>& rubrics);

/// Every problem of every rejected report, as one InputError (no-op when none was rejected).
void ThrowIfRejected(const ReportBatch& batch);

/// Loads the reports at `reports_path` (directory or CSV) and compiles them with every rubric of
/// `setup`, parallel to setup.rubrics. All or nothing: a rejected report is an InputError; a
/// report of another year than the rubrics' is rejected (ForAwardYear).
/// Notes of the load (e.g. "read as CP949") are appended to `notes` when it is given; with
/// options.ignore_undeclared_fields (the CLI's, so that any subset of the rubrics runs), the
/// skipped fields are added to `ignored` when it is given.
[[nodiscard]] std::vector<ScoringModel> CompileReports(const ScoringSetup& setup,
                                                       const std::string& reports_path,
                                                       const ReportLoadOptions& options = {},
                                                       std::vector<Diagnostic>* notes = nullptr,
                                                       IgnoredFields* ignored = nullptr);

}  // namespace jobaward
