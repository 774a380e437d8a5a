// Test helper: reads an .xlsx back by unzipping it (the `unzip` command) and parsing the sheet
// XML and shared strings, so tests check what Excel reads. Test-only; handles the subset of
// SpreadsheetML that libxlsxwriter writes (inline values, shared strings, no rich text).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace jobaward::test {

struct XlsxCell {
  std::string text;  ///< The shared string, or the number as written in <v>.
  bool is_string = false;
  bool is_boolean = false;  ///< t="b": text is "1" or "0".
  std::string formula;      ///< The <f> of a formula cell (text is its cached value), or "".
  int style = 0;            ///< The s= attribute: index into the cellXfs of xl/styles.xml.
};

struct Xlsx {
  std::vector<std::string> sheet_names;                 ///< In workbook order.
  std::vector<std::map<std::string, XlsxCell>> sheets;  ///< Per sheet: "A1" -> cell.
};

/// One entry of the zip archive (throws std::runtime_error when missing).
std::string UnzipEntry(const std::string& xlsx_path, const std::string& entry);

/// Every sheet of the workbook.
Xlsx ReadXlsx(const std::string& xlsx_path);

/// The number format code of the style index `style` of the workbook ("0.00", "#,##0", "0.0%";
/// "General" for none).
std::string NumberFormatOfStyle(const std::string& xlsx_path, int style);

/// The cells of one sheet as rows of text (row 1 = header), empty cells as "".
std::vector<std::vector<std::string>> SheetRows(const std::map<std::string, XlsxCell>& sheet);

}  // namespace jobaward::test
