// Compile and ModelBuilder: validate submitted reports against a rubric and lay their values out
// in the scoring model's matrices (scoring.hpp, model_builder.hpp). Evaluate lives in scoring.cpp.
#include <algorithm>
#include <cmath>
#include <limits>

#include "jobaward/scoring/model_builder.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string Num(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

const char* TypeOfValue(const FieldValue& v) {
  switch (v.index()) {
    case 0:
      return "a number";
    case 1:
      return "a boolean";
    case 2:
      return "a text";
    default:
      return "a list of scores";
  }
}

bool ValueMatches(FieldType type, const FieldValue& v) {
  switch (type) {
    case FieldType::kNumber:
    case FieldType::kCount:
      return std::holds_alternative<double>(v);
    case FieldType::kBoolean:
      return std::holds_alternative<bool>(v);
    case FieldType::kGrade:
      return std::holds_alternative<std::string>(v);
    case FieldType::kScores:
      return std::holds_alternative<std::vector<double>>(v);
  }
  return false;
}

int GradeIndex(const std::string& letter) {
  if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'E') return -1;
  return letter[0] - 'A';
}

}  // namespace

int ScoringModel::FieldColumn(const std::string& name) const {
  for (std::size_t i = 0; i < field_names.size(); ++i) {
    if (field_names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int ScoringModel::PanelIndex(const std::string& name) const {
  for (std::size_t i = 0; i < panel_names.size(); ++i) {
    if (panel_names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int ScoringModel::RowOf(const std::string& code) const {
  for (std::size_t i = 0; i < row_code.size(); ++i) {
    if (row_code[i] == code) return static_cast<int>(i);
  }
  return -1;
}

std::vector<Diagnostic> CheckReport(const Rubric& rubric, const Registry& registry,
                                    const CohortMembership& cohorts, const Report& report) {
  std::vector<Diagnostic> out;
  auto add = [&](const SourceLocation& where, const std::string& key, const std::string& msg) {
    out.push_back(Diagnostic{where, key, msg, {}});
  };
  const auto index = registry.IndexOf(report.government_code);
  if (!index) {
    add(report.origin, "government",
        "government '" + report.government_code + "' is not in the registry");
    return out;
  }
  if (*index >= cohorts.cohort_of.size() || cohorts.cohort_of[*index] < 0) {
    add(report.origin, "government",
        "government " + report.government_code + " (" + registry[*index].name_ko +
            ") is in no cohort");
  }
  for (const auto& [name, value] : report.fields) {
    const FieldSpec* spec = nullptr;
    for (const auto& f : rubric.fields) {
      if (f.name == name) spec = &f;
    }
    if (spec == nullptr) continue;  // Read by another rubric.
    const auto loc_it = report.locations.find(name);
    const SourceLocation& where = loc_it != report.locations.end() ? loc_it->second : report.origin;
    const std::string key = "fields." + name;  // Short: stays in the small-string buffer.
    if (!ValueMatches(spec->type, value)) {
      add(where, key,
          std::string("expected ") + ToString(spec->type) + ", got " + TypeOfValue(value));
      continue;
    }
    auto check_bounds = [&](double v) {
      if (!std::isfinite(v)) {
        add(where, key, "expected a finite number, got " + Num(v));
      } else if ((spec->min && v < *spec->min) || (spec->max && v > *spec->max)) {
        add(where, key,
            "expected a value in [" + (spec->min ? Num(*spec->min) : "-inf") + ", " +
                (spec->max ? Num(*spec->max) : "inf") + "], got " + Num(v));
      } else if (spec->type == FieldType::kCount && (v < 0 || std::floor(v) != v)) {
        add(where, key, "expected a whole number >= 0, got " + Num(v));
      }
    };
    if (const double* d = std::get_if<double>(&value)) check_bounds(*d);
    if (const auto* g = std::get_if<std::string>(&value)) {
      if (GradeIndex(*g) < 0) add(where, key, "expected a grade A..E, got '" + *g + "'");
    }
    if (const auto* s = std::get_if<std::vector<double>>(&value)) {
      if (s->empty()) add(where, key, "expected at least one score");
      for (double v : *s) check_bounds(v);
    }
  }
  for (const Indicator& ind : rubric.indicators) {
    if (ind.missing != MissingPolicy::kError) continue;
    for (const auto& f : ind.fields) {
      if (report.fields.count(f) == 0) {
        add(report.origin, "fields." + f,
            "missing field '" + f + "', required by indicator '" + ind.id + "' (missing: error)");
      }
    }
  }
  return out;
}

ModelBuilder::ModelBuilder(const Rubric& rubric, const Registry& registry,
                           const CohortMembership& cohorts)
    : registry_(registry) {
  Require(cohorts.cohort_of.size() == registry.size(),
          "Compile: cohort membership does not cover the registry");
  Require(cohorts.ids.size() == cohorts.labels.size(), "Compile: cohort ids and labels differ");
  // Quota overrides must name real cohorts.
  for (std::size_t l = 0; l < rubric.levels.size(); ++l) {
    for (const auto& [id, n] : rubric.levels[l].count_by_cohort) {
      if (std::find(cohorts.ids.begin(), cohorts.ids.end(), id) == cohorts.ids.end()) {
        std::string message = "unknown cohort id '" + id + "'";
        const std::string hint = ClosestMatch(id, cohorts.ids);
        if (!hint.empty()) message += ", did you mean '" + hint + "'?";
        problems_.Add(rubric.levels[l].where,
                      "awards.levels[" + std::to_string(l) + "].count_by_cohort." + id, message);
      }
    }
  }

  ScoringModel& m = model_;
  m.rubric = rubric;
  m.cohorts = cohorts;
  for (const FieldSpec& f : rubric.fields) {
    (f.type == FieldType::kScores ? m.panel_names : m.field_names).push_back(f.name);
  }
  // Field name -> (column, panel), looked up once per report field.
  for (const auto& name : m.field_names) layout_[name] = {m.FieldColumn(name), -1};
  for (const auto& name : m.panel_names) layout_[name] = {-1, m.PanelIndex(name)};
  scores_.resize(m.panel_names.size());
  starts_.resize(m.panel_names.size());
  reviewers_.assign(m.panel_names.size(), 0);

  m.indicator_points.resize(static_cast<Eigen::Index>(rubric.indicators.size()));
  for (std::size_t j = 0; j < rubric.indicators.size(); ++j) {
    const Indicator& ind = rubric.indicators[j];
    m.indicator_points(static_cast<Eigen::Index>(j)) = ind.points;
    detail::CompiledIndicator c;
    c.method = ind.method;
    c.direction = ind.direction;
    c.missing = ind.missing;
    c.stage = ind.stage;
    c.domain = static_cast<int>(ind.domain);
    c.params = ind.params;
    if (ind.method == Method::kPanel) {
      c.panel = m.PanelIndex(ind.fields.at(0));
    } else {
      c.column_a = m.FieldColumn(ind.fields.at(0));
      if (ind.fields.size() > 1) c.column_b = m.FieldColumn(ind.fields[1]);
    }
    Require(c.panel >= 0 || c.column_a >= 0, "Compile: indicator field not laid out");
    m.compiled.push_back(c);
  }
  auto compile_adjustments = [&](const std::vector<Adjustment>& items,
                                 std::vector<detail::CompiledAdjustment>& out) {
    for (const Adjustment& a : items) out.push_back({m.FieldColumn(a.field), a.per_unit, a.cap});
  };
  compile_adjustments(rubric.adjustments.bonuses, m.bonuses);
  compile_adjustments(rubric.adjustments.penalties, m.penalties);
}

std::vector<Diagnostic> ModelBuilder::Check(const Report& report) const {
  std::vector<Diagnostic> problems = CheckReport(model_.rubric, registry_, model_.cohorts, report);
  if (const auto index = registry_.IndexOf(report.government_code)) {
    const auto first = slots_.find(*index);
    if (first != slots_.end()) {
      problems.push_back(Diagnostic{report.origin,
                                    "government",
                                    "second report for government " + report.government_code +
                                        "; the first is " + first->second.origin.ToString(),
                                    {}});
    }
  }
  return problems;
}

void ModelBuilder::Add(const Report& report) {
  std::vector<Diagnostic> problems = Check(report);
  const auto index = registry_.IndexOf(report.government_code);
  const bool accepted = problems.empty();
  for (auto& d : problems) problems_.Add(std::move(d));
  if (!index) return;
  const auto [slot, inserted] =
      slots_.try_emplace(*index, Slot{report.origin, rows_, report.synthetic});
  if (!inserted || !accepted) return;

  // The row's storage: NaN (missing) unless the report gives the field.
  const std::size_t columns = model_.field_names.size();
  const std::size_t base = values_.size();
  values_.resize(base + columns, kNaN);
  for (std::size_t p = 0; p < scores_.size(); ++p) starts_[p].push_back(scores_[p].size());
  for (const auto& [name, value] : report.fields) {
    const auto where = layout_.find(name);
    if (where == layout_.end()) continue;
    const auto [column, panel] = where->second;
    if (column >= 0) {
      double v = kNaN;
      if (const double* d = std::get_if<double>(&value)) v = *d;
      if (const bool* b = std::get_if<bool>(&value)) v = *b ? 1.0 : 0.0;
      if (const auto* g = std::get_if<std::string>(&value)) v = GradeIndex(*g);
      values_[base + static_cast<std::size_t>(column)] = v;
    } else if (panel >= 0) {
      const auto p = static_cast<std::size_t>(panel);
      const auto& scores = std::get<std::vector<double>>(value);
      scores_[p].insert(scores_[p].end(), scores.begin(), scores.end());
      reviewers_[p] = std::max(reviewers_[p], scores.size());
    }
  }
  ++rows_;
}

ScoringModel ModelBuilder::Finish() && {
  problems_.ThrowIfAny();
  ScoringModel m = std::move(model_);
  const auto rows = static_cast<Eigen::Index>(rows_);
  const std::size_t columns = m.field_names.size();
  m.fields = Eigen::MatrixXd::Constant(rows, static_cast<Eigen::Index>(columns), kNaN);
  for (std::size_t p = 0; p < scores_.size(); ++p) {
    m.panels.push_back(
        Eigen::MatrixXd::Constant(rows, static_cast<Eigen::Index>(reviewers_[p]), kNaN));
    starts_[p].push_back(scores_[p].size());  // Closes the last row's range.
  }
  Eigen::Index row = 0;
  for (const auto& [index, slot] : slots_) {
    m.row_government.push_back(index);
    m.row_code.push_back(registry_[index].code);
    m.row_name_ko.push_back(registry_[index].name_ko);
    m.row_name_en.push_back(registry_[index].name_en);
    m.row_level.push_back(registry_[index].level);
    m.row_cohort.push_back(m.cohorts.cohort_of[index]);
    m.row_synthetic.push_back(slot.synthetic ? 1 : 0);
    for (std::size_t c = 0; c < columns; ++c) {
      m.fields(row, static_cast<Eigen::Index>(c)) = values_[slot.row * columns + c];
    }
    for (std::size_t p = 0; p < scores_.size(); ++p) {
      const std::size_t begin = starts_[p][slot.row];
      const std::size_t end = starts_[p][slot.row + 1];
      for (std::size_t s = begin; s < end; ++s) {
        m.panels[p](row, static_cast<Eigen::Index>(s - begin)) = scores_[p][s];
      }
    }
    ++row;
  }
  // The rows now live in the model; the builder is spent.
  slots_ = {};
  values_ = {};
  scores_ = {};
  starts_ = {};
  return m;
}

ScoringModel Compile(const Rubric& rubric, const Registry& registry,
                     const CohortMembership& cohorts, const std::vector<Report>& reports) {
  ModelBuilder builder(rubric, registry, cohorts);
  for (const Report& report : reports) builder.Add(report);
  return std::move(builder).Finish();
}

}  // namespace jobaward
