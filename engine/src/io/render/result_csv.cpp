// The CSV rendering of a Result (result_render.hpp).

#include <cmath>
#include <string>

#include "jobaward/error.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

namespace {

const ResultTable& TableOf(const Result& result, std::string_view id) {
  if (result.tables.empty()) throw InternalError("result '" + result.command + "' has no table");
  if (id.empty()) return result.tables.front();
  if (const ResultTable* t = result.Find(id)) return *t;
  throw InternalError("result '" + result.command + "' has no table '" + std::string(id) + "'");
}

}  // namespace

namespace {

std::string FormatUnsignedCsv(const Column& column, const Cell& cell) {
  const Cell::Value& v = cell.value();
  switch (column.type) {
    case ColumnType::kText:
    case ColumnType::kCode:
      return *cell.text();
    case ColumnType::kInteger:
      return std::to_string(std::get<std::int64_t>(v));
    case ColumnType::kNumber:
    case ColumnType::kProbability:
      return FormatShortest(std::get<double>(v));
    case ColumnType::kMoney: {
      const double d = std::get<double>(v);
      return d == std::round(d) && std::fabs(d) < 9.0e15 ? FormatFixed(d, 0) : FormatShortest(d);
    }
    case ColumnType::kBoolean:
      return std::get<bool>(v) ? "true" : "false";
    case ColumnType::kValue:
      if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
      if (const auto* d = std::get_if<double>(&v)) return FormatShortest(*d);
      if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
      return *cell.text();
  }
  return "";
}

}  // namespace

std::string FormatCellCsv(const Column& column, const Cell& cell) {
  if (cell.empty()) return "";
  return SignedIfChange(column, cell, FormatUnsignedCsv(column, cell));
}

std::string RenderCsvHeader(const Result& result, const ResultTable& table) {
  std::string line;
  for (const Column& c : table.columns()) line += (line.empty() ? "" : ",") + CsvField(c.id);
  for (const Banner& b : result.banners) line += "," + CsvField(b.column.id);
  return line + "\n";
}

std::string RenderCsvRow(const Result& result, const ResultTable& table,
                         const std::vector<Cell>& cells) {
  std::string line;
  for (std::size_t c = 0; c < table.columns().size(); ++c) {
    if (c > 0) line += ',';
    line += CsvField(FormatCellCsv(table.columns()[c], cells.at(c)));
  }
  for (const Banner& b : result.banners) line += "," + CsvField(FormatCellCsv(b.column, b.value));
  return line + "\n";
}

std::string RenderResultCsv(const Result& result, std::string_view table_id, bool bom) {
  const ResultTable& table = TableOf(result, table_id);
  std::string out = bom ? "\xEF\xBB\xBF" : "";
  out += RenderCsvHeader(result, table);
  for (const auto& row : table.rows()) out += RenderCsvRow(result, table, row);
  return out;
}

}  // namespace jobaward
