// "What it takes" on seeded random awards with every method family, the advance cut-off,
// levels with a minimum score, a national and a special prize: for every government, lever and
// goal, the input set (here, independently of the library's own probe) to the reported value
// reaches the goal and the value just short of it does not; and a scan of the way there finds no
// earlier value that does (not reachable: no value up to the limit).
#include <doctest/doctest.h>

#include <cmath>
#include <pcg_random.hpp>

#include "jobaward/sensitivity/gaps.hpp"
#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {

test::World RandomAward(std::uint64_t seed) {
  pcg32 rng(seed);
  const auto uniform = [&rng](double lo, double hi) {
    return lo + (hi - lo) * std::ldexp(static_cast<double>(rng()), -32);
  };
  // Rounded to one decimal, so that exact ties occur as in real reports.
  const auto tenth = [&](double lo, double hi) { return std::round(uniform(lo, hi) * 10) / 10; };
  auto w = MakeWorld({0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, {0, 6});
  auto& fields = w.rubric.fields;
  fields.push_back({"target", FieldType::kCount, "target", "", 0.0, std::nullopt});
  fields.push_back({"r", FieldType::kNumber, "r", "", 0.0, 100.0});
  fields.push_back({"m", FieldType::kNumber, "m", "", 0.0, 100.0});
  fields.push_back({"p", FieldType::kCount, "p", "", 0.0, 50.0});
  fields.push_back({"k", FieldType::kCount, "k", "", 0.0, std::nullopt});
  fields[0].min = 0.0;  // x
  fields[0].max = 100.0;

  AddIndicator(w, "lin", Method::kLinear, {"x"}, 12).params.hi = 100;
  Indicator& jobs =
      AddIndicator(w, "jobs", Method::kTargetRatio, {"n", "target"}, 12, Domain::kOutcome);
  jobs.params.floor = 0.8;
  jobs.params.cap = 1.2;
  // Half the models with the rule whose points jump at the floor.
  jobs.params.below_floor = seed % 2 == 0 ? BelowFloor::kZero : BelowFloor::kRescale;
  AddIndicator(w, "mm", Method::kMinMax, {"m"}, 10, Domain::kExecution);
  AddIndicator(w, "z", Method::kZScore, {"r"}, 10, Domain::kOutcome).params.zcap = 1.2;
  AddIndicator(w, "pct", Method::kPercentile, {"p"}, 8, Domain::kExecution);
  AddIndicator(w, "grade", Method::kGrade, {"g"}, 10);
  AddIndicator(w, "flag", Method::kBoolean, {"b"}, 5);
  AddIndicator(w, "panel", Method::kPanel, {"s"}, 12).params.combine = PanelCombine::kTrimmedMean;
  AddIndicator(w, "talk", Method::kPanel, {"t"}, 15, Domain::kOutcome, 2).params.combine =
      PanelCombine::kMedian;
  w.rubric.adjustments.bonuses = {{"cases", "사례", "k", 0.7, 2.0, {}}};
  w.rubric.adjustments.bonus_cap = 2;
  w.rubric.stages.advance = {};
  w.rubric.stages.advance.top_n = 3;
  AwardLevel gold;
  gold.id = "gold";
  gold.name_ko = "최우수상";
  gold.count = 1;
  AwardLevel silver;
  silver.id = "silver";
  silver.name_ko = "우수상";
  silver.count = 1;
  silver.min_score = 45;
  w.rubric.levels = {gold, silver};
  NationalPrize grand;
  grand.id = "grand";
  grand.name_ko = "종합대상";
  grand.from_level = "gold";
  w.rubric.national_prizes = {grand};
  SpecialPrize special;
  special.id = "special";
  special.name_ko = "특별상";
  special.indicator = "lin";
  special.filter = GovernmentFilter::kBasic;
  w.rubric.special_prizes = {special};
  TieBreakKey outcome;
  outcome.kind = TieBreakKey::Kind::kDomain;
  outcome.domain = Domain::kOutcome;
  w.rubric.tie_break = {outcome};

  for (std::size_t i = 0; i < 12; ++i) {
    auto& f = w.At(i).fields;
    f["x"] = tenth(0, 100);
    f["target"] = std::round(uniform(50, 150));
    f["n"] = std::round(uniform(30, 170));
    f["m"] = tenth(0, 100);
    f["r"] = tenth(20, 80);
    f["p"] = std::round(uniform(0, 50));
    f["g"] = std::string(1, static_cast<char>('A' + rng(5)));
    f["b"] = rng(2) == 1;
    f["s"] = std::vector<double>{tenth(40, 100), tenth(40, 100), tenth(40, 100)};
    f["t"] = std::vector<double>{tenth(40, 100), tenth(40, 100), tenth(40, 100), tenth(40, 100)};
    f["k"] = std::round(uniform(0, 3));
  }
  return w;
}

// Evaluates the award with one input of `row` set, the way a user would change the report.
class Scenario {
 public:
  explicit Scenario(const ScoringModel& model) : model_(model) {}

  const Outcome& With(int row, const GapLever& lever, double value) {
    fields_ = model_.fields;
    panels_ = model_.panels;
    if (lever.panel >= 0) {
      auto& p = panels_[static_cast<std::size_t>(lever.panel)];
      for (Eigen::Index k = 0; k < p.cols(); ++k) {
        if (!std::isnan(p(row, k))) p(row, k) = std::clamp(p(row, k) + value, lever.min, lever.max);
      }
    } else {
      fields_(row, lever.column) = value;
    }
    Perturbation perturbation;
    perturbation.fields = &fields_;
    perturbation.panels = &panels_;
    return Evaluate(model_, perturbation, workspace_);
  }

 private:
  const ScoringModel& model_;
  Eigen::MatrixXd fields_;
  std::vector<Eigen::MatrixXd> panels_;
  Workspace workspace_;
};

bool Holds(const ScoringModel& model, const Outcome& o, const GovernmentGaps& g, GapGoal goal,
           int baseline_ladder) {
  const auto r = static_cast<std::size_t>(g.row);
  switch (goal) {
    case GapGoal::kPassAbove:
      return o.rank[r] < o.rank[static_cast<std::size_t>(g.above)];
    case GapGoal::kAdvance:
      return o.advanced[r] != 0;
    case GapGoal::kBetterAward:
      return AwardLadder(model, o, g.row) > baseline_ladder;
  }
  return false;
}

struct Tally {
  int reached = 0;
  int not_reachable = 0;
  int scanned = 0;
};

// Values strictly on the way from the baseline to `until` (inclusive when `inclusive`).
std::vector<double> Way(const GapLever& lever, double baseline, double until, bool inclusive) {
  const double from = lever.unit == GapLever::Unit::kScoreShift ? 0.0 : baseline;
  std::vector<double> values;
  const bool whole = lever.unit == GapLever::Unit::kCount || lever.unit == GapLever::Unit::kGrade ||
                     lever.unit == GapLever::Unit::kBoolean;
  const double span = std::fabs(until - from);
  const int steps = whole ? static_cast<int>(std::min(span, 200.0)) : 120;
  for (int s = 1; s <= steps; ++s) {
    double v = from + (until - from) * s / steps;
    if (whole) v = std::round(v);
    if (!inclusive && (v == until || (until - v) * (until - from) < 0)) continue;
    values.push_back(v);
  }
  return values;
}

void Check(const ScoringModel& model, const GovernmentGaps& g, Tally& tally) {
  Scenario scenario(model);
  Workspace base_workspace;
  const int ladder = AwardLadder(model, Evaluate(model, Perturbation{}, base_workspace), g.row);
  for (const LeverGaps& l : g.levers) {
    for (int k = 0; k < kGapGoalCount; ++k) {
      const auto goal = static_cast<GapGoal>(k);
      const GapAnswer& a = l.answers[static_cast<std::size_t>(k)];
      INFO("row " << g.row << " lever " << l.lever.id << " goal " << ToString(goal) << " status "
                  << ToString(a.status) << " value " << a.value << " before " << a.before);
      if (a.status == GapStatus::kReached) {
        ++tally.reached;
        CHECK(Holds(model, scenario.With(g.row, l.lever, a.value), g, goal, ladder));
        CHECK_FALSE(Holds(model, scenario.With(g.row, l.lever, a.before), g, goal, ladder));
        CHECK((a.value - a.before) * l.lever.direction > 0);
        for (const double v : Way(l.lever, l.baseline, a.before, true)) {
          ++tally.scanned;
          INFO("scanned " << v);
          CHECK_FALSE(Holds(model, scenario.With(g.row, l.lever, v), g, goal, ladder));
        }
      } else if (a.status == GapStatus::kNotReachable) {
        ++tally.not_reachable;
        if (a.limit == GapLimit::kNotAdvanced) continue;
        for (const double v : Way(l.lever, l.baseline, a.limit_value, true)) {
          ++tally.scanned;
          INFO("scanned " << v);
          CHECK_FALSE(Holds(model, scenario.With(g.row, l.lever, v), g, goal, ladder));
        }
      }
    }
  }
}

}  // namespace

TEST_SUITE("gaps") {
  TEST_CASE("random awards: each answer holds at its value, not just short of it, nor earlier") {
    Tally tally;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      const test::World w = RandomAward(seed);
      const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
      for (const GovernmentGaps& g : FindGaps(model, GapsOptions{})) Check(model, g, tally);
    }
    // The seeds give both kinds of answer, many times over.
    CHECK(tally.reached > 100);
    CHECK(tally.not_reachable > 100);
    CHECK(tally.scanned > 10000);
  }
}

}  // namespace jobaward
