// AHP comparison files and the rubric writer (see ahp_yaml.hpp).
#include "jobaward/io/ahp_yaml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>

#include "jobaward/io/file_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "src/io/files/yaml_support.hpp"

namespace jobaward {
namespace {

constexpr const char* kDomainNames[] = {"plan", "execution", "outcome"};

std::string Num(double v) { return fmt::format("{:.4g}", v); }

// A matrix entry: a positive number or a fraction "a/b"; nullopt (error recorded) otherwise.
std::optional<double> ReadEntry(const yaml::Reader& reader, const YAML::Node& node,
                                const std::string& key) {
  if (!node.IsScalar()) {
    reader.Error(node, key, "expected a number or a fraction like 1/3");
    return std::nullopt;
  }
  const std::string text = node.Scalar();
  std::optional<double> value;
  const auto slash = text.find('/');
  if (slash == std::string::npos) {
    value = ParseFiniteNumber(text);
  } else {
    const auto a = ParseFiniteNumber(std::string_view(text).substr(0, slash));
    const auto b = ParseFiniteNumber(std::string_view(text).substr(slash + 1));
    if (a && b && *b != 0) value = *a / *b;
  }
  if (!value) {
    reader.Error(node, key, "expected a number or a fraction like 1/3, got \"" + text + "\"");
    return std::nullopt;
  }
  if (!(*value > 0)) {
    reader.Error(node, key, "comparisons must be positive, got " + text);
    return std::nullopt;
  }
  // 2% slack: 0.11 for 1/9 (and 9.09 for its reciprocal) is rounding, not off the scale.
  if (*value > kAhpMaxJudgment * 1.02 || *value < 1 / kAhpMaxJudgment / 1.02) {
    reader.Error(node, key,
                 "expected a judgment on Saaty's scale, 1/9 to 9, got " + text +
                     " (9 = extremely more important)");
    return std::nullopt;
  }
  return value;
}

// Rounds `values` (>= 0) to hundredths so that they add up to `total` rounded to hundredths
// exactly (largest remainder).
std::vector<long long> RoundToHundredths(const std::vector<double>& values, double total) {
  const auto target = static_cast<long long>(std::llround(total * 100));
  std::vector<long long> out(values.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  long long sum = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double scaled = values[i] * 100;
    out[i] = static_cast<long long>(std::floor(scaled));
    sum += out[i];
    remainders.emplace_back(scaled - std::floor(scaled), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; sum < target && k < remainders.size(); ++k, ++sum) {
    ++out[remainders[k].second];
  }
  return out;
}

std::string Hundredths(long long v) {
  return v % 100 == 0 ? std::to_string(v / 100)
                      : fmt::format("{:.2f}", static_cast<double>(v) / 100);
}

}  // namespace

AhpSpec ParseAhp(std::string_view yaml_text, std::string_view file_name) {
  DiagnosticSink sink;
  const yaml::Reader reader{std::string(file_name), sink};
  const YAML::Node root = reader.Parse(yaml_text);
  AhpSpec spec;
  spec.where = {std::string(file_name), 0, 0};
  if (!reader.ExpectMap(root, "")) {
    sink.ThrowIfAny();
  }
  reader.CheckKeys(root, {"target", "domain", "items", "matrix"}, "");
  const auto target = reader.Choice(root, "target", "", true, {"domains", "indicators"});
  if (target) {
    spec.target = *target == "domains" ? AhpSpec::Target::kDomains : AhpSpec::Target::kIndicators;
  }
  const std::vector<std::string> domains(std::begin(kDomainNames), std::end(kDomainNames));
  if (spec.target == AhpSpec::Target::kIndicators) {
    if (const auto domain = reader.Choice(root, "domain", "", true, domains)) spec.domain = *domain;
  } else if (root["domain"]) {
    reader.Error(root["domain"], "domain", "only with target: indicators");
  }

  const YAML::Node items = root["items"];
  if (!items) {
    reader.Error(root, "items", "is required: the names of the compared items");
  } else if (reader.ExpectSequence(items, "items")) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto name = reader.AsString(items[i], yaml::Index("items", i));
      if (!name) continue;
      const auto dup = std::find(spec.items.begin(), spec.items.end(), *name);
      if (dup != spec.items.end()) {
        reader.Error(items[i], yaml::Index("items", i), "duplicate item " + QuoteForMessage(*name));
      } else if (spec.target == AhpSpec::Target::kDomains && target &&
                 std::find(domains.begin(), domains.end(), *name) == domains.end()) {
        const std::string hint = ClosestMatch(*name, domains);
        reader.Error(items[i], yaml::Index("items", i),
                     "unknown domain " + QuoteForMessage(*name) +
                         " (expected plan, execution or outcome" +
                         (hint.empty() ? ")" : "; did you mean '" + hint + "'?)"));
      }
      spec.items.push_back(*name);
      spec.item_where.push_back(reader.Where(items[i]));
    }
    if (items.size() < static_cast<std::size_t>(kAhpMinItems) ||
        items.size() > static_cast<std::size_t>(kAhpMaxItems)) {
      reader.Error(items, "items",
                   "expected 3 to 10 items (with fewer, every matrix is consistent and the "
                   "consistency ratio means nothing; Saaty's random index is tabulated for "
                   "n <= 10), got " +
                       std::to_string(items.size()));
    }
  }

