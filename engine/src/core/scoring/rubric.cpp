// Whole-rubric validation and the report schema of a rubric. The YAML loader checks the shape of
// each key; this file checks what only the whole rubric can tell (sums, references, methods vs
// field types), so rubrics built in memory get the same checks.
#include "jobaward/scoring/rubric.hpp"

#include <cmath>
#include <cstdio>
#include <set>

namespace jobaward {

const char* ToString(Domain domain) {
  switch (domain) {
    case Domain::kPlan:
      return "plan";
    case Domain::kExecution:
      return "execution";
    case Domain::kOutcome:
      return "outcome";
  }
  return "?";
}

const char* ToString(Method method) {
  switch (method) {
    case Method::kTargetRatio:
      return "target_ratio";
    case Method::kLinear:
      return "linear";
    case Method::kBands:
      return "bands";
    case Method::kMinMax:
      return "minmax";
    case Method::kZScore:
      return "zscore";
    case Method::kPercentile:
      return "percentile";
    case Method::kChange:
      return "change";
    case Method::kGrade:
      return "grade";
    case Method::kPanel:
      return "panel";
    case Method::kBoolean:
      return "boolean";
  }
  return "?";
}

const std::vector<std::string>& MethodNames() {
  static const std::vector<std::string> kNames = {"target_ratio", "linear",     "bands",  "minmax",
                                                  "zscore",       "percentile", "change", "grade",
                                                  "panel",        "boolean"};
  return kNames;
}

const char* ToString(MissingPolicy policy) {
  switch (policy) {
    case MissingPolicy::kZero:
      return "zero";
    case MissingPolicy::kCohortMean:
      return "cohort_mean";
    case MissingPolicy::kError:
      return "error";
  }
  return "?";
}

const char* ToString(PanelCombine combine) {
  switch (combine) {
    case PanelCombine::kMean:
      return "mean";
    case PanelCombine::kMedian:
      return "median";
    case PanelCombine::kTrimmedMean:
      return "trimmed_mean";
  }
  return "?";
}

const char* ToString(BelowFloor rule) { return rule == BelowFloor::kZero ? "zero" : "rescale"; }

const char* ToString(GovernmentFilter filter) {
  switch (filter) {
    case GovernmentFilter::kAny:
      return "any";
    case GovernmentFilter::kMetropolitan:
      return "metropolitan";
    case GovernmentFilter::kBasic:
      return "basic";
  }
  return "?";
}

std::string ToString(const TieBreakKey& key) {
  switch (key.kind) {
    case TieBreakKey::Kind::kDomain:
      return std::string("domain:") + ToString(key.domain);
    case TieBreakKey::Kind::kStage1:
      return "stage1";
    case TieBreakKey::Kind::kStage2:
      return "stage2";
    case TieBreakKey::Kind::kIndicator:
      return "indicator:" + key.indicator;
  }
  return "?";
}

std::optional<TieBreakKey> ParseTieBreakKey(std::string_view text) {
  TieBreakKey key;
  if (text == "stage1") {
    key.kind = TieBreakKey::Kind::kStage1;
  } else if (text == "stage2") {
    key.kind = TieBreakKey::Kind::kStage2;
  } else if (text == "domain:plan" || text == "domain:execution" || text == "domain:outcome") {
    key.kind = TieBreakKey::Kind::kDomain;
    key.domain = text == "domain:plan"        ? Domain::kPlan
                 : text == "domain:execution" ? Domain::kExecution
                                              : Domain::kOutcome;
  } else if (text.starts_with("indicator:") && text.size() > 10) {
    key.kind = TieBreakKey::Kind::kIndicator;
    key.indicator = std::string(text.substr(10));
  } else {
    return std::nullopt;
  }
  return key;
}

const Indicator* Rubric::FindIndicator(const std::string& indicator_id) const {
  for (const auto& i : indicators) {
    if (i.id == indicator_id) return &i;
  }
  return nullptr;
}

int Rubric::LevelIndex(const std::string& level_id) const {
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].id == level_id) return static_cast<int>(i);
  }
  return -1;
}

bool Rubric::HasAward(const std::string& award_id) const {
  if (LevelIndex(award_id) >= 0) return true;
  for (const auto& p : national_prizes) {
    if (p.id == award_id) return true;
  }
  for (const auto& p : special_prizes) {
    if (p.id == award_id) return true;
  }
  return false;
}

const char* ToString(NationalRanking ranking) {
  switch (ranking) {
    case NationalRanking::kFinalScore:
      return "final_score";
    case NationalRanking::kSizeAdjustedZ:
      return "size_adjusted_z";
  }
  return "?";
}

