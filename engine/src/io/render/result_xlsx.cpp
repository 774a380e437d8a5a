// The workbook rendering of a Result (result_render.hpp): typed cells straight from the columns'
// types, never re-parsed from text.
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/render/text_table.hpp"
#include "src/io/files/xlsx_internal.hpp"

namespace jobaward {

namespace {

constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;

// The formats of one workbook, made once each.
class Formats {
 public:
  explicit Formats(lxw_workbook* wb) : wb_(wb) {
    header_ = workbook_add_format(wb);
    format_set_bold(header_);
    format_set_bottom(header_, LXW_BORDER_THIN);
    format_set_text_wrap(header_);
    format_set_align(header_, LXW_ALIGN_VERTICAL_TOP);
    banner_ = workbook_add_format(wb);
    format_set_bold(banner_);
    format_set_font_color(banner_, LXW_COLOR_RED);
  }
  [[nodiscard]] lxw_format* header() const { return header_; }
  [[nodiscard]] lxw_format* banner() const { return banner_; }
  /// The display format of a column's cells; `bold` for total rows.
  lxw_format* Of(const Column& column, bool bold) {
    const std::string code = NumberFormat(column);
    auto [it, inserted] = cache_.try_emplace({code, bold}, nullptr);
    if (inserted) {
      it->second = workbook_add_format(wb_);
      if (!code.empty()) format_set_num_format(it->second, code.c_str());
      if (bold) format_set_bold(it->second);
    }
    return it->second;
  }

  // A change (Column::Signed) as "+1;-1;0": the sign of a positive number is part of what the
  // cell says, as in the text table and CSV.
  static std::string NumberFormat(const Column& column) {
    const std::string plain = UnsignedFormat(column);
    if (!column.signed_change || plain.empty()) return plain;
    return "+" + plain + ";-" + plain + ";" + plain;
  }

  static std::string UnsignedFormat(const Column& column) {
    const auto decimals = static_cast<std::size_t>(std::clamp(column.decimals, 0, 10));
    const std::string fraction = decimals == 0 ? "" : "." + std::string(decimals, '0');
    switch (column.type) {
      case ColumnType::kInteger:
      case ColumnType::kMoney:
        return "#,##0";
      case ColumnType::kNumber:
        return "0" + fraction;
      case ColumnType::kProbability:
        return "0" + fraction + "%";
      case ColumnType::kText:
      case ColumnType::kCode:
      case ColumnType::kBoolean:
      case ColumnType::kValue:
        break;
    }
    return "";
  }

 private:
  lxw_workbook* wb_;
  lxw_format* header_;
  lxw_format* banner_;
  std::map<std::pair<std::string, bool>, lxw_format*> cache_;
};

std::string ColumnName(std::size_t c) {
  std::string name;
  for (std::size_t n = c + 1; n > 0; n = (n - 1) / 26) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return name;
}

// "D2:D41" (rows 0-based, written 1-based).
std::string Range(std::size_t col, std::size_t first_row, std::size_t last_row, bool absolute) {
  const std::string c = (absolute ? "$" : "") + ColumnName(col) + (absolute ? "$" : "");
  return c + std::to_string(first_row + 1) + ":" + c + std::to_string(last_row + 1);
}

void WriteCell(lxw_worksheet* ws, std::size_t row, std::size_t col, const Cell& cell,
               lxw_format* format) {
  if (cell.empty()) {
    if (format != nullptr)
      worksheet_write_blank(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), format);
    return;
  }
  const auto r = static_cast<lxw_row_t>(row);
  const auto c = static_cast<lxw_col_t>(col);
  if (const std::string* text = cell.text()) {
    worksheet_write_string(ws, r, c, text->c_str(), format);
  } else if (const auto* flag = std::get_if<bool>(&cell.value())) {
    worksheet_write_boolean(ws, r, c, *flag ? 1 : 0, format);
  } else {
    worksheet_write_number(ws, r, c, *cell.number(), format);
  }
}

double CellWidth(const Column& column, const Cell& cell) {
  return static_cast<double>(DisplayWidth(FormatCellText(column, cell))) +
         (column.type == ColumnType::kProbability ? 1 : 0);
}

// The total of column `col` over the data rows (those whose `within` cell equals `key` when
// set): what the formula computes, to check the value the result gives.
double Sum(const ResultTable& table, std::size_t col, const TotalRow& total) {
  double sum = 0;
  for (const auto& row : table.rows()) {
    if (total.within && !(row[*total.within] == total.cells[*total.within])) continue;
    if (const auto v = row[col].number()) sum += *v;
  }
  return sum;
}

void CheckTotal(const ResultTable& table, std::size_t col, const TotalRow& total) {
  const double want = *total.cells[col].number();
  const double sum = Sum(table, col, total);
  if (std::fabs(sum - want) > 1e-9 * std::max(1.0, std::fabs(want))) {
    throw InternalError("table '" + table.id() + "': total of column '" + table.columns()[col].id +
                        "' is " + std::to_string(want) + ", the rows sum to " +
                        std::to_string(sum));
  }
}

std::string SheetName(const ResultTable& table) {
  return table.sheet_name.empty() ? table.title() : table.sheet_name;
}

lxw_worksheet* AddSheet(lxw_workbook* wb, const std::string& name) {
  const lxw_error error = workbook_validate_sheet_name(wb, name.c_str());
  if (error != LXW_NO_ERROR) {
    throw InternalError("invalid sheet name '" + name + "': " + lxw_strerror(error));
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  if (ws == nullptr) throw InternalError("cannot add sheet '" + name + "'");
  return ws;
}

// Banner rows at the top of a sheet; returns the first row after them.
std::size_t WriteBanners(lxw_worksheet* ws, const Result& result, Formats& formats) {
  std::size_t row = 0;
  for (const Banner& b : result.banners) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(row++), 0, b.text.c_str(), formats.banner());
  }
  return row == 0 ? 0 : row + 1;
}

