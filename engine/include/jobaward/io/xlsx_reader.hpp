// Reading .xlsx workbooks (Office Open XML spreadsheets) as offices send them: the filled cells of
// named sheets, typed as Excel stores them (numbers, text from the shared-string table or inline,
// booleans, error values, dates recognised by their number format). Built on libzip (the zip
// archive, read from memory) and expat (each part parsed as it inflates, never held whole; no
// DTD, no entity expansion).
//
// Hostile files are bounded: the number of archive entries, the uncompressed size of each part
// and of all parts read are limited while inflating (never trusting the sizes the zip headers
// claim), and so is the number of filled cells and their text; a sheet costs 16 bytes a filled
// cell plus its text (`XlsxSheet`). Macro-enabled workbooks (vbaProject.bin, macro
// content types) and workbooks with external links are refused; an .xls or password-protected
// file (an OLE container, not a zip) gets its own message. Entry names with path tricks (absolute,
// "..", backslashes) are never used, and relationship targets that leave the archive's root do not
// resolve. Nothing is extracted to disk.
//
// Every problem is an InputError naming the file (and the cell, "file.xlsx:보고서!C7"). An
// XlsxWorkbook is thread-compatible: one per thread, or guarded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/error.hpp"

namespace jobaward {

struct XlsxLimits {
  // A filled template has ~15 entries of a few KB; a consolidated workbook of 10,000 reports has
  // a sheet of ~10 MB. Far above both, far below what would hurt.
  std::size_t max_entries = 500;                         ///< Entries in the archive.
  std::size_t max_part_bytes = std::size_t{32} << 20;    ///< One part, uncompressed.
  std::size_t max_total_bytes = std::size_t{128} << 20;  ///< All parts read, uncompressed.
  std::size_t max_cells = 1'000'000;                     ///< Filled cells of a sheet.
  /// What the reader keeps of a workbook — its shared strings (their text and 8 bytes each) and
  /// the sheet being read (16 bytes a cell and its text) — is at most `kept_bytes` plus
  /// `kept_bytes_per_input_byte` times the file's size. A shared string is stored once but copied
  /// into every cell that refers to it, and XML deflates ~1000:1, so a file of a few kilobytes
  /// could stand for gigabytes; a loader's tables cost about twice what the sheet keeps (a
  /// reports table: 32 bytes a field and the text again), so that a whole load stays within 64 MB
  /// plus 20 times the file (engine/docs/errors.md, "Limits"). A real sheet of a million numeric
  /// cells is ~2.5 MB deflated and keeps ~21 MB.
  std::size_t kept_bytes = std::size_t{16} << 20;
  std::size_t kept_bytes_per_input_byte = 4;
};

enum class XlsxKind : std::uint8_t {
  kNumber,   ///< text: the shortest decimal that reads back to the same double ("13300").
  kText,     ///< text: the string (shared, inline or a formula's result).
  kBoolean,  ///< text: "TRUE" or "FALSE", as Excel shows them.
  kError,    ///< text: the error value, e.g. "#DIV/0!".
  kDate,     ///< text: "2020-03-01" (with " 12:30:00" when there is a time of day).
};

/// 16 bytes: a sheet may hold a million of them. Its text is in its sheet (XlsxSheet::Text).
struct XlsxCell {
  std::uint32_t row = 0;     ///< 1-based.
  std::uint16_t column = 0;  ///< 1-based (A = 1); Excel's last column, XFD, is 16,384.
  XlsxKind kind = XlsxKind::kText;
  std::uint32_t text_begin = 0;  ///< In XlsxSheet::text.
  std::uint32_t text_size = 0;
};

struct XlsxSheet {
  std::string name;
  std::vector<XlsxCell> cells;  ///< Filled cells only, sorted by row, then column.
  std::string text;             ///< The cells' text, one after another (no separators).
  [[nodiscard]] std::string_view Text(const XlsxCell& cell) const {
    return std::string_view(text).substr(cell.text_begin, cell.text_size);
  }
};

class XlsxWorkbook {
 public:
  /// Opens the workbook held in `bytes`: reads the content types, the workbook and its
  /// relationships, shared strings and number formats. Throws InputError naming `file_name`.
  XlsxWorkbook(std::string bytes, std::string file_name, XlsxLimits limits = {});
  ~XlsxWorkbook();
  XlsxWorkbook(XlsxWorkbook&&) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept;

  /// The sheets' names in workbook order.
  [[nodiscard]] const std::vector<std::string>& sheet_names() const;
  /// Index of the sheet named `name`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> SheetIndex(std::string_view name) const;
  /// Reads the filled cells of sheet `index`. Throws InputError (malformed XML, a bad cell).
  [[nodiscard]] XlsxSheet ReadSheet(std::size_t index);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jobaward