namespace {

std::string Num(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

struct MethodShape {
  std::size_t field_count;
  std::vector<FieldType> types;
  const char* field_meaning;
  bool allows_lower;
};

MethodShape ShapeOf(Method method) {
  const std::vector<FieldType> numeric = {FieldType::kNumber, FieldType::kCount};
  switch (method) {
    case Method::kTargetRatio:
      return {2, numeric, "[actual, target]", false};
    case Method::kChange:
      return {2, numeric, "[current, baseline]", true};
    case Method::kLinear:
    case Method::kBands:
    case Method::kMinMax:
    case Method::kZScore:
    case Method::kPercentile:
      return {1, numeric, "[value]", true};
    case Method::kGrade:
      return {1, {FieldType::kGrade}, "[grade]", false};
    case Method::kPanel:
      return {1, {FieldType::kScores}, "[scores]", false};
    case Method::kBoolean:
      return {1, {FieldType::kBoolean}, "[flag]", true};
  }
  return {1, numeric, "[value]", true};
}

std::string TypeList(const std::vector<FieldType>& types) {
  std::string s;
  for (std::size_t i = 0; i < types.size(); ++i) {
    if (i > 0) s += i + 1 == types.size() ? " or " : ", ";
    s += ToString(types[i]);
  }
  return s;
}

void CheckMethodParams(const Indicator& ind, const std::string& key, DiagnosticSink& sink) {
  const MethodParams& p = ind.params;
  auto err = [&](const std::string& message) { sink.Add(ind.where, key, message); };
  switch (ind.method) {
    case Method::kTargetRatio:
      if (!(p.floor >= 0 && p.floor < p.cap)) {
        err("target_ratio needs 0 <= floor < cap, got floor=" + Num(p.floor) +
            " cap=" + Num(p.cap));
      }
      break;
    case Method::kLinear:
    case Method::kChange:
      if (!(p.lo < p.hi)) {
        err(std::string(ToString(ind.method)) + " needs lo < hi, got lo=" + Num(p.lo) +
            " hi=" + Num(p.hi));
      }
      break;
    case Method::kBands:
      if (p.bands.empty()) err("bands needs at least one band");
      for (std::size_t b = 0; b < p.bands.size(); ++b) {
        if (b > 0 && !(p.bands[b].threshold > p.bands[b - 1].threshold)) {
          err("band thresholds must increase strictly, got " + Num(p.bands[b - 1].threshold) +
              " then " + Num(p.bands[b].threshold));
        }
        if (!(p.bands[b].fraction >= 0 && p.bands[b].fraction <= 1)) {
          err("band fraction must be in [0, 1], got " + Num(p.bands[b].fraction));
        }
      }
      break;
    case Method::kZScore:
      if (!(p.zcap > 0)) err("zscore needs zcap > 0, got " + Num(p.zcap));
      [[fallthrough]];
    case Method::kMinMax:
    case Method::kPercentile:
      if (!(p.degenerate_fraction >= 0 && p.degenerate_fraction <= 1)) {
        err("degenerate_fraction must be in [0, 1], got " + Num(p.degenerate_fraction));
      }
      break;
    case Method::kGrade:
      for (std::size_t g = 0; g < p.grade_fractions.size(); ++g) {
        if (!(p.grade_fractions[g] >= 0 && p.grade_fractions[g] <= 1)) {
          err(std::string("grade fraction of ") + static_cast<char>('A' + g) +
              " must be in [0, 1], got " + Num(p.grade_fractions[g]));
        }
      }
      break;
    case Method::kPanel:
      if (!(p.score_min < p.score_max)) {
        err("panel needs score_min < score_max, got score_min=" + Num(p.score_min) +
            " score_max=" + Num(p.score_max));
      }
      break;
    case Method::kBoolean:
      break;
  }
}

void CheckAdjustments(const Rubric& r, const std::vector<Adjustment>& items, const char* list,
                      std::set<std::string>& ids, DiagnosticSink& sink) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Adjustment& a = items[i];
    const std::string key = std::string("adjustments.") + list + "[" + std::to_string(i) + "]";
    if (!ids.insert(a.id).second) sink.Add(a.where, key + ".id", "duplicate id '" + a.id + "'");
    if (a.per_unit < 0) {
      sink.Add(a.where, key + ".per_unit", "must be >= 0, got " + Num(a.per_unit));
    }
    if (a.cap < 0) sink.Add(a.where, key + ".cap", "must be >= 0, got " + Num(a.cap));
    const FieldSpec* f = nullptr;
    for (const auto& spec : r.fields) {
      if (spec.name == a.field) f = &spec;
    }
    if (f == nullptr) {
      sink.Add(a.where, key + ".field", "field '" + a.field + "' is not declared in 'fields'");
    } else if (f->type != FieldType::kNumber && f->type != FieldType::kCount &&
               f->type != FieldType::kBoolean) {
      sink.Add(a.where, key + ".field",
               "field '" + a.field + "' is " + ToString(f->type) +
                   "; bonus/penalty items need number, count or boolean");
    }
  }
}

}  // namespace

