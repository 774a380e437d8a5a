// The two halves of the reports CSV loader (header, then one row at a time), shared by the
// all-or-nothing ParseReportsCsv and the row-by-row LoadReportsCsvBatch. Internal to jobaward_io.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jobaward/io/csv.hpp"
#include "jobaward/io/report_io.hpp"

namespace jobaward::report_detail {

/// Which column holds what.
struct CsvLayout {
  std::size_t government = 0;
  std::size_t year = 0;
  std::size_t synthetic = 0;
  std::optional<std::size_t> name_ko;
  std::optional<std::size_t> provenance;
  std::vector<std::pair<std::size_t, const FieldSpec*>> fields;
  /// Columns skipped under ReportLoadOptions::ignore_undeclared_fields.
  std::vector<std::size_t> ignored;
};

/// Reads the header; unknown columns (except those `options` lets it skip) and missing required
/// ones are recorded in `sink`. Returns nullopt when a required column is missing (rows cannot be
/// read then).
[[nodiscard]] std::optional<CsvLayout> ReadCsvHeader(const CsvTable& table,
                                                     const ReportSchema& schema,
                                                     const ReportLoadOptions& options,
                                                     DiagnosticSink& sink);

struct CsvRowResult {
  std::optional<Report> report;  ///< Set only when the row has no problem.
  std::vector<Diagnostic> diagnostics;
  int line = 0;
};

/// Reads one data row (duplicates across rows are the caller's business).
[[nodiscard]] CsvRowResult ParseCsvRow(const CsvTable& table, const CsvRow& row,
                                       const CsvLayout& layout, const Registry& registry,
                                       const ReportLoadOptions& options);

/// Visits the rows of a parsed table for batch use (VisitReportsCsv, and the consolidated
/// workbook): header problems reject the whole table, a bad row (or a duplicate government) only
/// that row.
void VisitCsvTable(const CsvTable& table, const ReportSchema& schema, const Registry& registry,
                   const ReportVisitor& visitor, const ReportLoadOptions& options);

/// "government 11530 is given twice; first on line 3", at the later row's government cell.
[[nodiscard]] Diagnostic DuplicateRow(const CsvTable& table, const CsvRow& row,
                                      const CsvLayout& layout, const std::string& code,
                                      int first_line);

}  // namespace jobaward::report_detail
