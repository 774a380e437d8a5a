// Field-level rules shared by the report loaders (YAML, CSV, real figures): how the text of one
// value is read as a number, count, grade, boolean or score, and the exact wording of every
// complaint, so a value is judged the same way whichever file format it came in. Internal to
// jobaward_io. Thread-safe (pure functions).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/scoring/report.hpp"

namespace jobaward::report_detail {

/// A value or why it is not one (the message has no location or key; the caller adds them).
struct ParsedValue {
  std::optional<FieldValue> value;
  std::string error;
};

/// "a number", "a count (a whole number >= 0)", "a grade A, B, C, D or E", "a list of scores",
/// "true or false": what a field of `type` must look like.
[[nodiscard]] std::string ExpectedKind(FieldType type);

/// Reads the text of a number, count, grade or boolean field (not scores) against `spec`.
[[nodiscard]] ParsedValue ParseScalarValue(const FieldSpec& spec, std::string_view text);

/// Most scores a panel field may hold, one per reviewer: the 2020 panels had 3 to 7 reviewers
/// (rubrics/README.md), and each score is a reviewer of the simulation's noise, so a list of
/// thousands is a mistake (a pasted column), not a panel. engine/docs/errors.md, "Limits".
inline constexpr std::size_t kMaxPanelScores = 100;

/// Why `count` scores cannot be one panel's (more than kMaxPanelScores), or nullopt. The caller
/// locates it at the first score beyond the limit.
[[nodiscard]] std::optional<std::string> TooManyScores(std::size_t count);

/// Reads the text of one reviewer score against the range of `spec`.
[[nodiscard]] ParsedValue ParseScore(const FieldSpec& spec, std::string_view text);

/// The names of the schema's fields, in schema order (for did-you-mean and listings).
[[nodiscard]] std::vector<std::string> FieldNames(const ReportSchema& schema);

/// "unknown <what> 'x', did you mean 'y'?" (or the list of field names when nothing is close).
[[nodiscard]] std::string UnknownFieldMessage(std::string_view what, const std::string& name,
                                              const ReportSchema& schema);

/// True when an undeclared field `name` may be skipped under ignore_undeclared_fields: it is not
/// a near miss of a declared field (those stay "unknown ..., did you mean" errors).
[[nodiscard]] bool IgnorableField(const std::string& name, const ReportSchema& schema);

/// Why `code` cannot be a report's government (not 5 digits, not in the registry), or nullopt.
[[nodiscard]] std::optional<std::string> CheckGovernment(std::string_view code,
                                                         const Registry& registry);

/// Blank-trimmed view of `text` (spaces and tabs).
[[nodiscard]] std::string_view Trim(std::string_view text);

/// Reads the cells of one report — a CSV row, a row of a consolidated workbook, a filled template —
/// each given as its text, where it was read and the key that names it in messages (the CSV
/// column, the template's id), into `report`; problems go to `sink`. One reader for every table
/// format, so that a value is judged and worded the same wherever it was typed.
class ReportCellReader {
 public:
  ReportCellReader(const Registry& registry, const ReportLoadOptions& options, DiagnosticSink& sink,
                   Report& report)
      : registry_(registry), options_(options), sink_(sink), report_(report) {}

  /// The 5-digit government code (sets report.government_code and origin).
  void Government(std::string_view text, const SourceLocation& where, const std::string& key);
  /// An optional Korean name, checked against the registry's (after Government).
  void NameKo(std::string_view text, const SourceLocation& where, const std::string& key);
  void Year(std::string_view text, const SourceLocation& where, const std::string& key);
  void Synthetic(std::string_view text, const SourceLocation& where, const std::string& key);
  /// A field in one cell (scores separated by ';'); an empty cell is a missing value.
  void Field(const FieldSpec& spec, std::string_view text, const SourceLocation& where,
             const std::string& key);
  /// A scores field given one score per cell (empty cells are skipped); `where` locates the field.
  void Scores(const FieldSpec& spec,
              const std::vector<std::pair<std::string, SourceLocation>>& cells,
              const SourceLocation& where, const std::string& key);

 private:
  void Keep(const FieldSpec& spec, FieldValue value, const SourceLocation& where);

  const Registry& registry_;
  const ReportLoadOptions& options_;
  DiagnosticSink& sink_;
  Report& report_;
  const jobaward::Government* government_ = nullptr;
};

/// Takes the diagnostics collected in `sink` (empty when there are none).
[[nodiscard]] std::vector<Diagnostic> Drain(DiagnosticSink& sink);

}  // namespace jobaward::report_detail
