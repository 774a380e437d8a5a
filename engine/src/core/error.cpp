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

namespace {

// Length of the UTF-8 sequence that starts with byte `c` (1 for a stray continuation byte, so a
// walk always advances).
std::size_t SequenceLength(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// The byte length of the first `max_characters` characters of `text`, and whether that is all of
// it; counts the characters of the rest only when cut.
struct Cut {
  std::size_t bytes = 0;
  bool whole = true;
  std::size_t characters = 0;  // of the whole text, when cut
};

Cut CutAt(std::string_view text, std::size_t max_characters) {
  Cut cut;
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < text.size() && n < max_characters) {
    i += SequenceLength(static_cast<unsigned char>(text[i]));
    ++n;
  }
  cut.bytes = std::min(i, text.size());
  if (cut.bytes == text.size()) return cut;
  cut.whole = false;
  cut.characters = n;
  for (; i < text.size(); i += SequenceLength(static_cast<unsigned char>(text[i]))) {
    ++cut.characters;
  }
  return cut;
}

// Longer than any legitimate key path or message: past this, a loader echoed hostile input.
constexpr std::size_t kMaxKeyCharacters = 200;
constexpr std::size_t kMaxMessageCharacters = 4096;

}  // namespace

std::string QuoteForMessage(std::string_view text, char quote, std::size_t max_characters) {
  const Cut cut = CutAt(text, max_characters);
  std::string out(1, quote);
  out.append(text.substr(0, cut.bytes));
  if (cut.whole) return out + quote;
  return out + "…" + quote + " (" + std::to_string(cut.characters) + " characters)";
}

std::string CutForMessage(std::string_view text, std::size_t max_characters) {
  const Cut cut = CutAt(text, max_characters);
  std::string out(text.substr(0, cut.bytes));
  if (!cut.whole) out += "…";
  return out;
}

Diagnostic UnlistedProblems(SourceLocation first, std::size_t count, std::size_t listed) {
  return {std::move(first),
          {},
          "and " + std::to_string(count) + " more problem" + (count == 1 ? "" : "s") +
              " from here on (only the first " + std::to_string(listed) + " are listed)",
          {}};
}

void DiagnosticSink::Add(Diagnostic d) {
  if (full()) {
    ++unlisted_;
    for (auto& u : unlisted_by_file_) {
      if (u.first.file == d.where.file) {
        ++u.count;
        return;
      }
    }
    unlisted_by_file_.push_back({std::move(d.where), 1});
    return;
  }
  if (d.key.size() > kMaxKeyCharacters) d.key = CutForMessage(d.key, kMaxKeyCharacters);
  if (d.message.size() > kMaxMessageCharacters) {
    d.message = CutForMessage(d.message, kMaxMessageCharacters);
  }
  diagnostics_.push_back(std::move(d));
}

void DiagnosticSink::ThrowIfAny() {
  if (empty()) return;
  std::vector<Diagnostic> out;
  out.swap(diagnostics_);
  for (auto& u : unlisted_by_file_) {
    out.push_back(UnlistedProblems(std::move(u.first), u.count, limit_));
  }
  unlisted_by_file_.clear();
  unlisted_ = 0;
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
    // The distance is at least the difference in length.
    const std::size_t gap =
        word.size() > c.size() ? word.size() - c.size() : c.size() - word.size();
    if (gap >= best_distance) continue;
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
  std::string message = "unknown " + what + " " + QuoteForMessage(word);
  const std::string hint = ClosestMatch(word, candidates);
  if (!hint.empty()) return message + ", did you mean '" + hint + "'?";
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
  return message + " (expected one of: " + list + ")";
}

}  // namespace jobaward
