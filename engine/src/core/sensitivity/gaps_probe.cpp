// One government's lever set to a value, the pipeline evaluated, and what the award depends on
// read off the outcome (gaps_internal.hpp). The other rows' inputs are never touched, so every
// other cohort's scores stay as they are; Evaluate's column reuse recomputes only the columns
// that read the moved field.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "jobaward/error.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"
#include "src/core/sensitivity/gaps_internal.hpp"

namespace jobaward {

int AwardLadder(const ScoringModel& model, const Outcome& outcome, int row) {
  const auto r = static_cast<std::size_t>(row);
  if (outcome.national[r] >= 0) return 3000 - outcome.national[r];
  if (outcome.level[r] >= 0) return 2000 - outcome.level[r];
  if (outcome.special[r] >= 0) return 1000 - outcome.special[r];
  (void)model;
  return 0;
}

namespace gaps_detail {
namespace {

int PlaceOf(const Outcome& o, int row) {
  const auto r = static_cast<std::size_t>(row);
  if (o.national[r] >= 0) return 100000 + o.national[r];
  if (o.level[r] >= 0) return 10000 + o.level[r];
  if (o.special[r] >= 0) return 1000 + o.special[r];
  return -1;
}

// The special-prize key the pipeline ranks by (before rounding): raw, negated for direction lower.
double SpecialKey(const ScoringModel& model, const Outcome& o, int row, int indicator) {
  const double raw = o.raw(row, indicator);
  return model.compiled[static_cast<std::size_t>(indicator)].direction == Direction::kLower ? -raw
                                                                                            : raw;
}

bool Matches(GovernmentFilter filter, Level level) {
  return filter == GovernmentFilter::kAny ||
         (filter == GovernmentFilter::kMetropolitan) == (level == Level::kMetropolitan);
}

}  // namespace

bool Reads(const ScoringModel& model, const GapLever& lever, int indicator) {
  const detail::CompiledIndicator& c = model.compiled[static_cast<std::size_t>(indicator)];
  if (lever.panel >= 0) return c.method == Method::kPanel && c.panel == lever.panel;
  return c.method != Method::kPanel && (c.column_a == lever.column || c.column_b == lever.column);
}

GapPosition PositionOf(const ScoringModel& model, const Outcome& o, int row) {
  const auto g = static_cast<std::size_t>(row);
  GapPosition p;
  p.rank = o.rank[g];
  p.advanced = o.advanced[g] != 0;
  p.final_score = o.final_score[row];
  p.award = AwardLabel(model, o, row);
  p.tied = std::find(o.tie_members.begin(), o.tie_members.end(), row) != o.tie_members.end();
  return p;
}

namespace {

// Special prizes the government can win. The other cohorts' rows keep their awards, so the
// eligible ones among them that are best by the prize's key stay eligible: a row behind the
// `places`-th of those (places = the special prizes' counts together) never wins, and passing
// it changes nothing.
void AddSpecials(const ScoringModel& model, const Outcome& base, const GapLever& lever, int cohort,
                 CohortView& v) {
  const auto rows = static_cast<int>(model.row_code.size());
  int places = 0;
  for (const auto& prize : model.rubric.special_prizes) places += prize.count;
  for (const auto& prize : model.rubric.special_prizes) {
    if (!Matches(prize.filter, model.row_level[static_cast<std::size_t>(v.row)])) continue;
    const Indicator* ind = model.rubric.FindIndicator(prize.indicator);
    const auto i = static_cast<int>(ind - model.rubric.indicators.data());
    CohortView::Special s;
    s.indicator = i;
    s.moves_raw = Reads(model, lever, i);
    const double own = SpecialKey(model, base, v.row, i);
    std::vector<std::pair<double, double>> outside;  // (key, final score)
    std::vector<double> inside;
    for (int r = 0; r < rows; ++r) {
      const auto u = static_cast<std::size_t>(r);
      if (r == v.row || std::isnan(base.raw(r, i))) continue;
      const double key = SpecialKey(model, base, r, i);
      if (model.row_cohort[u] == cohort) {
        inside.push_back(key);
      } else if (base.level[u] < 0 && base.national[u] < 0 &&
                 Matches(prize.filter, model.row_level[u]) &&
                 (!prize.require_advanced || base.advanced[u] != 0)) {
        outside.emplace_back(key, base.final_score[r]);
      }
    }
    std::sort(outside.begin(), outside.end(), std::greater<>());
    double cut = -std::numeric_limits<double>::infinity();
    if (outside.size() > static_cast<std::size_t>(places)) {
      outside.resize(static_cast<std::size_t>(places));
      if (!outside.empty()) cut = outside.back().first;
    }
    for (const auto& [key, final_score] : outside) {
      if (s.moves_raw) s.other_keys.push_back(key);
      // Equal keys are ranked by the final score.
      if (s.moves_raw || std::fabs(key - own) < 2e-6) s.tie_final.push_back(final_score);
    }
    if (s.moves_raw) {
      for (const double key : inside) {
        if (key >= cut) s.other_keys.push_back(key);
      }
    }
    if (!s.other_keys.empty() || !s.tie_final.empty()) v.specials.push_back(std::move(s));
  }
}

}  // namespace

CohortView ViewOf(const ScoringModel& model, const Outcome& base, int row, const GapLever* lever) {
  CohortView v;
  v.row = row;
  const int cohort = model.row_cohort[static_cast<std::size_t>(row)];
  const auto rows = static_cast<int>(model.row_code.size());
  for (int r = 0; r < rows; ++r) {
    if (model.row_cohort[static_cast<std::size_t>(r)] != cohort) continue;
    if (r == row) v.self = static_cast<int>(v.members.size());
    v.members.push_back(r);
  }
  // Directly above, as `explain` lists neighbours: the nearest better rank, or the same rank
  // with a smaller code.
  const int rank = base.rank[static_cast<std::size_t>(row)];
  for (const int r : v.members) {
    if (r == row) continue;
    const int other = base.rank[static_cast<std::size_t>(r)];
    const bool before =
        other < rank || (other == rank && model.row_code[static_cast<std::size_t>(r)] <
                                              model.row_code[static_cast<std::size_t>(row)]);
    if (!before) continue;
    if (v.above < 0) {
      v.above = r;
      continue;
    }
    const int best = base.rank[static_cast<std::size_t>(v.above)];
    if (other > best || (other == best && model.row_code[static_cast<std::size_t>(r)] >
                                              model.row_code[static_cast<std::size_t>(v.above)])) {
      v.above = r;
    }
  }
  // National prizes compare final scores across cohorts: the rows of other cohorts that hold
  // a prize or a level prizes are taken from.
  std::vector<int> source_levels;
  for (const auto& prize : model.rubric.national_prizes) {
    source_levels.push_back(model.rubric.LevelIndex(prize.from_level));
  }
  if (!source_levels.empty()) {
    for (int r = 0; r < rows; ++r) {
      const auto u = static_cast<std::size_t>(r);
      if (model.row_cohort[u] == cohort) continue;
      const bool source = std::find(source_levels.begin(), source_levels.end(), base.level[u]) !=
                          source_levels.end();
      if (base.national[u] < 0 && !source) continue;
      v.national_rows.push_back(r);
      v.national_final.push_back(base.final_score[r]);
    }
  }
  if (lever != nullptr) AddSpecials(model, base, *lever, cohort, v);
  return v;
}

Probe::Probe(const ScoringModel& model, const Outcome& base, const CohortView& view,
             const GapLever& lever, GapsWorkspace& workspace, double baseline)
    : model_(model),
      base_(base),
      view_(view),
      lever_(lever),
      workspace_(workspace),
      baseline_(baseline) {
  Require(workspace.ready, "gaps: workspace not prepared");
  if (lever.panel >= 0) {
    const Eigen::MatrixXd& p = model.panels[static_cast<std::size_t>(lever.panel)];
    for (Eigen::Index k = 0; k < p.cols(); ++k) original_scores_.push_back(p(view.row, k));
    score_lo_ = lever.min;
    score_hi_ = lever.max;
  }
}

Probe::~Probe() {
  // Leave the workspace's inputs equal to the model's for the next lever.
  if (lever_.panel >= 0) {
    auto& p = workspace_.panels[static_cast<std::size_t>(lever_.panel)];
    for (std::size_t k = 0; k < original_scores_.size(); ++k) {
      p(view_.row, static_cast<Eigen::Index>(k)) = original_scores_[k];
    }
  } else {
    workspace_.fields(view_.row, lever_.column) = model_.fields(view_.row, lever_.column);
  }
}

double Probe::ValueAt(double t) const {
  return lever_.panel >= 0 ? t : baseline_ + lever_.direction * t;
}

void Probe::Apply(double t) {
  if (lever_.panel >= 0) {
    auto& p = workspace_.panels[static_cast<std::size_t>(lever_.panel)];
    for (std::size_t k = 0; k < original_scores_.size(); ++k) {
      const double s = original_scores_[k];
      // NaN pads a shorter panel and stays NaN.
      p(view_.row, static_cast<Eigen::Index>(k)) =
          std::isnan(s) ? s : std::clamp(s + t, score_lo_, score_hi_);
    }
  } else {
    double x = ValueAt(t);
    if (lever_.unit == GapLever::Unit::kCount) x = std::round(x);
    workspace_.fields(view_.row, lever_.column) = std::clamp(x, lever_.min, lever_.max);
  }
}

Snapshot Probe::At(double t) {
  Apply(t);
  Perturbation perturbation;
  perturbation.fields = &workspace_.fields;
  perturbation.panels = &workspace_.panels;
  perturbation.award_eligible = workspace_.award_eligible;
  outcome_ = &Evaluate(model_, perturbation, workspace_.evaluate);
  ++evaluations_;
  return Read(*outcome_, t);
}

Snapshot Probe::Read(const Outcome& o, double t) const {
  Snapshot s;
  s.t = t;
  const std::size_t n = view_.members.size();
  s.stage1.resize(n);
  s.final_score.resize(n);
  s.advanced.resize(n);
  s.place.resize(n);
  for (std::size_t q = 0; q < n; ++q) {
    const int r = view_.members[q];
    s.stage1[q] = o.stage1[r];
    s.final_score[q] = o.final_score[r];
    s.advanced[q] = o.advanced[static_cast<std::size_t>(r)];
    s.place[q] = PlaceOf(o, r);
  }
  for (const auto& special : view_.specials) {
    s.special_key.push_back(SpecialKey(model_, o, view_.row, special.indicator));
  }
  s.position = PositionOf(model_, o, view_.row);
  s.rank_above = view_.above >= 0 ? o.rank[static_cast<std::size_t>(view_.above)] : 0;
  s.ladder = AwardLadder(model_, o, view_.row);
  return s;
}

bool Holds(GapGoal goal, const Snapshot& s, int baseline_ladder) {
  switch (goal) {
    case GapGoal::kPassAbove:
      return s.rank_above > 0 && s.position.rank < s.rank_above;
    case GapGoal::kAdvance:
      return s.position.advanced;
    case GapGoal::kBetterAward:
      return s.ladder > baseline_ladder;
  }
  return false;
}

}  // namespace gaps_detail
}  // namespace jobaward
