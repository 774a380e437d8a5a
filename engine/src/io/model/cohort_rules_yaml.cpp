#include "jobaward/io/cohort_rules_yaml.hpp"

#include <map>
#include <string>
#include <vector>

#include "jobaward/io/file_io.hpp"
#include "src/io/files/yaml_support.hpp"

namespace jobaward {

namespace {

bool IsIdentifier(const std::string& s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && (i == 0 || c < '0' || c > '9')) return false;
  }
  return true;
}

bool IsCohortId(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

// Line ends as the YAML reader counts them: LF, CRLF or a lone CR.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    const bool crlf = end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n';
    start = end + (crlf ? 2 : 1);
  }
  return lines;
}

}  // namespace

CohortRules ParseCohortRules(std::string_view yaml_text, std::string_view file_name) {
  DiagnosticSink sink;
  const yaml::Reader r{std::string(file_name), sink};
  const YAML::Node root = r.Parse(yaml_text);
  CohortRules rules;
  rules.file = std::string(file_name);
  if (!r.ExpectMap(root, "")) sink.ThrowIfAny();
  r.CheckKeys(root, {"year", "match", "parameters", "cohorts"}, "");

  if (auto year = r.Integer(root, "year", "", true, {1990, 2100})) {
    rules.year = static_cast<int>(*year);
  }
  if (auto match = r.Choice(root, "match", "", false, {"exactly_one", "first"})) {
    rules.match = *match == "first" ? MatchMode::kFirst : MatchMode::kExactlyOne;
  }

  // Parameters: `name: number` or `name: {value: number, description: text}`.
  if (const YAML::Node params = root["parameters"]; params.IsDefined() && !params.IsNull()) {
    if (r.ExpectMap(params, "parameters")) {
      std::map<std::string, bool> seen;
      for (const auto& kv : params) {
        const std::string name = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
        const std::string path = yaml::Join("parameters", name);
        if (seen[name]) {
          r.Error(kv.first, path, "duplicate parameter");
          continue;
        }
        seen[name] = true;
        if (!IsIdentifier(name)) {
          r.Error(kv.first, path,
                  "a parameter name must be a word of letters, digits and '_' (not starting "
                  "with a digit), got " +
                      QuoteForMessage(name));
          continue;
        }
        if (IsReservedExpressionName(name)) {
          r.Error(kv.first, path,
                  "'" + name +
                      "' is a field, function or keyword of rule expressions; choose "
                      "another parameter name");
          continue;
        }
        CohortParameter p;
        p.name = name;
        p.where = r.Where(kv.first);
        std::optional<double> value;
        if (kv.second.IsMap()) {
          r.CheckKeys(kv.second, {"value", "description"}, path);
          value = r.Number(kv.second, "value", path, true);
          p.description = r.String(kv.second, "description", path, false).value_or("");
        } else {
          value = r.AsNumber(kv.second, path);
        }
        if (!value) continue;
        p.value = *value;
        rules.parameters.push_back(std::move(p));
      }
    }
  }

  const ExpressionEnvironment env = rules.Environment();
  const std::vector<std::string_view> lines = SplitLines(yaml_text);
  const YAML::Node cohorts = root["cohorts"];
  if (!cohorts.IsDefined()) {
    r.Error(root, "cohorts", "missing required key 'cohorts'");
  } else if (r.ExpectSequence(cohorts, "cohorts")) {
    if (cohorts.size() == 0) r.Error(cohorts, "cohorts", "expected at least one cohort");
    std::map<std::string, std::string> letters;  // letter -> "cohorts[i] at file:line:col"
    std::map<std::string, std::string> ids;
    for (std::size_t i = 0; i < cohorts.size(); ++i) {
      const YAML::Node c = cohorts[i];
      const std::string path = yaml::Index("cohorts", i);
      if (!r.ExpectMap(c, path)) continue;
      r.CheckKeys(c, {"letter", "id", "name_en", "description", "rule"}, path);
      const auto letter = r.String(c, "letter", path, true);
      const auto id = r.String(c, "id", path, true);
      const auto name_en = r.String(c, "name_en", path, true);
      const auto description = r.String(c, "description", path, false);
      const auto rule_text = r.String(c, "rule", path, true);
      const std::string here = path + " at " + r.Where(c).ToString();
      if (letter) {
        if (letter->empty()) {
          r.Error(c["letter"], yaml::Join(path, "letter"), "expected a non-empty group letter");
        } else if (auto [it, fresh] = letters.emplace(*letter, here); !fresh) {
          r.Error(c["letter"], yaml::Join(path, "letter"),
                  "duplicate letter '" + *letter + "' (already used by " + it->second + ")");
        }
      }
      if (id) {
        if (!IsCohortId(*id)) {
          r.Error(c["id"], yaml::Join(path, "id"),
                  "expected an ASCII id of lowercase letters, digits, '_' or '-' starting with a "
                  "letter (e.g. 'ga'), got " +
                      QuoteForMessage(*id));
        } else if (auto [it, fresh] = ids.emplace(*id, here); !fresh) {
          r.Error(c["id"], yaml::Join(path, "id"),
                  "duplicate id '" + *id + "' (already used by " + it->second + ")");
        }
      }
      if (!letter || !id || !name_en || !rule_text) continue;
      const YAML::Node rule_node = c["rule"];
      ExpressionOrigin origin;
      origin.where = r.Where(rule_node);
      origin.key = yaml::Join(path, "rule");
      const auto line_no = static_cast<std::size_t>(origin.where.line);
      const auto column = static_cast<std::size_t>(origin.where.column);
      // A rule that appears verbatim on one line (a plain scalar, or a block scalar `>-` whose
      // text fits on its next line) gets diagnostics at the exact file column of the error.
      origin.columns_match_source = false;
      if (line_no >= 1 && line_no <= lines.size() && column >= 1 &&
          column - 1 <= lines[line_no - 1].size()) {
        origin.columns_match_source =
            lines[line_no - 1].substr(column - 1).substr(0, rule_text->size()) == *rule_text;
      }
      if (!origin.columns_match_source && line_no < lines.size() && !rule_text->empty()) {
        const std::string_view next = lines[line_no];
        const std::size_t indent = next.find_first_not_of(' ');
        if (indent != std::string_view::npos && next.substr(indent) == *rule_text) {
          origin.where.line = static_cast<int>(line_no) + 1;
          origin.where.column = static_cast<int>(indent) + 1;
          origin.columns_match_source = true;
        }
      }
      try {
        Expression compiled = Expression::Compile(*rule_text, env, origin, ValueType::kBool);
        rules.cohorts.push_back(CohortRule{Cohort{*letter, *id, *name_en, description.value_or("")},
                                           std::move(compiled), r.Where(c)});
      } catch (const InputError& e) {
        for (const auto& d : e.diagnostics()) sink.Add(d);
      }
    }
  }
  sink.ThrowIfAny();
  return rules;
}

CohortRules LoadCohortRules(const std::filesystem::path& path) {
  return ParseCohortRules(ReadInput(path, InputKind::kSpec), path.string());
}

}  // namespace jobaward
