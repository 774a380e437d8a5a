// A submitted report: the figures and reviewer judgments one government submits (or that the
// panel records) for one assessment year, and the schema that says which fields may appear.
// Loaders (YAML per government, CSV per batch) turn files into these plain values; the scoring
// core reads them. Thread-compatible value types.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "jobaward/error.hpp"

namespace jobaward {

/// The kinds of field a report can carry.
enum class FieldType {
  kNumber,   ///< Finite real number (e.g. employment rate in %).
  kCount,    ///< Non-negative whole number (e.g. jobs created).
  kGrade,    ///< One letter A..E (a reviewer's judgment).
  kScores,   ///< List of reviewer scores (numbers), at least one.
  kBoolean,  ///< true / false.
};

[[nodiscard]] const char* ToString(FieldType type);

/// One field a report may carry.
struct FieldSpec {
  std::string name;  ///< snake_case key, e.g. "jobs_created".
  FieldType type = FieldType::kNumber;
  std::string name_ko;
  std::string description;
  std::optional<double> min;  ///< Inclusive bounds for numbers, counts and each score.
  std::optional<double> max;
  std::string unit = {};  ///< Korean unit shown in the report template ("명", "%"); may be "".
};

/// The fields that reports may carry (the union of what the rubrics in use read).
struct ReportSchema {
  std::vector<FieldSpec> fields;
  [[nodiscard]] const FieldSpec* Find(const std::string& name) const;
};

/// A value: number/count (double), boolean, grade letter (string "A".."E"), scores (vector).
using FieldValue = std::variant<double, bool, std::string, std::vector<double>>;

struct Report {
  std::string government_code;  ///< 5-digit code of a government in the registry.
  int year = 0;
  bool synthetic = false;  ///< True when the figures were generated, not submitted.
  std::string provenance;  ///< Where the figures come from (a source, or the generator command).
  /// Per-field source of figures that are real in an otherwise synthetic report
  /// (field -> citation, e.g. "jobs_created" -> "kurotimes 2020-10-08 ..."); may be empty.
  std::map<std::string, std::string> sources;
  std::map<std::string, FieldValue> fields;         ///< Absent key = missing value.
  std::map<std::string, SourceLocation> locations;  ///< Where each field was read, for messages.
  /// Fields the loader skipped because no rubric in use declares them
  /// (ReportLoadOptions::ignore_undeclared_fields), in file order.
  std::vector<std::string> ignored_fields;
  SourceLocation origin;  ///< The file (and row, for CSV).
};

}  // namespace jobaward
