// Report YAML loader (one file per government) and the real-figures file read by `synth --real`.
#include <filesystem>
#include <map>
#include <set>

#include "jobaward/report_io.hpp"
#include "report_fields.hpp"
#include "yaml_support.hpp"

namespace jobaward {

namespace {

using report_detail::ExpectedKind;

std::string DescribeNonScalar(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    default:
      return "nothing (null)";
  }
}

// A quoted scalar has the non-specific tag "!": "13300" in quotes is a string, not a number.
bool IsQuoted(const YAML::Node& node) { return node.Tag() == "!"; }

// Reads one field value; records a diagnostic and returns nullopt when it is bad.
// An empty value has no position of its own (yaml-cpp marks the next line), so a null is
// reported at `key_node`, the key it belongs to.
std::optional<FieldValue> ReadFieldNode(const yaml::Reader& r, const YAML::Node& key_node,
                                        const YAML::Node& node, const FieldSpec& spec,
                                        const std::string& key) {
  if (node.IsNull()) {
    r.Error(key_node, key,
            "expected " + ExpectedKind(spec.type) +
                ", got nothing (null); leave the field out when the value is missing");
    return std::nullopt;
  }
  if (spec.type == FieldType::kScores) {
    if (!node.IsSequence()) {
      const std::string got = node.IsScalar() ? "'" + node.Scalar() + "'" : DescribeNonScalar(node);
      r.Error(node, key, "expected " + ExpectedKind(spec.type) + ", got " + got);
      return std::nullopt;
    }
    if (node.size() == 0) {
      r.Error(node, key, "expected at least one score, got an empty list");
      return std::nullopt;
    }
    std::vector<double> scores;
    scores.reserve(node.size());
    bool ok = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node item = node[i];
      const std::string item_key = yaml::Index(key, i);
      if (!item.IsScalar()) {
        r.Error(item, item_key, "expected a score (a number), got " + DescribeNonScalar(item));
        ok = false;
        continue;
      }
      if (IsQuoted(item)) {
        r.Error(item, item_key,
                "expected a score (a number), got the string \"" + item.Scalar() + "\"");
        ok = false;
        continue;
      }
      auto parsed = report_detail::ParseScore(spec, item.Scalar());
      if (!parsed.value) {
        r.Error(item, item_key, parsed.error);
        ok = false;
        continue;
      }
      scores.push_back(std::get<double>(*parsed.value));
    }
    if (!ok) return std::nullopt;
    return FieldValue(std::move(scores));
  }
  if (!node.IsScalar()) {
    r.Error(node, key, "expected " + ExpectedKind(spec.type) + ", got " + DescribeNonScalar(node));
    return std::nullopt;
  }
  if (IsQuoted(node) && spec.type != FieldType::kGrade) {
    r.Error(node, key,
            "expected " + ExpectedKind(spec.type) + ", got the string \"" + node.Scalar() + "\"");
    return std::nullopt;
  }
  auto parsed = report_detail::ParseScalarValue(spec, node.Scalar());
  if (!parsed.value) {
    r.Error(node, key, parsed.error);
    return std::nullopt;
  }
  return parsed.value;
}

