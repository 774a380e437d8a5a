// Typed result tables: what a command computed, as data, before anyone formats it. Every
// command's result is a `Result` — one or more `ResultTable`s plus facts, notes and banners —
// built by the library (engine/src/results/), and the text, CSV, JSON and XLSX outputs are
// renderers of it (result_render.hpp). A program that embeds the library builds the same
// Result and gets the same tables.
//
// A column has a stable English id (the CSV header and the JSON key; snake_case ASCII), a
// Korean label (the header people read, in the terminal table and the workbook) and a type
// that decides how every renderer shows a cell:
//
//   type          cell holds     text              CSV / JSON              XLSX
//   kText         string         as is             as is / string          text
//   kCode         string         as is             as is / string          text (never a number)
//   kInteger      int64          1,234             1234 / integer          number "#,##0"
//   kNumber       double         fixed decimals    full precision / num    number "0.00…"
//   kProbability  double in 0..1 percent, decimals full precision / num    number "0.0%"
//   kMoney        double (KRW)   400,000,000       400000000 / integer     number "#,##0"
//   kBoolean      bool           예 / 아니오       true|false / boolean    boolean
//   kValue        any of these   by the value      by the value            by the value
//
// A column of changes (Column::Signed) shows positive numbers with a '+' in text, CSV and the
// workbook's display format ("+1" beside "-1"); JSON keeps the number.
//
// kValue is for a column whose values have the type of their row rather than of the column (a
// `gaps` input's value in its own unit: a count, a number, a grade letter or a flag): each cell
// is shown as its own value is (a string as text, a double as a number with `decimals`, a bool
// as a boolean).
//
// An empty cell (Cell{}) means "not applicable" or "missing": blank in CSV and XLSX, null in
// JSON, the column's `empty_text` in the text table. A non-finite number is an empty cell.
//
// Building a table:
//   ResultTable t("awards", "수상 내역", {
//       {"code", "코드", ColumnType::kCode},
//       {"final_score", "최종점수", ColumnType::kNumber, 2, "점"},
//       {"prize_money_krw", "상금", ColumnType::kMoney}});
//   t.AddRow({"11530", 91.25, 100000000.0});   // checked against the column types
//
// Totals (AddTotal) are rows apart from the data: the text table prints them under a rule,
// the workbook writes them below the filter range as SUM / SUMIF formulas (with the value as
// the cached result), JSON lists them under "<id>_totals", and CSV leaves them out (scripts
// sum for themselves).
//
// Banners are statements every renderer must show (e.g. "these figures come from synthetic
// reports", with the count): the first lines of the text output, a "banners" array in JSON, a
// row above the header of every sheet, and a column (banner id = value) on every CSV row.
//
// Plain values; thread-compatible. Tests: tests/unit/render/result_render_test.cpp.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace jobaward {

enum class ColumnType { kText, kCode, kInteger, kNumber, kProbability, kMoney, kBoolean, kValue };

/// The id of a type as documented in engine/docs/outputs.md ("text", "code", ...).
[[nodiscard]] std::string_view ToString(ColumnType type);

struct Column {
  Column() = default;
  Column(std::string id_, std::string label_, ColumnType type_ = ColumnType::kText,
         int decimals_ = 2, std::string unit_ = {})
      : id(std::move(id_)),
        label(std::move(label_)),
        type(type_),
        decimals(decimals_),
        unit(std::move(unit_)) {}

  /// Stable English id: CSV header and JSON key, unique in its table. snake_case ASCII, except
  /// for ids that come from a rubric (indicator and award ids).
  std::string id;
  std::string label;  ///< Korean label: text and workbook header (the unit is added to it).
  ColumnType type = ColumnType::kText;
  /// kNumber: decimals shown in the text table and the workbook's display format;
  /// kProbability: decimals of the percentage. CSV and JSON always keep full precision.
  int decimals = 2;
  std::string unit;     ///< kNumber, kInteger: unit after the label ("점" -> "최종점수(점)").
  bool in_text = true;  ///< false: CSV, JSON and workbook only (ids beside a Korean column).
  std::string empty_text;  ///< What the text table shows for an empty cell (default blank).
  /// kInteger: group thousands in the text table ("1,234"); off for numbers that are names
  /// rather than quantities (seeds).
  bool group_digits = true;
  /// kInteger, kNumber, kProbability, kMoney: the column is a change, so a positive value shows
  /// its sign ("+1", "+20,000,000") in the text table, CSV and the workbook's display format,
  /// and a reader tells a gain from a level; JSON keeps the plain number.
  bool signed_change = false;

