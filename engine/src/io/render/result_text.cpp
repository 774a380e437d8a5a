// The terminal rendering of a Result (result_render.hpp).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "jobaward/render/result_render.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

namespace {

bool RightAligned(ColumnType type) {
  return type == ColumnType::kInteger || type == ColumnType::kNumber ||
         type == ColumnType::kProbability || type == ColumnType::kMoney;
}

std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t space = text.find(' ', start);
    const std::size_t end = space == std::string::npos ? text.size() : space;
    if (end > start) words.push_back(text.substr(start, end - start));
    if (space == std::string::npos) break;
    start = space + 1;
  }
  return words;
}

// Header text broken at spaces into lines of at most `width` cells (a word wider than that
// gets a line of its own: words are never cut).
std::vector<std::string> WrapWords(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  for (const std::string& word : Words(text)) {
    if (!lines.empty() && DisplayWidth(lines.back()) + 1 + DisplayWidth(word) <= width) {
      lines.back() += " " + word;
    } else {
      lines.push_back(word);
    }
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::size_t WidestWord(const std::string& text) {
  std::size_t widest = 0;
  for (const std::string& word : Words(text)) widest = std::max(widest, DisplayWidth(word));
  return widest;
}

std::string Pad(const std::string& cell, std::size_t width, bool right) {
  const std::size_t w = DisplayWidth(cell);
  const std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + cell : cell + fill;
}

std::string Line(const std::vector<std::string>& cells, const std::vector<std::size_t>& width,
                 const std::vector<bool>& right) {
  std::string line;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (c > 0) line += "  ";
    line += Pad(cells[c], width[c], right[c]);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

// An aligned table of `columns` (indices into table.columns()) over `rows` and `totals`:
// headers wrapped at spaces to the width of the column's values (never narrower than the
// widest word), bottom-aligned; totals under a rule.
std::string AlignedTable(const ResultTable& table, const std::vector<std::size_t>& columns,
                         const std::vector<const std::vector<Cell>*>& rows,
                         const std::vector<const std::vector<Cell>*>& totals) {
  const std::size_t n = columns.size();
  std::vector<std::vector<std::string>> body;
  std::vector<std::vector<std::string>> foot;
  std::vector<std::size_t> width(n, 0);
  std::vector<bool> right(n, false);
  auto format = [&](const std::vector<const std::vector<Cell>*>& source,
                    std::vector<std::vector<std::string>>& out) {
    for (const auto* row : source) {
      std::vector<std::string> cells;
      for (std::size_t k = 0; k < n; ++k) {
        const Column& col = table.columns()[columns[k]];
        std::string text = FormatCellText(col, (*row)[columns[k]]);
        if (table.text_indent && table.text_indent->first == columns[k]) {
          const auto depth = (*row)[table.text_indent->second].number();
          text.insert(0, 2 * static_cast<std::size_t>(std::max(0.0, depth.value_or(0))), ' ');
        }
        cells.push_back(std::move(text));
        width[k] = std::max(width[k], DisplayWidth(cells.back()));
      }
      out.push_back(std::move(cells));
    }
  };
  format(rows, body);
  format(totals, foot);
  std::vector<std::vector<std::string>> header(n);
  std::size_t header_lines = 1;
  for (std::size_t k = 0; k < n; ++k) {
    const Column& col = table.columns()[columns[k]];
    right[k] = RightAligned(col.type);
    const std::string heading = col.Heading();
    width[k] = std::max(width[k], WidestWord(heading));
    header[k] = WrapWords(heading, width[k]);
    for (const auto& line : header[k]) width[k] = std::max(width[k], DisplayWidth(line));
    header_lines = std::max(header_lines, header[k].size());
  }
  std::string out;
  for (std::size_t line = 0; line < header_lines; ++line) {
    std::vector<std::string> cells(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t skip = header_lines - header[k].size();
      if (line >= skip) cells[k] = header[k][line - skip];
    }
    out += Line(cells, width, right);
  }
  std::vector<std::string> rule(n);
  for (std::size_t k = 0; k < n; ++k) rule[k] = std::string(width[k], '-');
  out += Line(rule, width, right);
  for (const auto& cells : body) out += Line(cells, width, right);
  if (!foot.empty()) {
    if (!body.empty()) out += Line(rule, width, right);
    for (const auto& cells : foot) out += Line(cells, width, right);
  }
  return out;
}

// "label: value" lines, labels padded to one width; rows separated by an empty line.
std::string Records(const ResultTable& table, const std::vector<std::size_t>& columns,
                    const std::vector<const std::vector<Cell>*>& rows) {
  std::size_t label_width = 0;
  for (const std::size_t c : columns) {
    label_width = std::max(label_width, DisplayWidth(table.columns()[c].Heading()));
  }
  std::string out;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (r > 0) out += "\n";
    for (const std::size_t c : columns) {
      const Column& col = table.columns()[c];
      const std::string value = FormatCellText(col, (*rows[r])[c]);
      if (value.empty()) continue;
      out += Pad(col.Heading(), label_width, false) + "  " + value + "\n";
    }
  }
  return out;
}

// The in-text columns of `table` except `skip` that have a value in `rows` or `totals`.
std::vector<std::size_t> ShownColumns(const ResultTable& table, std::optional<std::size_t> skip,
                                      const std::vector<const std::vector<Cell>*>& rows,
                                      const std::vector<const std::vector<Cell>*>& totals,
                                      bool drop_empty) {
  std::vector<std::size_t> shown;
  for (std::size_t c = 0; c < table.columns().size(); ++c) {
    if (!table.columns()[c].in_text || (skip && *skip == c)) continue;
    bool any = !drop_empty;
    for (const auto* source : {&rows, &totals}) {
      for (const auto* row : *source) any = any || !(*row)[c].empty();
    }
    if (any) shown.push_back(c);
  }
  return shown;
}

std::string Joined(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + " — " + b;
}

std::string Block(const ResultTable& table, const std::string& heading,
                  const std::vector<const std::vector<Cell>*>& rows,
                  const std::vector<const std::vector<Cell>*>& totals, bool drop_empty) {
  if (rows.empty() && totals.empty()) return (heading.empty() ? "" : heading + "\n") + "(없음)\n";
  const std::vector<std::size_t> shown =
      ShownColumns(table, table.group_by, rows, totals, drop_empty);
  if (table.layout == TextLayout::kRecords) {
    return (heading.empty() ? "" : heading + "\n") + Records(table, shown, rows);
  }
  if (table.text_parts.empty()) {
    return (heading.empty() ? "" : heading + "\n") + AlignedTable(table, shown, rows, totals);
  }
  std::string out;
  for (std::size_t p = 0; p < table.text_parts.size(); ++p) {
    const std::size_t begin = table.text_parts[p].first;
    const std::size_t end =
        p + 1 < table.text_parts.size() ? table.text_parts[p + 1].first : table.columns().size();
    std::vector<std::size_t> part;
    for (const std::size_t c : shown) {
      const bool key =
          std::find(table.text_keys.begin(), table.text_keys.end(), c) != table.text_keys.end();
      if (key || (c >= begin && c < end)) part.push_back(c);
    }
    out += (p == 0 ? "" : "\n") + heading + " (" + table.text_parts[p].second + ")\n" +
           AlignedTable(table, part, rows, totals);
  }
  return out;
}

std::string GroupKey(const ResultTable& table, const std::vector<Cell>& row) {
  const std::size_t g = *table.group_by;
  return FormatCellCsv(table.columns()[g], row[g]);
}

}  // namespace

namespace {

std::string FormatUnsignedText(const Column& column, const Cell& cell) {
  const Cell::Value& v = cell.value();
  switch (column.type) {
    case ColumnType::kText:
    case ColumnType::kCode:
      return *cell.text();
    case ColumnType::kInteger:
      return column.group_digits ? FormatThousands(static_cast<double>(std::get<std::int64_t>(v)))
                                 : std::to_string(std::get<std::int64_t>(v));
    case ColumnType::kNumber:
      return FormatFixed(std::get<double>(v), column.decimals);
    case ColumnType::kProbability:
      return FormatFixed(std::get<double>(v) * 100, column.decimals);
    case ColumnType::kMoney:
      return FormatThousands(std::get<double>(v));
    case ColumnType::kBoolean:
      return std::get<bool>(v) ? "예" : "아니오";
    case ColumnType::kValue:
      if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return FormatThousands(static_cast<double>(*i));
      }
      if (const auto* d = std::get_if<double>(&v)) return FormatFixed(*d, column.decimals);
      if (const auto* b = std::get_if<bool>(&v)) return *b ? "예" : "아니오";
      return *cell.text();
  }
  return "";
}

}  // namespace

