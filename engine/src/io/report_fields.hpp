// Field-level rules shared by the report loaders (YAML, CSV, real figures): how the text of one
// value is read as a number, count, grade, boolean or score, and the exact wording of every
// complaint, so a value is judged the same way whichever file format it came in. Internal to
// jobaward_io. Thread-safe (pure functions).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/registry.hpp"
#include "jobaward/report.hpp"

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

/// Reads the text of one reviewer score against the range of `spec`.
[[nodiscard]] ParsedValue ParseScore(const FieldSpec& spec, std::string_view text);

/// Reads a boolean: true/false, True/False, TRUE/FALSE.
[[nodiscard]] std::optional<bool> ParseBoolText(std::string_view text);

/// The names of the schema's fields, in schema order (for did-you-mean and listings).
[[nodiscard]] std::vector<std::string> FieldNames(const ReportSchema& schema);

/// "unknown <what> 'x', did you mean 'y'?" (or the list of field names when nothing is close).
[[nodiscard]] std::string UnknownFieldMessage(std::string_view what, const std::string& name,
                                              const ReportSchema& schema);

/// Why `code` cannot be a report's government (not 5 digits, not in the registry), or nullopt.
[[nodiscard]] std::optional<std::string> CheckGovernment(std::string_view code,
                                                         const Registry& registry);

/// Blank-trimmed view of `text` (spaces and tabs).
[[nodiscard]] std::string_view Trim(std::string_view text);

/// Takes the diagnostics collected in `sink` (empty when there are none).
[[nodiscard]] std::vector<Diagnostic> Drain(DiagnosticSink& sink);

}  // namespace jobaward::report_detail
