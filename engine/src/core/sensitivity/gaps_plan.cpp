// What one lever of one government can do (gaps_internal.hpp): how far it can move (the field's
// declared bound, or the point beyond which none of the indicators it feeds changes any more),
// and the breakpoints between which every score difference the award depends on is monotone.
// The breakpoints per method are derived in engine/docs/sensitivity.md ("What it takes"). They
// are read off the method parameters and the cohort's inputs; no score is computed here.
#include <algorithm>
#include <cmath>
#include <limits>

#include "jobaward/error.hpp"
#include "src/core/sensitivity/gaps_internal.hpp"

namespace jobaward {

const char* ToString(GapGoal goal) {
  switch (goal) {
    case GapGoal::kPassAbove:
      return "pass_above";
    case GapGoal::kAdvance:
      return "advance";
    case GapGoal::kBetterAward:
      return "better_award";
  }
  return "?";
}

const char* ToString(GapStatus status) {
  switch (status) {
    case GapStatus::kReached:
      return "reached";
    case GapStatus::kNotReachable:
      return "not_reachable";
    case GapStatus::kAlready:
      return "already";
    case GapStatus::kMissingInput:
      return "missing_input";
  }
  return "?";
}

const char* ToString(GapLever::Kind kind) {
  switch (kind) {
    case GapLever::Kind::kIndicator:
      return "indicator";
    case GapLever::Kind::kBonus:
      return "bonus";
    case GapLever::Kind::kPenalty:
      return "penalty";
  }
  return "?";
}

const char* ToString(GapLever::Unit unit) {
  switch (unit) {
    case GapLever::Unit::kCount:
      return "count";
    case GapLever::Unit::kNumber:
      return "number";
    case GapLever::Unit::kGrade:
      return "grade";
    case GapLever::Unit::kBoolean:
      return "boolean";
    case GapLever::Unit::kScoreShift:
      return "score_shift";
  }
  return "?";
}

const char* ToString(GapLimit limit) {
  switch (limit) {
    case GapLimit::kNone:
      return "";
    case GapLimit::kDeclaredMax:
      return "declared_max";
    case GapLimit::kDeclaredMin:
      return "declared_min";
    case GapLimit::kBestGrade:
      return "best_grade";
    case GapLimit::kFlag:
      return "flag";
    case GapLimit::kAllScoresMax:
      return "all_scores_max";
    case GapLimit::kSaturated:
      return "saturated";
    case GapLimit::kSearchRange:
      return "search_range";
    case GapLimit::kNotAdvanced:
      return "not_advanced";
    case GapLimit::kBarred:
      return "barred";
  }
  return "?";
}

namespace {

constexpr double kNone = 1e300;  // "no declared bound"

const FieldSpec* SpecOf(const Rubric& rubric, const std::string& name) {
  for (const auto& f : rubric.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

GapLever FieldLever(const Rubric& rubric, const ScoringModel& model, const std::string& field,
                    int direction) {
  GapLever lever;
  lever.field = field;
  lever.direction = direction;
  const FieldSpec* spec = SpecOf(rubric, field);
  Require(spec != nullptr, "gaps: lever field not declared");
  lever.min = spec->min.value_or(-kNone);
  lever.max = spec->max.value_or(kNone);
  switch (spec->type) {
    case FieldType::kCount:
      lever.unit = GapLever::Unit::kCount;
      lever.min = std::max(lever.min, 0.0);
      break;
    case FieldType::kNumber:
      lever.unit = GapLever::Unit::kNumber;
      break;
    case FieldType::kGrade:
      lever.unit = GapLever::Unit::kGrade;
      lever.direction = -1;  // Towards A (index 0).
      lever.min = 0;
      lever.max = 4;
      break;
    case FieldType::kBoolean:
      lever.unit = GapLever::Unit::kBoolean;
      lever.min = 0;
      lever.max = 1;
      break;
    case FieldType::kScores:
      lever.unit = GapLever::Unit::kScoreShift;
      lever.direction = 1;
      lever.panel = model.PanelIndex(field);
      break;
  }
  if (lever.panel < 0) lever.column = model.FieldColumn(field);
  Require(lever.column >= 0 || lever.panel >= 0, "gaps: lever field not laid out");
  return lever;
}

}  // namespace

std::vector<GapLever> LeversOf(const ScoringModel& model) {
  const Rubric& r = model.rubric;
  std::vector<GapLever> levers;
  for (std::size_t i = 0; i < r.indicators.size(); ++i) {
    const Indicator& ind = r.indicators[i];
    GapLever lever =
        FieldLever(r, model, ind.fields.at(0), ind.direction == Direction::kLower ? -1 : 1);
    lever.kind = GapLever::Kind::kIndicator;
    lever.index = static_cast<int>(i);
    lever.id = ind.id;
    lever.name_ko = ind.name_ko;
    levers.push_back(std::move(lever));
  }
  const auto add = [&](const std::vector<Adjustment>& items, GapLever::Kind kind, int direction) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      GapLever lever = FieldLever(r, model, items[i].field, direction);
      lever.kind = kind;
      lever.index = static_cast<int>(i);
      lever.id = items[i].id;
      lever.name_ko = items[i].name_ko;
      levers.push_back(std::move(lever));
    }
  };
  add(r.adjustments.bonuses, GapLever::Kind::kBonus, 1);
  add(r.adjustments.penalties, GapLever::Kind::kPenalty, -1);
  return levers;
}

namespace gaps_detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Collects breakpoints (as field values or shifts) and the farthest distance at which a term
// still changes.
class Terms {
 public:
  Terms(const GapLever& lever, double baseline, bool lattice)
      : lever_(lever), x0_(baseline), lattice_(lattice) {}