  const YAML::Node matrix = root["matrix"];
  const auto n = static_cast<Eigen::Index>(spec.items.size());
  if (!matrix) {
    reader.Error(root, "matrix", "is required: one row of comparisons per item");
  } else if (reader.ExpectSequence(matrix, "matrix") && n > 0 && n <= kAhpMaxItems) {
    spec.matrix_where = reader.Where(matrix);
    if (static_cast<Eigen::Index>(matrix.size()) != n) {
      reader.Error(matrix, "matrix",
                   fmt::format("expected {} rows (one per item), got {}", n, matrix.size()));
    } else {
      spec.matrix = Eigen::MatrixXd::Constant(n, n, std::numeric_limits<double>::quiet_NaN());
      for (Eigen::Index i = 0; i < n; ++i) {
        const YAML::Node row = matrix[static_cast<std::size_t>(i)];
        const std::string row_key = yaml::Index("matrix", static_cast<std::size_t>(i));
        if (!reader.ExpectSequence(row, row_key)) continue;
        if (static_cast<Eigen::Index>(row.size()) != n) {
          reader.Error(row, row_key,
                       fmt::format("expected {} entries (one per item), got {}", n, row.size()));
          continue;
        }
        for (Eigen::Index j = 0; j < n; ++j) {
          const std::string key = yaml::Index(row_key, static_cast<std::size_t>(j));
          if (const auto v = ReadEntry(reader, row[static_cast<std::size_t>(j)], key)) {
            spec.matrix(i, j) = *v;
            if (i == j && *v != 1.0) {
              reader.Error(row[static_cast<std::size_t>(j)], key,
                           "an item compared with itself must be 1, got " + Num(*v));
            }
          }
        }
      }
      // Reciprocity, checked once per pair at the lower entry; 1% slack admits 0.33 for 1/3.
      for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < i; ++j) {
          const double upper = spec.matrix(j, i);
          const double lower = spec.matrix(i, j);
          if (std::isnan(upper) || std::isnan(lower)) continue;
          if (std::fabs(upper * lower - 1) > 0.01) {
            const std::string key =
                fmt::format("matrix[{}][{}]", static_cast<long>(i), static_cast<long>(j));
            reader.Error(matrix[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)], key,
                         fmt::format("must be the reciprocal of matrix[{}][{}] = {} ({} vs {}), "
                                     "i.e. {}",
                                     static_cast<long>(j), static_cast<long>(i), Num(upper),
                                     spec.items[static_cast<std::size_t>(i)],
                                     spec.items[static_cast<std::size_t>(j)], Num(1 / upper)) +
                             ", got " + Num(lower));
          }
        }
      }
    }
  }
  sink.ThrowIfAny();
  return spec;
}

AhpSpec LoadAhp(const std::filesystem::path& path) {
  return ParseAhp(ReadInput(path, InputKind::kSpec), path.string());
}

