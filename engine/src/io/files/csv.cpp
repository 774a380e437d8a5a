#include "jobaward/io/csv.hpp"

#include <csv.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>

namespace jobaward {

std::optional<double> ParseFiniteNumber(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ParseBoolean(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::optional<std::size_t> CsvTable::ColumnIndex(std::string_view column) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == column) return i;
  }
  return std::nullopt;
}

namespace {

SourceLocation CellOf(const CsvTable& table, int line, std::size_t field) {
  const int column = static_cast<int>(field) + 1;
  if (table.sheet.empty()) return {table.file, line, column};
  return CellLocation(table.file, table.sheet, line, column);
}

}  // namespace

SourceLocation CsvTable::Where(const CsvRow& row, std::size_t field) const {
  return CellOf(*this, row.line, field);
}

SourceLocation CsvTable::WhereRow(const CsvRow& row) const {
  if (sheet.empty()) return {file, row.line};
  const std::string line = std::to_string(row.line);
  return {file, row.line, 0, sheet + "!" + line + ":" + line};
}

SourceLocation CsvTable::WhereHeader() const {
  if (sheet.empty()) return {file, header_line};
  const std::string line = std::to_string(header_line);
  return {file, header_line, 0, sheet + "!" + line + ":" + line};
}

SourceLocation CsvTable::WhereHeader(std::size_t field) const {
  return CellOf(*this, header_line, field);
}

void CheckCsvHeader(const CsvTable& table, DiagnosticSink& sink) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    if (table.header[i].empty()) {
      sink.Add(table.WhereHeader(i), {}, "empty column name in the header");
    } else if (!seen.insert(table.header[i]).second) {
      sink.Add(table.WhereHeader(i), table.header[i], "duplicate column name in the header");
    }
  }
}

namespace {

// Length of the well-formed UTF-8 sequence at text[i] (1 to 4: shortest form, no surrogate,
// at most U+10FFFF), or 0.
std::size_t Utf8SequenceAt(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t len = 0;
  char32_t min = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Valid UTF-8, checked eight ASCII bytes at a time: the common case (a workbook's XML, a YAML
// report) costs about a tenth of the per-character walk that also counts lines and columns.
bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint64_t word = 0;
    if (text.size() - i >= sizeof word) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080U) == 0) {
        i += sizeof word;
        continue;
      }
    }
    const std::size_t len = Utf8SequenceAt(text, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

std::optional<SourceLocation> FindInvalidUtf8(std::string_view text, std::string_view file_name) {
  if (IsValidUtf8(text)) return std::nullopt;
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t len = Utf8SequenceAt(text, i);
    if (len == 0) return SourceLocation{std::string(file_name), line, column};
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += len;
  }
  return std::nullopt;
}

namespace {

// libcsv calls back per field and per row; a callback must not throw (it returns through C), so
// problems go to the sink and a limit of the whole file sets `stop`, which ends the feed.
struct ParseState {
  ParseState(CsvTable& t, const CsvLimits& l, DiagnosticSink& s) : table(t), limits(l), sink(s) {}

