// Report workbooks: a filled report template (sheets 보고서 and 심사, one item per row; layout in
// report_template_layout.hpp) or a consolidated workbook whose first sheet is the reports CSV as
// a table. Cells are turned into the text Excel shows (numbers in their shortest decimal, TRUE /
// FALSE, error values such as #DIV/0!, dates as 2020-03-01) and judged by the same readers as the
// CSV, so every message is the CSV's, located at the cell ("file.xlsx:보고서!F7").
#include <map>
#include <set>

#include "jobaward/io/csv.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/xlsx_reader.hpp"
#include "src/io/reports/report_csv_internal.hpp"
#include "src/io/reports/report_fields.hpp"
#include "src/io/reports/report_template_layout.hpp"

namespace jobaward {

namespace {

using report_detail::kIdColumn;
using report_detail::kValueColumn;

// The filled cells of one sheet row by row: row -> (column -> cell).
using SheetRows = std::map<int, std::map<int, const XlsxCell*>>;

SheetRows ByRow(const XlsxSheet& sheet) {
  SheetRows rows;
  for (const auto& c : sheet.cells) rows[c.row][c.column] = &c;
  return rows;
}

std::string TextAt(const std::map<int, const XlsxCell*>& row, int column) {
  const auto it = row.find(column);
  return it == row.end() ? std::string() : it->second->text;
}

// Reads one template sheet's rows into the report; `seen` holds the ids read so far (across
// both sheets) and where.
class TemplateReader {
 public:
  TemplateReader(std::string file, const ReportSchema& schema,
                 report_detail::ReportCellReader& cells, Report& report, DiagnosticSink& sink)
      : file_(std::move(file)), schema_(schema), cells_(cells), report_(report), sink_(sink) {}

  void ReadSheet(const XlsxSheet& sheet, bool review_sheet) {
    const SheetRows rows = ByRow(sheet);
    auto header = rows.end();
    for (auto it = rows.begin(); it != rows.end(); ++it) {
      if (report_detail::Trim(TextAt(it->second, kIdColumn)) == report_detail::kIdHeader) {
        header = it;
        break;
      }
    }
    if (header == rows.end()) {
      template_ = false;
      sink_.Add({file_, 0, 0, sheet.name + "!A" + std::to_string(report_detail::kHeaderRow)}, {},
                "not a jobaward report template: sheet '" + sheet.name +
                    "' has no header row with 'id' in column A (make one with `jobaward "
                    "template`)");
      return;
    }
    const int value_columns = report_detail::ValueColumns(review_sheet);
    for (auto it = std::next(header); it != rows.end(); ++it) {
      ReadRow(sheet.name, it->first, it->second, value_columns);
    }
  }

  void RequireHeaderRows(const std::string& sheet) {
    if (!template_) return;  // already said: not a template
    for (const char* id : {"government", "year", "synthetic"}) {
      if (seen_.count(id) == 0) {
        sink_.Add({file_, 0, 0, sheet + "!A:A"}, id,
                  std::string("missing required row '") + id + "' (its id in column A)");
      }
    }
  }

 private:
  SourceLocation At(const std::string& sheet, int row, int column) const {
    return CellLocation(file_, sheet, row, column);
  }

