// Uncertainty model: compiling a spec against the scoring models, and drawing one perturbation.
#include "jobaward/simulation/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>

#include "src/core/simulation/variates.hpp"

namespace jobaward {
namespace {

// Counter streams of a group's key (variates.hpp): a group is of one kind, the streams keep
// the kinds apart all the same.
constexpr std::uint32_t kMeasurementStream = 0;
constexpr std::uint32_t kReviewerStream = 1;  // sub = reviewer column, index = government.
constexpr std::uint32_t kLeniencyStream = 2;  // index = reviewer column.

constexpr double kInf = std::numeric_limits<double>::infinity();

// splitmix64's finaliser: a bijection with full avalanche, the usual way to turn counters into
// unrelated seeds.
constexpr std::uint64_t Mix(std::uint64_t z) noexcept {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

pcg_extras::pcg128_t Seed128(std::uint64_t key) {
  return (static_cast<pcg_extras::pcg128_t>(Mix(key ^ 0x6a09e667f3bcc908ULL)) << 64) | key;
}

detail::ZigguratTables MakeZiggurat() {
  // Marsaglia & Tsang (2000), "The Ziggurat Method for Generating Random Variables", RNOR with
  // 128 layers: r = 3.442619855899, v = 9.91256303526217e-3 (area of each layer).
  detail::ZigguratTables t{};
  const double m1 = 2147483648.0;
  double dn = 3.442619855899;
  double tn = dn;
  const double vn = 9.91256303526217e-3;
  const double q = vn / std::exp(-0.5 * dn * dn);
  t.k[0] = static_cast<std::uint32_t>((dn / q) * m1);
  t.k[1] = 0;
  t.w[0] = q / m1;
  t.w[127] = dn / m1;
  t.f[0] = 1.0;
  t.f[127] = std::exp(-0.5 * dn * dn);
  for (int i = 126; i >= 1; --i) {
    dn = std::sqrt(-2.0 * std::log(vn / dn + std::exp(-0.5 * dn * dn)));
    t.k[i + 1] = static_cast<std::uint32_t>((dn / tn) * m1);
    tn = dn;
    t.f[i] = std::exp(-0.5 * dn * dn);
    t.w[i] = dn / m1;
  }
  return t;
}

Diagnostic At(const SourceLocation& where, std::string key, std::string message) {
  return Diagnostic{where, std::move(key), std::move(message), {}};
}

std::string Suggest(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string hint = ClosestMatch(word, candidates);
  return hint.empty() ? std::string() : ", did you mean '" + hint + "'?";
}

// Group catalogue shared by all categories: the same name is the same group.
class GroupCatalogue {
 public:
  explicit GroupCatalogue(std::vector<UncertaintyGroup>& groups) : groups_(groups) {}
  int Get(GroupKind kind, const std::string& name, const SourceLocation& where) {
    const auto it = index_.find(name);
    if (it != index_.end()) return it->second;
    const int g = static_cast<int>(groups_.size());
    groups_.push_back({kind, name, where});
    index_.emplace(name, g);
    return g;
  }

 private:
  std::vector<UncertaintyGroup>& groups_;
  std::map<std::string, int> index_;
};

const FieldSpec* FindField(const Rubric& rubric, const std::string& name) {
  for (const auto& f : rubric.fields)
    if (f.name == name) return &f;
  return nullptr;
}

// The rows of one reviewer column that get noise, and their governments (the counters).
struct ScoredRows {
  std::span<const int> rows;
  std::span<const std::uint32_t> counters;
};

// The reviewers' leniency shifts of one draw (0 without leniency noise).
void DrawLeniency(const detail::ReviewerOp& op, std::uint64_t key, std::span<double> out) {
  if (op.leniency_sd <= 0) {
    std::fill(out.begin(), out.end(), 0.0);
    return;
  }
  detail::CounterNormals(key, kLeniencyStream, 0, 0, out.size(), out.data());
  for (double& shift : out) shift *= op.leniency_sd;
}

// The advanced rows of `scored`, into `rows` and `counters` (as large as `scored`). Every row is
// written and kept when it advanced: a branch on it would mispredict for a good part of the rows.
ScoredRows PickAdvanced(ScoredRows scored, std::span<const char> advanced, std::span<int> rows,
                        std::span<std::uint32_t> counters) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < scored.rows.size(); ++i) {
    rows[kept] = scored.rows[i];
    counters[kept] = scored.counters[i];
    kept += advanced[static_cast<std::size_t>(scored.rows[i])] != 0 ? 1 : 0;
  }
  return {rows.first(kept), counters.first(kept)};
}

// The rows that advanced, into `rows` (one element per row of the panel).
std::span<const int> AdvancedRows(std::span<const char> advanced, std::span<int> rows) {
  std::size_t kept = 0;
  for (std::size_t r = 0; r < advanced.size(); ++r) {
    rows[kept] = static_cast<int>(r);
    kept += advanced[r] != 0 ? 1 : 0;
  }
  return rows.first(kept);
}

// The advanced rows of a column in which every row is scored, and their counters (the column's
// counter of row r is its r-th): a walk over the advancers instead of every row, per column.
ScoredRows AdvancedOfFullColumn(ScoredRows column, std::span<const int> advanced_rows,
                                std::span<std::uint32_t> counters) {
  for (std::size_t i = 0; i < advanced_rows.size(); ++i)
    counters[i] = column.counters[static_cast<std::size_t>(advanced_rows[i])];
  return {advanced_rows, counters.first(advanced_rows.size())};
}

// Reviewer `reviewer`'s noisy scores of `scored` rows: out[r] = clip(in[r] + shift + sd z).
// `normals` is scratch for one variate per scored row.
void DrawScoreColumn(const detail::ReviewerOp& op, std::uint64_t key, std::uint32_t reviewer,
                     double shift, ScoredRows scored, const double* in, double* normals,
                     double* out) {
  const auto rows = scored.rows;
  const auto counters = scored.counters;
  if (rows.empty()) return;
  if (op.sd <= 0) {
    for (const int r : rows) out[r] = std::clamp(in[r] + shift, op.score_min, op.score_max);
    return;
  }
  // Ascending and distinct: consecutive when the ends are (the cheaper range path).
  if (counters.back() - counters.front() + 1 == counters.size()) {
    detail::CounterNormals(key, kReviewerStream, reviewer, counters.front(), counters.size(),
                           normals);
  } else {
    detail::CounterNormals(key, kReviewerStream, reviewer, counters, normals);
  }
  const auto first = static_cast<std::size_t>(rows.front());
  if (static_cast<std::size_t>(rows.back()) - first + 1 == rows.size()) {
    // Every row of the stretch is scored: one vector pass instead of a loop over row indices.
    detail::ApplyShiftedNormal(in + first, normals, rows.size(), shift, op.sd, op.score_min,
                               op.score_max, out + first);
    return;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto r = static_cast<std::size_t>(rows[i]);
    out[r] = std::clamp(in[r] + shift + op.sd * normals[i], op.score_min, op.score_max);
  }
}

}  // namespace

