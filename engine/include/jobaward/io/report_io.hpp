// Reading and writing submitted reports. Three inputs: one YAML file per government
// (examples/2020/reports/11530.yaml), one CSV with a row per government (an analyst's Excel
// export), and a directory of YAML files loaded as a batch in which one bad file is rejected and
// the others are kept. Every problem is a Diagnostic naming file:line:column and the key
// ("fields.jobs_created", or the CSV header name); all problems of a file are collected before a
// file is rejected. Writers turn reports (and a registry) back into the same formats, so what
// `jobaward synth` writes is exactly what the loaders read. Formats: examples/README.md.
// All functions are thread-safe (no shared state); the batch loader uses `threads` workers and
// delivers results in sorted file order regardless of the thread count. The Visit* loaders hand
// reports over one at a time, so a batch of any size can be scored without holding its reports.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/text_encoding.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/synth.hpp"

namespace jobaward {

struct ReportLoadOptions {
  /// When set, a report for another year is an error ("year 2019 does not match ...").
  std::optional<int> expected_year;
  /// Worker threads of the batch loader (1 = parse on the calling thread). Default: 2.
  int threads = 2;
  /// Encoding of a reports CSV read from a file (text_encoding.hpp).
  TextEncoding encoding = TextEncoding::kUtf8;
  /// Running a subset of the rubrics on reports that carry every category's fields: a field (YAML
  /// key under `fields`, or CSV column) that the schema does not declare is skipped and listed in
  /// Report::ignored_fields instead of being an error, unless it is a near miss of a declared
  /// field (one that would get a "did you mean"), which stays an error. Declared fields keep all
  /// their checks. Default: off (every undeclared field is an error).
  bool ignore_undeclared_fields = false;
};

/// What loads with ignore_undeclared_fields skipped, summed over reports, for one note.
struct IgnoredFields {
  std::size_t fields = 0;                    ///< Field values skipped.
  std::size_t reports = 0;                   ///< Reports with at least one skipped field.
  std::map<std::string, std::size_t> names;  ///< Field name -> reports that carry it.