  [[nodiscard]] double T(double x) const {
    return lever_.panel >= 0 ? x : lever_.direction * (x - x0_);
  }
  // A kink at field value x: the term changes slope there and is constant beyond its last one.
  void Kink(double x, bool jump = false) {
    if (!std::isfinite(x)) return;
    const double t = T(x);
    anchors_.push_back({t, jump});
    // Past a jump the term holds its new value: the walk must reach just past it.
    saturation_ =
        std::max(saturation_, jump ? t + (lattice_ ? 1.0 : 1e-9 * (1 + std::fabs(x))) : t);
  }
  void Anchor(double x, bool jump = false) {
    if (std::isfinite(x)) anchors_.push_back({T(x), jump});
  }
  void Unsaturated() { saturation_ = kInf; }
  [[nodiscard]] double saturation() const { return saturation_; }
  [[nodiscard]] std::vector<gaps_detail::Anchor>& anchors() { return anchors_; }

 private:
  const GapLever& lever_;
  double x0_;
  bool lattice_;
  double saturation_ = 0;
  std::vector<gaps_detail::Anchor> anchors_;
};

// The other eligible cohort members' raw values of indicator i (its stage's eligibility at
// baseline, with data).
std::vector<double> Others(const ScoringModel& model, const Outcome& base, const CohortView& view,
                           int i) {
  const int stage = model.compiled[static_cast<std::size_t>(i)].stage;
  std::vector<double> values;
  for (const int r : view.members) {
    if (r == view.row || std::isnan(base.raw(r, i))) continue;
    if (stage == 2 && base.advanced[static_cast<std::size_t>(r)] == 0) continue;
    values.push_back(base.raw(r, i));
  }
  return values;
}

// z-scores over n values, the government's x among them: every member's z (and the difference
// of two of them) is monotone between these points (engine/docs/sensitivity.md).
void ZScoreAnchors(const std::vector<double>& others, double zcap, Terms& terms) {
  if (others.empty()) return;  // Alone with data: degenerate whatever x is.
  terms.Unsaturated();
  const double n = static_cast<double>(others.size()) + 1;
  double mean = 0;
  for (const double y : others) mean += y;
  mean /= static_cast<double>(others.size());
  double ss = 0;
  for (const double y : others) ss += (y - mean) * (y - mean);
  if (!(ss > 0)) {
    terms.Anchor(mean, true);  // sd = 0 exactly at x = mean: the degenerate fraction.
    return;
  }
  const double a = ss / n;
  const double b = (n - 1) / (n * n);
  const double z2 = zcap * zcap;
  terms.Anchor(mean);  // The sd is smallest there.
  for (const double y : others) {
    const double c = y - mean;
    if (c != 0) {
      terms.Anchor(mean - ss / ((n - 1) * c));      // Extremum of this member's z.
      terms.Anchor(mean - n * ss / ((n - 1) * c));  // Extremum of (x - y) / sd.
    }
    // This member's z reaches +-zcap: (c - d/n)^2 = zcap^2 (a + b d^2), d = x - mean.
    const double q2 = 1 / (n * n) - z2 * b;
    const double q1 = -2 * c / n;
    const double q0 = c * c - z2 * a;
    if (q2 == 0) {
      if (q1 != 0) terms.Anchor(mean - q0 / q1);
    } else {
      const double disc = q1 * q1 - 4 * q2 * q0;
      if (disc >= 0) {
        terms.Anchor(mean + (-q1 + std::sqrt(disc)) / (2 * q2));
        terms.Anchor(mean + (-q1 - std::sqrt(disc)) / (2 * q2));
      }
    }
  }
  // The government's own z reaches +-zcap (only when n - 1 > zcap^2).
  if (n - 1 - z2 > 0) {
    const double d = n * zcap * std::sqrt(a / ((n - 1) * (n - 1 - z2)));
    terms.Anchor(mean + d);
    terms.Anchor(mean - d);
  }
}

void IndicatorTerms(const ScoringModel& model, const Outcome& base, const CohortView& view,
                    const GapLever& lever, int i, Terms& terms) {
  const detail::CompiledIndicator& c = model.compiled[static_cast<std::size_t>(i)];
  const MethodParams& p = c.params;
  const int row = view.row;
  const bool role_a = lever.panel >= 0 || c.column_a == lever.column;
  const double other = c.column_b >= 0 && lever.panel < 0
                           ? model.fields(row, role_a ? c.column_b : c.column_a)
                           : 0.0;
  if (std::isnan(other)) return;  // The raw value is missing whatever the lever does.
  switch (c.method) {
    case Method::kTargetRatio: {
      // below_floor: zero drops the points to 0 below the floor: a jump there.
      const bool floor_jumps = p.below_floor == BelowFloor::kZero && p.floor > 0;
      if (role_a) {  // attainment = x / target
        if (other == 0) {
          terms.Kink(0, true);
        } else {
          terms.Kink(p.floor * other, floor_jumps);
          terms.Kink(p.cap * other);
        }
      } else {  // attainment = actual / x
        terms.Kink(0, true);
        if (p.cap > 0) terms.Kink(other / p.cap);
        if (p.floor > 0) {
          terms.Kink(other / p.floor, floor_jumps);
        } else {
          terms.Unsaturated();  // Tends to the floor without reaching it.
        }
      }
      break;
    }
    case Method::kLinear:
      terms.Kink(p.lo);
      terms.Kink(p.hi);
      break;
    case Method::kChange:  // raw = current - baseline
      terms.Kink(role_a ? other + p.lo : other - p.lo);
      terms.Kink(role_a ? other + p.hi : other - p.hi);
      break;
    case Method::kBands:
      for (const Band& band : p.bands) terms.Kink(band.threshold, true);
      break;
    case Method::kMinMax: {
      const std::vector<double> others = Others(model, base, view, i);
      if (others.empty()) break;
      terms.Unsaturated();
      const auto [lo, hi] = std::minmax_element(others.begin(), others.end());
      terms.Anchor(*lo, *lo == *hi);
      terms.Anchor(*hi, *lo == *hi);
      break;
    }
    case Method::kZScore:
      ZScoreAnchors(Others(model, base, view, i), p.zcap, terms);
      break;
    case Method::kPercentile:
      for (const double y : Others(model, base, view, i)) terms.Kink(y, true);
      break;
    case Method::kPanel: {
      // Every reviewer score moves by the shift until it is clipped: the combined score is
      // monotone, with a kink where each score reaches its maximum (no breakpoint needed).
      const Eigen::MatrixXd& panel = model.panels[static_cast<std::size_t>(lever.panel)];
      double lowest = kInf;
      for (Eigen::Index k = 0; k < panel.cols(); ++k) {
        if (!std::isnan(panel(row, k))) lowest = std::min(lowest, panel(row, k));
      }
      if (std::isfinite(lowest)) {
        // Every score at score_max: the fraction is 1 from there (and with a declared maximum
        // below it, every score is clipped there).
        terms.Kink(std::min(lever.max, p.score_max) - lowest);
      }
      break;
    }
    case Method::kGrade:
    case Method::kBoolean:
      break;  // Discrete levers: every value is tried.
  }
}

void AdjustmentTerms(const std::vector<detail::CompiledAdjustment>& items, const GapLever& lever,
                     Terms& terms) {
  for (const auto& a : items) {
    if (a.column != lever.column || !(a.per_unit > 0)) continue;
    terms.Kink(a.cap / a.per_unit);  // min(cap, per_unit x): constant above, linear below
    if (lever.direction < 0) terms.Unsaturated();  // Linear below, down to the declared minimum.
  }
}

// Sorted, inside (0, end), near-duplicates merged (a jump wins).
std::vector<Anchor> Tidy(std::vector<Anchor> anchors, double end, double scale, bool lattice) {
  std::vector<Anchor> out;
  if (lattice) {
    // Whole units: a breakpoint between two integers makes both of them breakpoints.
    std::vector<Anchor> units;
    for (const Anchor& a : anchors) {
      units.push_back({std::floor(a.t), a.jump});
      units.push_back({std::ceil(a.t), a.jump});
    }
    anchors = std::move(units);
  }
  std::sort(anchors.begin(), anchors.end(),
            [](const Anchor& a, const Anchor& b) { return a.t < b.t; });
  const double merge = lattice ? 0.5 : 1e-12 * scale;
  for (const Anchor& a : anchors) {
    if (!(a.t > 0 && a.t < end)) continue;
    if (!out.empty() && a.t - out.back().t <= merge) {
      out.back().jump = out.back().jump || a.jump;
      continue;
    }
    out.push_back(a);
  }
  return out;
}

// Distance searched when no bound and no saturation stops the lever (a cohort-relative method
// on an unbounded field): ten times the cohort's spread of the field beyond its farthest value.
double SearchRange(const ScoringModel& model, const CohortView& view, const GapLever& lever,
                   double x0) {
  double lo = x0, hi = x0;
  if (lever.column >= 0) {
    for (const int r : view.members) {
      const double v = model.fields(r, lever.column);
      if (std::isnan(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  const double farthest = lever.direction > 0 ? hi - x0 : x0 - lo;
  return farthest + 10 * std::max({1.0, std::fabs(x0), hi - lo});
}

}  // namespace

LeverPlan PlanOf(const ScoringModel& model, const Outcome& base, const CohortView& view,
                 const GapLever& lever, Probe& probe) {
  LeverPlan plan;
  const int row = view.row;
  double lowest_score = kInf;
  if (lever.panel >= 0) {
    const Eigen::MatrixXd& panel = model.panels[static_cast<std::size_t>(lever.panel)];
    for (Eigen::Index k = 0; k < panel.cols(); ++k) {
      if (!std::isnan(panel(row, k))) lowest_score = std::min(lowest_score, panel(row, k));
    }
    plan.baseline = std::isfinite(lowest_score) ? 0.0 : std::numeric_limits<double>::quiet_NaN();
  } else {
    plan.baseline = model.fields(row, lever.column);
  }
  if (std::isnan(plan.baseline)) return plan;
  const double x0 = plan.baseline;

  // Which indicators read the field; a stage-2 input of a government that did not advance
  // counts nowhere (unless a special prize ranks its raw value).
  bool counts = false;
  const auto k = static_cast<int>(model.compiled.size());
  for (int i = 0; i < k; ++i) {
    if (!Reads(model, lever, i)) continue;
    counts = counts || model.compiled[static_cast<std::size_t>(i)].stage == 1 ||
             base.advanced[static_cast<std::size_t>(row)] != 0;
  }
  for (const auto* items : {&model.bonuses, &model.penalties}) {
    for (const auto& a : *items) counts = counts || (lever.panel < 0 && a.column == lever.column);
  }
  bool moves_special = false;
  for (const auto& special : view.specials) moves_special = moves_special || special.moves_raw;
  if (!counts && !moves_special) {
    plan.no_effect = true;
    plan.limit = GapLimit::kNotAdvanced;
    return plan;
  }

  if (lever.unit == GapLever::Unit::kGrade || lever.unit == GapLever::Unit::kBoolean) {
    plan.discrete = true;
    const double farthest = lever.unit == GapLever::Unit::kGrade
                                ? x0                                    // steps to A
                                : (lever.direction > 0 ? 1 - x0 : x0);  // the flip, if it helps
    for (int s = 1; s <= static_cast<int>(farthest); ++s) plan.steps.push_back(s);
    plan.end = plan.steps.empty() ? 0 : plan.steps.back();
    plan.limit = lever.unit == GapLever::Unit::kGrade ? GapLimit::kBestGrade : GapLimit::kFlag;
    return plan;
  }

  plan.lattice = lever.unit == GapLever::Unit::kCount;
  Terms terms(lever, x0, plan.lattice);
  for (int i = 0; i < k; ++i) {
    if (Reads(model, lever, i)) IndicatorTerms(model, base, view, lever, i, terms);
  }
  if (lever.panel < 0) {
    AdjustmentTerms(model.bonuses, lever, terms);
    AdjustmentTerms(model.penalties, lever, terms);
  }

  // The declared bound in the lever's direction.
  double bound = kInf;
  GapLimit bound_limit = GapLimit::kNone;
  if (lever.panel >= 0) {
    if (lever.max < kNone) {
      bound = lever.max - lowest_score;
      bound_limit = GapLimit::kAllScoresMax;
    }
  } else {
    const double b = lever.direction > 0 ? lever.max : lever.min;
    if (std::fabs(b) < kNone) {
      bound = std::max(0.0, lever.direction * (b - x0));
      bound_limit = lever.direction > 0 ? GapLimit::kDeclaredMax : GapLimit::kDeclaredMin;
    }
  }
  double saturation = std::max(0.0, terms.saturation());
  if (plan.lattice && std::isfinite(saturation)) saturation = std::ceil(saturation);
  if (saturation < bound) {
    plan.end = saturation;
    plan.limit = GapLimit::kSaturated;
  } else if (std::isfinite(bound)) {
    plan.end = bound;
    plan.limit = bound_limit;
  } else {
    plan.end = SearchRange(model, view, lever, x0);
    plan.limit = GapLimit::kSearchRange;
  }
  if (moves_special && plan.end < bound) {
    // A special prize ranks the raw value, which keeps growing after the points stop: go on
    // until the government's key beats every other (doubling), or to the bound.
    double t = std::max(plan.end, plan.lattice ? 1.0 : 1e-6 * std::max(1.0, std::fabs(x0)));
    bool beaten = false;
    for (int guard = 0; guard < 64; ++guard) {
      const Snapshot s = probe.At(std::min(t, bound));
      beaten = true;
      for (std::size_t p = 0; p < view.specials.size(); ++p) {
        if (!view.specials[p].moves_raw) continue;
        for (const double key : view.specials[p].other_keys) {
          beaten = beaten && s.special_key[p] > key + 1e-5 * std::max(1.0, std::fabs(key));
        }
      }
      if (beaten || t >= bound) break;
      t *= 2;
    }
    if (t >= bound) {
      plan.end = bound;
      plan.limit = bound_limit;
    } else if (beaten && t > plan.end) {
      plan.end = plan.lattice ? std::ceil(t) : t;
      plan.limit = GapLimit::kSaturated;
    }
  }
  if (plan.lattice) plan.end = std::floor(plan.end + 1e-9);
  plan.scale = std::max({1.0, std::fabs(x0), plan.end});
  plan.anchors = Tidy(std::move(terms.anchors()), plan.end, plan.scale, plan.lattice);
  return plan;
}

}  // namespace gaps_detail
}  // namespace jobaward
