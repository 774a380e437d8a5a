// The report template: the workbook an office fills in (`jobaward template`), generated from the
// report schema of the rubrics in use. Sheets: 안내 (instructions in Korean), 보고서 (the office's
// items: government code, name, year, whether synthetic, source, then every figure), 심사 (the
// reviewers' grades and scores, filled in by the evaluators, one column per reviewer) and
// 자치단체 (the registry's codes and names, the list the code cell offers). Every input cell has
// Excel data validation: whole numbers for counts, decimals for numbers and scores, both within the
// field's range, lists for grades (A..E), booleans (TRUE/FALSE) and government codes. Layout:
// examples/README.md ("Workbooks"); the reader of filled templates is ParseReportXlsx.
//
// Written with libxlsxwriter and replaced atomically (WriteFileAtomic). Thread-compatible.
#pragma once

#include <filesystem>
#include <optional>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/report.hpp"

namespace jobaward {

struct ReportTemplateOptions {
  /// The assessment year, prefilled and the only one the year cell accepts (the rubrics' year).
  std::optional<int> year;
  /// When set, the template is written filled with this report (as an office would return it):
  /// for tests and benchmarks, and to hand a report back for correction.
  const Report* values = nullptr;
};

/// Writes the template for `schema` (the rubrics' merged fields) and `registry` to `path`.
/// Throws InputError when `path` cannot be written, or when `values` does not fit the template
/// (more than 10 reviewers' scores for a field).
void WriteReportTemplate(const std::filesystem::path& path, const ReportSchema& schema,
                         const Registry& registry, const ReportTemplateOptions& options = {});

}  // namespace jobaward
