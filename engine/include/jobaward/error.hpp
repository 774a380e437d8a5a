// Diagnostics and the two exception types of jobaward.
//
// InputError means the user's data is wrong (a file, a rule, a report); it carries every problem
// found, each with file, line, column and key, so an analyst can fix them all in one pass.
// InternalError means jobaward itself is wrong (a broken invariant): it is a bug, never bad data.
// Both are thread-compatible value types.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace jobaward {

/// A position in an input. Lines and columns are 1-based; 0 means "unknown". In a workbook, line
/// and column are the cell's row and column and `cell` names it as Excel does ("보고서!C7").
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string cell = {};

  /// "file:line:column", dropping the parts that are unknown; "file:cell" for a workbook cell.
  [[nodiscard]] std::string ToString() const;
};

/// "A", "Z", "AA", ... for spreadsheet columns 1, 26, 27, ...
[[nodiscard]] std::string ColumnName(int column);

/// The location of a workbook cell: line = row, column = column, cell = "Sheet!C7".
[[nodiscard]] SourceLocation CellLocation(const std::string& file, const std::string& sheet,
                                          int row, int column);

/// One problem in an input.
struct Diagnostic {
  SourceLocation where;
  std::string
      key;  ///< Dotted path of the offending key, e.g. "indicators[3].points"; may be empty.
  std::string message;  ///< What was expected and what was found.
  std::string excerpt;  ///< Optional source line with a caret under the column (multi-line text).

  /// "file:line:col: key: message" followed by the excerpt on the next lines, if any.
  [[nodiscard]] std::string ToString() const;
};

/// Renders `text` with a caret under 1-based `column`, e.g. for expression errors:
///   workers >= = 3
///              ^
[[nodiscard]] std::string CaretExcerpt(const std::string& text, int column);

/// Thrown when user input is invalid. Holds at least one diagnostic.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  explicit InputError(Diagnostic diagnostic);

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Thrown when an invariant of jobaward is broken: a bug, not bad data.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

/// How many diagnostics of one file an InputError lists: enough to fix a file in a pass or two,
/// few enough that a hostile file (two million bad values) costs kilobytes of memory and of
/// stderr instead of gigabytes. The rest are counted and summed up in one last line per file.
inline constexpr std::size_t kMaxDiagnosticsPerFile = 100;

/// Input text echoed in a message (an unknown key, a bad value, a column name) is cut to this
/// many characters; the longest legitimate echo (a scenario key such as
/// '2020-disclosure.awards.levels.top.count') is about half of it.
inline constexpr std::size_t kMaxEchoCharacters = 80;

/// `text` in `quote`s for a message: 'abc', or, past `max_characters` characters (code points,
/// cut at a character boundary), 'abc…' (50000000 characters).
[[nodiscard]] std::string QuoteForMessage(std::string_view text, char quote = '\'',
                                          std::size_t max_characters = kMaxEchoCharacters);

/// `text` unquoted, cut to `max_characters` characters with "…" when longer (for numbers echoed
/// bare, "got 161.5", and key paths).
[[nodiscard]] std::string CutForMessage(std::string_view text,
                                        std::size_t max_characters = kMaxEchoCharacters);

/// Collects diagnostics while a loader reads a whole file, then throws them all at once. It keeps
/// the first `limit` (kMaxDiagnosticsPerFile) in the order they are added — loaders add them in
/// file order — and only counts the rest, by file; ThrowIfAny then ends the list with one line per
/// file that had more, at the first one not listed:
///   big.yaml:3:212: and 1999900 more problems from here on (only the first 100 are listed)
/// Keys and messages longer than any legitimate one are cut, so one diagnostic stays small
/// whatever a loader echoes.
class DiagnosticSink {
 public:
  DiagnosticSink() = default;
  explicit DiagnosticSink(std::size_t limit) : limit_(limit) {}

  void Add(Diagnostic d);
  void Add(SourceLocation where, std::string key, std::string message) {
    Add(Diagnostic{std::move(where), std::move(key), std::move(message), {}});
  }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  /// Every diagnostic added, listed or not.
  [[nodiscard]] std::size_t size() const noexcept { return diagnostics_.size() + unlisted_; }
  /// True once the limit is reached: what is added now is only counted, so a loader may skip work
  /// whose only use is a message.
  [[nodiscard]] bool full() const noexcept { return diagnostics_.size() >= limit_; }
  /// Throws InputError with everything collected, if anything was.
  void ThrowIfAny();

 private:
  struct Unlisted {
    SourceLocation first;
    std::size_t count = 0;
  };
  std::size_t limit_ = kMaxDiagnosticsPerFile;
  std::vector<Diagnostic> diagnostics_;
  std::vector<Unlisted> unlisted_by_file_;  // in the order files first overflowed; few
  std::size_t unlisted_ = 0;
};

/// The closing line of a list cut at `listed` diagnostics: at `first` (the first one not listed),
/// "and `count` more problems from here on (only the first `listed` are listed)". Used by the
/// sink and by the batch loaders, which bound the rejected rows of one CSV file the same way.
[[nodiscard]] Diagnostic UnlistedProblems(SourceLocation first, std::size_t count,
                                          std::size_t listed);

/// Throws InternalError with `message` when `condition` is false. For invariants only.
inline void Require(bool condition, const char* message) {
  if (!condition) throw InternalError(message);
}

/// The closest of `candidates` to `word` by edit distance, or "" when none is close enough.
/// Used for "did you mean" suggestions on unknown keys and names. A candidate whose length differs
/// from the word's by the threshold or more cannot be close and is skipped unmeasured, so an
/// overlong word (a 50 MB column name) costs nothing.
[[nodiscard]] std::string ClosestMatch(const std::string& word,
                                       const std::vector<std::string>& candidates);

/// "unknown <what> '<word>', did you mean '<closest>'?", or, when nothing is close,
/// "unknown <what> '<word>' (expected one of: a, b, c)". One wording for every loader.
[[nodiscard]] std::string UnknownNameMessage(const std::string& what, const std::string& word,
                                             const std::vector<std::string>& candidates);

}  // namespace jobaward