void ValidateRubric(const Rubric& r) {
  DiagnosticSink sink;
  std::set<std::string> field_names;
  for (std::size_t i = 0; i < r.fields.size(); ++i) {
    const SourceLocation where = i < r.field_where.size() ? r.field_where[i] : r.where;
    if (!field_names.insert(r.fields[i].name).second) {
      sink.Add(where, "fields[" + std::to_string(i) + "]",
               "field '" + r.fields[i].name + "' is declared twice");
    }
  }
  auto find_field = [&](const std::string& name) -> const FieldSpec* {
    for (const auto& f : r.fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  };

  // Points: each domain = its indicators, domains = total.
  std::array<double, kDomainCount> sums{};
  std::array<std::string, kDomainCount> parts;
  std::set<std::string> ids;
  bool any_stage2 = false;
  for (std::size_t i = 0; i < r.indicators.size(); ++i) {
    const Indicator& ind = r.indicators[i];
    const std::string key = "indicators[" + std::to_string(i) + "]";
    if (!ids.insert(ind.id).second) {
      sink.Add(ind.where, key + ".id", "duplicate indicator id '" + ind.id + "'");
    }
    if (ind.points < 0)
      sink.Add(ind.where, key + ".points", "must be >= 0, got " + Num(ind.points));
    if (ind.stage != 1 && ind.stage != 2) {
      sink.Add(ind.where, key + ".stage", "must be 1 or 2, got " + std::to_string(ind.stage));
    }
    any_stage2 = any_stage2 || ind.stage == 2;
    if (!ind.reweighted && ind.stage != 2) {
      sink.Add(ind.where, key + ".reweighted",
               "reweighted: false applies to stage-2 indicators only (a separate interview "
               "scale); '" +
                   ind.id + "' is a stage-1 indicator");
    }
    const auto d = static_cast<std::size_t>(ind.domain);
    sums[d] += ind.points;
    parts[d] += (parts[d].empty() ? "" : " + ") + ind.id + " " + Num(ind.points);

    const MethodShape shape = ShapeOf(ind.method);
    if (ind.fields.size() != shape.field_count) {
      sink.Add(ind.where, key + ".fields",
               std::string(ToString(ind.method)) + " reads " + std::to_string(shape.field_count) +
                   " field(s) " + shape.field_meaning + ", got " +
                   std::to_string(ind.fields.size()));
    } else {
      for (const auto& name : ind.fields) {
        const FieldSpec* f = find_field(name);
        if (f == nullptr) {
          sink.Add(ind.where, key + ".fields", "field '" + name + "' is not declared in 'fields'");
          continue;
        }
        bool ok = false;
        for (FieldType t : shape.types) ok = ok || t == f->type;
        if (!ok) {
          sink.Add(ind.where, key + ".fields",
                   std::string(ToString(ind.method)) + " needs a " + TypeList(shape.types) +
                       " field, but '" + name + "' is " + ToString(f->type));
        }
      }
    }
    if (ind.direction == Direction::kLower && !shape.allows_lower) {
      sink.Add(ind.where, key + ".direction",
               std::string(ToString(ind.method)) + " supports direction higher only");
    }
    CheckMethodParams(ind, key + ".params", sink);
  }
  double domain_total = 0;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const DomainSpec& spec = r.domains[d];
    domain_total += spec.points;
    if (!Near(spec.points, sums[d])) {
      sink.Add(spec.where, std::string("domains.") + ToString(static_cast<Domain>(d)),
               "domain '" + std::string(ToString(static_cast<Domain>(d))) + "' has " +
                   Num(spec.points) + " points but its indicators sum to " + Num(sums[d]) +
                   (parts[d].empty() ? std::string(" (no indicators)") : " (" + parts[d] + ")"));
    }
  }
  if (!Near(domain_total, r.total_points)) {
    sink.Add(r.where, "total_points",
             "domains sum to " + Num(domain_total) + " points (plan " + Num(r.domains[0].points) +
                 " + execution " + Num(r.domains[1].points) + " + outcome " +
                 Num(r.domains[2].points) + ") but total_points is " + Num(r.total_points));
  }

  // Bonus / penalty.
  const AdjustmentRules& adj = r.adjustments;
  if (adj.bonus_cap < 0) {
    sink.Add(adj.where, "adjustments.bonus_cap", "must be >= 0, got " + Num(adj.bonus_cap));
  }
  if (adj.penalty_cap < 0) {
    sink.Add(adj.where, "adjustments.penalty_cap", "must be >= 0, got " + Num(adj.penalty_cap));
  }
  std::set<std::string> adj_ids;
  CheckAdjustments(r, adj.bonuses, "bonuses", adj_ids, sink);
  CheckAdjustments(r, adj.penalties, "penalties", adj_ids, sink);

  // Stages.
  const StageRules& st = r.stages;
  const AdvanceRule& adv = st.advance;
  // A scenario sets the weights without the loader's range; NaN fails both comparisons.
  const auto weight_ok = [](double w) { return w >= 0 && w <= kMaxStageWeight; };
  if (!weight_ok(st.stage1_weight) || !weight_ok(st.stage2_weight) ||
      (st.stage1_weight == 0 && st.stage2_weight == 0)) {
    sink.Add(st.where, "stages",
             "stage weights must be between 0 and " + Num(kMaxStageWeight) +
                 " and not both 0, got stage1_weight=" + Num(st.stage1_weight) +
                 " stage2_weight=" + Num(st.stage2_weight));
  }
  if (!adv.top_n && !adv.top_share && !adv.min_score) {
    sink.Add(adv.where, "stages.advance", "needs at least one of top_n, top_share, min_score");
  }
  if (adv.top_n && (*adv.top_n < 1 || *adv.top_n > kMaxAwardCount)) {
    sink.Add(adv.where, "stages.advance.top_n",
             "must be between 1 and " + std::to_string(kMaxAwardCount) + ", got " +
                 std::to_string(*adv.top_n));
  }
  if (adv.top_share && !(*adv.top_share > 0 && *adv.top_share <= 1)) {
    sink.Add(adv.where, "stages.advance.top_share",
             "must be in (0, 1], got " + Num(*adv.top_share));
  }
  (void)any_stage2;

  // Award levels.
  std::set<std::string> level_ids;
  for (std::size_t i = 0; i < r.levels.size(); ++i) {
    const AwardLevel& l = r.levels[i];
    const std::string key = "awards.levels[" + std::to_string(i) + "]";
    if (!level_ids.insert(l.id).second) {
      sink.Add(l.where, key + ".id", "duplicate award id '" + l.id + "'");
    }
    if (l.count.has_value() == l.share.has_value()) {
      sink.Add(l.where, key, "needs exactly one of count and share");
    }
    if (l.count && (*l.count < 0 || *l.count > kMaxAwardCount)) {
      sink.Add(l.where, key + ".count",
               "must be between 0 and " + std::to_string(kMaxAwardCount) + ", got " +
                   std::to_string(*l.count));
    }
    if (l.share && !(*l.share > 0 && *l.share <= 1)) {
      sink.Add(l.where, key + ".share", "must be in (0, 1], got " + Num(*l.share));
    }
    if (!l.count_by_cohort.empty() && !l.count) {
      sink.Add(l.where, key + ".count_by_cohort", "needs 'count' (the default for other cohorts)");
    }
    for (const auto& [cohort, n] : l.count_by_cohort) {
      if (n < 0 || n > kMaxAwardCount) {
        sink.Add(l.where, key + ".count_by_cohort." + cohort,
                 "must be between 0 and " + std::to_string(kMaxAwardCount) + ", got " +
                     std::to_string(n));
      }
    }
    if (l.prize_money < 0) {
      sink.Add(l.where, key + ".prize_money", "must be >= 0, got " + Num(l.prize_money));
    }
  }

  // Tie-break keys.
  for (std::size_t i = 0; i < r.tie_break.size(); ++i) {
    const TieBreakKey& k = r.tie_break[i];
    if (k.kind == TieBreakKey::Kind::kIndicator && r.FindIndicator(k.indicator) == nullptr) {
      sink.Add(k.where, "tie_break[" + std::to_string(i) + "]",
               "unknown indicator '" + k.indicator + "'");
    }
  }

  // National and special prizes.
  std::set<std::string> prize_ids = level_ids;
  for (std::size_t i = 0; i < r.national_prizes.size(); ++i) {
    const NationalPrize& p = r.national_prizes[i];
    const std::string key = "awards.national[" + std::to_string(i) + "]";
    if (!prize_ids.insert(p.id).second) {
      sink.Add(p.where, key + ".id", "duplicate award id '" + p.id + "'");
    }
    if (r.LevelIndex(p.from_level) < 0) {
      sink.Add(p.where, key + ".from_level", "unknown award level '" + p.from_level + "'");
    }
    if (p.count < 1 || p.count > kMaxAwardCount) {
      sink.Add(p.where, key + ".count",
               "must be between 1 and " + std::to_string(kMaxAwardCount) + ", got " +
                   std::to_string(p.count));
    }
    if (p.prize_money < 0) {
      sink.Add(p.where, key + ".prize_money", "must be >= 0, got " + Num(p.prize_money));
    }
  }
  for (std::size_t i = 0; i < r.special_prizes.size(); ++i) {
    const SpecialPrize& p = r.special_prizes[i];
    const std::string key = "awards.special[" + std::to_string(i) + "]";
    if (!prize_ids.insert(p.id).second) {
      sink.Add(p.where, key + ".id", "duplicate award id '" + p.id + "'");
    }
    if (r.FindIndicator(p.indicator) == nullptr) {
      sink.Add(p.where, key + ".indicator", "unknown indicator '" + p.indicator + "'");
    }
    if (p.count < 1 || p.count > kMaxAwardCount) {
      sink.Add(p.where, key + ".count",
               "must be between 1 and " + std::to_string(kMaxAwardCount) + ", got " +
                   std::to_string(p.count));
    }
    if (p.prize_money < 0) {
      sink.Add(p.where, key + ".prize_money", "must be >= 0, got " + Num(p.prize_money));
    }
  }
  // Cross-category rules: the other category's award ids are checked when the categories are
  // put together (AwardPlan), since this rubric alone does not know them.
  std::set<std::string> excluded_categories;
  for (std::size_t i = 0; i < r.exclusions.size(); ++i) {
    const CategoryExclusion& e = r.exclusions[i];
    const std::string key = "awards.exclude_holders[" + std::to_string(i) + "]";
    if (e.category == r.category) {
      sink.Add(e.where, key + ".category",
               "a rubric cannot exclude holders of its own category '" + e.category + "'");
    }
    if (!excluded_categories.insert(e.category).second) {
      sink.Add(e.where, key + ".category", "category '" + e.category + "' is given twice");
    }
    if (e.awards.empty()) sink.Add(e.where, key + ".awards", "needs at least one award id");
    std::set<std::string> award_ids;
    for (const auto& id : e.awards) {
      if (!award_ids.insert(id).second) {
        sink.Add(e.where, key + ".awards", "award '" + id + "' is given twice");
      }
    }
  }
  sink.ThrowIfAny();
}