  /// This column with in_text = false.
  [[nodiscard]] Column NotInText() const {
    Column c = *this;
    c.in_text = false;
    return c;
  }
  /// This column without thousands grouping in the text table.
  [[nodiscard]] Column Ungrouped() const {
    Column c = *this;
    c.group_digits = false;
    return c;
  }
  /// This column as a change: positive values with their sign (signed_change).
  [[nodiscard]] Column Signed() const {
    Column c = *this;
    c.signed_change = true;
    return c;
  }
  /// This column with `text` shown for empty cells in the text table.
  [[nodiscard]] Column ShowEmptyAs(std::string text) const {
    Column c = *this;
    c.empty_text = std::move(text);
    return c;
  }

  /// The header people read: the label with its unit — "최종점수(점)", "상금(원)", "확률(%)".
  [[nodiscard]] std::string Heading() const;
};

/// One typed value. Implicit from the value it holds, so rows read as lists of values:
/// strings (kText, kCode), integers of any width (kInteger), doubles (kNumber, kProbability,
/// kMoney), bool (kBoolean); Cell{} is empty.
class Cell {
 public:
  using Value = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

  Cell() = default;
  Cell(std::string text) : value_(std::move(text)) {}         // NOLINT(google-explicit-constructor)
  Cell(const char* text) : value_(std::string(text)) {}       // NOLINT(google-explicit-constructor)
  Cell(std::string_view text) : value_(std::string(text)) {}  // NOLINT(google-explicit-constructor)
  Cell(double number) : value_(number) {}                     // NOLINT(google-explicit-constructor)
  Cell(bool flag) : value_(flag) {}                           // NOLINT(google-explicit-constructor)
  template <std::integral T>
  requires(!std::same_as<T, bool>) Cell(T integer)  // NOLINT(google-explicit-constructor)
      : value_(static_cast<std::int64_t>(integer)) {}

  /// Empty when `value` is nullopt.
  template <typename T>
  static Cell Optional(const std::optional<T>& value) {
    return value ? Cell(*value) : Cell();
  }

  /// True for Cell{} and for a non-finite number.
  [[nodiscard]] bool empty() const;
  [[nodiscard]] const Value& value() const noexcept { return value_; }
  [[nodiscard]] const std::string* text() const { return std::get_if<std::string>(&value_); }
  /// The number of an integer or number cell (nullopt when empty or not numeric).
  [[nodiscard]] std::optional<double> number() const;
  [[nodiscard]] bool operator==(const Cell& other) const = default;

 private:
  Value value_;
};

/// A row kept apart from the data rows (see the file comment).
struct TotalRow {
  std::vector<Cell> cells;
  /// When set, the numeric cells are totals over the data rows whose cell in this column equals
  /// this row's cell there (the workbook writes SUMIF); otherwise over every data row (SUM).
  std::optional<std::size_t> within;
};

enum class JsonForm {
  kRows,  ///< An array of row objects (one key per column).
  /// The nested form of gaps.schema.json (categories, governments, levers, answers), built from
  /// the rows of a table of gaps_result.hpp's long columns.
  kGapsTree,
};

enum class TextLayout {
  kColumns,  ///< An aligned table, one line per row.
  kRecords,  ///< One "label: value" line per column, rows one after another (few, wide rows).
};

class ResultTable {
 public:
  ResultTable() = default;
  /// Throws InternalError for a table id that is not snake_case, and for an empty or duplicate
  /// column id or one with a comma, quote or line break.
  ResultTable(std::string id, std::string title, std::vector<Column> columns);