void SetWidths(lxw_worksheet* ws, const std::vector<double>& width) {
  for (std::size_t c = 0; c < width.size(); ++c) {
    const auto xc = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, xc, xc, std::min(width[c], kMaxWidth), nullptr);
  }
}

void WriteTableSheet(lxw_workbook* wb, const Result& result, const ResultTable& table,
                     Formats& formats) {
  lxw_worksheet* ws = AddSheet(wb, SheetName(table));
  const std::size_t header_row = WriteBanners(ws, result, formats);
  const auto& columns = table.columns();
  std::vector<double> width(columns.size(), kMinWidth);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::string heading = columns[c].Heading();
    worksheet_write_string(ws, static_cast<lxw_row_t>(header_row), static_cast<lxw_col_t>(c),
                           heading.c_str(), formats.header());
    width[c] = std::max(width[c], static_cast<double>(DisplayWidth(heading)) + 3);  // + filter
  }
  std::vector<lxw_format*> format(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    format[c] = Formats::NumberFormat(columns[c]).empty() ? nullptr : formats.Of(columns[c], false);
  }
  std::size_t row = header_row + 1;
  for (const auto& cells : table.rows()) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      WriteCell(ws, row, c, cells[c], cells[c].empty() ? nullptr : format[c]);
      width[c] = std::max(width[c], CellWidth(columns[c], cells[c]) + 2);
    }
    ++row;
  }
  const std::size_t last_data = row - 1;  // == header_row when there are no rows
  worksheet_freeze_panes(ws, static_cast<lxw_row_t>(header_row + 1), 0);
  if (!columns.empty()) {
    worksheet_autofilter(ws, static_cast<lxw_row_t>(header_row), 0,
                         static_cast<lxw_row_t>(last_data),
                         static_cast<lxw_col_t>(columns.size() - 1));
  }
  // Totals below the filter range (a blank row between), so filtering never hides or counts
  // them; numeric cells are live formulas over the data rows, cached with the result's value.
  if (!table.totals().empty()) ++row;
  for (const TotalRow& total : table.totals()) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const Cell& cell = total.cells[c];
      lxw_format* bold = formats.Of(columns[c], true);
      const bool numeric = cell.number().has_value() && columns[c].type != ColumnType::kBoolean;
      if (!numeric || last_data == header_row) {
        WriteCell(ws, row, c, cell, bold);
        continue;
      }
      CheckTotal(table, c, total);
      const std::string values = Range(c, header_row + 1, last_data, true);
      const std::string formula =
          total.within
              ? "=SUMIF(" + Range(*total.within, header_row + 1, last_data, true) + "," +
                    ColumnName(*total.within) + std::to_string(row + 1) + "," + values + ")"
              : "=SUM(" + values + ")";
      worksheet_write_formula_num(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(c),
                                  formula.c_str(), bold, *cell.number());
      width[c] = std::max(width[c], CellWidth(columns[c], cell) + 2);
    }
    ++row;
  }
  if (!table.notes.empty()) ++row;
  for (const auto& note : table.notes) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(row++), 0, note.c_str(), nullptr);
  }
  SetWidths(ws, width);
}

