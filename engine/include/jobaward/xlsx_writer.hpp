// Excel workbooks for analysts: named sheets, each one table with typed cells (text, integers,
// numbers with a display format, KRW amounts, percentages), a frozen header row, an autofilter and
// column widths that fit Korean names (Hangul counts two cells, as in the text tables); plus an
// "Inputs" sheet with the provenance record. Written with libxlsxwriter, never hand-made XML.
//
// Cells are held as the same strings the CSV output prints and converted per column when the
// workbook is written, so a sheet and the CSV of the same view can never disagree on a value. A
// cell of a numeric column that is empty becomes a blank cell; one that is not a number ("n/a")
// stays text.
//
// Writing is atomic like WriteFileAtomic: libxlsxwriter writes a temporary file in the target
// directory, which is renamed over the target only when the workbook is complete; on any failure
// the temporary file is removed and the target is untouched. The document's creation time is
// fixed (not the wall clock), so the sheets carry nothing that varies between identical runs.
//
// Thread-compatible; no global state. Tests: tests/unit/xlsx_test.cpp (reads a workbook back by
// unzipping it and checks sheet names, headers, typed cells and the Inputs sheet; atomicity).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/provenance.hpp"
#include "jobaward/text_table.hpp"

namespace jobaward {

enum class CellKind {
  kText,
  kInteger,  ///< Whole numbers, format "0".
  kNumber,   ///< Decimal numbers, format from SheetColumn::number_format (default "0.00").
  kMoney,    ///< KRW amounts, format "#,##0".
  kPercent,  ///< Fractions shown as percentages, format "0.00%" (0.4213 shows as 42.13%).
};

struct SheetColumn {
  std::string header;
  CellKind kind = CellKind::kText;
  std::string number_format;  ///< Excel format code; empty = the kind's default.
};

/// One sheet: one table. Every row has one cell per column (checked when writing).
struct Sheet {
  std::string name;  ///< At most 31 characters, none of []:*?/\ (checked when writing).
  std::vector<SheetColumn> columns;
  std::vector<std::vector<std::string>> rows;
};

struct Workbook {
  std::vector<Sheet> sheets;
  /// When set, a last sheet named "Inputs" records it (item, value, bytes, sha256). When it
  /// says reports are synthetic (IsSynthetic), every sheet, Inputs too, starts with a banner row
  /// (SyntheticNotice, bold red) above its header.
  std::optional<Provenance> provenance;
};

/// A sheet of `table` with each column's kind inferred from its cells: integers (unless the
/// header names an identifier: "code", "id", "*_code", "*_id"), numbers (format with as many
/// decimals as the longest cell, 1 to 6), KRW amounts (numeric header containing "money",
/// "krw", "prize", "상금" or "(원)"; thousands may be grouped as "1,000"), percentages (numeric
/// header starting with "p_" or "prob", all values in [0, 1]); anything else is text. Set
/// SheetColumn::kind afterwards to override.
[[nodiscard]] Sheet SheetFromTable(std::string name, const Table& table);

/// The sheets of a command's CSV output, so that a workbook and the CSV of the same run cannot
/// disagree: one sheet per CSV block (blocks are separated by an empty line outside quotes, as
/// `simulate` writes one per category), named `names[i]` (or "Sheet<i>" past the end), columns
/// inferred as by SheetFromTable. A leading UTF-8 BOM is ignored. Throws InternalError when the
/// text is not valid CSV (the commands' own output always is).
[[nodiscard]] std::vector<Sheet> SheetsFromCsv(std::string_view csv,
                                               const std::vector<std::string>& names);

/// The Inputs sheet of `provenance`.
[[nodiscard]] Sheet ProvenanceSheet(const Provenance& provenance);

/// Writes `workbook` to `path` atomically. Throws InputError naming `path` when it cannot be
/// written, InternalError for an invalid sheet (bad or duplicate name, ragged rows).
void WriteXlsx(const std::filesystem::path& path, const Workbook& workbook);

}  // namespace jobaward