std::string SignedIfChange(const Column& column, const Cell& cell, std::string formatted) {
  const std::optional<double> number = cell.number();
  if (!column.signed_change || !number || !(*number > 0)) return formatted;
  return "+" + formatted;
}

std::string FormatCellText(const Column& column, const Cell& cell) {
  if (cell.empty()) return column.empty_text;
  return SignedIfChange(column, cell, FormatUnsignedText(column, cell));
}

namespace {

// The distinct values of the group column of `table`, in order of first appearance.
std::vector<std::string> GroupKeys(const ResultTable& table) {
  std::vector<std::string> keys;
  for (const auto& row : table.rows()) {
    const std::string key = GroupKey(table, row);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

// The block of group `key` of a grouped table (its rows and the totals within the group), and
// marks the totals it printed in `used`.
std::string GroupBlock(const ResultTable& table, const std::string& key, std::vector<bool>& used) {
  std::vector<const std::vector<Cell>*> rows;
  for (const auto& row : table.rows()) {
    if (GroupKey(table, row) == key) rows.push_back(&row);
  }
  std::vector<const std::vector<Cell>*> totals;
  for (std::size_t t = 0; t < table.totals().size(); ++t) {
    const TotalRow& total = table.totals()[t];
    if (total.within == table.group_by && GroupKey(table, total.cells) == key) {
      totals.push_back(&total.cells);
      used[t] = true;
    }
  }
  const auto title = table.group_titles.find(key);
  return Block(table,
               Joined(title == table.group_titles.end() ? key : title->second, table.title()), rows,
               totals, true);
}

// What a grouped table prints after its groups: the totals no group took, and its notes.
std::string GroupedTail(const ResultTable& table, const std::vector<bool>& used, bool any_group) {
  std::vector<const std::vector<Cell>*> rest;
  for (std::size_t t = 0; t < used.size(); ++t) {
    if (!used[t]) rest.push_back(&table.totals()[t].cells);
  }
  std::string out;
  if (!rest.empty()) out += "\n" + Block(table, Joined("전체", table.title()), {}, rest, true);
  if (!any_group && rest.empty()) out = Block(table, table.title(), {}, {}, true);
  return out;
}

std::string Notes(const std::vector<std::string>& notes) {
  std::string out;
  for (const auto& note : notes) out += note + "\n";
  return out;
}

}  // namespace

std::string RenderTableText(const ResultTable& table) {
  if (!table.group_by) {
    std::vector<const std::vector<Cell>*> rows;
    for (const auto& row : table.rows()) rows.push_back(&row);
    std::vector<const std::vector<Cell>*> totals;
    for (const auto& total : table.totals()) totals.push_back(&total.cells);
    return Block(table, table.title(), rows, totals, false) + Notes(table.notes);
  }
  std::vector<bool> used(table.totals().size(), false);
  const std::vector<std::string> keys = GroupKeys(table);
  std::string out;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    out += (k == 0 ? "" : "\n") + GroupBlock(table, keys[k], used);
  }
  return out + GroupedTail(table, used, !keys.empty()) + Notes(table.notes);
}

namespace {

// Group by group: for each group value, every grouped table's block; ungrouped tables after.
std::string ByGroup(const Result& result) {
  std::vector<std::string> keys;
  for (const ResultTable& table : result.tables) {
    if (!table.in_text || !table.group_by) continue;
    for (const std::string& key : GroupKeys(table)) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  std::vector<std::vector<bool>> used;
  for (const ResultTable& table : result.tables) used.emplace_back(table.totals().size(), false);
  std::string out;
  for (const std::string& key : keys) {
    for (std::size_t t = 0; t < result.tables.size(); ++t) {
      const ResultTable& table = result.tables[t];
      if (!table.in_text || !table.group_by) continue;
      const std::vector<std::string> own = GroupKeys(table);
      if (std::find(own.begin(), own.end(), key) == own.end()) continue;
      out += "\n" + GroupBlock(table, key, used[t]);
    }
  }
  for (std::size_t t = 0; t < result.tables.size(); ++t) {
    const ResultTable& table = result.tables[t];
    if (!table.in_text) continue;
    if (table.group_by) {
      const std::string tail = GroupedTail(table, used[t], true) + Notes(table.notes);
      if (!tail.empty()) out += (tail.front() == '\n' ? "" : "\n") + tail;
    } else {
      out += "\n" + RenderTableText(table);
    }
  }
  return out;
}

}  // namespace

std::string RenderResultText(const Result& result) {
  // Banners before the title: no copy of the first lines can leave them out.
  std::string out;
  for (const Banner& b : result.banners) out += b.text + "\n";
  if (!result.title.empty()) out += result.title + "\n";
  for (const Fact& f : result.facts) {
    // Not applicable (e.g. until_se without --until-se), or not for the terminal.
    if (f.value.empty() || !f.column.in_text) continue;
    out += f.column.Heading() + ": " + FormatCellText(f.column, f.value) + "\n";
  }
  if (result.text_by_group) {
    out += ByGroup(result);
  } else {
    for (const ResultTable& table : result.tables) {
      if (!table.in_text) continue;
      if (!out.empty()) out += "\n";
      out += RenderTableText(table);
    }
  }
  if (!result.notes.empty()) {
    out += "\n";
    for (const auto& note : result.notes) out += note + "\n";
  }
  return out;
}

}  // namespace jobaward
