// Reports CSV loader: one row per government, as analysts export it from Excel.
#include <cmath>
#include <map>

#include "jobaward/csv.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/report_io.hpp"
#include "report_csv_internal.hpp"
#include "report_fields.hpp"

namespace jobaward::report_detail {

namespace {

constexpr double kMinYear = 1900;
constexpr double kMaxYear = 2200;
constexpr const char* kRequiredColumns[] = {"government", "year", "synthetic"};

SourceLocation HeaderCell(const CsvTable& table, std::size_t column) {
  return {table.file, 1, static_cast<int>(column) + 1};
}

}  // namespace

std::optional<CsvLayout> ReadCsvHeader(const CsvTable& table, const ReportSchema& schema,
                                       DiagnosticSink& sink) {
  CsvLayout layout;
  bool complete = true;
  for (const char* name : kRequiredColumns) {
    if (!table.ColumnIndex(name)) {
      sink.Add({table.file, 1}, name, std::string("missing required column '") + name + "'");
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
    } else {
      sink.Add(HeaderCell(table, i), name, UnknownFieldMessage("column", name, schema));
    }
  }
  if (!complete) return std::nullopt;
  return layout;
}

CsvRowResult ParseCsvRow(const CsvTable& table, const CsvRow& row, const CsvLayout& layout,
                         const Registry& registry, const ReportLoadOptions& options) {
  DiagnosticSink sink;
  const auto cell = [&](std::size_t i) { return Trim(row.fields[i]); };
  const auto error = [&](std::size_t i, const std::string& message) {
    sink.Add(table.Where(row, i), table.header[i], message);
  };

  Report report;
  report.origin = SourceLocation{table.file, row.line};

  const Government* government = nullptr;
  const std::string code(cell(layout.government));
  if (code.empty()) {
    error(layout.government, "missing government code");
  } else if (auto problem = CheckGovernment(code, registry)) {
    error(layout.government, *problem);
  } else {
    report.government_code = code;
    government = &registry[*registry.IndexOf(code)];
  }
  if (layout.name_ko && government != nullptr) {
    const std::string name(cell(*layout.name_ko));
    if (!name.empty() && name != government->name_ko) {
      error(*layout.name_ko, "'" + name + "' does not match the registry's name '" +
                                 government->name_ko + "' for government " + government->code);
    }
  }

  const std::string year_text(cell(layout.year));
  const auto year = ParseFiniteNumber(year_text);
  if (year_text.empty()) {
    error(layout.year, "missing year");
  } else if (!year || *year < kMinYear || *year > kMaxYear || std::floor(*year) != *year) {
    error(layout.year,
          "expected a year (a whole number between 1900 and 2200), got '" + year_text + "'");
  } else {
    report.year = static_cast<int>(*year);
    if (options.expected_year && report.year != *options.expected_year) {
      error(layout.year, "expected year " + std::to_string(*options.expected_year) + ", got " +
                             std::to_string(report.year));
    }
  }

  const std::string synthetic_text(cell(layout.synthetic));
  if (synthetic_text.empty()) {
    error(layout.synthetic, "missing value; expected true or false");
  } else if (auto b = ParseBoolText(synthetic_text)) {
    report.synthetic = *b;
  } else {
    error(layout.synthetic, "expected true or false, got '" + synthetic_text + "'");
  }
  if (layout.provenance) report.provenance = row.fields[*layout.provenance];

  for (const auto& [column, spec] : layout.fields) {
    const std::string_view text = cell(column);
    if (text.empty()) continue;  // missing value
    std::optional<FieldValue> value;
    if (spec->type == FieldType::kScores) {
      std::vector<double> scores;
      bool ok = true;
      std::size_t start = 0;
      for (int n = 1;; ++n) {
        const std::size_t end = text.find(';', start);
        const std::string_view piece =
            Trim(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (piece.empty()) {
          error(column,
                "expected scores separated by ';' like 78;82;80, got '" + std::string(text) + "'");
          ok = false;
          break;
        }
        auto parsed = ParseScore(*spec, piece);
        if (!parsed.value) {
          error(column, "score " + std::to_string(n) + ": " + parsed.error);
          ok = false;
        } else {
          scores.push_back(std::get<double>(*parsed.value));
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
      }
      if (ok) value = FieldValue(std::move(scores));
    } else {
      auto parsed = ParseScalarValue(*spec, text);
      if (parsed.value) {
        value = std::move(parsed.value);
      } else {
        error(column, parsed.error);
      }
    }
    if (value) {
      report.fields.emplace(spec->name, std::move(*value));
      report.locations.emplace(spec->name, table.Where(row, column));
    }
  }

  CsvRowResult result;
  result.line = row.line;
  result.diagnostics = Drain(sink);
  if (result.diagnostics.empty()) result.report = std::move(report);
  return result;
}

Diagnostic DuplicateRow(const CsvTable& table, const CsvRow& row, const CsvLayout& layout,
                        const std::string& code, int first_line) {
  return Diagnostic{
      table.Where(row, layout.government),
      "government",
      "government " + code + " is given twice; first on line " + std::to_string(first_line),
      {}};
}

}  // namespace jobaward::report_detail

namespace jobaward {

std::vector<Report> ParseReportsCsv(std::string_view text, std::string_view file_name,
                                    const ReportSchema& schema, const Registry& registry,
                                    const ReportLoadOptions& options) {
  const CsvTable table = ParseCsv(text, file_name);
  DiagnosticSink sink;
  const auto layout = report_detail::ReadCsvHeader(table, schema, sink);
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
      if (result.report) reports.push_back(std::move(*result.report));
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
    table = ParseCsv(ReadTextFile(file), name);
  } catch (const InputError& e) {
    visitor.on_rejected({name, 0, e.diagnostics()});
    return;
  }
  DiagnosticSink sink;
  const auto layout = report_detail::ReadCsvHeader(*table, schema, sink);
  if (!sink.empty()) {
    visitor.on_rejected({name, 0, report_detail::Drain(sink)});
    return;
  }
  std::map<std::string, int> first_line;
  for (const auto& row : table->rows) {
    auto result = report_detail::ParseCsvRow(*table, row, *layout, registry, options);
    if (result.report) {
      const auto [it, inserted] = first_line.emplace(result.report->government_code, row.line);
      if (!inserted) {
        result.diagnostics.push_back(report_detail::DuplicateRow(
            *table, row, *layout, result.report->government_code, it->second));
        result.report.reset();
      }
    }
    if (result.report) {
      visitor.on_report(std::move(*result.report));
    } else {
      visitor.on_rejected({name, row.line, std::move(result.diagnostics)});
    }
  }
}

}  // namespace jobaward
