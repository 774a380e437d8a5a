// Report workbooks: a filled report template (sheets 보고서 and 심사, one item per row; layout in
// report_template_layout.hpp) or a consolidated workbook whose first sheet is the reports CSV as
// a table. Cells are turned into the text Excel shows (numbers in their shortest decimal, TRUE /
// FALSE, error values such as #DIV/0!, dates as 2020-03-01) and judged by the same readers as the
// CSV, so every message is the CSV's, located at the cell ("file.xlsx:보고서!F7").
#include <algorithm>
#include <map>
#include <span>

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

// One filled row of a sheet: a run of its cells, which XlsxSheet sorts by row, then column. A
// view, so that a sheet of a million cells is not indexed a second time.
struct SheetRow {
  const XlsxSheet* sheet;
  int number;
  std::span<const XlsxCell> cells;

  [[nodiscard]] const XlsxCell* Find(int column) const {
    const auto it = std::lower_bound(
        cells.begin(), cells.end(), column,
        [](const XlsxCell& c, int col) { return static_cast<int>(c.column) < col; });
    return it != cells.end() && it->column == column ? &*it : nullptr;
  }
  [[nodiscard]] bool Has(int column) const { return Find(column) != nullptr; }
  [[nodiscard]] std::string TextAt(int column) const {
    const XlsxCell* c = Find(column);
    return c == nullptr ? std::string() : std::string(sheet->Text(*c));
  }
};

// Calls `visit(row)` for each filled row of `sheet`, top to bottom.
template <typename Visit>
void ForEachRow(const XlsxSheet& sheet, Visit&& visit) {
  const std::span<const XlsxCell> all(sheet.cells);
  for (std::size_t begin = 0; begin < all.size();) {
    std::size_t end = begin + 1;
    while (end < all.size() && all[end].row == all[begin].row) ++end;
    visit(SheetRow{&sheet, static_cast<int>(all[begin].row), all.subspan(begin, end - begin)});
    begin = end;
  }
}

// Reads one template sheet's rows into the report; `seen` holds the ids read so far (across
// both sheets) and where.
class TemplateReader {
 public:
  TemplateReader(std::string file, const ReportSchema& schema,
                 report_detail::ReportCellReader& cells, Report& report, DiagnosticSink& sink)
      : file_(std::move(file)), schema_(schema), cells_(cells), report_(report), sink_(sink) {}

  void ReadSheet(const XlsxSheet& sheet, bool review_sheet) {
    const int value_columns = report_detail::ValueColumns(review_sheet);
    bool header = false;
    ForEachRow(sheet, [&](const SheetRow& row) {
      if (header) {
        ReadRow(sheet.name, row, value_columns);
      } else {
        header = report_detail::Trim(row.TextAt(kIdColumn)) == report_detail::kIdHeader;
      }
    });
    if (!header) {
      template_ = false;
      sink_.Add({file_, 0, 0, sheet.name + "!A" + std::to_string(report_detail::kHeaderRow)}, {},
                "not a jobaward report template: sheet '" + sheet.name +
                    "' has no header row with 'id' in column A (make one with `jobaward "
                    "template`)");
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

  void ReadRow(const std::string& sheet, const SheetRow& cells, int value_columns) {
    const int row = cells.number;
    const std::string id(report_detail::Trim(cells.TextAt(kIdColumn)));
    const SourceLocation value_at = At(sheet, row, kValueColumn);
    if (id.empty()) {
      for (int c = kValueColumn; c < kValueColumn + value_columns; ++c) {
        if (cells.Has(c)) {
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
    const std::string value = cells.TextAt(kValueColumn);
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
      ReadField(*spec, sheet, cells, value_columns);
      return;
    } else {
      sink_.Add(At(sheet, row, kIdColumn), id,
                report_detail::UnknownFieldMessage("id", id, schema_));
      return;
    }
    RefuseExtraValues(sheet, cells, value_columns, id);
  }

  void ReadField(const FieldSpec& spec, const std::string& sheet, const SheetRow& cells,
                 int value_columns) {
    const int row = cells.number;
    const SourceLocation value_at = At(sheet, row, kValueColumn);
    if (spec.type == FieldType::kScores && value_columns > 1) {
      std::vector<std::pair<std::string, SourceLocation>> scores;
      for (int c = kValueColumn; c < kValueColumn + value_columns; ++c) {
        scores.emplace_back(cells.TextAt(c), At(sheet, row, c));
      }
      cells_.Scores(spec, scores, value_at, spec.name);
      return;
    }
    cells_.Field(spec, cells.TextAt(kValueColumn), value_at, spec.name);
    RefuseExtraValues(sheet, cells, value_columns, spec.name);
  }

  // A single-valued row on the reviewers' sheet has one value, in F; anything typed in the
  // other score columns would otherwise be dropped without a word.
  void RefuseExtraValues(const std::string& sheet, const SheetRow& cells, int value_columns,
                         const std::string& key) {
    const int row = cells.number;
    for (int c = kValueColumn + 1; c < kValueColumn + value_columns; ++c) {
      if (cells.Has(c)) {
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
  if (sheet.cells.empty()) {
    throw InputError(Diagnostic{CellLocation(file, sheet.name, 1, 1),
                                {},
                                "the first sheet is empty; expected a header row",
                                {}});
  }
  DiagnosticSink sink;
  ForEachRow(sheet, [&](const SheetRow& row) {
    if (table.header.empty()) {
      table.header_line = row.number;
      table.header.resize(row.cells.back().column);
      for (const XlsxCell& cell : row.cells) {
        table.header[cell.column - 1U] = std::string(sheet.Text(cell));
      }
      CheckCsvHeader(table, sink);
      return;
    }
    CsvRow& out = table.rows.emplace_back();
    out.line = row.number;
    out.fields.resize(table.header.size());
    for (const XlsxCell& cell : row.cells) {
      if (cell.column > table.header.size()) {
        sink.Add(CellLocation(file, sheet.name, row.number, cell.column), {},
                 "a value outside the table: column " + ColumnName(cell.column) +
                     " has no name in the header row " + std::to_string(table.header_line));
        continue;
      }
      out.fields[cell.column - 1U] = std::string(sheet.Text(cell));
    }
  });
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