  /// Appends a data row. Throws InternalError when the row has the wrong number of cells or a
  /// cell's value does not fit its column's type (integers fit number columns and become
  /// doubles; a non-finite number is stored as an empty cell).
  void AddRow(std::vector<Cell> cells);
  /// Appends a total row (same checks); see TotalRow.
  void AddTotal(std::vector<Cell> cells, std::optional<std::size_t> within = std::nullopt);

  /// Index of the column with `id`. Throws InternalError when there is none.
  [[nodiscard]] std::size_t ColumnIndex(std::string_view id) const;

  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  [[nodiscard]] const std::string& title() const noexcept { return title_; }
  [[nodiscard]] const std::vector<Column>& columns() const noexcept { return columns_; }
  [[nodiscard]] const std::vector<std::vector<Cell>>& rows() const noexcept { return rows_; }
  [[nodiscard]] const std::vector<TotalRow>& totals() const noexcept { return totals_; }

  /// Text only: one block per distinct value of this column (in order of first appearance),
  /// headed by `group_titles[value]` (or the value); the column itself and the columns empty
  /// throughout the block are left out of it. For per-category tables whose categories have
  /// different columns (indicators, award places).
  std::optional<std::size_t> group_by;
  std::map<std::string, std::string> group_titles;
  TextLayout layout = TextLayout::kColumns;
  /// Text only, for tables too wide for a terminal: printed in parts that each start with the
  /// `text_keys` columns (e.g. code and name) followed by the columns from `text_parts[i].first`
  /// to the next part, headed "<heading> — <text_parts[i].second>". Empty: one part.
  std::vector<std::pair<std::size_t, std::string>> text_parts;
  std::vector<std::size_t> text_keys;
  /// Text only, for a tree: the cells of column `first` indented by two spaces per unit of the
  /// integer column `second` (its depth), e.g. the sub-expressions of a rule.
  std::optional<std::pair<std::size_t, std::size_t>> text_indent;
  bool in_text = true;             ///< false: not in the text output (long detail tables).
  std::vector<std::string> notes;  ///< Korean sentences under the table (text and workbook).
  /// Sheet name when the title does not fit one (31 characters, none of []:*?/\).
  std::string sheet_name;
  JsonForm json_form = JsonForm::kRows;
  std::string json_key;  ///< JSON key when it is not the id.

 private:
  void Check(std::vector<Cell>& cells) const;

  std::string id_;
  std::string title_;
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<TotalRow> totals_;
};

/// A single named value of a result (e.g. draws, seed, total prize money): shown as
/// "label: value" under the title, a top-level key in JSON, a row of the workbook's 요약 sheet.
struct Fact {
  Column column;
  Cell value;
};

/// A statement every renderer shows (see the file comment).
struct Banner {
  Column column;  ///< id and type of the value; label = a short Korean name.
  Cell value;     ///< e.g. the number of synthetic reports.
  std::string
      text;  ///< The Korean sentence people read, e.g. "※ 합성 자료 226건으로 계산한 수치입니다".
};

struct Result {
  std::string command;  ///< e.g. "award", "sensitivity sobol".
  std::string title;    ///< First line of the text output (Korean).
  std::vector<Banner> banners;
  std::vector<Fact> facts;
  std::vector<ResultTable> tables;  ///< The first one is the CSV output unless another is asked.
  std::vector<std::string> notes;   ///< Korean sentences after the tables (text, JSON, workbook).
  /// Text only: when the tables are grouped by the same column (e.g. category), print group by
  /// group — every table's block of the first group, then of the next — instead of table by
  /// table.
  bool text_by_group = false;

  /// The table with `id`, or nullptr.
  [[nodiscard]] const ResultTable* Find(std::string_view id) const;
  /// Adds a fact (checked against its column type like a cell; the id must be snake_case).
  void AddFact(Column column, Cell value);
  /// Adds a banner (checked like a fact).
  void AddBanner(Column column, Cell value, std::string text);
};

}  // namespace jobaward
