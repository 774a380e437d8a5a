// Explain: names and explains one Outcome. It reads what Evaluate computed (points, cohort
// statistics, ranks, awards) and only formats it; nothing is scored twice.
#include <cmath>
#include <cstdio>

#include "jobaward/scoring/row_explainer.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

namespace {

std::string Short(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6g", v);
  return buffer;
}

std::string Parameters(const Indicator& ind) {
  const MethodParams& p = ind.params;
  std::string s;
  switch (ind.method) {
    case Method::kTargetRatio:
      s = "floor=" + Short(p.floor) + " cap=" + Short(p.cap);
      if (p.below_floor == BelowFloor::kZero) s += " below_floor=zero";
      break;
    case Method::kLinear:
    case Method::kChange:
      s = "lo=" + Short(p.lo) + " hi=" + Short(p.hi);
      break;
    case Method::kBands:
      s = "bands=";
      for (std::size_t b = 0; b < p.bands.size(); ++b) {
        s += (b > 0 ? "," : "") + std::string(ind.direction == Direction::kLower ? "<=" : ">=") +
             Short(p.bands[b].threshold) + ":" + Short(p.bands[b].fraction);
      }
      break;
    case Method::kZScore:
      s = "zcap=" + Short(p.zcap) + " degenerate=" + Short(p.degenerate_fraction);
      break;
    case Method::kMinMax:
    case Method::kPercentile:
      s = "degenerate=" + Short(p.degenerate_fraction);
      break;
    case Method::kGrade:
      for (std::size_t g = 0; g < p.grade_fractions.size(); ++g) {
        s += (g > 0 ? " " : "") + std::string(1, static_cast<char>('A' + g)) + "=" +
             Short(p.grade_fractions[g]);
      }
      break;
    case Method::kPanel:
      s = std::string("combine=") + ToString(p.combine) + " range=" + Short(p.score_min) + ".." +
          Short(p.score_max);
      break;
    case Method::kBoolean:
      break;
  }
  if (ind.direction == Direction::kLower) s += (s.empty() ? "" : " ") + std::string("lower");
  s += (s.empty() ? "" : " ") + std::string("missing=") + ToString(ind.missing);
  return s;
}

std::string Input(const ScoringModel& m, const std::string& name, Eigen::Index row) {
  const int column = m.FieldColumn(name);
  if (column >= 0) {
    const double v = m.fields(row, column);
    if (std::isnan(v)) return name + "=(누락)";
    const FieldSpec* spec = nullptr;
    for (const auto& f : m.rubric.fields) {
      if (f.name == name) spec = &f;
    }
    if (spec != nullptr && spec->type == FieldType::kGrade) {
      return name + "=" + std::string(1, static_cast<char>('A' + static_cast<int>(v)));
    }
    if (spec != nullptr && spec->type == FieldType::kBoolean) {
      return name + (v != 0 ? "=true" : "=false");
    }
    return name + "=" + Short(v);
  }
  const int panel = m.PanelIndex(name);
  if (panel < 0) return name + "=?";
  const Eigen::MatrixXd& p = m.panels[static_cast<std::size_t>(panel)];
  std::string s;
  for (Eigen::Index r = 0; r < p.cols(); ++r) {
    if (std::isnan(p(row, r))) continue;
    s += (s.empty() ? "" : ";") + Short(p(row, r));
  }
  return name + "=" + (s.empty() ? "(누락)" : s);
}

std::string TiePlace(const ScoringModel& m, const UnresolvedTie& t) {
  switch (t.kind) {
    case TieKind::kAward:
      return m.rubric.levels[static_cast<std::size_t>(t.place)].name_ko + " (평가군 " +
             m.cohorts.labels[static_cast<std::size_t>(t.cohort)] + ")";
    case TieKind::kNationalPrize:
      return m.rubric.national_prizes[static_cast<std::size_t>(t.place)].name_ko;
    case TieKind::kSpecialPrize:
      return m.rubric.special_prizes[static_cast<std::size_t>(t.place)].name_ko;
  }
  return "?";
}

// The cohort statistics the method scored `ind` against ("min=.. max=.. n=.."), the cohort's
// mean points a missing value was given, and whether the row's stage-2 points were not reached.
std::string CohortStatistics(const Indicator& ind, const Outcome& o, Eigen::Index c, Eigen::Index j,
                             bool missing, bool advanced) {
  const std::string n = "n=" + Short(o.cohort_count(c, j));
  std::string text;
  switch (ind.method) {
    case Method::kMinMax:
      text =
          "min=" + Short(o.cohort_stat_a(c, j)) + " max=" + Short(o.cohort_stat_b(c, j)) + " " + n;
      break;
    case Method::kZScore:
      text =
          "mean=" + Short(o.cohort_stat_a(c, j)) + " sd=" + Short(o.cohort_stat_b(c, j)) + " " + n;
      break;
    case Method::kPercentile:
      text = n;
      break;
    default:
      break;
  }
  if (missing && !std::isnan(o.cohort_fill(c, j))) {
    text +=
        (text.empty() ? "" : " ") + std::string("cohort mean points=") + Short(o.cohort_fill(c, j));
  }
  if (ind.stage == 2 && !advanced) text += "(2차 미진출)";
  return text;
}

// Indicator `j` of model row `row`: its points, and with Detail::kFull how they came about.
IndicatorScore ExplainIndicator(const ScoringModel& m, const Outcome& o, std::size_t row,
                                std::size_t j, Detail detail) {
  const Indicator& ind = m.rubric.indicators[j];
  const auto i = static_cast<Eigen::Index>(row);
  const auto jj = static_cast<Eigen::Index>(j);
  IndicatorScore s;
  s.id = ind.id;
  s.raw = o.raw(i, jj);
  s.missing = o.missing[row * m.rubric.indicators.size() + j] != 0;
  s.points = o.points(i, jj);
  s.max_points = m.indicator_points(jj);
  s.stage = ind.stage;
  s.domain = ind.domain;
  if (detail == Detail::kPoints) return s;
  s.name_ko = ind.name_ko;
  s.method = ToString(ind.method);
  s.parameters = Parameters(ind);
  for (const auto& f : ind.fields) s.inputs.push_back(Input(m, f, i));
  s.cohort_statistics =
      CohortStatistics(ind, o, m.row_cohort[row], jj, s.missing, o.advanced[row] != 0);
  return s;
}

// The value of one tie-break key for row `i`.
double TieBreakValue(const Rubric& r, const Outcome& o, Eigen::Index i, const TieBreakKey& key) {
  switch (key.kind) {
    case TieBreakKey::Kind::kDomain:
      return o.domain(i, static_cast<int>(key.domain));
    case TieBreakKey::Kind::kStage1:
      return o.stage1(i);
    case TieBreakKey::Kind::kStage2:
      return o.stage2(i);
    case TieBreakKey::Kind::kIndicator: {
      const Indicator* ind = r.FindIndicator(key.indicator);
      return o.points(i, static_cast<Eigen::Index>(ind - r.indicators.data()));
    }
  }
  return 0;
}

// The award of row `u` (a national prize takes the place of its level) and its special prize,
// with their prize money.
void SetAwards(const Rubric& r, const Outcome& o, std::size_t u, GovernmentScore& g) {
  if (o.national[u] >= 0) {
    const NationalPrize& p = r.national_prizes[static_cast<std::size_t>(o.national[u])];
    g.award_id = p.id;
    g.award_name_ko = p.name_ko;
    g.prize_money += p.prize_money;
  } else if (o.level[u] >= 0) {
    const AwardLevel& l = r.levels[static_cast<std::size_t>(o.level[u])];
    g.award_id = l.id;
    g.award_name_ko = l.name_ko;
    g.prize_money += l.prize_money;
  }
  if (o.special[u] >= 0) {
    const SpecialPrize& p = r.special_prizes[static_cast<std::size_t>(o.special[u])];
    g.special_id = p.id;
    g.special_name_ko = p.name_ko;
    g.prize_money += p.prize_money;
  }
}

}  // namespace

