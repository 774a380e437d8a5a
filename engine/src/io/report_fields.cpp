#include "report_fields.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "jobaward/csv.hpp"

namespace jobaward::report_detail {

namespace {

// True for the spellings of NaN and infinity (YAML's .nan/.inf, C's nan/inf) and for numerals
// too large for a double (1e999): they get "expected a finite number" instead of a type error.
bool LooksNonFinite(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  std::string lower;
  for (const char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "nan" || lower == ".nan" || lower == "inf" || lower == ".inf" ||
      lower == "infinity") {
    return true;
  }
  double ignored = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ignored);
  return ec == std::errc::result_out_of_range && end == text.data() + text.size();
}

std::string Bound(double v) { return fmt::format("{}", v); }

std::optional<std::string> RangeError(const FieldSpec& spec, double v, std::string_view text) {
  if ((spec.min && v < *spec.min) || (spec.max && v > *spec.max)) {
    std::string bounds;
    if (spec.min && spec.max) {
      bounds = "between " + Bound(*spec.min) + " and " + Bound(*spec.max);
    } else if (spec.min) {
      bounds = ">= " + Bound(*spec.min);
    } else {
      bounds = "<= " + Bound(*spec.max);
    }
    return "expected a value " + bounds + ", got " + std::string(Trim(text));
  }
  return std::nullopt;
}

ParsedValue ParseNumeric(const FieldSpec& spec, std::string_view text, const std::string& kind,
                         bool count) {
  const auto v = ParseFiniteNumber(text);
  if (!v) {
    if (LooksNonFinite(text)) {
      return {std::nullopt, "expected a finite number, got '" + std::string(Trim(text)) + "'"};
    }
    return {std::nullopt, "expected " + kind + ", got '" + std::string(Trim(text)) + "'"};
  }
  if (count) {
    if (*v < 0) return {std::nullopt, "count must not be negative, got " + std::string(Trim(text))};
    if (std::floor(*v) != *v || *v > 9.0e15) {
      return {std::nullopt, "count must be a whole number, got " + std::string(Trim(text))};
    }
  }
  if (auto e = RangeError(spec, *v, text)) return {std::nullopt, *e};
  return {FieldValue(*v), {}};
}

}  // namespace

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string ExpectedKind(FieldType type) {
  switch (type) {
    case FieldType::kNumber:
      return "a number";
    case FieldType::kCount:
      return "a count (a whole number >= 0)";
    case FieldType::kGrade:
      return "a grade A, B, C, D or E";
    case FieldType::kScores:
      return "a list of scores";
    case FieldType::kBoolean:
      return "true or false";
  }
  return "a value";
}

std::optional<bool> ParseBoolText(std::string_view text) {
  text = Trim(text);
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

ParsedValue ParseScalarValue(const FieldSpec& spec, std::string_view text) {
  switch (spec.type) {
    case FieldType::kNumber:
      return ParseNumeric(spec, text, ExpectedKind(spec.type), false);
    case FieldType::kCount:
      return ParseNumeric(spec, text, ExpectedKind(spec.type), true);
    case FieldType::kGrade: {
      const std::string_view t = Trim(text);
      if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'E') return {FieldValue(std::string(t)), {}};
      return {std::nullopt,
              "expected " + ExpectedKind(spec.type) + ", got '" + std::string(t) + "'"};
    }
    case FieldType::kBoolean:
      if (auto b = ParseBoolText(text)) return {FieldValue(*b), {}};
      return {std::nullopt,
              "expected " + ExpectedKind(spec.type) + ", got '" + std::string(Trim(text)) + "'"};
    case FieldType::kScores:
      break;
  }
  throw InternalError("ParseScalarValue called for a scores field");
}

ParsedValue ParseScore(const FieldSpec& spec, std::string_view text) {
  return ParseNumeric(spec, text, "a score (a number)", false);
}

std::vector<std::string> FieldNames(const ReportSchema& schema) {
  std::vector<std::string> names;
  names.reserve(schema.fields.size());
  for (const auto& f : schema.fields) names.push_back(f.name);
  return names;
}

std::string UnknownFieldMessage(std::string_view what, const std::string& name,
                                const ReportSchema& schema) {
  const auto names = FieldNames(schema);
  std::string message = "unknown " + std::string(what) + " '" + name + "'";
  const std::string hint = ClosestMatch(name, names);
  if (!hint.empty()) return message + ", did you mean '" + hint + "'?";
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return message + " (the schema's fields are: " + list + ")";
}

std::optional<std::string> CheckGovernment(std::string_view code, const Registry& registry) {
  if (code.size() != 5 || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return "expected a 5-digit government code, got '" + std::string(code) + "'";
  }
  if (!registry.IndexOf(code)) {
    std::string message = "government " + std::string(code) + " is not in the registry";
    if (!registry.file().empty()) message += " (" + registry.file() + ")";
    return message;
  }
  return std::nullopt;
}

std::vector<Diagnostic> Drain(DiagnosticSink& sink) {
  if (sink.empty()) return {};
  try {
    sink.ThrowIfAny();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

}  // namespace jobaward::report_detail