  void ReadRow(const std::string& sheet, int row, const std::map<int, const XlsxCell*>& cells,
               int value_columns) {
    const std::string id(report_detail::Trim(TextAt(cells, kIdColumn)));
    const SourceLocation value_at = At(sheet, row, kValueColumn);
    if (id.empty()) {
      for (int c = kValueColumn; c < kValueColumn + value_columns; ++c) {
        if (cells.count(c) != 0) {
          sink_.Add(At(sheet, row, c), {},
                    "a value in a row without an id in column A (was a row inserted or moved?)");
          return;
        }
      }
      return;
    }
    const auto [first, fresh] = seen_.emplace(id, At(sheet, row, kIdColumn));
    if (!fresh) {
      sink_.Add(At(sheet, row, kIdColumn), id,
                "'" + id + "' is given twice; first in " + first->second.cell);
      return;
    }
    const std::string value = TextAt(cells, kValueColumn);
    if (id == "government") {
      cells_.Government(value, value_at, id);
      report_.origin = value_at;
    } else if (id == "name_ko") {
      cells_.NameKo(value, value_at, id);
    } else if (id == "year") {
      cells_.Year(value, value_at, id);
    } else if (id == "synthetic") {
      cells_.Synthetic(value, value_at, id);
    } else if (id == "provenance") {
      report_.provenance = value;
    } else if (const FieldSpec* spec = schema_.Find(id)) {
      ReadField(*spec, sheet, row, cells, value_columns);
      return;
    } else {
      sink_.Add(At(sheet, row, kIdColumn), id,
                report_detail::UnknownFieldMessage("id", id, schema_));
      return;
    }
    RefuseExtraValues(sheet, row, cells, value_columns, id);
  }

  void ReadField(const FieldSpec& spec, const std::string& sheet, int row,
                 const std::map<int, const XlsxCell*>& cells, int value_columns) {
    const SourceLocation value_at = At(sheet, row, kValueColumn);
    if (spec.type == FieldType::kScores && value_columns > 1) {
      std::vector<std::pair<std::string, SourceLocation>> scores;
      for (int c = kValueColumn; c < kValueColumn + value_columns; ++c) {
        scores.emplace_back(TextAt(cells, c), At(sheet, row, c));
      }
      cells_.Scores(spec, scores, value_at, spec.name);
      return;
    }
    cells_.Field(spec, TextAt(cells, kValueColumn), value_at, spec.name);
    RefuseExtraValues(sheet, row, cells, value_columns, spec.name);
  }

  // A single-valued row on the reviewers' sheet has one value, in F; anything typed in the
  // other score columns would otherwise be dropped without a word.
  void RefuseExtraValues(const std::string& sheet, int row,
                         const std::map<int, const XlsxCell*>& cells, int value_columns,
                         const std::string& key) {
    for (int c = kValueColumn + 1; c < kValueColumn + value_columns; ++c) {
      if (cells.count(c) != 0) {
        sink_.Add(At(sheet, row, c), key,
                  "only one value is read for '" + key + "', in " +
                      At(sheet, row, kValueColumn).cell + "; clear this cell");
      }
    }
  }