bool IsFiveDigits(const std::string& s) {
  return s.size() == 5 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Report ParseReportYaml(std::string_view text, std::string_view file_name,
                       const ReportSchema& schema, const Registry& registry,
                       const ReportLoadOptions& options) {
  DiagnosticSink sink;
  const yaml::Reader r(std::string(file_name), sink);
  const YAML::Node root = r.Parse(text);
  if (!r.ExpectMap(root, "")) sink.ThrowIfAny();
  r.CheckKeys(
      root, {"government", "name_ko", "year", "synthetic", "provenance", "sources", "fields"}, "");

  Report report;
  report.origin = SourceLocation{std::string(file_name)};

  const Government* government = nullptr;
  if (auto code = r.String(root, "government", "", true)) {
    if (auto problem = report_detail::CheckGovernment(*code, registry)) {
      r.Error(root["government"], "government", *problem);
    } else {
      report.government_code = *code;
      report.origin = r.Where(root["government"]);
      government = &registry[*registry.IndexOf(*code)];
      const std::string stem = std::filesystem::path(file_name).stem().string();
      if (IsFiveDigits(stem) && stem != *code) {
        r.Error(root["government"], "government",
                "government " + *code + " does not match the file name '" +
                    std::filesystem::path(file_name).filename().string() + "'");
      }
    }
  }
  if (auto name = r.String(root, "name_ko", "", false); name && government != nullptr) {
    if (*name != government->name_ko) {
      r.Error(root["name_ko"], "name_ko",
              "'" + *name + "' does not match the registry's name '" + government->name_ko +
                  "' for government " + government->code);
    }
  }
  if (auto year = r.Integer(root, "year", "", true, yaml::Range{1900, 2200})) {
    report.year = static_cast<int>(*year);
    if (options.expected_year && *year != *options.expected_year) {
      r.Error(root["year"], "year",
              "expected year " + std::to_string(*options.expected_year) + ", got " +
                  std::to_string(*year));
    }
  }
  if (auto synthetic = r.Bool(root, "synthetic", "", true)) report.synthetic = *synthetic;
  if (auto provenance = r.String(root, "provenance", "", false)) report.provenance = *provenance;

  const auto names = report_detail::FieldNames(schema);
  std::set<std::string> present;  // field keys written in the file, good or bad
  const YAML::Node fields = root["fields"];
  if (!fields.IsDefined()) {
    r.Error(root, "fields", "missing required key 'fields'");
  } else if (r.ExpectMap(fields, "fields")) {
    r.CheckKeys(fields, names, "fields");
    for (const auto& kv : fields) {
      if (!kv.first.IsScalar()) continue;
      const std::string& name = kv.first.Scalar();
      const FieldSpec* spec = schema.Find(name);
      // Unknown and repeated keys were reported by CheckKeys; read only the first of each.
      if (spec == nullptr || !present.insert(name).second) continue;
      if (auto value = ReadFieldNode(r, kv.first, kv.second, *spec, "fields." + name)) {
        report.fields.emplace(name, std::move(*value));
        report.locations.emplace(name, r.Where(kv.second));
      }
    }
  }

  const YAML::Node sources = root["sources"];
  if (sources.IsDefined() && r.ExpectMap(sources, "sources")) {
    r.CheckKeys(sources, names, "sources");
    for (const auto& kv : sources) {
      if (!kv.first.IsScalar()) continue;
      const std::string& name = kv.first.Scalar();
      if (schema.Find(name) == nullptr || report.sources.count(name) != 0) continue;
      auto source = r.AsString(kv.second, "sources." + name);
      if (!source) continue;
      if (present.count(name) == 0) {
        r.Error(kv.first, "sources." + name,
                "source given for field '" + name + "' that the report does not contain");
        continue;
      }
      report.sources.emplace(name, std::move(*source));
    }
  }

  sink.ThrowIfAny();
  return report;
}

std::vector<RealFigure> ParseRealFigures(std::string_view text, std::string_view file_name,
                                         const ReportSchema& schema, const Registry& registry) {
  DiagnosticSink sink;
  const yaml::Reader r(std::string(file_name), sink);
  const YAML::Node root = r.Parse(text);
  if (!r.ExpectMap(root, "")) sink.ThrowIfAny();
  r.CheckKeys(root, {"figures"}, "");
  const YAML::Node list = root["figures"];
  std::vector<RealFigure> figures;
  if (!list.IsDefined()) {
    r.Error(root, "figures", "missing required key 'figures'");
  } else if (r.ExpectSequence(list, "figures")) {
    std::map<std::pair<std::string, std::string>, int> first_line;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node item = list[i];
      const std::string path = yaml::Index("figures", i);
      if (!r.ExpectMap(item, path)) continue;
      r.CheckKeys(item, {"government", "field", "value", "source"}, path);
      RealFigure figure;
      bool ok = true;
      if (auto code = r.String(item, "government", path, true)) {
        if (auto problem = report_detail::CheckGovernment(*code, registry)) {
          r.Error(item["government"], path + ".government", *problem);
          ok = false;
        }
        figure.government = *code;
      } else {
        ok = false;
      }
      const FieldSpec* spec = nullptr;
      if (auto field = r.String(item, "field", path, true)) {
        spec = schema.Find(*field);
        if (spec == nullptr) {
          r.Error(item["field"], path + ".field",
                  report_detail::UnknownFieldMessage("field", *field, schema));
        }
        figure.field = *field;
      }
      const YAML::Node value = item["value"];
      if (!value.IsDefined()) {
        r.Error(item, path + ".value", "missing required key 'value'");
        ok = false;
      } else if (spec != nullptr) {
        if (auto v = ReadFieldNode(r, value, value, *spec, path + ".value")) {
          figure.value = std::move(*v);
        } else {
          ok = false;
        }
      }
      if (auto source = r.String(item, "source", path, true)) {
        if (report_detail::Trim(*source).empty()) {
          r.Error(item["source"], path + ".source", "a real figure needs a source (a citation)");
          ok = false;
        }
        figure.source = *source;
      } else {
        ok = false;
      }
      if (!ok || spec == nullptr) continue;
      const int line = r.Where(item).line;
      const auto [it, inserted] =
          first_line.emplace(std::make_pair(figure.government, figure.field), line);
      if (!inserted) {
        r.Error(item, path,
                "government " + figure.government + " field '" + figure.field +
                    "' is given twice; first on line " + std::to_string(it->second));
        continue;
      }
      figures.push_back(std::move(figure));
    }
  }
  sink.ThrowIfAny();
  return figures;
}

}  // namespace jobaward
