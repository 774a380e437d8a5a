// The JSON inputs of `jobaward report` (--simulation, --sensitivity): the output of `jobaward
// simulate --format json` and `jobaward sensitivity tornado --format json` read back (see
// award_report.hpp). Malformed JSON, and a number JSON can write but a double cannot hold
// (1e400), are reported at their file:line:column; every number is checked for its kind and
// range before it is converted, so that no value of the file reaches a narrowing conversion.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>

#include "jobaward/error.hpp"
#include "jobaward/render/award_report.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

namespace {

using nlohmann::json;

// Values (numbers, strings, lists, objects, ...) a JSON input may hold: kJsonBaseValues plus one
// per kJsonBytesPerValue bytes of the file. nlohmann's tree costs up to ~130 bytes per value (an
// empty object) while a value can take 2 bytes of the file ("{},"), so without a count a 64 MiB
// file of `{}` took ~40 times its size; with it a tree costs at most ~40 MB plus 16 times the
// file. What jobaward writes holds one value per ~23 bytes (a 2,000-draw simulation of the 2020
// registry: 171,221 values in 3.9 MB), far inside.
constexpr std::size_t kJsonBaseValues = 300000;
constexpr std::size_t kJsonBytesPerValue = 8;

// nlohmann's DOM builder with the position of the first error kept: the library's own exception
// for a number overflow (406) carries no position, and its parse errors only in their text. It
// also counts the values and stops at the limit above, before the tree outgrows the file.
class PositionedParser : public nlohmann::detail::json_sax_dom_parser<json> {
  using Base = json_sax_dom_parser<json>;

 public:
  PositionedParser(json& result, std::size_t max_values)
      : json_sax_dom_parser(result, false), max_values_(max_values) {}

  // sax_parse calls these through the derived type (a template), so hiding the base's suffices.
  bool null() { return Count() && Base::null(); }
  bool boolean(bool v) { return Count() && Base::boolean(v); }
  bool number_integer(json::number_integer_t v) { return Count() && Base::number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return Count() && Base::number_unsigned(v); }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return Count() && Base::number_float(v, s);
  }
  bool string(json::string_t& v) { return Count() && Base::string(v); }
  bool binary(json::binary_t& v) { return Count() && Base::binary(v); }
  bool start_object(std::size_t n) { return Count() && Base::start_object(n); }
  bool start_array(std::size_t n) { return Count() && Base::start_array(n); }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& ex) {
    // `position` is the count of bytes read, just past the offending token.
    offset = position >= last_token.size() ? position - last_token.size() : 0;
    id = ex.id;
    message = ex.what();
    return json_sax_dom_parser::parse_error(position, last_token, ex);
  }

  std::size_t offset = 0;
  int id = 0;
  std::string message;
  bool too_many = false;  ///< Stopped at max_values_.

 private:
  bool Count() {
    if (++values_ <= max_values_) return true;
    too_many = true;
    return false;
  }

  std::size_t max_values_;
  std::size_t values_ = 0;
};

// The place of byte `offset` of `text`: 1-based line and character (UTF-8 sequences count once).
SourceLocation LocationOf(std::string_view text, std::size_t offset, const std::string& file) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return {file, line, column};
}

json ParseJson(std::string_view text, const std::string& file) {
  json root;
  const std::size_t max_values = kJsonBaseValues + text.size() / kJsonBytesPerValue;
  PositionedParser parser(root, max_values);
  if (json::sax_parse(text, &parser)) return root;
  if (parser.too_many) {
    // The SAX events carry no position; the count is a property of the whole file.
    throw InputError(Diagnostic{
        {file},
        {},
        "the file holds more than " + std::to_string(max_values) + " JSON values (" +
            std::to_string(kJsonBaseValues) + " plus one per " +
            std::to_string(kJsonBytesPerValue) +
            " bytes of the file), the limit; what jobaward writes holds one per ~23 bytes",
        {}});
  }
  const SourceLocation where = LocationOf(text, parser.offset, file);
  if (parser.id == 406) {
    // "number overflow parsing '1e400'": the number is the token at `where`.
    const std::size_t quote = parser.message.find('\'');
    const std::string token =
        quote == std::string::npos ? "" : parser.message.substr(quote, parser.message.size());
    throw InputError(Diagnostic{where, {}, "expected a finite number, got " + token, {}});
  }
  // "[json.exception.parse_error.101] parse error at line 3, column 14: syntax error ...":
  // the place is given as file:line:column already.
  std::string message = parser.message;
  if (const std::size_t colon = message.find(": ");
      message.rfind("[json.exception", 0) == 0 && colon != std::string::npos) {
    message = message.substr(colon + 2);
  }
  throw InputError(Diagnostic{where, {}, "not valid JSON: " + message, {}});
}

[[noreturn]] void Fail(const std::string& file, const std::string& key,
                       const std::string& message) {
  throw InputError(Diagnostic{{file}, key, message, {}});
}

// The key path of `key` in the object at `path` ("" for the top level): "draws", not ".draws".
std::string KeyPath(const std::string& path, const char* key) {
  return path.empty() ? std::string(key) : path + "." + key;
}

// The value as JSON, cut to a readable length at a character boundary.
std::string Shown(const json& value) {
  std::string text = value.dump();
  std::size_t cut = 40;
  if (text.size() <= cut) return text;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return text.substr(0, cut) + "...";
}

// `object[key]` as a finite number (any JSON number; the parser refused overflows).
double RealAt(const json& object, const char* key, const std::string& path,
              const std::string& file) {
  const json& value = object.at(key);
  if (!value.is_number()) {
    Fail(file, KeyPath(path, key), "expected a number, got " + Shown(value));
  }
  return value.get<double>();
}

