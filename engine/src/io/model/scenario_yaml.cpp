#include "jobaward/io/scenario_yaml.hpp"

#include <map>
#include <string>
#include <vector>

#include "jobaward/io/csv.hpp"
#include "jobaward/io/file_io.hpp"
#include "src/io/files/yaml_support.hpp"

namespace jobaward {

namespace {

bool IsScenarioId(const std::string& s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9'))) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

OverrideValue ScalarValue(const std::string& text) {
  OverrideValue v;
  v.text = text;
  v.number = ParseFiniteNumber(text);
  return v;
}

/// The value of `node` (a scalar or a list of scalars); nullopt with the error recorded otherwise.
std::optional<OverrideValue> ValueOf(const YAML::Node& node, const std::string& key,
                                     const yaml::Reader& r, const SourceLocation& where) {
  if (node.IsScalar()) {
    OverrideValue v = ScalarValue(node.Scalar());
    if (yaml::WrittenAsString(node)) v.number.reset();  // "60" is a word, as in every input
    return v;
  }
  if (node.IsSequence()) {
    OverrideValue v;
    v.is_list = true;
    for (const auto& item : node) {
      if (!item.IsScalar()) {
        r.Error(item, key, "a list value holds scalars only (e.g. [domain:plan, stage2])");
        return std::nullopt;
      }
      v.items.push_back(item.Scalar());
    }
    return v;
  }
  // An empty value has no position of its own worth showing: name the key's.
  r.Error(where, key, "expected a value (a number, a word, none or a list), got nothing");
  return std::nullopt;
}

/// Flattens `overrides:`: a nested mapping joins its keys with '.', so `a: {b: 1}` is `a.b: 1`.
/// A key given twice (in one mapping, or once flat and once nested) is an error.
void Flatten(const YAML::Node& map, const std::string& prefix, const yaml::Reader& r,
             std::map<std::string, SourceLocation>& seen, std::vector<Override>& out) {
  for (const auto& kv : map) {
    if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
      r.Error(kv.first, prefix, "an override key is a word such as 2020-disclosure.total_points");
      continue;
    }
    const std::string key = yaml::Join(prefix, kv.first.Scalar());
    if (kv.second.IsMap()) {
      Flatten(kv.second, key, r, seen, out);
      continue;
    }
    const SourceLocation where = r.Where(kv.first);
    if (const auto [it, inserted] = seen.emplace(key, where); !inserted) {
      r.Error(where, "overrides." + key, "set twice; first at " + it->second.ToString());
      continue;
    }
    if (auto value = ValueOf(kv.second, "overrides." + key, r, where)) {
      out.push_back(Override{key, std::move(*value), where});
    }
  }
}

std::string Resolve(const std::filesystem::path& dir, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute() || dir.empty()) return p.lexically_normal().string();
  return (dir / p).lexically_normal().string();
}

void ReadBase(const YAML::Node& base, const std::filesystem::path& dir, const yaml::Reader& r,
              ScenarioBase& out) {
  out.where = r.Where(base);
  if (!r.ExpectMap(base, "base")) return;
  r.CheckKeys(base, {"registry", "rules", "rubrics", "reports"}, "base");
  for (auto [key, member] : {std::pair{"registry", &out.registry}, std::pair{"rules", &out.rules},
                             std::pair{"reports", &out.reports}}) {
    if (auto v = r.String(base, key, "base", false)) *member = Resolve(dir, *v);
  }
  const YAML::Node rubrics = base["rubrics"];
  if (!rubrics.IsDefined()) return;
  if (rubrics.IsScalar()) {
    out.rubrics.push_back(Resolve(dir, rubrics.Scalar()));
    return;
  }
  if (!r.ExpectSequence(rubrics, "base.rubrics")) return;
  if (rubrics.size() == 0) r.Error(rubrics, "base.rubrics", "needs at least one rubric file");
  for (std::size_t i = 0; i < rubrics.size(); ++i) {
    if (auto v = r.AsString(rubrics[i], yaml::Index("base.rubrics", i))) {
      out.rubrics.push_back(Resolve(dir, *v));
    }
  }
}

}  // namespace

Scenario ParseScenario(std::string_view yaml_text, std::string_view file_name) {
  DiagnosticSink sink;
  const yaml::Reader r{std::string(file_name), sink};
  const YAML::Node root = r.Parse(yaml_text);
  Scenario s;
  s.file = std::string(file_name);
  s.base.where = SourceLocation{s.file};
  if (!r.ExpectMap(root, "")) sink.ThrowIfAny();
  r.CheckKeys(root, {"id", "name_ko", "description", "base", "overrides"}, "");
  if (auto id = r.String(root, "id", "", true)) {
    if (!IsScenarioId(*id) || *id == "default") {
      r.Error(root["id"], "id",
              "a scenario id is lowercase letters, digits, '-' and '_' (and not 'default', which "
              "names the inputs without a scenario), got '" +
                  *id + "'");
    }
    s.id = *id;
  }
  if (auto v = r.String(root, "name_ko", "", false)) s.name_ko = *v;
  if (auto v = r.String(root, "description", "", false)) s.description = *v;
  const std::filesystem::path dir = std::filesystem::path(s.file).parent_path();
  if (const YAML::Node base = root["base"]; base.IsDefined()) ReadBase(base, dir, r, s.base);
  const YAML::Node overrides = root["overrides"];
  if (overrides.IsDefined() && !overrides.IsNull() && r.ExpectMap(overrides, "overrides")) {
    std::map<std::string, SourceLocation> seen;
    Flatten(overrides, "", r, seen, s.overrides);
  }
  sink.ThrowIfAny();
  return s;
}

Scenario LoadScenario(const std::filesystem::path& path) {
  return ParseScenario(ReadInput(path, InputKind::kSpec), path.string());
}

Override ParseSetting(std::string_view text, const SourceLocation& where) {
  const std::size_t eq = text.find('=');
  const std::string key(text.substr(0, eq == std::string_view::npos ? 0 : eq));
  if (eq == std::string_view::npos || key.empty()) {
    throw InputError(Diagnostic{
        where, std::string(text), "expected KEY=VALUE, e.g. 2020-disclosure.total_points=100", {}});
  }
  const std::string value(text.substr(eq + 1));
  if (value.empty()) {
    throw InputError(Diagnostic{where, key, "no value after '='", {}});
  }
  // A plain word or number is taken as written; a flow list, a quoted or a tagged value is read as
  // YAML, so that quoting works as in a scenario file ('"60"' is the word 60, not a number).
  if (value.front() != '[' && value.front() != '"' && value.front() != '\'' &&
      value.front() != '!') {
    return Override{key, ScalarValue(value), where};
  }
  DiagnosticSink sink;
  const yaml::Reader r{where.file, sink};
  std::optional<OverrideValue> parsed;
  try {
    parsed = ValueOf(r.Parse(value), key, r, where);
  } catch (const InputError&) {
    throw InputError(Diagnostic{where, key, "cannot read the value '" + value + "'", {}});
  }
  if (!parsed) {
    throw InputError(Diagnostic{where, key, "a list value holds scalars only", {}});
  }
  return Override{key, std::move(*parsed), where};
}

}  // namespace jobaward