  CsvTable& table;
  const CsvLimits& limits;
  DiagnosticSink& sink;
  CsvRow current;
  std::size_t fields_in_row = 0;  // counted past what is stored
  bool has_header = false;
  std::size_t data_rows = 0;
  int line = 0;  // line being fed to the parser
  bool row_open = false;
  bool stop = false;
};

std::string FieldTooLong(std::size_t bytes, std::size_t limit) {
  return "the field is " + std::to_string(bytes) + " bytes long; the limit is " +
         std::to_string(limit);
}

void OnField(void* data, std::size_t len, void* user) {
  auto* st = static_cast<ParseState*>(user);
  ++st->fields_in_row;
  // Fields past the header's count (or past the column limit, in the header) make the row wrong
  // whatever they hold: they are counted, not kept.
  const std::size_t room = st->has_header ? st->table.header.size() : st->limits.max_columns;
  if (st->current.fields.size() >= room) return;
  if (len > st->limits.max_field_bytes) {
    st->sink.Add({st->table.file, st->current.line, static_cast<int>(st->fields_in_row)}, {},
                 FieldTooLong(len, st->limits.max_field_bytes));
    len = 0;
  }
  st->current.fields.emplace_back(static_cast<const char*>(data), len);
}

void OnRowEnd(int /*terminator*/, void* user) {
  auto* st = static_cast<ParseState*>(user);
  CsvTable& table = st->table;
  const std::size_t count = st->fields_in_row;
  CsvRow row = std::move(st->current);
  st->current = CsvRow{};
  st->fields_in_row = 0;
  st->row_open = false;
  // libcsv reports a blank line as no row, and a row of only blanks as one empty field.
  if (count == 0 || (count == 1 && row.fields[0].empty()) || st->stop) return;
  if (!st->has_header) {
    if (count > st->limits.max_columns) {
      st->sink.Add({table.file, row.line}, {},
                   "the header has " + std::to_string(count) + " columns; the limit is " +
                       std::to_string(st->limits.max_columns));
      st->stop = true;
      return;
    }
    st->has_header = true;
    table.header = std::move(row.fields);
    table.header_line = row.line;
    // A column name past the field limit was kept empty; "empty column name" would mislead.
    if (st->sink.empty()) CheckCsvHeader(table, st->sink);
    st->current.fields.reserve(table.header.size());
    return;
  }
  ++st->data_rows;
  if (st->data_rows > st->limits.max_rows ||
      st->data_rows > st->limits.max_cells / table.header.size()) {
    const bool rows = st->data_rows > st->limits.max_rows;
    st->sink.Add({table.file, row.line}, {},
                 rows ? "more than " + std::to_string(st->limits.max_rows) +
                            " data rows, the limit; the rest of the file is not read"
                      : "more than " + std::to_string(st->limits.max_cells) + " cells (" +
                            std::to_string(st->data_rows - 1) + " rows of " +
                            std::to_string(table.header.size()) +
                            " columns), the limit; the rest of the file is not read");
    st->stop = true;
    return;
  }
  if (count != table.header.size()) {
    st->sink.Add({table.file, row.line}, {},
                 "expected " + std::to_string(table.header.size()) +
                     " fields as in the header, got " + std::to_string(count));
    return;
  }
  // A file with a problem is refused whole: its rows would only cost memory.
  if (!st->sink.empty()) return;
  table.rows.push_back(std::move(row));
  st->current.fields.reserve(table.header.size());
}

}  // namespace

std::vector<std::string_view> SplitCsvBlocks(std::string_view csv) {
  std::vector<std::string_view> blocks;
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '"') quoted = !quoted;
    if (!quoted && csv[i] == '\n' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      blocks.push_back(csv.substr(start, i + 1 - start));
      while (i + 1 < csv.size() && csv[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < csv.size()) blocks.push_back(csv.substr(start));
  return blocks;
}

CsvTable ParseCsv(std::string_view text, std::string_view file_name, const CsvLimits& limits) {
  CsvTable table;
  table.file = std::string(file_name);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (auto bad = FindInvalidUtf8(text, file_name)) {
    throw InputError(Diagnostic{*bad, {}, "invalid UTF-8 byte; save the file as UTF-8", {}});
  }

  csv_parser parser{};
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    throw InternalError("csv_init failed");
  }
  // libcsv grows its field buffer by a fixed block (128 bytes by default): a long field then costs
  // one realloc per block, quadratic when realloc moves (as under ASan). 1 MiB blocks keep an
  // 8 MiB field to a few reallocs.
  csv_set_blk_size(&parser, std::size_t{1} << 20);
  DiagnosticSink sink;
  ParseState st(table, limits, sink);
  // Fed one physical line at a time so each row knows the line it starts on, even when a quoted
  // field spans several lines.
  std::size_t pos = 0;
  bool failed = false;
  while (pos < text.size() && !failed && !st.stop) {
    std::size_t end = text.find('\n', pos);
    end = (end == std::string_view::npos) ? text.size() : end + 1;
    ++st.line;
    // A blank line between rows produces no row, so it must not claim the next row's start.
    const bool blank =
        text.substr(pos, end - pos).find_first_not_of("\r\n") == std::string_view::npos;
    if (!st.row_open && !blank) {
      st.current.line = st.line;
      st.row_open = true;
    }
    const std::size_t len = end - pos;
    if (csv_parse(&parser, text.data() + pos, len, OnField, OnRowEnd, &st) != len) failed = true;
    pos = end;
  }
  if (!failed && !st.stop && csv_fini(&parser, OnField, OnRowEnd, &st) != 0) failed = true;
  const int error = csv_error(&parser);
  csv_free(&parser);
  if (failed) {
    const std::string what = error == CSV_EPARSE
                                 ? "malformed CSV (a quote is misplaced or not closed)"
                                 : csv_strerror(error);
    throw InputError(Diagnostic{{std::string(file_name), st.current.line}, {}, what, {}});
  }
  if (!st.has_header && sink.empty()) {
    throw InputError(
        Diagnostic{{std::string(file_name)}, {}, "file is empty; expected a header row", {}});
  }
  sink.ThrowIfAny();
  return table;
}

}  // namespace jobaward
