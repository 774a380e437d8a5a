// A CSV table read into memory, with the source line of every row, for loaders that must
// report "file:line: column 'x': ..." on bad data. Parsing is done by libcsv (RFC 4180: quoted
// fields, embedded commas, quotes and newlines); this module adds line tracking, a UTF-8 BOM
// check and header lookup.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/error.hpp"

namespace jobaward {

struct CsvRow {
  int line = 0;  ///< 1-based line on which the row starts.
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string file;
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  ///< Data rows; blank lines are skipped.
  int header_line = 1;       ///< Line (or sheet row) of the header.
  /// Set when the table is a workbook sheet (a consolidated reports workbook): locations then
  /// name cells ("Sheet1!C7"), a row's line is its sheet row and field i is in column i + 1.
  std::string sheet;

  /// Index of `column` in the header, or nullopt.
  [[nodiscard]] std::optional<std::size_t> ColumnIndex(std::string_view column) const;
  /// Location of a cell, for diagnostics (column is the 1-based field number).
  [[nodiscard]] SourceLocation Where(const CsvRow& row, std::size_t field) const;
  /// Location of a row ("file:line", or "file:Sheet1!7:7").
  [[nodiscard]] SourceLocation WhereRow(const CsvRow& row) const;
  /// Location of the header row, or of its cell `field`.
  [[nodiscard]] SourceLocation WhereHeader() const;
  [[nodiscard]] SourceLocation WhereHeader(std::size_t field) const;
};

/// Reports empty and duplicate column names of `table.header` to `sink`.
void CheckCsvHeader(const CsvTable& table, DiagnosticSink& sink);

/// What one CSV input (the registry, a reports CSV) may hold: far more than any real one, and
/// little enough that a hostile file cannot make the table much larger than the file. A cell
/// costs 32 bytes even when it is empty (one byte of the file), so the cells, not the bytes, are
/// what is bounded; engine/docs/errors.md ("Limits") lists the values.
struct CsvLimits {
  std::size_t max_columns = 1000;       ///< The reports CSV has 28 columns, the registry 13.
  std::size_t max_rows = 100000;        ///< Data rows; `synth` writes at most 40,243.
  std::size_t max_cells = 2000000;      ///< Data rows times columns: 64 MB of empty cells.
  std::size_t max_field_bytes = 65536;  ///< A name, number or citation is far shorter.
};

/// Parses CSV text (UTF-8, an optional BOM is skipped). The first row is the header.
/// Throws InputError on malformed CSV, invalid UTF-8, an empty file, duplicate header names, a
/// row whose field count differs from the header's (every such row is reported, within the bound
/// of kMaxDiagnosticsPerFile) or a file past `limits`. Rows are kept only while the file has no
/// problem, so a bad file costs no more memory than its diagnostics.
[[nodiscard]] CsvTable ParseCsv(std::string_view text, std::string_view file_name,
                                const CsvLimits& limits = {});

/// Splits a command's CSV output into its blocks (tables separated by an empty line outside
/// quotes, as `simulate` writes one per category). Each block keeps its final newline.
[[nodiscard]] std::vector<std::string_view> SplitCsvBlocks(std::string_view csv);

/// Checks that `text` is valid UTF-8; returns the 1-based line and column of the first bad byte.
[[nodiscard]] std::optional<SourceLocation> FindInvalidUtf8(std::string_view text,
                                                            std::string_view file_name);

/// Strict number parsing shared by every loader: the whole text (surrounding blanks allowed) must
/// be a finite decimal number; "1e400", "nan", "inf", ".inf", "12abc", "" and "0x10" are rejected.
[[nodiscard]] std::optional<double> ParseFiniteNumber(std::string_view text);

/// Boolean parsing shared by every loader (registry, report CSV/YAML/workbook, YAML specs): true,
/// True, TRUE, false, False, FALSE (Excel writes TRUE/FALSE), surrounding blanks allowed; anything
/// else is nullopt.
[[nodiscard]] std::optional<bool> ParseBoolean(std::string_view text);

}  // namespace jobaward
