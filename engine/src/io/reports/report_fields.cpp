#include "src/io/reports/report_fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "jobaward/io/csv.hpp"
#include "jobaward/render/text_table.hpp"

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

std::optional<std::string> RangeError(const FieldSpec& spec, double v, std::string_view text) {
  if ((spec.min && v < *spec.min) || (spec.max && v > *spec.max)) {
    std::string bounds;
    if (spec.min && spec.max) {
      bounds = "between " + FormatShortest(*spec.min) + " and " + FormatShortest(*spec.max);
    } else if (spec.min) {
      bounds = ">= " + FormatShortest(*spec.min);
    } else {
      bounds = "<= " + FormatShortest(*spec.max);
    }
    return "expected a value " + bounds + ", got " + CutForMessage(Trim(text));
  }
  return std::nullopt;
}

ParsedValue ParseNumeric(const FieldSpec& spec, std::string_view text, const std::string& kind,
                         bool count) {
  const auto v = ParseFiniteNumber(text);
  if (!v) {
    if (LooksNonFinite(text)) {
      return {std::nullopt, "expected a finite number, got " + QuoteForMessage(Trim(text))};
    }
    return {std::nullopt, "expected " + kind + ", got " + QuoteForMessage(Trim(text))};
  }
  if (count) {
    if (*v < 0)
      return {std::nullopt, "count must not be negative, got " + CutForMessage(Trim(text))};
    if (std::floor(*v) != *v || *v > 9.0e15) {
      return {std::nullopt, "count must be a whole number, got " + CutForMessage(Trim(text))};
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

ParsedValue ParseScalarValue(const FieldSpec& spec, std::string_view text) {
  switch (spec.type) {
    case FieldType::kNumber:
      return ParseNumeric(spec, text, ExpectedKind(spec.type), false);
    case FieldType::kCount:
      return ParseNumeric(spec, text, ExpectedKind(spec.type), true);
    case FieldType::kGrade: {
      const std::string_view t = Trim(text);
      if (t.size() == 1 && t[0] >= 'A' && t[0] <= 'E') return {FieldValue(std::string(t)), {}};
      return {std::nullopt, "expected " + ExpectedKind(spec.type) + ", got " + QuoteForMessage(t)};
    }
    case FieldType::kBoolean:
      if (auto b = ParseBoolean(text)) return {FieldValue(*b), {}};
      return {std::nullopt,
              "expected " + ExpectedKind(spec.type) + ", got " + QuoteForMessage(Trim(text))};
    case FieldType::kScores:
      break;
  }
  throw InternalError("ParseScalarValue called for a scores field");
}

ParsedValue ParseScore(const FieldSpec& spec, std::string_view text) {
  return ParseNumeric(spec, text, "a score (a number)", false);
}

std::optional<std::string> TooManyScores(std::size_t count) {
  if (count <= kMaxPanelScores) return std::nullopt;
  return "got " + std::to_string(count) + " scores; a panel gives at most " +
         std::to_string(kMaxPanelScores) + ", one per reviewer";
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
  std::string message = "unknown " + std::string(what) + " " + QuoteForMessage(name);
  const std::string hint = ClosestMatch(name, names);
  if (!hint.empty()) return message + ", did you mean '" + hint + "'?";
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  return message + " (the schema's fields are: " + list + ")";
}

bool IgnorableField(const std::string& name, const ReportSchema& schema) {
  return ClosestMatch(name, FieldNames(schema)).empty();
}

std::optional<std::string> CheckGovernment(std::string_view code, const Registry& registry) {
  if (code.size() != 5 || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return "expected a 5-digit government code, got " + QuoteForMessage(code);
  }
  if (!registry.IndexOf(code)) {
    std::string message = "government " + std::string(code) + " is not in the registry";
    if (!registry.file().empty()) message += " (" + registry.file() + ")";
    return message;
  }
  return std::nullopt;
}

namespace {

constexpr double kMinYear = 1900;
constexpr double kMaxYear = 2200;

}  // namespace

void ReportCellReader::Government(std::string_view text, const SourceLocation& where,
                                  const std::string& key) {
  const std::string code(Trim(text));
  if (code.empty()) {
    sink_.Add(where, key, "missing government code");
  } else if (auto problem = CheckGovernment(code, registry_)) {
    sink_.Add(where, key, *problem);
  } else {
    report_.government_code = code;
    government_ = &registry_[*registry_.IndexOf(code)];
  }
}

void ReportCellReader::NameKo(std::string_view text, const SourceLocation& where,
                              const std::string& key) {
  const std::string name(Trim(text));
  if (government_ != nullptr && !name.empty() && name != government_->name_ko) {
    sink_.Add(where, key,
              "'" + name + "' does not match the registry's name '" + government_->name_ko +
                  "' for government " + government_->code);
  }
}

void ReportCellReader::Year(std::string_view text, const SourceLocation& where,
                            const std::string& key) {
  const std::string year_text(Trim(text));
  const auto year = ParseFiniteNumber(year_text);
  if (year_text.empty()) {
    sink_.Add(where, key, "missing year");
  } else if (!year || *year < kMinYear || *year > kMaxYear || std::floor(*year) != *year) {
    sink_.Add(where, key,
              "expected a year (a whole number between 1900 and 2200), got '" + year_text + "'");
  } else {
    report_.year = static_cast<int>(*year);
    if (options_.expected_year && report_.year != *options_.expected_year) {
      sink_.Add(where, key,
                "expected year " + std::to_string(*options_.expected_year) + ", got " +
                    std::to_string(report_.year));
    }
  }
}

void ReportCellReader::Synthetic(std::string_view text, const SourceLocation& where,
                                 const std::string& key) {
  const std::string synthetic_text(Trim(text));
  if (synthetic_text.empty()) {
    sink_.Add(where, key, "missing value; expected true or false");
  } else if (auto b = ParseBoolean(synthetic_text)) {
    report_.synthetic = *b;
  } else {
    sink_.Add(where, key, "expected true or false, got " + QuoteForMessage(synthetic_text));
  }
}

void ReportCellReader::Keep(const FieldSpec& spec, FieldValue value, const SourceLocation& where) {
  report_.fields.emplace(spec.name, std::move(value));
  report_.locations.emplace(spec.name, where);
}

void ReportCellReader::Field(const FieldSpec& spec, std::string_view cell,
                             const SourceLocation& where, const std::string& key) {
  const std::string_view text = Trim(cell);
  if (text.empty()) return;  // missing value
  if (spec.type != FieldType::kScores) {
    auto parsed = ParseScalarValue(spec, text);
    if (parsed.value) {
      Keep(spec, std::move(*parsed.value), where);
    } else {
      sink_.Add(where, key, parsed.error);
    }
    return;
  }
  if (auto too_many =
          TooManyScores(static_cast<std::size_t>(std::count(text.begin(), text.end(), ';') + 1))) {
    sink_.Add(where, key, *too_many);
    return;
  }
  std::vector<double> scores;
  bool ok = true;
  std::size_t start = 0;
  for (int n = 1;; ++n) {
    const std::size_t end = text.find(';', start);
    const std::string_view piece =
        Trim(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (piece.empty()) {
      sink_.Add(where, key,
                "expected scores separated by ';' like 78;82;80, got " + QuoteForMessage(text));
      return;
    }
    auto parsed = ParseScore(spec, piece);
    if (!parsed.value) {
      sink_.Add(where, key, "score " + std::to_string(n) + ": " + parsed.error);
      ok = false;
    } else {
      scores.push_back(std::get<double>(*parsed.value));
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (ok) Keep(spec, FieldValue(std::move(scores)), where);
}

void ReportCellReader::Scores(const FieldSpec& spec,
                              const std::vector<std::pair<std::string, SourceLocation>>& cells,
                              const SourceLocation& where, const std::string& key) {
  std::vector<double> scores;
  bool ok = true;
  std::size_t n = 0;
  for (const auto& [text, at] : cells) {
    if (Trim(text).empty()) continue;
    if (++n > kMaxPanelScores) {
      const auto given = std::count_if(cells.begin(), cells.end(),
                                       [](const auto& cell) { return !Trim(cell.first).empty(); });
      sink_.Add(at, key, *TooManyScores(static_cast<std::size_t>(given)));
      return;
    }
    auto parsed = ParseScore(spec, text);
    if (!parsed.value) {
      sink_.Add(at, key, "score " + std::to_string(n) + ": " + parsed.error);
      ok = false;
    } else {
      scores.push_back(std::get<double>(*parsed.value));
    }
  }
  if (ok && !scores.empty()) Keep(spec, FieldValue(std::move(scores)), where);
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
