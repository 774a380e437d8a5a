// Diagnostics and the two exception types of jobaward.
//
// InputError means the user's data is wrong (a file, a rule, a report); it carries every problem
// found, each with file, line, column and key, so an analyst can fix them all in one pass.
// InternalError means jobaward itself is wrong (a broken invariant): it is a bug, never bad data.
// Both are thread-compatible value types.
#pragma once

#include <stdexcept>
#include <string>
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

/// Collects diagnostics while a loader reads a whole file, then throws them all at once.
class DiagnosticSink {
 public:
  void Add(Diagnostic d) { diagnostics_.push_back(std::move(d)); }
  void Add(SourceLocation where, std::string key, std::string message) {
    diagnostics_.push_back({std::move(where), std::move(key), std::move(message), {}});
  }
  [[nodiscard]] bool empty() const noexcept { return diagnostics_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return diagnostics_.size(); }
  /// Throws InputError with everything collected, if anything was.
  void ThrowIfAny();

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Throws InternalError with `message` when `condition` is false. For invariants only.
inline void Require(bool condition, const char* message) {
  if (!condition) throw InternalError(message);
}

/// The closest of `candidates` to `word` by edit distance, or "" when none is close enough.
/// Used for "did you mean" suggestions on unknown keys and names.
[[nodiscard]] std::string ClosestMatch(const std::string& word,
                                       const std::vector<std::string>& candidates);

/// "unknown <what> '<word>', did you mean '<closest>'?", or, when nothing is close,
/// "unknown <what> '<word>' (expected one of: a, b, c)". One wording for every loader.
[[nodiscard]] std::string UnknownNameMessage(const std::string& what, const std::string& word,
                                             const std::vector<std::string>& candidates);

}  // namespace jobaward