  /// Counts the ignored fields of `report`.
  void Add(const Report& report);
  /// "1,701 fields of 243 reports are not read by the rubric in use (2020-disclosure) and were
  /// ignored: program_budget_executed, ... (7 field names)"; empty when nothing was ignored.
  [[nodiscard]] std::string Note(const std::vector<std::string>& rubric_ids) const;
};

/// Parses one report YAML. Checks: known top-level keys, `government` in the registry,
/// `name_ko` (optional) equal to the registry's, `year` (and `expected_year`), `synthetic`
/// (required), `sources` naming given fields, and each field in `fields` against `schema`
/// (type, range, whole non-negative counts, finite numbers, grades A..E, non-empty score lists).
/// Throws InputError with every problem found.
[[nodiscard]] Report ParseReportYaml(std::string_view text, std::string_view file_name,
                                     const ReportSchema& schema, const Registry& registry,
                                     const ReportLoadOptions& options = {});

/// Parses a reports CSV: header `government,year,synthetic,<field>...` (optional `name_ko` and
/// `provenance` columns; field columns in any order, any subset of the schema), one row per
/// government. Empty cell = missing; scores as "78;82;80"; booleans true/false (TRUE/FALSE and
/// True/False accepted, 1/0 not). Duplicate governments are errors naming both lines.
/// Throws InputError with every problem of every row.
[[nodiscard]] std::vector<Report> ParseReportsCsv(std::string_view text, std::string_view file_name,
                                                  const ReportSchema& schema,
                                                  const Registry& registry,
                                                  const ReportLoadOptions& options = {});

/// Parses a filled report template workbook (.xlsx bytes; `jobaward template` makes the blank
/// one): the items of sheet 보고서 and the reviewers' judgments of sheet 심사, one per row with
/// its id in column A (layout: examples/README.md). Cells are read as Excel shows them (numbers
/// stored as text are numbers; TRUE/FALSE are booleans) and judged as CSV cells are, with the
/// CSV's messages located at the cell ("file.xlsx:보고서!F12"). Throws InputError with every
/// problem, or for a workbook that is not a template, is macro-enabled, has external links or
/// is damaged (xlsx_reader.hpp).
[[nodiscard]] Report ParseReportXlsx(std::string bytes, std::string_view file_name,
                                     const ReportSchema& schema, const Registry& registry,
                                     const ReportLoadOptions& options = {});

/// Parses a report workbook held in memory, all or nothing: a filled template gives one report,
/// a consolidated workbook (see VisitReportsXlsx) one per row. Throws InputError with every
/// problem of every row (the workbook counterpart of ParseReportsCsv).
[[nodiscard]] std::vector<Report> ParseReportsXlsx(std::string bytes, std::string_view file_name,
                                                   const ReportSchema& schema,
                                                   const Registry& registry,
                                                   const ReportLoadOptions& options = {});

/// A file (or CSV row) that was not loaded, and why.
struct RejectedFile {
  std::string path;
  int line = 0;  ///< For a rejected CSV row: its line; 0 when the whole file is rejected.
  std::vector<Diagnostic> diagnostics;
  /// The reports this entry rejects: 1, except for the entry that ends a batch file's bounded
  /// list ("and K more problems ...; N more rows are rejected"), which stands for the N rows it
  /// sums up (0 when it only counts the unlisted problems of rows already listed).
  std::size_t reports = 1;
};

/// The outcome of loading many reports: the good ones, and the rejected ones with reasons.
struct ReportBatch {
  std::vector<Report> reports;  ///< Sorted by file name (directory) or row order (CSV).
  std::vector<RejectedFile> rejected;
  std::vector<Diagnostic> notes;  ///< E.g. "not UTF-8; read as CP949".
};

/// Receives the reports of a streaming load one at a time, in the order the batch loaders list
/// them (sorted file name for a directory, row order for a CSV), on the calling thread. A report
/// handed over is the visitor's to keep or drop; an exception thrown by a callback stops the load
/// and propagates. on_report and on_rejected are required; on_note (remarks that reject nothing,
/// such as "read as CP949") may be empty.
struct ReportVisitor {
  std::function<void(Report&& report)> on_report;
  std::function<void(RejectedFile&& rejected)> on_rejected;
  std::function<void(Diagnostic&& note)> on_note = {};
};

/// Whether a reports directory's entry named `path` is read as a report: `*.yaml`, and `*.xlsx`
/// but for Excel's lock files (`~$name.xlsx`). VisitReportsDir and the provenance's hash of a
/// reports directory (HashInputPath) use it, so the record covers exactly what was scored.
[[nodiscard]] bool IsReportFileName(const std::filesystem::path& path);

/// Visits every `*.yaml` and `*.xlsx` file of `dir` (not recursive) in sorted file-name order; an
/// .xlsx file there is a filled template (ParseReportXlsx). A file with any
/// error is rejected as a whole and the rest are visited; a second file for the same government
/// is rejected naming the first. Files are parsed on `options.threads` workers a bounded window
/// ahead of the visitor, so memory does not grow with the number of files (beyond their names
/// and the government of each). An entry named like a report that is not a regular file (a
/// FIFO, a device, a subdirectory, a dangling link, a link loop) is rejected by name like a bad
/// file. Throws InputError only when `dir` itself cannot be listed or holds no file named
/// *.yaml or *.xlsx (the message says that *.yml and *.YAML are not read).
void VisitReportsDir(const std::filesystem::path& dir, const ReportSchema& schema,
                     const Registry& registry, const ReportVisitor& visitor,
                     const ReportLoadOptions& options = {});

/// Visits the rows of a reports CSV for batch use: header problems reject the whole file; a bad
/// row (or a duplicate government) rejects only that row.
void VisitReportsCsv(const std::filesystem::path& file, const ReportSchema& schema,
                     const Registry& registry, const ReportVisitor& visitor,
                     const ReportLoadOptions& options = {});

/// Visits the reports of an .xlsx workbook: a filled template (one report), or a consolidated
/// workbook whose first sheet holds the reports CSV's columns (header in its first filled row,
/// one row per government, codes as text or numbers), read row by row as VisitReportsCsv does.
/// A workbook that cannot be read is rejected as a whole.
void VisitReportsXlsx(const std::filesystem::path& file, const ReportSchema& schema,
                      const Registry& registry, const ReportVisitor& visitor,
                      const ReportLoadOptions& options = {});

/// What the CLI's `--reports PATH` means: a directory (VisitReportsDir), a `.csv` file
/// (VisitReportsCsv), an `.xlsx` workbook (VisitReportsXlsx) or a single `.yaml` file.
void VisitReports(const std::filesystem::path& path, const ReportSchema& schema,
                  const Registry& registry, const ReportVisitor& visitor,
                  const ReportLoadOptions& options = {});

/// VisitReportsDir, collected.
[[nodiscard]] ReportBatch LoadReportsDir(const std::filesystem::path& dir,
                                         const ReportSchema& schema, const Registry& registry,
                                         const ReportLoadOptions& options = {});

/// VisitReportsCsv, collected.
[[nodiscard]] ReportBatch LoadReportsCsvBatch(const std::filesystem::path& file,
                                              const ReportSchema& schema, const Registry& registry,
                                              const ReportLoadOptions& options = {});

/// VisitReports, collected.
[[nodiscard]] ReportBatch LoadReports(const std::filesystem::path& path, const ReportSchema& schema,
                                      const Registry& registry,
                                      const ReportLoadOptions& options = {});

/// One report as YAML, in the format ParseReportYaml reads: a header comment (saying
/// "SYNTHETIC" for synthetic reports, naming the real fields and their sources), then
/// government, name_ko (from `registry`), year, synthetic, provenance, sources and fields in
/// schema order. Numbers use the shortest text that reads back to the same double.
[[nodiscard]] std::string FormatReportYaml(const Report& report, const ReportSchema& schema,
                                           const Registry& registry);

/// Reports as one CSV in the format ParseReportsCsv reads: government,name_ko,year,synthetic,
/// provenance and one column per schema field (per-field sources are not carried).
[[nodiscard]] std::string FormatReportsCsv(const std::vector<Report>& reports,
                                           const ReportSchema& schema, const Registry& registry);

/// Parses a real-figures file. Format:
///   figures:
///     - government: "11530"
///       field: jobs_target
///       value: 13300
///       source: "kurotimes 2020-10-08 http://..."
/// Values are checked against `schema` like report fields; governments against `registry`.
[[nodiscard]] std::vector<RealFigure> ParseRealFigures(std::string_view text,
                                                       std::string_view file_name,
                                                       const ReportSchema& schema,
                                                       const Registry& registry);

}  // namespace jobaward