// `object[key]` as a whole number in [min, max]: written as an integer, never 1e300 or 2.5.
std::int64_t WholeAt(const json& object, const char* key, std::int64_t min, std::int64_t max,
                     const std::string& path, const std::string& file) {
  const json& value = object.at(key);
  const bool fits = (value.is_number_unsigned() &&
                     value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max)) ||
                    (value.is_number_integer() && !value.is_number_unsigned() &&
                     value.get<std::int64_t>() >= min && value.get<std::int64_t>() <= max);
  if (!fits) {
    Fail(file, KeyPath(path, key),
         "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
             ", got " + Shown(value));
  }
  return value.get<std::int64_t>();
}

constexpr std::int64_t kMaxCount = std::numeric_limits<int>::max();

}  // namespace

std::vector<SimulationSummary> ParseSimulationJson(std::string_view text, const std::string& file) {
  const json j = ParseJson(text, file);
  std::vector<SimulationSummary> out;
  try {
    const std::int64_t draws =
        WholeAt(j, "draws", 0, std::numeric_limits<std::int64_t>::max(), "", file);
    const json& seed_value = j.at("seed");
    if (!seed_value.is_number_unsigned() &&
        !(seed_value.is_number_integer() && seed_value.get<std::int64_t>() >= 0)) {
      Fail(file, "seed", "expected a whole number >= 0, got " + Shown(seed_value));
    }
    const auto seed = seed_value.get<std::uint64_t>();
    const json& governments = j.at("governments");
    if (!governments.is_array()) {
      Fail(file, "governments", "expected a list, got " + Shown(governments));
    }
    for (std::size_t i = 0; i < governments.size(); ++i) {
      const json& g = governments[i];
      const std::string path = "governments[" + std::to_string(i) + "]";
      const std::string category = g.at("category").get<std::string>();
      if (out.empty() || out.back().category != category) {
        out.emplace_back();
        out.back().category = category;
        out.back().draws = draws;
        out.back().seed = seed;
      }
      SimulationSummary::Row r;
      r.code = g.at("code").get<std::string>();
      r.name_ko = g.at("name_ko").get<std::string>();
      r.cohort = g.at("cohort").get<std::string>();
      r.p_award = RealAt(g, "p_any", path, file);
      r.p_award_se = RealAt(g, "se_any", path, file);
      r.rank_mean = RealAt(g, "mean_rank", path, file);
      r.rank_p05 = RealAt(g, "rank_p5", path, file);
      r.rank_p95 = RealAt(g, "rank_p95", path, file);
      r.baseline_rank = static_cast<int>(WholeAt(g, "baseline_rank", 0, kMaxCount, path, file));
      r.baseline_award = !g.at("baseline_award").is_null();
      r.p_first = RealAt(g, "p_first", path, file);
      r.p_first_se = RealAt(g, "se_first", path, file);
      out.back().rows.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    Fail(file, "governments",
         std::string("expected the JSON of 'jobaward simulate --format json' (") + e.what() + ")");
  }
  return out;
}

std::vector<SensitivitySummary> ParseSensitivityJson(std::string_view text,
                                                     const std::string& file) {
  const json j = ParseJson(text, file);
  const char* what = "the JSON of 'jobaward sensitivity tornado --format json'";
  if (!j.is_object() || !j.contains("step") || !j.contains("weights")) {
    Fail(file, "weights", std::string("expected ") + what);
  }
  std::vector<SensitivitySummary> out;
  try {
    const double step = RealAt(j, "step", "", file);
    if (!(step > 0 && step <= 1)) {
      Fail(file, "step", "expected a number in (0, 1], got " + Shown(j.at("step")));
    }
    const std::string pct = FormatFixed(step * 100, 0) + "%";
    const json& weights = j.at("weights");
    if (!weights.is_array()) Fail(file, "weights", "expected a list, got " + Shown(weights));
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const json& w = weights[i];
      const std::string path = "weights[" + std::to_string(i) + "]";
      const std::string category = w.at("category").get<std::string>();
      if (out.empty() || out.back().category != category) {
        SensitivitySummary s;
        s.category = category;
        s.title = category + ": 가중치 ±" + pct + " (" + file + ")";
        s.measure = "점수가 가장 크게 바뀌는 자치단체의 변화 (점)";
        s.low_name = "-" + pct;
        s.high_name = "+" + pct;
        out.push_back(std::move(s));
      }
      SensitivitySummary::Row row;
      row.label = w.at("weight_ko").get<std::string>();
      row.low = -RealAt(w, "down_max_abs_own_change", path, file);
      row.high = RealAt(w, "up_max_abs_own_change", path, file);
      row.total_low = -RealAt(w, "down_max_abs_score_change", path, file);
      row.total_high = RealAt(w, "up_max_abs_score_change", path, file);
      // Each count is at most the registry's size; their sums must still fit an int.
      const auto half = kMaxCount / 2;
      row.award_changes = static_cast<int>(WholeAt(w, "down_award_changes", 0, half, path, file) +
                                           WholeAt(w, "up_award_changes", 0, half, path, file));
      row.advance_changes =
          static_cast<int>(WholeAt(w, "down_advance_changes", 0, half, path, file) +
                           WholeAt(w, "up_advance_changes", 0, half, path, file));
      out.back().rows.push_back(std::move(row));
    }
  } catch (const json::exception& e) {
    Fail(file, "weights", std::string("expected ") + what + " (" + e.what() + ")");
  }
  return out;
}

}  // namespace jobaward
