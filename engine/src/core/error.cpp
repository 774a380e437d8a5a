#include "jobaward/error.hpp"

#include <algorithm>
#include <numeric>

namespace jobaward {

std::string SourceLocation::ToString() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (!cell.empty()) return out + ':' + cell;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  return out;
}

std::string ColumnName(int column) {
  std::string out;
  for (; column > 0; column = (column - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return out;
}

SourceLocation CellLocation(const std::string& file, const std::string& sheet, int row,
                            int column) {
  return {file, row, column, sheet + "!" + ColumnName(column) + std::to_string(row)};
}

std::string Diagnostic::ToString() const {
  std::string out = where.ToString() + ": ";
  if (!key.empty()) out += key + ": ";
  out += message;
  if (!excerpt.empty()) out += '\n' + excerpt;
  return out;
}

std::string CaretExcerpt(const std::string& text, int column) {
  // Columns count code points so that the caret lines up under Korean text in a terminal that
  // shows each Hangul syllable as two cells; we pad with one space per byte-free code point and
  // two for wide (East Asian) ones.
  std::string pad;
  int cp = 1;
  for (std::size_t i = 0; i < text.size() && cp < column; ++cp) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    pad += (len >= 3) ? "  " : " ";
    i += len;
  }
  return "  " + text + "\n  " + pad + "^";
}

namespace {
std::string Summarise(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(Summarise(diagnostics)), diagnostics_(std::move(diagnostics)) {
  Require(!diagnostics_.empty(), "InputError needs at least one diagnostic");
}

InputError::InputError(Diagnostic diagnostic)
    : InputError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

void DiagnosticSink::ThrowIfAny() {
  if (diagnostics_.empty()) return;
  std::vector<Diagnostic> out;
  out.swap(diagnostics_);
  throw InputError(std::move(out));
}

namespace {
std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::string ClosestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string UnknownNameMessage(const std::string& what, const std::string& word,
                               const std::vector<std::string>& candidates) {
  std::string message = "unknown " + what + " '" + word + "'";
  const std::string hint = ClosestMatch(word, candidates);
  if (!hint.empty()) return message + ", did you mean '" + hint + "'?";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return message + " (expected one of: " + list + ")";
}

}  // namespace jobaward