// 요약: the facts (label, typed value, id) and the result's notes.
void WriteSummarySheet(lxw_workbook* wb, const Result& result, Formats& formats) {
  lxw_worksheet* ws = AddSheet(wb, "요약");
  std::size_t row = WriteBanners(ws, result, formats);
  if (!result.title.empty()) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(row), 0, result.title.c_str(),
                           formats.header());
    row += 2;
  }
  std::vector<double> width = {kMinWidth, kMinWidth, kMinWidth};
  for (const Fact& f : result.facts) {
    const std::string label = f.column.Heading();
    const auto r = static_cast<lxw_row_t>(row);
    worksheet_write_string(ws, r, 0, label.c_str(), nullptr);
    WriteCell(ws, row, 1, f.value,
              Formats::NumberFormat(f.column).empty() ? nullptr : formats.Of(f.column, false));
    worksheet_write_string(ws, r, 2, f.column.id.c_str(), nullptr);
    width[0] = std::max(width[0], static_cast<double>(DisplayWidth(label)) + 2);
    width[1] = std::max(width[1], CellWidth(f.column, f.value) + 2);
    width[2] = std::max(width[2], static_cast<double>(f.column.id.size()) + 2);
    ++row;
  }
  if (!result.notes.empty() && !result.facts.empty()) ++row;
  for (const auto& note : result.notes) {
    worksheet_write_string(ws, static_cast<lxw_row_t>(row++), 0, note.c_str(), nullptr);
  }
  SetWidths(ws, width);
}

// A seed or a count as a number cell, unless Excel's doubles could not hold it exactly.
Cell WholeNumber(std::uint64_t n) {
  constexpr std::uint64_t kExact = std::uint64_t{1} << 53;
  return n <= kExact ? Cell(static_cast<std::int64_t>(n)) : Cell(std::to_string(n));
}

// 출처: the provenance record, one row per field, then one per input file.
ResultTable ProvenanceSheetTable(const Provenance& p) {
  ResultTable t("provenance", "출처",
                {{"item", "항목", ColumnType::kText},
                 {"value", "값", ColumnType::kValue},
                 {"bytes", "크기", ColumnType::kInteger, 0, "바이트"},
                 {"sha256", "SHA-256", ColumnType::kCode}});
  t.AddRow({"tool", p.tool, Cell(), Cell()});
  t.AddRow({"version", p.version, Cell(), Cell()});
  t.AddRow({"command", p.command, Cell(), Cell()});
  t.AddRow({"command line", p.command_line, Cell(), Cell()});
  if (p.seed) t.AddRow({"seed", WholeNumber(*p.seed), Cell(), Cell()});
  if (p.draws)
    t.AddRow({"draws", WholeNumber(static_cast<std::uint64_t>(*p.draws)), Cell(), Cell()});
  for (const auto& [key, value] : p.settings) t.AddRow({key, value, Cell(), Cell()});
  for (const auto& f : p.inputs) {
    t.AddRow({"input: " + f.role, f.path, static_cast<std::int64_t>(f.bytes), f.sha256});
  }
  return t;
}

// The sheets of `result` (and of `provenance` when given), for WriteResultXlsx and
// RenderResultXlsx: one filling whether the workbook goes to a file or to memory.
std::function<void(lxw_workbook*)> ResultSheets(const Result& result,
                                                const Provenance* provenance) {
  std::set<std::string> names = {"요약", "출처"};
  for (const ResultTable& table : result.tables) {
    if (!names.insert(SheetName(table)).second) {
      throw InternalError("two tables of '" + result.command + "' share the sheet name '" +
                          SheetName(table) + "'");
    }
  }
  return [&result, provenance](lxw_workbook* wb) {
    Formats formats(wb);
    for (const ResultTable& table : result.tables) WriteTableSheet(wb, result, table, formats);
    if (!result.facts.empty() || !result.notes.empty()) WriteSummarySheet(wb, result, formats);
    if (provenance != nullptr) {
      Result inputs;
      WriteTableSheet(wb, inputs, ProvenanceSheetTable(*provenance), formats);
    }
  };
}

}  // namespace

void WriteResultXlsx(const std::filesystem::path& path, const Result& result,
                     const Provenance* provenance) {
  detail::WriteWorkbookAtomically(path, ResultSheets(result, provenance));
}

std::string RenderResultXlsx(const Result& result, const Provenance* provenance) {
  return detail::WorkbookBytes(ResultSheets(result, provenance));
}

}  // namespace jobaward