void CheckConsistency(const AhpSpec& spec, const AhpResult& result, bool allow) {
  if (allow || result.consistency_ratio <= kAhpMaxConsistencyRatio) return;
  throw InputError(Diagnostic{
      spec.matrix_where,
      "matrix",
      fmt::format("consistency ratio {:.3f} exceeds {} (CI {:.3f}, RI {:.2f}): the judgments "
                  "contradict each other; revise them, or pass --allow-inconsistent",
                  result.consistency_ratio, kAhpMaxConsistencyRatio, result.consistency_index,
                  result.random_index),
      {}});
}

std::string RewriteRubricPoints(std::string_view rubric_text, std::string_view rubric_file,
                                const AhpSpec& spec, const AhpResult& result,
                                std::string_view new_id) {
  const Rubric rubric = ParseRubric(rubric_text, rubric_file);
  DiagnosticSink sink;
  const yaml::Reader reader{std::string(rubric_file), sink};
  const YAML::Node root = reader.Parse(rubric_text);
  const std::string written_id = new_id.empty() ? rubric.id + "-ahp" : std::string(new_id);
  const bool plain_id =
      !written_id.empty() && std::all_of(written_id.begin(), written_id.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
      });
  if (!plain_id || written_id == rubric.id) {
    throw InputError(Diagnostic{
        rubric.id_where,
        "id",
        !plain_id ? "the re-weighted rubric's id '" + written_id +
                        "' must be letters, digits, '-' and '_' only (it names the rubric in "
                        "scenario keys)"
                  : "the re-weighted rubric needs an id other than the original's '" + written_id +
                        "', so that both can be told apart (and used together)",
        {}});
  }

  // New points: per domain and per indicator (rubric order), in hundredths.
  std::array<double, kDomainCount> domain_points{};
  for (int d = 0; d < kDomainCount; ++d)
    domain_points[static_cast<std::size_t>(d)] = rubric.domains[static_cast<std::size_t>(d)].points;
  std::vector<double> indicator_points;
  for (const auto& ind : rubric.indicators) indicator_points.push_back(ind.points);

  std::array<long long, kDomainCount> new_domain{};
  std::vector<long long> new_indicator(indicator_points.size());
  auto split_domain = [&](int d, double points) {
    std::vector<double> shares;
    std::vector<std::size_t> members;
    const double old = domain_points[static_cast<std::size_t>(d)];
    for (std::size_t i = 0; i < rubric.indicators.size(); ++i) {
      if (static_cast<int>(rubric.indicators[i].domain) != d) continue;
      members.push_back(i);
      shares.push_back(old > 0 ? indicator_points[i] * points / old : 0.0);
    }
    const auto rounded = RoundToHundredths(shares, points);
    for (std::size_t k = 0; k < members.size(); ++k) new_indicator[members[k]] = rounded[k];
  };

  if (spec.target == AhpSpec::Target::kDomains) {
    std::vector<double> shares(kDomainCount, 0.0);
    for (std::size_t k = 0; k < spec.items.size(); ++k) {
      const auto it = std::find(std::begin(kDomainNames), std::end(kDomainNames), spec.items[k]);
      shares[static_cast<std::size_t>(it - std::begin(kDomainNames))] =
          result.weights[static_cast<Eigen::Index>(k)] * rubric.total_points;
    }
    for (int d = 0; d < kDomainCount; ++d) {
      if (std::find(spec.items.begin(), spec.items.end(), kDomainNames[d]) == spec.items.end()) {
        sink.Add(spec.matrix_where, "items",
                 std::string("domain '") + kDomainNames[d] +
                     "' is not compared: a rubric needs a weight for each of plan, execution "
                     "and outcome");
      } else if (domain_points[static_cast<std::size_t>(d)] <= 0) {
        sink.Add(rubric.domains[static_cast<std::size_t>(d)].where,
                 "domains." + std::string(kDomainNames[d]),
                 "has 0 points, so its indicators have no shares to rescale");
      }
    }
    sink.ThrowIfAny();
    const auto rounded = RoundToHundredths(shares, rubric.total_points);
    for (int d = 0; d < kDomainCount; ++d) {
      new_domain[static_cast<std::size_t>(d)] = rounded[static_cast<std::size_t>(d)];
      split_domain(d, static_cast<double>(rounded[static_cast<std::size_t>(d)]) / 100);
    }
  } else {
    const int d =
        static_cast<int>(std::find(std::begin(kDomainNames), std::end(kDomainNames), spec.domain) -
                         std::begin(kDomainNames));
    std::vector<std::string> ids;
    for (const auto& ind : rubric.indicators) {
      if (static_cast<int>(ind.domain) == d) ids.push_back(ind.id);
    }
    for (std::size_t k = 0; k < spec.items.size(); ++k) {
      if (std::find(ids.begin(), ids.end(), spec.items[k]) == ids.end()) {
        const std::string hint = ClosestMatch(spec.items[k], ids);
        sink.Add(spec.item_where[k], yaml::Index("items", k),
                 "'" + spec.items[k] + "' is not an indicator of domain " + spec.domain + " in " +
                     std::string(rubric_file) +
                     (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      }
    }
    for (const auto& id : ids) {
      if (std::find(spec.items.begin(), spec.items.end(), id) == spec.items.end()) {
        sink.Add(spec.matrix_where, "items",
                 "indicator '" + id + "' of domain " + spec.domain +
                     " is not compared: list every indicator of the domain");
      }
    }
    sink.ThrowIfAny();
    for (int e = 0; e < kDomainCount; ++e) {
      new_domain[static_cast<std::size_t>(e)] =
          std::llround(domain_points[static_cast<std::size_t>(e)] * 100);
      if (e != d) split_domain(e, domain_points[static_cast<std::size_t>(e)]);
    }
    std::vector<double> shares;
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < rubric.indicators.size(); ++i) {
      if (static_cast<int>(rubric.indicators[i].domain) != d) continue;
      const auto k = static_cast<Eigen::Index>(
          std::find(spec.items.begin(), spec.items.end(), rubric.indicators[i].id) -
          spec.items.begin());
      members.push_back(i);
      shares.push_back(result.weights[k] * domain_points[static_cast<std::size_t>(d)]);
    }
    const auto rounded = RoundToHundredths(shares, domain_points[static_cast<std::size_t>(d)]);
    for (std::size_t k = 0; k < members.size(); ++k) new_indicator[members[k]] = rounded[k];
  }

  // Replace each `points` scalar where it stands in the text, last first so offsets hold.
  std::vector<std::pair<YAML::Node, std::string>> edits;
  const YAML::Node domains = root["domains"];
  for (int d = 0; d < kDomainCount; ++d) {
    edits.emplace_back(domains[kDomainNames[d]]["points"],
                       Hundredths(new_domain[static_cast<std::size_t>(d)]));
  }
  const YAML::Node indicators = root["indicators"];
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    edits.emplace_back(indicators[i]["points"], Hundredths(new_indicator[i]));
  }
  std::vector<std::tuple<std::size_t, std::size_t, std::string>> spans;
  {
    // The id may be quoted; the new one is plain, so it goes inside the quotes if there are any.
    const YAML::Node node = root["id"];
    auto pos = static_cast<std::size_t>(node.Mark().pos);
    if (pos < rubric_text.size() && (rubric_text[pos] == '"' || rubric_text[pos] == '\'')) ++pos;
    if (rubric_text.substr(pos, rubric.id.size()) != rubric.id) {
      throw InputError(Diagnostic{reader.Where(node),
                                  "id",
                                  "cannot rewrite this value in place (write the id as a plain "
                                  "string)",
                                  {}});
    }
    spans.emplace_back(pos, rubric.id.size(), written_id);
  }
  for (const auto& [node, value] : edits) {
    const auto pos = static_cast<std::size_t>(node.Mark().pos);
    const std::string& old = node.Scalar();
    if (!node.IsScalar() || rubric_text.substr(pos, old.size()) != old) {
      throw InputError(Diagnostic{reader.Where(node),
                                  "points",
                                  "cannot rewrite this value in place (write points as a plain "
                                  "number)",
                                  {}});
    }
    spans.emplace_back(pos, old.size(), value);
  }
  std::sort(spans.begin(), spans.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
  std::string text(rubric_text);
  for (const auto& [pos, length, value] : spans) text.replace(pos, length, value);
  (void)ParseRubric(text, rubric_file);  // The rewritten rubric must be valid.
  return text;
}

}  // namespace jobaward