RowExplainer::RowExplainer(const ScoringModel& model, const Outcome& outcome, Detail detail)
    : model_(model),
      outcome_(outcome),
      detail_(detail),
      cohort_size_(model.cohorts.ids.size(), 0),
      tied_(model.row_code.size(), 0) {
  for (int c : model.row_cohort) ++cohort_size_[static_cast<std::size_t>(c)];
  for (int member : outcome.tie_members) tied_[static_cast<std::size_t>(member)] = 1;
}

GovernmentScore RowExplainer::Row(std::size_t row) const {
  const ScoringModel& m = model_;
  const Outcome& o = outcome_;
  const Rubric& r = m.rubric;
  const auto i = static_cast<Eigen::Index>(row);
  GovernmentScore g;
  g.code = m.row_code[row];
  g.name_ko = m.row_name_ko[row];
  g.name_en = m.row_name_en[row];
  g.level = m.row_level[row];
  g.cohort = m.row_cohort[row];
  g.cohort_label = m.cohorts.labels[static_cast<std::size_t>(g.cohort)];
  g.cohort_size = cohort_size_[static_cast<std::size_t>(g.cohort)];
  g.indicators.reserve(r.indicators.size());
  for (std::size_t j = 0; j < r.indicators.size(); ++j) {
    g.indicators.push_back(ExplainIndicator(m, o, row, j, detail_));
  }
  for (int d = 0; d < kDomainCount; ++d) g.domain[static_cast<std::size_t>(d)] = o.domain(i, d);
  g.bonus = o.bonus(i);
  g.penalty = o.penalty(i);
  g.stage1 = o.stage1(i);
  g.stage2 = o.stage2(i);
  g.final_score = o.final_score(i);
  g.advanced = o.advanced[row] != 0;
  g.rank = o.rank[row];
  g.tie_break.emplace_back("final", g.final_score);
  for (const TieBreakKey& key : r.tie_break) {
    g.tie_break.emplace_back(ToString(key), TieBreakValue(r, o, i, key));
  }
  SetAwards(r, o, row, g);
  g.tied = tied_[row] != 0;
  g.excluded = row < o.excluded.size() && o.excluded[row] != 0;
  return g;
}