  std::string file_;
  const ReportSchema& schema_;
  report_detail::ReportCellReader& cells_;
  Report& report_;
  DiagnosticSink& sink_;
  std::map<std::string, SourceLocation> seen_;
  bool template_ = true;
};

Report ReadTemplate(XlsxWorkbook& workbook, const std::string& file, const ReportSchema& schema,
                    const Registry& registry, const ReportLoadOptions& options) {
  const auto report_sheet = workbook.SheetIndex(report_detail::kReportSheet);
  if (!report_sheet) {
    throw InputError(Diagnostic{
        {file},
        {},
        std::string("not a report template: it has no sheet '") + report_detail::kReportSheet +
            "' (a consolidated workbook, one row per government, is read with --reports "
            "FILE.xlsx)",
        {}});
  }
  DiagnosticSink sink;
  Report report;
  report.origin = SourceLocation{file};
  report_detail::ReportCellReader cells(registry, options, sink, report);
  TemplateReader reader(file, schema, cells, report, sink);
  reader.ReadSheet(workbook.ReadSheet(*report_sheet), false);
  if (const auto review = workbook.SheetIndex(report_detail::kReviewSheet)) {
    reader.ReadSheet(workbook.ReadSheet(*review), true);
  }
  reader.RequireHeaderRows(report_detail::kReportSheet);
  sink.ThrowIfAny();
  return report;
}

// The first sheet as a reports table: the first filled row is the header, columns from A.
CsvTable ConsolidatedTable(XlsxWorkbook& workbook, const std::string& file) {
  const XlsxSheet sheet = workbook.ReadSheet(0);
  CsvTable table;
  table.file = file;
  table.sheet = sheet.name;
  const SheetRows rows = ByRow(sheet);
  if (rows.empty()) {
    throw InputError(Diagnostic{CellLocation(file, sheet.name, 1, 1),
                                {},
                                "the first sheet is empty; expected a header row",
                                {}});
  }
  const auto& [header_row, header_cells] = *rows.begin();
  table.header_line = header_row;
  table.header.resize(static_cast<std::size_t>(header_cells.rbegin()->first));
  for (const auto& [column, cell] : header_cells) {
    table.header[static_cast<std::size_t>(column - 1)] = cell->text;
  }
  DiagnosticSink sink;
  CheckCsvHeader(table, sink);
  for (auto it = std::next(rows.begin()); it != rows.end(); ++it) {
    CsvRow row;
    row.line = it->first;
    row.fields.resize(table.header.size());
    for (const auto& [column, cell] : it->second) {
      if (static_cast<std::size_t>(column) > table.header.size()) {
        sink.Add(CellLocation(file, sheet.name, it->first, column), {},
                 "a value outside the table: column " + ColumnName(column) +
                     " has no name in the header row " + std::to_string(header_row));
        continue;
      }
      row.fields[static_cast<std::size_t>(column - 1)] = cell->text;
    }
    table.rows.push_back(std::move(row));
  }
  sink.ThrowIfAny();
  return table;
}

}  // namespace

Report ParseReportXlsx(std::string bytes, std::string_view file_name, const ReportSchema& schema,
                       const Registry& registry, const ReportLoadOptions& options) {
  const std::string file(file_name);
  XlsxWorkbook workbook(std::move(bytes), file);
  return ReadTemplate(workbook, file, schema, registry, options);
}

namespace {

void VisitWorkbook(std::string bytes, const std::string& file, const ReportSchema& schema,
                   const Registry& registry, const ReportVisitor& visitor,
                   const ReportLoadOptions& options) {
  std::optional<Report> report;
  std::optional<CsvTable> table;
  try {
    XlsxWorkbook workbook(std::move(bytes), file);
    if (workbook.SheetIndex(report_detail::kReportSheet)) {
      report = ReadTemplate(workbook, file, schema, registry, options);
    } else {
      table = ConsolidatedTable(workbook, file);
    }
  } catch (const InputError& e) {
    visitor.on_rejected({file, 0, e.diagnostics()});
    return;
  }
  if (report) {
    visitor.on_report(std::move(*report));
  } else {
    report_detail::VisitCsvTable(*table, schema, registry, visitor, options);
  }
}

}  // namespace

std::vector<Report> ParseReportsXlsx(std::string bytes, std::string_view file_name,
                                     const ReportSchema& schema, const Registry& registry,
                                     const ReportLoadOptions& options) {
  std::vector<Report> reports;
  std::vector<Diagnostic> problems;
  VisitWorkbook(std::move(bytes), std::string(file_name), schema, registry,
                {[&](Report&& r) { reports.push_back(std::move(r)); },
                 [&](RejectedFile&& f) {
                   problems.insert(problems.end(), f.diagnostics.begin(), f.diagnostics.end());
                 }},
                options);
  if (!problems.empty()) throw InputError(std::move(problems));
  return reports;
}

void VisitReportsXlsx(const std::filesystem::path& path, const ReportSchema& schema,
                      const Registry& registry, const ReportVisitor& visitor,
                      const ReportLoadOptions& options) {
  const std::string file = path.string();
  std::string bytes;
  try {
    bytes = ReadInput(path, InputKind::kWorkbook);
  } catch (const InputError& e) {
    visitor.on_rejected({file, 0, e.diagnostics()});
    return;
  }
  VisitWorkbook(std::move(bytes), file, schema, registry, visitor, options);
}

}  // namespace jobaward
