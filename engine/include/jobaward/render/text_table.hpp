// Plain tabular output shared by every command: an aligned text table whose columns line up
// with Korean names (Hangul counts as two terminal cells), and RFC 4180 CSV.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jobaward {

enum class Align { kLeft, kRight };

struct Table {
  std::vector<std::string> header;
  std::vector<Align> align;  ///< One per column; missing entries are left-aligned.
  std::vector<std::vector<std::string>> rows;
};

/// Number of terminal cells `utf8` occupies (East Asian wide characters count two).
[[nodiscard]] std::size_t DisplayWidth(std::string_view utf8);

/// Aligned text, header underlined with dashes, two spaces between columns, trailing spaces
/// trimmed, one '\n' per line.
[[nodiscard]] std::string RenderText(const Table& table);

/// CSV with a header row; fields quoted only when needed; '\n' line ends. With `bom`, starts
/// with a UTF-8 byte-order mark so Excel opens Korean text correctly.
[[nodiscard]] std::string RenderCsv(const Table& table, bool bom = false);

/// Quotes one CSV field if it needs it.
[[nodiscard]] std::string CsvField(std::string_view field);

/// The shortest text that reads back as the same double, without a sign on zero: "0.1",
/// "96.44000000000001", "1e-07", "13300", "0". For files read back by the loaders (CSV, YAML).
[[nodiscard]] std::string FormatShortest(double value);

/// Formats a number with a fixed count of decimals ("-0.00" becomes "0.00"), locale-independent.
[[nodiscard]] std::string FormatFixed(double value, int decimals);

/// Rounds to a whole number and groups thousands with commas, locale-independent: 400000000 ->
/// "400,000,000", -1234.6 -> "-1,235". For tables read by people (money); CSV and JSON keep plain
/// numbers.
[[nodiscard]] std::string FormatThousands(double value);

}  // namespace jobaward
