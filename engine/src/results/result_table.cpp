#include "jobaward/results/result_table.hpp"

#include <cmath>

#include "jobaward/error.hpp"

namespace jobaward {

namespace {

bool IsSnakeCase(std::string_view id) {
  if (id.empty() || !(id.front() >= 'a' && id.front() <= 'z')) return false;
  for (const char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool Fits(ColumnType type, const Cell::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return true;
  switch (type) {
    case ColumnType::kText:
    case ColumnType::kCode:
      return std::holds_alternative<std::string>(v);
    case ColumnType::kInteger:
      return std::holds_alternative<std::int64_t>(v);
    case ColumnType::kNumber:
    case ColumnType::kProbability:
    case ColumnType::kMoney:
      return std::holds_alternative<double>(v) || std::holds_alternative<std::int64_t>(v);
    case ColumnType::kBoolean:
      return std::holds_alternative<bool>(v);
    case ColumnType::kValue:
      return true;
  }
  return false;
}

// Integers in number columns become doubles and non-finite numbers empty cells, so renderers
// see one representation per type.
Cell Normalised(ColumnType type, const Cell& cell) {
  if (cell.empty()) return {};
  if (const auto* i = std::get_if<std::int64_t>(&cell.value());
      i != nullptr && type != ColumnType::kInteger && type != ColumnType::kValue) {
    return Cell(static_cast<double>(*i));
  }
  return cell;
}

void CheckCell(const std::string& where, const Column& column, Cell& cell) {
  if (!Fits(column.type, cell.value())) {
    throw InternalError(where + ": column '" + column.id + "' (" +
                        std::string(ToString(column.type)) + ") given a value of another type");
  }
  cell = Normalised(column.type, cell);
}

}  // namespace

std::string_view ToString(ColumnType type) {
  switch (type) {
    case ColumnType::kText:
      return "text";
    case ColumnType::kCode:
      return "code";
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kNumber:
      return "number";
    case ColumnType::kProbability:
      return "probability";
    case ColumnType::kMoney:
      return "money";
    case ColumnType::kBoolean:
      return "boolean";
    case ColumnType::kValue:
      return "value";
  }
  return "";
}

std::string Column::Heading() const {
  std::string suffix;
  if (type == ColumnType::kMoney) suffix = "원";
  if (type == ColumnType::kProbability) suffix = "%";
  if (type == ColumnType::kNumber || type == ColumnType::kInteger) suffix = unit;
  return suffix.empty() ? label : label + " (" + suffix + ")";
}

bool Cell::empty() const {
  if (std::holds_alternative<std::monostate>(value_)) return true;
  if (const auto* d = std::get_if<double>(&value_)) return !std::isfinite(*d);
  return false;
}

std::optional<double> Cell::number() const {
  if (empty()) return std::nullopt;
  if (const auto* d = std::get_if<double>(&value_)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&value_)) return static_cast<double>(*i);
  return std::nullopt;
}

ResultTable::ResultTable(std::string id, std::string title, std::vector<Column> columns)
    : id_(std::move(id)), title_(std::move(title)), columns_(std::move(columns)) {
  if (!IsSnakeCase(id_)) throw InternalError("table id '" + id_ + "' is not snake_case");
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    // Column ids of data-defined columns (indicator and award ids of a rubric) are the rubric's
    // own; they need only be usable as CSV headers and JSON keys.
    if (columns_[i].id.empty() || columns_[i].id.find_first_of(",\"\r\n") != std::string::npos) {
      throw InternalError("table '" + id_ + "': column id '" + columns_[i].id +
                          "' is empty or holds a comma, quote or line break");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (columns_[j].id == columns_[i].id) {
        throw InternalError("table '" + id_ + "': duplicate column id '" + columns_[i].id + "'");
      }
    }
  }
}

void ResultTable::Check(std::vector<Cell>& cells) const {
  if (cells.size() != columns_.size()) {
    throw InternalError("table '" + id_ + "': row of " + std::to_string(cells.size()) +
                        " cells, expected " + std::to_string(columns_.size()));
  }
  for (std::size_t c = 0; c < cells.size(); ++c)
    CheckCell("table '" + id_ + "'", columns_[c], cells[c]);
}

void ResultTable::AddRow(std::vector<Cell> cells) {
  Check(cells);
  rows_.push_back(std::move(cells));
}

void ResultTable::AddTotal(std::vector<Cell> cells, std::optional<std::size_t> within) {
  Check(cells);
  if (within && *within >= columns_.size()) {
    throw InternalError("table '" + id_ + "': total within column " + std::to_string(*within) +
                        " of " + std::to_string(columns_.size()));
  }
  totals_.push_back({std::move(cells), within});
}

std::size_t ResultTable::ColumnIndex(std::string_view id) const {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].id == id) return c;
  }
  throw InternalError("table '" + id_ + "' has no column '" + std::string(id) + "'");
}

const ResultTable* Result::Find(std::string_view id) const {
  for (const auto& t : tables) {
    if (t.id() == id) return &t;
  }
  return nullptr;
}

void Result::AddFact(Column column, Cell value) {
  if (!IsSnakeCase(column.id)) throw InternalError("fact id '" + column.id + "' is not snake_case");
  CheckCell("fact", column, value);
  facts.push_back({std::move(column), std::move(value)});
}

void Result::AddBanner(Column column, Cell value, std::string text) {
  if (!IsSnakeCase(column.id)) {
    throw InternalError("banner id '" + column.id + "' is not snake_case");
  }
  CheckCell("banner", column, value);
  banners.push_back({std::move(column), std::move(value), std::move(text)});
}

}  // namespace jobaward
