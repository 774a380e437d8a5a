// Reports CSV loader: one row per government, as analysts export it from Excel.
#include <cmath>
#include <limits>
#include <map>

#include "jobaward/io/csv.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_io.hpp"
#include "src/io/reports/report_csv_internal.hpp"
#include "src/io/reports/report_fields.hpp"

namespace jobaward::report_detail {

namespace {

constexpr const char* kRequiredColumns[] = {"government", "year", "synthetic"};

}  // namespace

std::optional<CsvLayout> ReadCsvHeader(const CsvTable& table, const ReportSchema& schema,
                                       const ReportLoadOptions& options, DiagnosticSink& sink) {
  CsvLayout layout;
  bool complete = true;
  for (const char* name : kRequiredColumns) {
    if (!table.ColumnIndex(name)) {
      sink.Add(table.WhereHeader(), name, std::string("missing required column '") + name + "'");
      complete = false;
    }
  }
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const std::string& name = table.header[i];
    if (name == "government") {
      layout.government = i;
    } else if (name == "year") {
      layout.year = i;
    } else if (name == "synthetic") {
      layout.synthetic = i;
    } else if (name == "name_ko") {
      layout.name_ko = i;
    } else if (name == "provenance") {
      layout.provenance = i;
    } else if (const FieldSpec* spec = schema.Find(name)) {
      layout.fields.emplace_back(i, spec);
    } else if (options.ignore_undeclared_fields && IgnorableField(name, schema)) {
      layout.ignored.push_back(i);
    } else {
      sink.Add(table.WhereHeader(i), name, UnknownFieldMessage("column", name, schema));
    }
  }
  if (!complete) return std::nullopt;
  return layout;
}

CsvRowResult ParseCsvRow(const CsvTable& table, const CsvRow& row, const CsvLayout& layout,
                         const Registry& registry, const ReportLoadOptions& options) {
  // Unbounded: a row has at most the header's columns (CsvLimits), and the callers bound the
  // problems of the whole file, which needs the row's exact count.
  DiagnosticSink sink(std::numeric_limits<std::size_t>::max());
  Report report;
  report.origin = table.WhereRow(row);
  ReportCellReader cells(registry, options, sink, report);
  const auto read = [&](std::size_t i, auto member) {
    (cells.*member)(row.fields[i], table.Where(row, i), table.header[i]);
  };
  read(layout.government, &ReportCellReader::Government);
  if (layout.name_ko) read(*layout.name_ko, &ReportCellReader::NameKo);
  read(layout.year, &ReportCellReader::Year);
  read(layout.synthetic, &ReportCellReader::Synthetic);
  if (layout.provenance) report.provenance = row.fields[*layout.provenance];
  for (const auto& [column, spec] : layout.fields) {
    cells.Field(*spec, row.fields[column], table.Where(row, column), table.header[column]);
  }

  for (const std::size_t column : layout.ignored) {
    if (!row.fields[column].empty()) report.ignored_fields.push_back(table.header[column]);
  }

  CsvRowResult result;
  result.line = row.line;
  result.diagnostics = Drain(sink);
  if (result.diagnostics.empty()) result.report = std::move(report);
  return result;
}

Diagnostic DuplicateRow(const CsvTable& table, const CsvRow& row, const CsvLayout& layout,
                        const std::string& code, int first_line) {
  return Diagnostic{table.Where(row, layout.government),
                    "government",
                    "government " + code + " is given twice; first on " +
                        (table.sheet.empty() ? "line " : "row ") + std::to_string(first_line),
                    {}};
}