ScoreResult Explain(const ScoringModel& m, const Outcome& o, Detail detail) {
  ScoreResult result;
  const Rubric& r = m.rubric;
  result.governments.reserve(m.row_code.size());
  result.rubric_id = r.id;
  result.category = r.category;
  result.rubric_name_ko = r.name_ko;
  const RowExplainer rows(m, o, detail);
  for (std::size_t i = 0; i < rows.rows(); ++i) result.governments.push_back(rows.Row(i));
  for (const UnresolvedTie& t : o.ties) {
    TieReport report;
    report.place = TiePlace(m, t);
    for (int q = 0; q < t.member_count; ++q) {
      report.codes.push_back(m.row_code[static_cast<std::size_t>(
          o.tie_members[static_cast<std::size_t>(t.first_member + q)])]);
    }
    result.unresolved_ties.push_back(std::move(report));
  }
  return result;
}

ScoreResult Score(const Rubric& rubric, const Registry& registry, const CohortMembership& cohorts,
                  const std::vector<Report>& reports, Detail detail) {
  const ScoringModel model = Compile(rubric, registry, cohorts, reports);
  Workspace workspace;
  const Outcome& outcome = Evaluate(model, Perturbation{}, workspace);
  return Explain(model, outcome, detail);
}

}  // namespace jobaward
