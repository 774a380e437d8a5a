// The renderers of a Result (result_table.hpp): an aligned text table for the terminal, CSV for
// scripts, JSON, and an Excel workbook. Each shows a cell as its column's type says (the table
// in result_table.hpp); none of them decides what a command computes.
//
//   text  banners, title, facts ("label: value"), then each table with `in_text` (Korean
//         headers wrapped at spaces, never inside a word; one block per group), its totals under
//         a rule and its notes, then the result's notes.
//   CSV   one table (the first, or the one asked for by id): a header of column ids, one line
//         per data row, numbers at full precision (shortest round-trip form), money as whole
//         KRW, booleans true/false, banner columns last. RFC 4180 quoting, '\n' line ends.
//   JSON  {"banners"?, <fact id>: value..., <table id>: [{<column id>: value...}...],
//         "<table id>_totals"?, "notes"?, "provenance"?}: keys in this order, 2-space indent.
//   XLSX  a sheet per table (typed cells, display formats, bold frozen header, autofilter on the
//         data rows, totals as formulas below them, notes under them), a 요약 sheet of the facts
//         and notes, and the 출처 sheet of the provenance record. Written atomically, or made
//         in memory.
//
// Output is deterministic: the same Result gives the same bytes. Thread-compatible.
// Tests: tests/unit/render/result_render_test.cpp (every renderer; workbooks read back from the
// zip).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "jobaward/io/provenance.hpp"
#include "jobaward/results/result_table.hpp"

namespace jobaward {

/// `result` with the banner `synthetic_reports` (the number of synthetic reports, "※ " +
/// SyntheticNotice) that every renderer shows — first line, last CSV column, JSON `banners`,
/// first row of every sheet — when `provenance` says the reports are synthetic (IsSynthetic).
/// Unchanged on real figures and when the result has that banner already. Every output of
/// results (the CLI's and the server's exports) goes through it.
[[nodiscard]] Result WithSyntheticBanner(Result result, const Provenance& provenance);

/// `formatted` (the text of `cell`) with a '+' in front when `column` is a change
/// (Column::Signed) and the value is positive; as it is otherwise. The text table and CSV both
/// sign through it.
[[nodiscard]] std::string SignedIfChange(const Column& column, const Cell& cell,
                                         std::string formatted);

/// The text of one cell as the terminal table shows it (e.g. "1,234", "81.3", "예", "+1").
[[nodiscard]] std::string FormatCellText(const Column& column, const Cell& cell);

/// The text of one cell in CSV (e.g. "1234", "0.8125", "true", "+1"; "" when empty).
[[nodiscard]] std::string FormatCellCsv(const Column& column, const Cell& cell);

/// The terminal rendering of `result`.
[[nodiscard]] std::string RenderResultText(const Result& result);

/// The text rendering of one table (with its groups, totals and notes), as RenderResultText
/// prints it.
[[nodiscard]] std::string RenderTableText(const ResultTable& table);

/// The CSV of the table `table_id` of `result` (empty: the first table). With `bom`, starts
/// with a UTF-8 byte-order mark. Throws InternalError when there is no such table (callers that
/// take the id from the user check it with Result::Find first).
[[nodiscard]] std::string RenderResultCsv(const Result& result, std::string_view table_id = {},
                                          bool bom = false);

/// CSV header line (with '\n') of `table` plus the banner columns of `result`; with
/// RenderCsvRow, for writers that stream rows instead of holding the whole table.
[[nodiscard]] std::string RenderCsvHeader(const Result& result, const ResultTable& table);
/// One CSV line of `cells` (a row of `table`) plus the banner values of `result`.
[[nodiscard]] std::string RenderCsvRow(const Result& result, const ResultTable& table,
                                       const std::vector<Cell>& cells);

/// The JSON document of `result`, with `provenance` as its last key when given. Ends in '\n'.
[[nodiscard]] std::string RenderResultJson(const Result& result,
                                           const Provenance* provenance = nullptr);

/// Writes the workbook of `result` to `path` atomically: a temporary file in the target
/// directory, renamed over `path` only when complete (on any failure `path` is untouched and the
/// temporary file removed); the document's creation time is fixed, so identical results give
/// identical bytes. Throws InputError naming `path` when it cannot be written, InternalError for
/// a table that cannot be a sheet.
void WriteResultXlsx(const std::filesystem::path& path, const Result& result,
                     const Provenance* provenance = nullptr);

/// The bytes WriteResultXlsx writes, made in memory without a file in any directory (the
/// server's exports: a killed server leaves nothing behind). Throws as WriteResultXlsx.
[[nodiscard]] std::string RenderResultXlsx(const Result& result,
                                           const Provenance* provenance = nullptr);

}  // namespace jobaward