const char* ToString(NoiseKind kind) {
  return kind == NoiseKind::kRelative ? "relative" : "absolute";
}
const char* ToString(WeightMethod method) {
  return method == WeightMethod::kUniform ? "uniform" : "dirichlet";
}
const char* ToString(WeightLevel level) {
  return level == WeightLevel::kDomain ? "domain" : "indicator";
}
const char* ToString(GroupKind kind) {
  switch (kind) {
    case GroupKind::kWeight:
      return "weight";
    case GroupKind::kReviewer:
      return "reviewer";
    case GroupKind::kMeasurement:
      return "measurement";
    case GroupKind::kThreshold:
      return "threshold";
  }
  return "?";
}

const detail::ZigguratTables& detail::Ziggurat() {
  static const ZigguratTables tables = MakeZiggurat();
  return tables;
}

std::uint64_t GroupKey(std::uint64_t seed, std::uint64_t draw, std::uint64_t group) noexcept {
  return Mix(Mix(Mix(seed) ^ draw) ^ (group * 0xd1b54a32d192ed03ULL + 0x632be59bd9b4e019ULL));
}

GroupStream::GroupStream(std::uint64_t key) : rng_(Seed128(key)), zig_(detail::Ziggurat()) {}

double GroupStream::NormalTail(std::int32_t hz, int layer) {
  // The slow path of RNOR ("nfix"): the wedge test, or the tail beyond r for the base layer.
  constexpr double kR = 3.442619855899;
  for (;;) {
    const double x = hz * zig_.w[layer];
    if (layer == 0) {
      double tail = 0;
      double y = 0;
      do {
        // Open interval (0, 1) so that log() is finite.
        tail = -std::log((static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53) / kR;
        y = -std::log((static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53);
      } while (y + y < tail * tail);
      return hz > 0 ? kR + tail : -kR - tail;
    }
    if (zig_.f[layer] + Uniform() * (zig_.f[layer - 1] - zig_.f[layer]) < std::exp(-0.5 * x * x))
      return x;
    const std::uint64_t u = rng_();
    layer = static_cast<int>(u & 127U);
    hz = static_cast<std::int32_t>(static_cast<std::uint32_t>(u >> 32));
    const std::int64_t magnitude = hz < 0 ? -static_cast<std::int64_t>(hz) : hz;
    if (magnitude < static_cast<std::int64_t>(zig_.k[layer])) return hz * zig_.w[layer];
  }
}

double GroupStream::Gamma(double shape) {
  // Marsaglia & Tsang (2000), "A Simple Method for Generating Gamma Variables"; shape < 1 by
  // Gamma(a) = Gamma(a + 1) * U^(1/a).
  if (shape < 1) {
    const double u = (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53;
    return Gamma(shape + 1) * std::pow(u, 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = Normal();
    double v = 1.0 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const double u = (static_cast<double>(rng_() >> 11) + 0.5) * 0x1.0p-53;
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

UncertaintyModel CompileUncertainty(const UncertaintySpec& spec,
                                    std::span<const ScoringModel> categories,
                                    const CohortRules* rules, const Registry* registry) {
  UncertaintyModel model;
  GroupCatalogue catalogue(model.groups_);
  DiagnosticSink sink;
  model.weights_ = spec.weights;
  model.categories_.resize(categories.size());

  // Every indicator id and field name of any category, for did-you-mean hints.
  std::vector<std::string> all_indicators;
  std::vector<std::string> all_fields;
  for (const auto& m : categories) {
    for (const auto& ind : m.rubric.indicators) all_indicators.push_back(ind.id);
    for (const auto& f : m.rubric.fields) all_fields.push_back(f.name);
  }

  for (std::size_t c = 0; c < categories.size(); ++c) {
    const ScoringModel& m = categories[c];
    auto& cu = model.categories_[c];
    cu.base_fields = m.fields;
    cu.base_panels = m.panels;
    cu.base_points = m.indicator_points;
    cu.base_row_cohort = m.row_cohort;
    cu.row_government = m.row_government;
    cu.row_counter.assign(m.row_government.begin(), m.row_government.end());
    cu.first_counter = cu.row_counter.empty() ? -1 : cu.row_counter.front();
    for (std::size_t r = 0; r < cu.row_counter.size(); ++r)
      if (cu.row_counter[r] != cu.row_counter.front() + r) cu.first_counter = -1;
    cu.weight_unit_of_indicator.assign(m.rubric.indicators.size(), -1);
  }

  // Weights: one unit per domain or per indicator with nominal points > 0.
  if (spec.weights) {
    const auto& w = *spec.weights;
    for (std::size_t c = 0; c < categories.size(); ++c) {
      const ScoringModel& m = categories[c];
      auto& cu = model.categories_[c];
      const auto& inds = m.rubric.indicators;
      if (w.level == WeightLevel::kDomain) {
        for (int d = 0; d < kDomainCount; ++d) {
          double points = 0;
          // An indicator that is not re-weighted (a separate interview scale) is in no unit.
          const auto in_unit = [&](std::size_t i) {
            return static_cast<int>(inds[i].domain) == d && inds[i].reweighted;
          };
          for (std::size_t i = 0; i < inds.size(); ++i)
            if (in_unit(i)) points += m.indicator_points[static_cast<Eigen::Index>(i)];
          if (points <= 0) continue;
          const int unit = static_cast<int>(cu.weight_unit_names.size());
          const std::string name = ToString(static_cast<Domain>(d));
          cu.weight_unit_names.push_back(name);
          cu.weight_unit_points.push_back(points);
          cu.weight_unit_group.push_back(
              catalogue.Get(GroupKind::kWeight, "weight:" + name, w.where));
          for (std::size_t i = 0; i < inds.size(); ++i)
            if (in_unit(i)) cu.weight_unit_of_indicator[i] = unit;
        }
      } else {
        for (std::size_t i = 0; i < inds.size(); ++i) {
          const double points = m.indicator_points[static_cast<Eigen::Index>(i)];
          if (points <= 0 || !inds[i].reweighted) continue;
          cu.weight_unit_of_indicator[i] = static_cast<int>(cu.weight_unit_names.size());
          cu.weight_unit_names.push_back(inds[i].id);
          cu.weight_unit_points.push_back(points);
          cu.weight_unit_group.push_back(
              catalogue.Get(GroupKind::kWeight, "weight:" + inds[i].id, w.where));
        }
      }
      cu.varies_points = !cu.weight_unit_names.empty();
    }
  }

  // Reviewer noise: explicit entries first, then "*" for the panel indicators left.
  {
    std::map<std::string, const ReviewerNoiseSpec*> explicit_entries;
    const ReviewerNoiseSpec* star = nullptr;
    for (std::size_t e = 0; e < spec.reviewer_noise.size(); ++e) {
      const auto& r = spec.reviewer_noise[e];
      const std::string key = "reviewer_noise[" + std::to_string(e) + "].indicator";
      if (r.indicator == "*") {
        if (star != nullptr)
          sink.Add(
              At(r.where, key,
                 "'*' is given twice (also at line " + std::to_string(star->where.line) + ")"));
        star = &r;
        continue;
      }
      bool found = false;
      for (const auto& m : categories) {
        const Indicator* ind = m.rubric.FindIndicator(r.indicator);
        if (ind == nullptr) continue;
        found = true;
        if (ind->method != Method::kPanel)
          sink.Add(At(r.where, key,
                      "indicator '" + r.indicator + "' uses method " + ToString(ind->method) +
                          "; reviewer noise applies to panel indicators"));
      }
      if (!found)
        sink.Add(At(r.where, key,
                    "no rubric has an indicator '" + r.indicator + "'" +
                        Suggest(r.indicator, all_indicators)));
      if (const auto it = explicit_entries.find(r.indicator); it != explicit_entries.end())
        sink.Add(At(r.where, key,
                    "indicator '" + r.indicator + "' is given reviewer noise twice (also at line " +
                        std::to_string(it->second->where.line) + ")"));
      explicit_entries.emplace(r.indicator, &r);
    }
    for (std::size_t c = 0; c < categories.size(); ++c) {
      const ScoringModel& m = categories[c];
      auto& cu = model.categories_[c];
      for (std::size_t i = 0; i < m.rubric.indicators.size(); ++i) {
        const Indicator& ind = m.rubric.indicators[i];
        if (ind.method != Method::kPanel) continue;
        const auto it = explicit_entries.find(ind.id);
        const ReviewerNoiseSpec* r = it != explicit_entries.end() ? it->second : star;
        if (r == nullptr || (r->sd <= 0 && r->leniency_sd <= 0)) continue;
        detail::ReviewerOp op;
        op.group = catalogue.Get(GroupKind::kReviewer, "reviewer:" + ind.id, r->where);
        op.panel = m.compiled[i].panel;
        op.sd = r->sd;
        op.leniency_sd = r->leniency_sd;
        op.score_min = ind.params.score_min;
        op.score_max = ind.params.score_max;
        if (op.panel < 0) continue;
        const Eigen::MatrixXd& panel = m.panels[static_cast<std::size_t>(op.panel)];
        for (Eigen::Index k = 0; k < panel.cols(); ++k) {
          op.column_start.push_back(static_cast<int>(op.scored_rows.size()));
          for (Eigen::Index scored = 0; scored < panel.rows(); ++scored) {
            if (std::isnan(panel(scored, k))) continue;
            op.scored_rows.push_back(static_cast<int>(scored));
            op.scored_governments.push_back(
                static_cast<std::uint32_t>(m.row_government[static_cast<std::size_t>(scored)]));
          }
        }
        op.column_start.push_back(static_cast<int>(op.scored_rows.size()));
        // Drawn for advancers only when nothing reads the panel of one who did not advance:
        // no stage-1 indicator, and no special prize (which reads raw values of anyone).
        op.stage2_only = true;
        for (std::size_t other = 0; other < m.rubric.indicators.size(); ++other) {
          if (m.compiled[other].method != Method::kPanel || m.compiled[other].panel != op.panel)
            continue;
          if (m.compiled[other].stage != 2) op.stage2_only = false;
          for (const auto& prize : m.rubric.special_prizes)
            if (prize.indicator == m.rubric.indicators[other].id) op.stage2_only = false;
        }
        cu.reviewers.push_back(op);
        cu.varies_panels = true;
      }
    }
  }

  // Measurement noise: each field at most once, whether named directly or via an indicator.
  {
    std::map<std::string, const MeasurementNoiseSpec*> field_entry;
    std::vector<std::pair<std::string, const MeasurementNoiseSpec*>> resolved;
    for (std::size_t e = 0; e < spec.measurement_noise.size(); ++e) {
      const auto& n = spec.measurement_noise[e];
      const std::string prefix = "measurement_noise[" + std::to_string(e) + "]";
      std::vector<std::string> fields;
      if (!n.field.empty()) {
        const FieldSpec* fs = nullptr;
        for (const auto& m : categories)
          if (fs == nullptr) fs = FindField(m.rubric, n.field);
        if (fs == nullptr) {
          sink.Add(
              At(n.where, prefix + ".field",
                 "no rubric declares a field '" + n.field + "'" + Suggest(n.field, all_fields)));
          continue;
        }
        if (fs->type != FieldType::kNumber && fs->type != FieldType::kCount) {
          sink.Add(At(n.where, prefix + ".field",
                      "field '" + n.field + "' is of type " + ToString(fs->type) +
                          "; measurement noise applies to number and count fields"));
          continue;
        }
        fields.push_back(n.field);
      } else {
        bool found = false;
        for (const auto& m : categories) {
          const Indicator* ind = m.rubric.FindIndicator(n.indicator);
          if (ind == nullptr) continue;
          found = true;
          for (const auto& f : ind->fields) {
            const FieldSpec* fs = FindField(m.rubric, f);
            if (fs != nullptr &&
                (fs->type == FieldType::kNumber || fs->type == FieldType::kCount) &&
                std::find(fields.begin(), fields.end(), f) == fields.end())
              fields.push_back(f);
          }
        }
        if (!found) {
          sink.Add(At(n.where, prefix + ".indicator",
                      "no rubric has an indicator '" + n.indicator + "'" +
                          Suggest(n.indicator, all_indicators)));
          continue;
        }
        if (fields.empty()) {
          sink.Add(At(n.where, prefix + ".indicator",
                      "indicator '" + n.indicator +
                          "' reads no number or count field; measurement noise does not apply"));
          continue;
        }
      }
      for (const auto& f : fields) {
        if (const auto it = field_entry.find(f); it != field_entry.end()) {
          sink.Add(At(n.where, prefix,
                      "field '" + f + "' is given measurement noise twice (also at line " +
                          std::to_string(it->second->where.line) + ")"));
          continue;
        }
        field_entry.emplace(f, &n);
        resolved.emplace_back(f, &n);
      }
    }
    for (const auto& [field, n] : resolved) {
      if (n->sd <= 0) continue;
      const int group = catalogue.Get(GroupKind::kMeasurement, "field:" + field, n->where);
      for (std::size_t c = 0; c < categories.size(); ++c) {
        const ScoringModel& m = categories[c];
        const int column = m.FieldColumn(field);
        const FieldSpec* fs = FindField(m.rubric, field);
        if (column < 0 || fs == nullptr) continue;
        detail::MeasurementOp op;
        op.group = group;
        op.column = column;
        op.kind = n->kind;
        op.sd = n->sd;
        op.lo = fs->min.value_or(fs->type == FieldType::kCount ? 0.0 : -kInf);
        op.hi = fs->max.value_or(kInf);
        model.categories_[c].measurement.push_back(op);
        model.categories_[c].varies_fields = true;
      }
    }
  }

  // Cohort thresholds.
  if (!spec.cohort_thresholds.empty()) {
    if (rules == nullptr || registry == nullptr) {
      sink.Add(At(spec.cohort_thresholds.front().where, "cohort_thresholds",
                  "cohort thresholds need the cohort rules, which were not given"));
    } else {
      std::vector<std::string> names;
      for (const auto& p : rules->parameters) names.push_back(p.name);
      std::set<std::string> seen;
      for (std::size_t e = 0; e < spec.cohort_thresholds.size(); ++e) {
        const auto& t = spec.cohort_thresholds[e];
        const std::string key = "cohort_thresholds[" + std::to_string(e) + "].parameter";
        const auto it = std::find(names.begin(), names.end(), t.parameter);
        if (it == names.end()) {
          sink.Add(At(t.where, key,
                      "the cohort rules have no parameter '" + t.parameter + "'" +
                          Suggest(t.parameter, names)));
          continue;
        }
        if (!seen.insert(t.parameter).second) {
          sink.Add(At(t.where, key, "parameter '" + t.parameter + "' is varied twice"));
          continue;
        }
        detail::ThresholdOp op;
        op.group = catalogue.Get(GroupKind::kThreshold, "threshold:" + t.parameter, t.where);
        op.parameter = static_cast<int>(it - names.begin());
        op.min = t.min;
        op.max = t.max;
        model.thresholds_.push_back(op);
      }
      if (!model.thresholds_.empty()) {
        model.cohort_rules_.emplace(*rules, *registry);
        model.base_parameters_ = ParameterValues(*rules);
        // Rules cohort k -> each model's cohort index (matched by id).
        for (std::size_t c = 0; c < categories.size(); ++c) {
          const auto& ids = categories[c].cohorts.ids;
          auto& map = model.categories_[c].cohort_of_rules_cohort;
          for (const auto& rule : rules->cohorts) {
            const auto found = std::find(ids.begin(), ids.end(), rule.cohort.id);
            if (found == ids.end()) {
              sink.Add(At(spec.cohort_thresholds.front().where, "cohort_thresholds",
                          "cohort '" + rule.cohort.id +
                              "' of the cohort rules is not a cohort of the scoring model"));
              map.push_back(0);
            } else {
              map.push_back(static_cast<int>(found - ids.begin()));
            }
          }
          model.categories_[c].varies_cohorts = true;
        }
        // Both ends of every range must give a valid assignment (an empty cohort is an error).
        for (const auto& op : model.thresholds_) {
          for (const double v : {op.min, op.max}) {
            std::vector<double> params = model.base_parameters_;
            params[static_cast<std::size_t>(op.parameter)] = v;
            try {
              (void)model.cohort_rules_->Assign(params);
            } catch (const InputError& e) {
              const auto& t = model.groups_[static_cast<std::size_t>(op.group)];
              sink.Add(At(t.where, "cohort_thresholds",
                          "with " + names[static_cast<std::size_t>(op.parameter)] + " = " +
                              std::to_string(v) +
                              " the cohort assignment fails: " + e.diagnostics().front().message));
            }
          }
        }
      }
    }
  }
  sink.ThrowIfAny();
  return model;
}

DrawState::DrawState(const UncertaintyModel& model) : model_(&model) {
  const std::size_t n = model.categories_.size();
  fields_.resize(n);
  panels_.resize(n);
  points_.resize(n);
  row_cohort_.resize(n);
  weights_.resize(n);
  fixed_weights_.resize(n);
  perturbations_.resize(n);
  std::size_t max_units = 0;
  Eigen::Index max_reviewers = 0;
  for (std::size_t c = 0; c < n; ++c) {
    const auto& cu = model.categories_[c];
    Perturbation& p = perturbations_[c];
    if (cu.varies_fields) {
      fields_[c] = cu.base_fields;
      p.fields = &fields_[c];
    }
    if (cu.varies_panels) {
      panels_[c] = cu.base_panels;
      p.panels = &panels_[c];
      for (const auto& panel : cu.base_panels)
        max_reviewers = std::max(max_reviewers, panel.cols());
    }
    if (cu.varies_points) {
      points_[c] = cu.base_points;
      p.indicator_points = &points_[c];
      weights_[c] = cu.weight_unit_points;
    }
    if (cu.varies_cohorts) {
      row_cohort_[c] = cu.base_row_cohort;
      p.row_cohort = &row_cohort_[c];
    }
    max_units = std::max(max_units, cu.weight_unit_points.size());
  }
  factors_.resize(max_units);
  leniency_.resize(static_cast<std::size_t>(max_reviewers));
  std::size_t max_rows = 0;
  for (const auto& cu : model.categories_)
    max_rows = std::max(max_rows, static_cast<std::size_t>(cu.base_fields.rows()));
  normals_.resize(max_rows);
  panel_rows_.resize(2 * max_rows);  // DrawPanel: a column's picked rows, the advanced rows.
  panel_counters_.resize(max_rows);
  applied_keys_.resize(n);
  applied_uniforms_.resize(n);
  previous_reviewers_.resize(n);
  previous_fields_.resize(n);
  for (std::size_t c = 0; c < n; ++c) {
    const auto& cu = model.categories_[c];
    for (const auto& op : cu.reviewers)
      previous_reviewers_[c].push_back(
          {0, false, cu.base_panels[static_cast<std::size_t>(op.panel)]});
    for (const auto& op : cu.measurement)
      previous_fields_[c].push_back({0, false, cu.base_fields.col(op.column)});
  }
  parameters_ = model.base_parameters_;
}

void DrawState::FixWeights(std::size_t category, std::span<const double> weights) {
  Require(weights.size() == weights_.at(category).size(), "FixWeights: wrong number of weights");
  fixed_weights_.at(category).assign(weights.begin(), weights.end());
  applied_keys_.at(category).clear();
}

void DrawState::DrawStage2ForAdvancersOnly(bool on) {
  stage2_for_advancers_ = on;
  for (std::size_t c = 0; c < perturbations_.size(); ++c) {
    bool deferred = false;
    for (const auto& op : model_->categories_[c].reviewers) deferred = deferred || op.stage2_only;
    perturbations_[c].before_stage2 = nullptr;
    if (on && deferred) {
      perturbations_[c].before_stage2 = [this, c](std::span<const char> advanced) {
        DrawStage2(c, advanced);
      };
    }
    applied_keys_[c].clear();  // Panels drawn eagerly before must be drawn by the new rule.
  }
}

void DrawState::DrawStage2(std::size_t category, std::span<const char> advanced) {
  const auto& cu = model_->categories_[category];
  const auto& keys = applied_keys_[category];
  Require(!keys.empty(), "DrawStage2: no draw applied");
  for (const auto& op : cu.reviewers) {
    if (!op.stage2_only) continue;
    DrawPanel(op, keys[static_cast<std::size_t>(op.group)],
              cu.base_panels[static_cast<std::size_t>(op.panel)], advanced,
              panels_[category][static_cast<std::size_t>(op.panel)]);
  }
}

void DrawState::DrawPanel(const detail::ReviewerOp& op, std::uint64_t key,
                          const Eigen::MatrixXd& base, std::span<const char> advanced,
                          Eigen::MatrixXd& out) {
  const auto reviewers = static_cast<std::size_t>(base.cols());
  const auto rows = static_cast<std::size_t>(base.rows());
  DrawLeniency(op, key, std::span(leniency_).first(reviewers));
  // panel_rows_ holds a column's picked rows, then (second half) the advanced rows of the panel.
  const std::span<int> picked(panel_rows_.data(), rows);
  const std::span<const int> advanced_rows =
      advanced.empty() ? std::span<const int>()
                       : AdvancedRows(advanced, std::span(panel_rows_.data() + rows, rows));
  for (std::size_t k = 0; k < reviewers; ++k) {
    const auto begin = static_cast<std::size_t>(op.column_start[k]);
    const auto end = static_cast<std::size_t>(op.column_start[k + 1]);
    ScoredRows scored{{op.scored_rows.data() + begin, end - begin},
                      {op.scored_governments.data() + begin, end - begin}};
    if (!advanced.empty()) {
      scored = end - begin == rows ? AdvancedOfFullColumn(scored, advanced_rows, panel_counters_)
                                   : PickAdvanced(scored, advanced, picked, panel_counters_);
    }
    const auto column = static_cast<Eigen::Index>(k);
    DrawScoreColumn(op, key, static_cast<std::uint32_t>(k), leniency_[k], scored,
                    base.col(column).data(), normals_.data(), out.col(column).data());
  }
}

void DrawState::DrawField(const detail::MeasurementOp& op, const detail::CategoryUncertainty& cu,
                          std::uint64_t key, double* out) {
  const auto rows = static_cast<std::size_t>(cu.base_fields.rows());
  if (cu.first_counter >= 0) {
    detail::CounterNormals(key, kMeasurementStream, 0, static_cast<std::uint32_t>(cu.first_counter),
                           rows, normals_.data());
  } else {
    detail::CounterNormals(key, kMeasurementStream, 0, cu.row_counter, normals_.data());
  }
  const double* in = cu.base_fields.col(op.column).data();
  if (op.kind == NoiseKind::kRelative) {
    detail::ApplyLognormal(in, normals_.data(), rows, op.sd, -0.5 * op.sd * op.sd, op.lo, op.hi,
                           out);
  } else {
    detail::ApplyNormal(in, normals_.data(), rows, op.sd, op.lo, op.hi, out);
  }
}

void DrawState::ReleaseWeights() {
  for (std::size_t c = 0; c < fixed_weights_.size(); ++c) {
    if (fixed_weights_[c].empty()) continue;
    fixed_weights_[c].clear();
    applied_keys_[c].clear();
  }
}

bool UncertaintyModel::TakesOneUniform(std::size_t group) const {
  const GroupKind kind = groups_.at(group).kind;
  return kind == GroupKind::kThreshold ||
         (kind == GroupKind::kWeight && weights_ && weights_->method == WeightMethod::kUniform);
}

void ApplyDraw(const UncertaintyModel& model, std::span<const std::uint64_t> group_keys,
               DrawState& state, std::span<const double> group_uniforms) {
  Require(group_keys.size() == model.groups_.size(), "ApplyDraw: one key per group is required");
  Require(group_uniforms.empty() || group_uniforms.size() == model.groups_.size(),
          "ApplyDraw: one uniform per group is required");
  // The group's one uniform: supplied by the caller, or the first of its stream.
  const auto uniform = [&](int group, GroupStream& stream) {
    return group_uniforms.empty() ? stream.Uniform()
                                  : group_uniforms[static_cast<std::size_t>(group)];
  };
  Require(state.perturbations_.size() == model.categories_.size(),
          "ApplyDraw: DrawState made for another model");

  if (!model.thresholds_.empty()) {
    std::copy(model.base_parameters_.begin(), model.base_parameters_.end(),
              state.parameters_.begin());
    for (const auto& op : model.thresholds_) {
      GroupStream stream(group_keys[static_cast<std::size_t>(op.group)]);
      state.parameters_[static_cast<std::size_t>(op.parameter)] =
          op.min + (op.max - op.min) * uniform(op.group, stream);
    }
    if (state.parameters_ != state.assigned_parameters_) {
      std::span<const int> cohort_of;
      try {
        cohort_of = model.cohort_rules_->CohortOf(state.parameters_, state.cohort_workspace_);
      } catch (const InputError& e) {
        const CohortRules& rules = model.cohort_rules_->rules();
        std::string values;
        for (const auto& op : model.thresholds_) {
          if (!values.empty()) values += ", ";
          values += rules.parameters[static_cast<std::size_t>(op.parameter)].name + " = " +
                    std::to_string(state.parameters_[static_cast<std::size_t>(op.parameter)]);
        }
        throw InputError(At(
            model.groups_[static_cast<std::size_t>(model.thresholds_[0].group)].where,
            "cohort_thresholds",
            "with " + values + " the cohort assignment fails: " + e.diagnostics().front().message));
      }
      for (std::size_t c = 0; c < model.categories_.size(); ++c) {
        const auto& cu = model.categories_[c];
        auto& rc = state.row_cohort_[c];
        for (std::size_t r = 0; r < rc.size(); ++r)
          rc[r] =
              cu.cohort_of_rules_cohort[static_cast<std::size_t>(cohort_of[cu.row_government[r]])];
      }
      state.assigned_parameters_ = state.parameters_;
    }
  }

  for (std::size_t c = 0; c < model.categories_.size(); ++c) {
    if (state.only_category_ && *state.only_category_ != c) continue;
    const auto& cu = model.categories_[c];
    auto& applied_keys = state.applied_keys_[c];
    auto& applied_uniforms = state.applied_uniforms_[c];
    // Supplied uniforms replace stream values: switching between supplying and not redraws all.
    const bool fresh = applied_keys.empty() || applied_uniforms.size() != group_uniforms.size();
    // True when `group` must be drawn again for this category.
    const auto changed = [&](int group) {
      const auto g = static_cast<std::size_t>(group);
      return fresh || applied_keys[g] != group_keys[g] ||
             (!group_uniforms.empty() && applied_uniforms[g] != group_uniforms[g]);
    };
    bool weights_changed = false;
    for (const int g : cu.weight_unit_group) weights_changed = weights_changed || changed(g);

    if (cu.varies_points && weights_changed) {
      const auto& spec = *model.weights_;
      const std::size_t units = cu.weight_unit_points.size();
      const auto& fixed = state.fixed_weights_[c];
      // Indicators in no weight unit (no points, or not re-weighted) keep their points and stay
      // out of the renormalisation.
      const auto in_unit = [&](Eigen::Index i) {
        return cu.weight_unit_of_indicator[static_cast<std::size_t>(i)] >= 0;
      };
      double nominal_total = 0;
      for (Eigen::Index i = 0; i < cu.base_points.size(); ++i)
        if (in_unit(i)) nominal_total += cu.base_points[i];
      for (std::size_t u = 0; u < units; ++u) {
        if (!fixed.empty()) {
          state.factors_[u] = fixed[u] / cu.weight_unit_points[u];
          continue;
        }
        GroupStream stream(group_keys[static_cast<std::size_t>(cu.weight_unit_group[u])]);
        if (spec.method == WeightMethod::kUniform) {
          state.factors_[u] = spec.factor_min + (spec.factor_max - spec.factor_min) *
                                                    uniform(cu.weight_unit_group[u], stream);
        } else {
          const double shape = spec.concentration * cu.weight_unit_points[u] / nominal_total;
          state.factors_[u] = stream.Gamma(shape) / shape;
        }
      }
      Eigen::VectorXd& points = state.points_[c];
      double total = 0;
      for (Eigen::Index i = 0; i < points.size(); ++i) {
        const int u = cu.weight_unit_of_indicator[static_cast<std::size_t>(i)];
        points[i] = u < 0 ? cu.base_points[i]
                          : cu.base_points[i] * state.factors_[static_cast<std::size_t>(u)];
        if (u >= 0) total += points[i];
      }
      // Same summation order as nominal_total: factors of exactly 1 give a scale of exactly 1.
      const double scale = nominal_total / total;
      auto& weights = state.weights_[c];
      std::fill(weights.begin(), weights.end(), 0.0);
      for (Eigen::Index i = 0; i < points.size(); ++i) {
        const int u = cu.weight_unit_of_indicator[static_cast<std::size_t>(i)];
        if (u < 0) continue;
        points[i] *= scale;
        weights[static_cast<std::size_t>(u)] += points[i];
      }
    }

    // The current values of a reviewer or field group belong to its applied key, if any.
    const bool current_known = !applied_keys.empty();
    for (std::size_t index = 0; index < cu.reviewers.size(); ++index) {
      const auto& op = cu.reviewers[index];
      if (!changed(op.group)) continue;
      if (state.stage2_for_advancers_ && op.stage2_only) continue;  // Drawn by DrawStage2.
      const auto g = static_cast<std::size_t>(op.group);
      Eigen::MatrixXd& out = state.panels_[c][static_cast<std::size_t>(op.panel)];
      auto& previous = state.previous_reviewers_[c][index];
      const bool back = previous.valid && previous.key == group_keys[g];
      out.swap(previous.values);  // O(1); `out` keeps its NaN padding either way.
      previous.valid = current_known;
      previous.key = current_known ? applied_keys[g] : 0;
      if (back) continue;
      state.DrawPanel(op, group_keys[g], cu.base_panels[static_cast<std::size_t>(op.panel)], {},
                      out);
    }

    for (std::size_t index = 0; index < cu.measurement.size(); ++index) {
      const auto& op = cu.measurement[index];
      if (!changed(op.group)) continue;
      const auto g = static_cast<std::size_t>(op.group);
      auto& previous = state.previous_fields_[c][index];
      const bool back = previous.valid && previous.key == group_keys[g];
      state.fields_[c].col(op.column).swap(previous.values.col(0));
      previous.valid = current_known;
      previous.key = current_known ? applied_keys[g] : 0;
      if (back) continue;
      state.DrawField(op, cu, group_keys[g], state.fields_[c].col(op.column).data());
    }
    applied_keys.assign(group_keys.begin(), group_keys.end());
    if (group_uniforms.empty()) {
      applied_uniforms.clear();
    } else {
      applied_uniforms.assign(group_uniforms.begin(), group_uniforms.end());
    }
  }
}

}  // namespace jobaward
