// Uncertainty-spec YAML loader.
#include "jobaward/io/uncertainty_yaml.hpp"

#include <string>

#include "jobaward/io/file_io.hpp"
#include "jobaward/render/text_table.hpp"
#include "src/io/files/yaml_support.hpp"

namespace jobaward {
namespace {

// `key: [min, max]` with min <= max and both in `range`; nullopt (error recorded) otherwise.
std::optional<std::pair<double, double>> ReadRange(const yaml::Reader& reader,
                                                   const YAML::Node& map, const std::string& key,
                                                   const std::string& path, yaml::Range range) {
  const YAML::Node node = map[key];
  const std::string where = yaml::Join(path, key);
  if (!node) {
    reader.Error(map, where, "is required: a range [min, max]");
    return std::nullopt;
  }
  if (!node.IsSequence() || node.size() != 2) {
    reader.Error(node, where, "expected a range [min, max] of two numbers");
    return std::nullopt;
  }
  const auto lo = reader.AsNumber(node[0], yaml::Index(where, 0), range);
  const auto hi = reader.AsNumber(node[1], yaml::Index(where, 1), range);
  if (!lo || !hi) return std::nullopt;
  if (*lo > *hi) {
    reader.Error(node, where,
                 "min " + FormatShortest(*lo) + " is above max " + FormatShortest(*hi));
    return std::nullopt;
  }
  return std::make_pair(*lo, *hi);
}

}  // namespace

UncertaintySpec ParseUncertainty(std::string_view yaml_text, std::string_view file_name) {
  DiagnosticSink sink;
  const yaml::Reader reader(std::string(file_name), sink);
  const YAML::Node root = reader.Parse(yaml_text);
  UncertaintySpec spec;
  spec.where = SourceLocation{std::string(file_name), 0, 0};
  if (!reader.ExpectMap(root, "")) {
    sink.ThrowIfAny();
    return spec;
  }
  reader.CheckKeys(root, {"reviewer_noise", "measurement_noise", "weights", "cohort_thresholds"},
                   "");
  const yaml::Range non_negative{0.0, std::nullopt};

  if (const YAML::Node list = root["reviewer_noise"];
      list && reader.ExpectSequence(list, "reviewer_noise")) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node e = list[i];
      const std::string path = yaml::Index("reviewer_noise", i);
      if (!reader.ExpectMap(e, path)) continue;
      reader.CheckKeys(e, {"indicator", "sd", "leniency_sd"}, path);
      ReviewerNoiseSpec r;
      r.where = reader.Where(e);
      r.indicator = reader.String(e, "indicator", path, true).value_or("");
      r.sd = reader.Number(e, "sd", path, true, non_negative).value_or(0);
      r.leniency_sd = reader.Number(e, "leniency_sd", path, false, non_negative).value_or(0);
      spec.reviewer_noise.push_back(std::move(r));
    }
  }

  if (const YAML::Node list = root["measurement_noise"];
      list && reader.ExpectSequence(list, "measurement_noise")) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node e = list[i];
      const std::string path = yaml::Index("measurement_noise", i);
      if (!reader.ExpectMap(e, path)) continue;
      reader.CheckKeys(e, {"field", "indicator", "relative_sd", "absolute_sd"}, path);
      MeasurementNoiseSpec m;
      m.where = reader.Where(e);
      m.field = reader.String(e, "field", path, false).value_or("");
      m.indicator = reader.String(e, "indicator", path, false).value_or("");
      if (e["field"] && e["indicator"]) {
        reader.Error(e, path, "give either 'field' or 'indicator', not both");
      } else if (!e["field"] && !e["indicator"]) {
        reader.Error(e, path, "needs 'field' (a report field) or 'indicator' (its fields)");
      }
      const auto relative = reader.Number(e, "relative_sd", path, false, non_negative);
      const auto absolute = reader.Number(e, "absolute_sd", path, false, non_negative);
      if (e["relative_sd"] && e["absolute_sd"]) {
        reader.Error(e, path, "give either 'relative_sd' or 'absolute_sd', not both");
      } else if (!e["relative_sd"] && !e["absolute_sd"]) {
        reader.Error(e, path,
                     "needs 'relative_sd' (lognormal, sd of log x) or 'absolute_sd' (field units)");
      }
      m.kind = e["absolute_sd"] ? NoiseKind::kAbsolute : NoiseKind::kRelative;
      m.sd = m.kind == NoiseKind::kAbsolute ? absolute.value_or(0) : relative.value_or(0);
      spec.measurement_noise.push_back(std::move(m));
    }
  }

  if (const YAML::Node w = root["weights"]; w && reader.ExpectMap(w, "weights")) {
    reader.CheckKeys(w, {"method", "level", "range", "concentration"}, "weights");
    WeightUncertaintySpec ws;
    ws.where = reader.Where(w);
    const auto method = reader.Choice(w, "method", "weights", true, {"uniform", "dirichlet"});
    const auto level = reader.Choice(w, "level", "weights", false, {"domain", "indicator"});
    ws.method = method.value_or("uniform") == "dirichlet" ? WeightMethod::kDirichlet
                                                          : WeightMethod::kUniform;
    ws.level =
        level.value_or("domain") == "indicator" ? WeightLevel::kIndicator : WeightLevel::kDomain;
    if (ws.method == WeightMethod::kUniform) {
      if (w["concentration"])
        reader.Error(w["concentration"], "weights.concentration",
                     "applies to method dirichlet, not uniform");
      if (const auto r = ReadRange(reader, w, "range", "weights", {0.0, std::nullopt})) {
        if (r->first <= 0) {
          reader.Error(w["range"], "weights.range",
                       "factors must be above 0, got min " + FormatShortest(r->first));
        }
        ws.factor_min = r->first;
        ws.factor_max = r->second;
      }
    } else {
      if (w["range"])
        reader.Error(w["range"], "weights.range", "applies to method uniform, not dirichlet");
      const auto c = reader.Number(w, "concentration", "weights", true, {0.0, std::nullopt});
      if (c && *c <= 0)
        reader.Error(w["concentration"], "weights.concentration",
                     "must be above 0, got " + FormatShortest(*c));
      ws.concentration = c.value_or(1);
    }
    spec.weights = ws;
  }

  if (const YAML::Node list = root["cohort_thresholds"];
      list && reader.ExpectSequence(list, "cohort_thresholds")) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node e = list[i];
      const std::string path = yaml::Index("cohort_thresholds", i);
      if (!reader.ExpectMap(e, path)) continue;
      reader.CheckKeys(e, {"parameter", "range"}, path);
      ThresholdSpec t;
      t.where = reader.Where(e);
      t.parameter = reader.String(e, "parameter", path, true).value_or("");
      if (const auto r = ReadRange(reader, e, "range", path, {})) {
        t.min = r->first;
        t.max = r->second;
      }
      spec.cohort_thresholds.push_back(std::move(t));
    }
  }
  sink.ThrowIfAny();
  return spec;
}

UncertaintySpec LoadUncertainty(const std::filesystem::path& path) {
  return ParseUncertainty(ReadInput(path, InputKind::kSpec), path.string());
}

}  // namespace jobaward