void CheckDistinctRubricIds(std::span<const Rubric> rubrics) {
  DiagnosticSink sink;
  for (std::size_t i = 0; i < rubrics.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (rubrics[j].id != rubrics[i].id) continue;
      const auto where = [](const Rubric& r) {
        return r.id_where.file.empty() ? SourceLocation{r.where.file} : r.id_where;
      };
      const bool same_file = rubrics[i].where.file == rubrics[j].where.file;
      sink.Add(where(rubrics[i]), "id",
               same_file ? "rubric id '" + rubrics[i].id + "' is given twice (" +
                               rubrics[i].where.file + "); each rubric in use needs its own id"
                         : "rubric id '" + rubrics[i].id + "' is also the id of " +
                               where(rubrics[j]).ToString() +
                               "; each rubric in use needs its own id (give the copy or variant "
                               "a new one)");
      break;
    }
  }
  sink.ThrowIfAny();
}

ReportSchema SchemaOf(const Rubric& rubric) { return ReportSchema{rubric.fields}; }

ReportSchema MergeSchemas(const ReportSchema& a, const ReportSchema& b) {
  ReportSchema merged = a;
  DiagnosticSink sink;
  for (const FieldSpec& f : b.fields) {
    const FieldSpec* existing = merged.Find(f.name);
    if (existing == nullptr) {
      merged.fields.push_back(f);
      continue;
    }
    if (existing->type != f.type || existing->min != f.min || existing->max != f.max) {
      auto bounds = [](const FieldSpec& s) {
        return std::string(ToString(s.type)) + " [" + (s.min ? Num(*s.min) : "-") + ", " +
               (s.max ? Num(*s.max) : "-") + "]";
      };
      sink.Add({}, "fields." + f.name,
               "field '" + f.name + "' is declared differently by two rubrics: " +
                   bounds(*existing) + " and " + bounds(f));
    }
  }
  sink.ThrowIfAny();
  return merged;
}

}  // namespace jobaward