void VisitCsvTable(const CsvTable& table, const ReportSchema& schema, const Registry& registry,
                   const ReportVisitor& visitor, const ReportLoadOptions& options) {
  DiagnosticSink sink;
  const auto layout = ReadCsvHeader(table, schema, options, sink);
  if (!sink.empty()) {
    visitor.on_rejected({table.file, 0, Drain(sink)});
    return;
  }
  std::map<std::string, int> first_line;
  // The rows of one file share the file's bound on listed problems (kMaxDiagnosticsPerFile): a
  // table of a million bad rows is rejected row by row in the first rows that fill it, and the
  // rest are summed up in one last entry, so memory and stderr do not grow with the file.
  std::size_t listed = 0;
  std::size_t unlisted = 0;
  std::size_t unlisted_rows = 0;
  std::optional<SourceLocation> first_unlisted;
  for (const auto& row : table.rows) {
    auto result = ParseCsvRow(table, row, *layout, registry, options);
    if (result.report) {
      const auto [it, inserted] = first_line.emplace(result.report->government_code, row.line);
      if (!inserted) {
        result.diagnostics.push_back(
            DuplicateRow(table, row, *layout, result.report->government_code, it->second));
        result.report.reset();
      }
    }
    if (result.report) {
      visitor.on_report(std::move(*result.report));
      continue;
    }
    std::vector<Diagnostic>& problems = result.diagnostics;
    if (listed >= kMaxDiagnosticsPerFile) {
      if (!first_unlisted) first_unlisted = problems.front().where;
      unlisted += problems.size();
      ++unlisted_rows;
      continue;
    }
    const std::size_t room = kMaxDiagnosticsPerFile - listed;
    if (problems.size() > room) {
      if (!first_unlisted) first_unlisted = problems[room].where;
      unlisted += problems.size() - room;
      problems.resize(room);
    }
    listed += problems.size();
    visitor.on_rejected({table.file, row.line, std::move(problems)});
  }
  if (first_unlisted) {
    Diagnostic summary = UnlistedProblems(*first_unlisted, unlisted, kMaxDiagnosticsPerFile);
    if (unlisted_rows > 0) {
      summary.message += "; " + std::to_string(unlisted_rows) + " more row" +
                         (unlisted_rows == 1 ? " is" : "s are") + " rejected";
    }
    visitor.on_rejected({table.file, 0, {std::move(summary)}, unlisted_rows});
  }
}

}  // namespace jobaward::report_detail

namespace jobaward {

std::vector<Report> ParseReportsCsv(std::string_view text, std::string_view file_name,
                                    const ReportSchema& schema, const Registry& registry,
                                    const ReportLoadOptions& options) {
  const CsvTable table = ParseCsv(text, file_name);
  DiagnosticSink sink;
  const auto layout = report_detail::ReadCsvHeader(table, schema, options, sink);
  std::vector<Report> reports;
  if (layout) {
    std::map<std::string, int> first_line;
    for (const auto& row : table.rows) {
      auto result = report_detail::ParseCsvRow(table, row, *layout, registry, options);
      for (auto& d : result.diagnostics) sink.Add(std::move(d));
      const std::string code(report_detail::Trim(row.fields[layout->government]));
      if (code.empty()) continue;
      const auto [it, inserted] = first_line.emplace(code, row.line);
      if (!inserted) {
        sink.Add(report_detail::DuplicateRow(table, row, *layout, code, it->second));
        continue;
      }
      // Once a row is bad the file is refused: the good rows would only cost memory.
      if (result.report && sink.empty()) reports.push_back(std::move(*result.report));
    }
  }
  sink.ThrowIfAny();
  return reports;
}

void VisitReportsCsv(const std::filesystem::path& file, const ReportSchema& schema,
                     const Registry& registry, const ReportVisitor& visitor,
                     const ReportLoadOptions& options) {
  const std::string name = file.string();
  std::optional<CsvTable> table;
  try {
    DecodedText decoded = DecodeText(ReadInput(file, InputKind::kTable), options.encoding, name);
    if (decoded.note && visitor.on_note) visitor.on_note(std::move(*decoded.note));
    table = ParseCsv(decoded.text, name);
  } catch (const InputError& e) {
    visitor.on_rejected({name, 0, e.diagnostics()});
    return;
  }
  report_detail::VisitCsvTable(*table, schema, registry, visitor, options);
}

}  // namespace jobaward
