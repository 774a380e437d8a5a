// "What it takes" (gaps.hpp) on hand-built cohorts whose thresholds are computed by hand, one
// method family at a time, and "not reachable" at the field bounds.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <thread>
#include <vector>

#include "jobaward/sensitivity/gaps.hpp"
#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {

struct Result {
  ScoringModel model;
  GovernmentGaps gaps;

  [[nodiscard]] const LeverGaps& Lever(const std::string& id) const {
    for (const auto& l : gaps.levers) {
      if (l.lever.id == id) return l;
    }
    throw std::runtime_error("no lever " + id);
  }
  [[nodiscard]] const GapAnswer& Answer(const std::string& id, GapGoal goal) const {
    return Lever(id).answers[static_cast<std::size_t>(goal)];
  }
};

// The gaps of government `row` (rows are in registry order).
Result Run(const test::World& w, int row = 0) {
  Result r{Compile(w.rubric, w.registry, w.cohorts, w.reports), {}};
  GapsWorkspace workspace;
  r.gaps = FindGaps(r.model, row, workspace);
  return r;
}

// An indicator with points = the field's value (hi = points): a fixed head start.
void AddHeadStart(test::World& w, const std::string& id, const std::string& field, double points,
                  Domain domain = Domain::kPlan) {
  Indicator& ind = AddIndicator(w, id, Method::kLinear, {field}, points, domain);
  ind.params.hi = points;
}

void AddField(test::World& w, const std::string& name, FieldType type,
              std::optional<double> min = std::nullopt, std::optional<double> max = std::nullopt) {
  w.rubric.fields.push_back({name, type, name, "", min, max});
}

AwardLevel CohortLevel(const std::string& id, int count) {
  AwardLevel level;
  level.id = id;
  level.name_ko = id;
  level.count = count;
  return level;
}

constexpr GapGoal kPass = GapGoal::kPassAbove;
constexpr GapGoal kAdvance = GapGoal::kAdvance;
constexpr GapGoal kAward = GapGoal::kBetterAward;

}  // namespace

TEST_SUITE("gaps") {
  TEST_CASE("target_ratio, in jobs: whole units, the cap stops it; a tie-break key decides a tie") {
    // jobs = target_ratio [n, target], floor 0.8, cap 1.2, 10 points. A: 90 of 100 -> 2.5; B: 95
    // of 100 -> 3.75. A ties B at 95 jobs (3.75 each, computed alike) and passes at 96.
    auto w = MakeWorld({0, 0});
    AddField(w, "target", FieldType::kCount, 0.0);
    Indicator& jobs =
        AddIndicator(w, "jobs", Method::kTargetRatio, {"n", "target"}, 10, Domain::kOutcome);
    jobs.params.floor = 0.8;
    jobs.params.cap = 1.2;
    w.At(0).fields = {{"n", 90.0}, {"target", 100.0}};
    w.At(1).fields = {{"n", 95.0}, {"target", 100.0}};
    {
      const Result r = Run(w);
      CHECK(r.gaps.above == 1);
      const GapAnswer& a = r.Answer("jobs", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == 96);
      CHECK(a.change == 6);
      CHECK(a.before == 95);
      CHECK(a.at.rank == 1);
      CHECK(r.Lever("jobs").lever.unit == GapLever::Unit::kCount);
    }
    SUBCASE("a tie-break key in A's favour makes the tie at 95 enough") {
      // Equal head starts in different domains; tie-break by the plan domain, where A leads.
      AddHeadStart(w, "p", "x", 2, Domain::kPlan);
      AddHeadStart(w, "e", "y", 2, Domain::kExecution);
      w.At(0).fields["x"] = 2.0;
      w.At(0).fields["y"] = 0.0;
      w.At(1).fields["x"] = 0.0;
      w.At(1).fields["y"] = 2.0;
      TieBreakKey plan;
      plan.kind = TieBreakKey::Kind::kDomain;
      plan.domain = Domain::kPlan;
      w.rubric.tie_break = {plan};
      const Result r = Run(w);
      const GapAnswer& a = r.Answer("jobs", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == 95);
      CHECK(a.before == 94);
    }
    SUBCASE("with B at full points A can only tie: not reachable, stopped at 120% of target") {
      w.At(1).fields["n"] = 130.0;
      const Result r = Run(w);
      const GapAnswer& a = r.Answer("jobs", kPass);
      CHECK(a.status == GapStatus::kNotReachable);
      CHECK(a.limit == GapLimit::kSaturated);
      CHECK(a.limit_value == 120);
      CHECK(a.at.rank == 1);  // Shared with B.
    }
  }

  TEST_CASE("target_ratio with below_floor: zero: the points jump at the floor, exactly there") {
    // jobs = target_ratio [n, target], floor 0.8, cap 1.2, 12 points, zero below the floor:
    // 0 below 80 of 100 jobs, 12 min(a, 1.2) / 1.2 from it (8 points at 80). A: 70 -> 0; B: 75
    // -> 0, plus a head start of 5. A passes B at exactly 80 jobs (8 > 5; 79 gives 0). The
    // default rescale rule, 12 (a - 0.8) / 0.4 > 5, needs a > 0.9667: 97 jobs.
    auto w = MakeWorld({0, 0});
    AddField(w, "target", FieldType::kCount, 0.0);
    AddField(w, "r", FieldType::kNumber, 0.0);
    Indicator& jobs =
        AddIndicator(w, "jobs", Method::kTargetRatio, {"n", "target"}, 12, Domain::kOutcome);
    jobs.params.floor = 0.8;
    jobs.params.cap = 1.2;
    jobs.params.below_floor = BelowFloor::kZero;
    AddHeadStart(w, "head", "y", 5);
    w.At(0).fields = {{"n", 70.0}, {"target", 100.0}, {"y", 0.0}};
    w.At(1).fields = {{"n", 75.0}, {"target", 100.0}, {"y", 5.0}};
    SUBCASE("in jobs (a count)") {
      const GapAnswer a = Run(w).Answer("jobs", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == 80);
      CHECK(a.before == 79);
      CHECK(a.at.final_score == doctest::Approx(8));
    }
    SUBCASE("a real-valued field: the value is the floor itself, before is just short of it") {
      w.rubric.indicators[0].fields = {"r", "target"};
      w.At(0).fields["r"] = 70.0;
      w.At(1).fields["r"] = 75.0;
      const GapAnswer a = Run(w).Answer("jobs", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == doctest::Approx(80).epsilon(1e-9));
      CHECK(a.value >= 80);
      CHECK(a.before < 80);
      CHECK(a.at.final_score == doctest::Approx(8));
    }
    SUBCASE("the rescale rule instead: 97 jobs") {
      w.rubric.indicators[0].params.below_floor = BelowFloor::kRescale;
      const GapAnswer a = Run(w).Answer("jobs", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == 97);
      CHECK(a.before == 96);
    }
  }

  TEST_CASE("linear, a real number: the crossing to the tolerance; the declared maximum stops it") {
    // linear x in [0, 100] -> 20 points. A: 40 -> 8; B: 55 -> 11. A passes B just past x = 55.
    auto w = MakeWorld({0, 0});
    AddField(w, "z", FieldType::kNumber, 0.0, 80.0);
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 20).params.hi = 100;
    w.At(0).fields = {{"x", 40.0}};
    w.At(1).fields = {{"x", 55.0}};
    const Result r = Run(w);
    const GapAnswer& a = r.Answer("lin", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    // The engine compares scores rounded to 1e-6: A passes once 0.2 (x - 55) rounds above 0,
    // within 1e-6 / 0.2 of 55; `before` (not passing) and `value` (passing) bracket that point.
    CHECK(a.value > 55);
    CHECK(a.value - 55 <= 1e-6 / 0.2 + a.tolerance);
    CHECK(a.value - a.before == doctest::Approx(a.tolerance));
    CHECK(a.tolerance < 1e-5);
    CHECK(a.change == doctest::Approx(15).epsilon(1e-6));
    SUBCASE("B out of reach: x saturates at hi = 100") {
      AddHeadStart(w, "head", "y", 25);
      w.At(1).fields["y"] = 25.0;
      const GapAnswer b = Run(w).Answer("lin", kPass);
      CHECK(b.status == GapStatus::kNotReachable);
      CHECK(b.limit == GapLimit::kSaturated);
      CHECK(b.limit_value == doctest::Approx(100));
    }
    SUBCASE("a field declared up to 80 stops at 80") {
      w.rubric.indicators[0].fields = {"z"};
      w.At(0).fields = {{"z", 40.0}};
      w.At(1).fields = {{"z", 55.0}};
      AddHeadStart(w, "head", "y", 6);
      w.At(1).fields["y"] = 6.0;  // B = 17: A needs x > 85.
      const GapAnswer b = Run(w).Answer("lin", kPass);
      CHECK(b.status == GapStatus::kNotReachable);
      CHECK(b.limit == GapLimit::kDeclaredMax);
      CHECK(b.limit_value == 80);
      CHECK(b.at.final_score == doctest::Approx(16));
    }
  }

  TEST_CASE("change: percentage points of the current value, the baseline held") {
    // change [cur, base], lo -1, hi 2, 5 points. A: 60.8 from 61.0 (-0.2) -> 1.3333; B: +0.8 ->
    // 3. A passes at a change of +0.8, i.e. cur = 61.8: +1.0 pp.
    auto w = MakeWorld({0, 0});
    AddField(w, "cur", FieldType::kNumber, 0.0, 100.0);
    AddField(w, "base", FieldType::kNumber, 0.0, 100.0);
    Indicator& ind = AddIndicator(w, "rate", Method::kChange, {"cur", "base"}, 5);
    ind.params.lo = -1;
    ind.params.hi = 2;
    w.At(0).fields = {{"cur", 60.8}, {"base", 61.0}};
    w.At(1).fields = {{"cur", 50.8}, {"base", 50.0}};
    const Result r = Run(w);
    CHECK(r.Lever("rate").lever.field == "cur");
    const GapAnswer& a = r.Answer("rate", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == doctest::Approx(61.8).epsilon(1e-6));
    CHECK(a.change == doctest::Approx(1.0).epsilon(1e-5));
  }

  TEST_CASE("bands: the threshold of the band that is enough, exactly") {
    // bands >=10: 0.5, >=20: 1.0 of 10 points. A: 5 -> 0; B: head start 6. A needs the top band.
    auto w = MakeWorld({0, 0});
    Indicator& ind = AddIndicator(w, "band", Method::kBands, {"x"}, 10);
    ind.params.bands = {{10, 0.5}, {20, 1.0}};
    AddHeadStart(w, "head", "y", 6);
    w.At(0).fields = {{"x", 5.0}, {"y", 0.0}};
    w.At(1).fields = {{"x", 0.0}, {"y", 6.0}};
    const GapAnswer a = Run(w).Answer("band", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == doctest::Approx(20).epsilon(1e-9));
    CHECK(a.before < 20);
    CHECK(a.at.final_score == doctest::Approx(10));
  }

  TEST_CASE("minmax: raising A's value lowers B's points while A is the cohort minimum") {
    // minmax on x (10 points) plus head starts. A: x 20, +5; B: x 50, +4; C: x 80, +0. For
    // x < 50 A is the minimum: A = 5, B = 4 + 10 (50 - x) / (80 - x), equal at x = 140/3.
    auto w = MakeWorld({0, 0, 0});
    AddIndicator(w, "mm", Method::kMinMax, {"x"}, 10);
    AddHeadStart(w, "head", "y", 10);
    w.At(0).fields = {{"x", 20.0}, {"y", 5.0}};
    w.At(1).fields = {{"x", 50.0}, {"y", 4.0}};
    w.At(2).fields = {{"x", 80.0}, {"y", 0.0}};
    const Result r = Run(w);
    CHECK(r.gaps.above == 1);
    const GapAnswer& a = r.Answer("mm", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == doctest::Approx(140.0 / 3).epsilon(1e-6));
    CHECK(a.value >= 140.0 / 3 - 1e-9);
    CHECK(a.at.final_score == doctest::Approx(5));  // Still at its minimum points.
  }

  TEST_CASE("zscore: the cohort's mean and sd move with A's own value") {
    // zscore on x (10 points, zcap 10: never clipped with 3 members): points = 5 + z / 2.
    // A - B = -0.5 + (x - 30) / (2 sd), with x among {10, 30, x}: zero where (x - 30) = sd,
    // i.e. 7x^2 - 460x + 6700 = 0, x = (460 + sqrt(24000)) / 14 = 43.92281.
    auto w = MakeWorld({0, 0, 0});
    AddField(w, "r", FieldType::kNumber, 0.0, 100.0);
    AddIndicator(w, "z", Method::kZScore, {"r"}, 10).params.zcap = 10;
    AddHeadStart(w, "head", "y", 10);
    w.At(0).fields = {{"r", 0.0}, {"y", 1.0}};
    w.At(1).fields = {{"r", 30.0}, {"y", 1.5}};
    w.At(2).fields = {{"r", 10.0}, {"y", 0.0}};
    const Result r = Run(w);
    CHECK(r.gaps.above == 1);
    const GapAnswer& a = r.Answer("z", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == doctest::Approx((460 + std::sqrt(24000.0)) / 14).epsilon(1e-6));
    SUBCASE("a head start of 1 needs (x - 30) = 2 sd: x = 207.98, beyond the maximum 100") {
      w.At(0).fields["y"] = 0.5;
      const GapAnswer b = Run(w).Answer("z", kPass);
      CHECK(b.status == GapStatus::kNotReachable);
      CHECK(b.limit == GapLimit::kDeclaredMax);
      CHECK(b.limit_value == 100);
    }
  }

  TEST_CASE("percentile: passing a value; a tie for the only award gives it to both") {
    // percentile on a count (9 points), values A 0, 10, 20, 30: points 0, 3, 6, 9. At x = 10
    // A ties the 10 (1.5 each); at 11 it passes it. At 30 it ties the 30 for the one gold.
    auto w = MakeWorld({0, 0, 0, 0});
    AddIndicator(w, "pct", Method::kPercentile, {"n"}, 9);
    w.rubric.levels = {CohortLevel("gold", 1)};
    for (int i = 0; i < 4; ++i) w.At(static_cast<std::size_t>(i)).fields = {{"n", 10.0 * i}};
    const Result r = Run(w);
    CHECK(r.gaps.above == 1);
    const GapAnswer& pass = r.Answer("pct", kPass);
    REQUIRE(pass.status == GapStatus::kReached);
    CHECK(pass.value == 11);
    const GapAnswer& award = r.Answer("pct", kAward);
    REQUIRE(award.status == GapStatus::kReached);
    CHECK(award.value == 30);
    CHECK(award.at.award == "gold");
    CHECK(award.at.tied);
  }

  TEST_CASE("grade: the grade step that is enough; grade A is the limit") {
    // grade 10 points (A 1, B .8, C .6). A: C -> 6; B: B -> 8. A needs grade A (B only ties).
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "grade", Method::kGrade, {"g"}, 10);
    w.At(0).fields = {{"g", std::string("C")}};
    w.At(1).fields = {{"g", std::string("B")}};
    const GapAnswer a = Run(w).Answer("grade", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == 0);   // A
    CHECK(a.before == 1);  // B
    CHECK(a.change == -2);
    SUBCASE("B with grade A and a head start: not reachable") {
      AddHeadStart(w, "head", "y", 1);
      w.At(1).fields = {{"g", std::string("A")}, {"y", 1.0}};
      const GapAnswer b = Run(w).Answer("grade", kPass);
      CHECK(b.status == GapStatus::kNotReachable);
      CHECK(b.limit == GapLimit::kBestGrade);
    }
  }

  TEST_CASE("panel: a shift of every reviewer score, clipped at 100, with each combination") {
    // A: 60, 70, 98 (10 points at score_max 100). B: head start 8.5. Mean: (130 + 2d + 100) / 3
    // = 85 once 98 + d is clipped: d = 12.5. Median: 70 + d = 85: d = 15.
    auto w = MakeWorld({0, 0});
    Indicator& panel = AddIndicator(w, "panel", Method::kPanel, {"s"}, 10);
    panel.params.combine = PanelCombine::kMean;
    AddHeadStart(w, "head", "y", 10);
    w.At(0).fields = {{"s", std::vector<double>{60, 70, 98}}, {"y", 0.0}};
    w.At(1).fields = {{"s", std::vector<double>{0}}, {"y", 8.5}};
    {
      const Result r = Run(w);
      CHECK(r.Lever("panel").lever.unit == GapLever::Unit::kScoreShift);
      const GapAnswer& a = r.Answer("panel", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == doctest::Approx(12.5).epsilon(1e-6));
      CHECK(a.change == a.value);
    }
    SUBCASE("median") {
      w.rubric.indicators[0].params.combine = PanelCombine::kMedian;
      CHECK(Run(w).Answer("panel", kPass).value == doctest::Approx(15).epsilon(1e-6));
    }
    SUBCASE("trimmed mean of four: 75 + d = 85") {
      w.rubric.indicators[0].params.combine = PanelCombine::kTrimmedMean;
      w.At(0).fields["s"] = std::vector<double>{60, 70, 80, 98};
      CHECK(Run(w).Answer("panel", kPass).value == doctest::Approx(10).epsilon(1e-6));
    }
    SUBCASE("every score at 100 is not enough against 10.5") {
      w.At(1).fields["y"] = 10.0;
      AddHeadStart(w, "more", "x", 1);
      w.At(1).fields["x"] = 0.5;
      const GapAnswer a = Run(w).Answer("panel", kPass);
      CHECK(a.status == GapStatus::kNotReachable);
      CHECK(a.limit == GapLimit::kAllScoresMax);
      CHECK(a.limit_value == doctest::Approx(40));  // The lowest score, 60, reaches 100.
      CHECK(a.at.final_score == doctest::Approx(10));
    }
  }

  TEST_CASE("boolean: the flip, or not reachable") {
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "flag", Method::kBoolean, {"b"}, 5);
    AddHeadStart(w, "head", "y", 10);
    w.At(0).fields = {{"b", false}, {"y", 0.0}};
    w.At(1).fields = {{"b", false}, {"y", 3.0}};
    const GapAnswer a = Run(w).Answer("flag", kPass);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == 1);
    CHECK(a.before == 0);
    w.At(1).fields["y"] = 6.0;
    const GapAnswer b = Run(w).Answer("flag", kPass);
    CHECK(b.status == GapStatus::kNotReachable);
    CHECK(b.limit == GapLimit::kFlag);
  }

  TEST_CASE("bonus and penalty items, with their item and total caps") {
    // Bonus: cases n (1 per case, cap 2) + flag b (1.5); total cap 3. A has the flag (1.5).
    auto w = MakeWorld({0, 0});
    AddHeadStart(w, "head", "x", 10);
    AdjustmentRules& adj = w.rubric.adjustments;
    adj.bonuses = {{"cases", "우수사례", "n", 1.0, 2.0, {}}, {"flag", "여부", "b", 1.5, 1.5, {}}};
    adj.bonus_cap = 3;
    adj.penalties = {{"audit", "감사", "y", 0.5, 2.0, {}}};
    adj.penalty_cap = 2;
    w.At(0).fields = {{"x", 5.0}, {"n", 0.0}, {"b", true}, {"y", 0.0}};
    w.At(1).fields = {{"x", 5.0}, {"n", 0.0}, {"b", false}, {"y", 0.0}};
    SUBCASE("B 2.7 ahead: two cases (1 is 1.0 more, 2 are 1.5 more: the total cap)") {
      w.At(1).fields["x"] = 7.7;  // A 6.5, B 7.7: A needs more than 1.2.
      const GapAnswer a = Run(w).Answer("cases", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == 2);
    }
    SUBCASE("B 1.6 ahead: the total cap leaves 1.5: not reachable, nothing changes past 2") {
      w.At(1).fields["x"] = 8.1;
      const GapAnswer a = Run(w).Answer("cases", kPass);
      CHECK(a.status == GapStatus::kNotReachable);
      CHECK(a.limit == GapLimit::kSaturated);
      CHECK(a.limit_value == 2);
    }
    SUBCASE("penalty: audit findings down from 3 (1.5 points) to 1.2 (0.6)") {
      w.At(0).fields["y"] = 3.0;  // A = 5 + 1.5 - 1.5 = 5
      w.At(1).fields["x"] = 5.9;  // B = 5.9: A's penalty must drop below 0.6
      const Result r = Run(w);
      CHECK(r.Lever("audit").lever.direction == -1);
      const GapAnswer& a = r.Answer("audit", kPass);
      REQUIRE(a.status == GapStatus::kReached);
      CHECK(a.value == doctest::Approx(1.2).epsilon(1e-6));
      CHECK(a.change == doctest::Approx(-1.8).epsilon(1e-5));
    }
  }

  TEST_CASE("stage weights: final = 0.5 stage1 + 2 stage2") {
    // linear x -> 20 points (stage 1), interview t -> 10 points (stage 2). A: x 40, t 50 -> 0.5
    // * 8 + 2 * 5 = 14; B: x 70, t 60 -> 7 + 12 = 19. With x: 0.1 x + 10 > 19 at x = 90; with
    // the interview: 4 + 2 (5 + d / 10) > 19 at d = 25.
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 20).params.hi = 100;
    AddIndicator(w, "talk", Method::kPanel, {"t"}, 10, Domain::kOutcome, 2);
    w.rubric.stages.stage1_weight = 0.5;
    w.rubric.stages.stage2_weight = 2;
    w.At(0).fields = {{"x", 40.0}, {"t", std::vector<double>{50}}};
    w.At(1).fields = {{"x", 70.0}, {"t", std::vector<double>{60}}};
    const Result r = Run(w);
    CHECK(r.Answer("lin", kPass).value == doctest::Approx(90).epsilon(1e-6));
    CHECK(r.Answer("talk", kPass).value == doctest::Approx(25).epsilon(1e-6));
  }

  TEST_CASE("the advance cut-off (top 2), the stage-2 points it brings, and the advance minimum") {
    // Stage 1: linear x -> x points; stage 2: interview -> 10 points. x: A 50, B 60, C 70, D 80:
    // C and D advance. A passes B at 60, advances past C at 70, and wins the gold (D: 80 + 9)
    // at x + 5 > 89, x = 84.
    auto w = MakeWorld({0, 0, 0, 0});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 100).params.hi = 100;
    AddIndicator(w, "talk", Method::kPanel, {"t"}, 10, Domain::kOutcome, 2);
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.top_n = 2;
    w.rubric.levels = {CohortLevel("gold", 1)};
    const double xs[] = {50, 60, 70, 80};
    const double ts[] = {50, 50, 50, 90};
    for (std::size_t i = 0; i < 4; ++i)
      w.At(i).fields = {{"x", xs[i]}, {"t", std::vector<double>{ts[i]}}};
    {
      const Result r = Run(w);
      CHECK(r.gaps.above == 1);
      CHECK(r.Answer("lin", kPass).value == doctest::Approx(60).epsilon(1e-6));
      const GapAnswer& advance = r.Answer("lin", kAdvance);
      REQUIRE(advance.status == GapStatus::kReached);
      CHECK(advance.value == doctest::Approx(70).epsilon(1e-6));
      CHECK(advance.at.advanced);
      CHECK(advance.at.final_score == doctest::Approx(75).epsilon(1e-6));
      const GapAnswer& award = r.Answer("lin", kAward);
      REQUIRE(award.status == GapStatus::kReached);
      CHECK(award.value == doctest::Approx(84).epsilon(1e-6));
      CHECK(award.at.award == "gold");
      // The interview counts only after advancing.
      const GapAnswer& talk = r.Answer("talk", kAdvance);
      CHECK(talk.status == GapStatus::kNotReachable);
      CHECK(talk.limit == GapLimit::kNotAdvanced);
    }
    SUBCASE("min_score 65 instead: stage 1 of exactly 65 advances") {
      w.rubric.stages.advance = {};
      w.rubric.stages.advance.min_score = 65;
      const GapAnswer advance = Run(w).Answer("lin", kAdvance);
      REQUIRE(advance.status == GapStatus::kReached);
      CHECK(advance.value == doctest::Approx(65).epsilon(1e-6));
    }
  }

  TEST_CASE("a better award: from a cohort level to the national prize of the best holder") {
    // Two cohorts, gold 1 each, the grand prize (any) to the best gold. A: 70 (gold in cohort
    // 0); B: 75 (gold in cohort 1, takes the grand prize). A needs x > 75.
    auto w = MakeWorld({0, 0, 1, 1});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 100).params.hi = 100;
    w.rubric.levels = {CohortLevel("gold", 1)};
    NationalPrize grand;
    grand.id = "grand";
    grand.name_ko = "종합대상";
    grand.from_level = "gold";
    w.rubric.national_prizes = {grand};
    const double xs[] = {70, 50, 75, 10};
    for (std::size_t i = 0; i < 4; ++i) w.At(i).fields = {{"x", xs[i]}};
    const Result r = Run(w);
    CHECK(r.gaps.now.award == "gold");
    CHECK(r.Answer("lin", kPass).status == GapStatus::kAlready);
    CHECK(r.Answer("lin", kAdvance).status == GapStatus::kAlready);
    const GapAnswer& a = r.Answer("lin", kAward);
    REQUIRE(a.status == GapStatus::kReached);
    CHECK(a.value == doctest::Approx(75).epsilon(1e-6));
    CHECK(a.at.award == "grand");
  }

  TEST_CASE("a government barred by a cross-category rule takes no place, whatever its value") {
    // One cohort, gold 1. A: 80, B: 70, C: 60; A holds an excluded award of another category
    // (the mask), so B holds gold and C must pass B (x > 70), not A, to win it.
    auto w = MakeWorld({0, 0, 0});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 100).params.hi = 100;
    w.rubric.levels = {CohortLevel("gold", 1)};
    const double xs[] = {80, 70, 60};
    for (std::size_t i = 0; i < 3; ++i) w.At(i).fields = {{"x", xs[i]}};
    const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
    const std::vector<char> eligible = {0, 1, 1};
    GapsWorkspace workspace;
    const GovernmentGaps a = FindGaps(model, 0, workspace, &eligible);
    CHECK(a.now.award.empty());
    const GapAnswer& barred = a.levers.at(0).answers[static_cast<std::size_t>(kAward)];
    CHECK(barred.status == GapStatus::kNotReachable);
    CHECK(barred.limit == GapLimit::kBarred);
    CHECK(std::string(ToString(barred.limit)) == "barred");
    const GovernmentGaps c = FindGaps(model, 2, workspace, &eligible);
    const GapAnswer& win = c.levers.at(0).answers[static_cast<std::size_t>(kAward)];
    REQUIRE(win.status == GapStatus::kReached);
    CHECK(win.value == doctest::Approx(70).epsilon(1e-6));
    CHECK(win.at.award == "gold");
    // Without the mask A holds gold and C must pass A.
    const GovernmentGaps free = FindGaps(model, 2, workspace);
    CHECK(free.levers.at(0).answers[static_cast<std::size_t>(kAward)].value ==
          doctest::Approx(80).epsilon(1e-6));
  }

  TEST_CASE("a missing input cannot be moved") {
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 100).params.hi = 100;
    AddHeadStart(w, "head", "y", 10);
    w.At(0).fields = {{"y", 1.0}};
    w.At(1).fields = {{"x", 10.0}, {"y", 1.0}};
    const Result r = Run(w);
    CHECK(r.Answer("lin", kPass).status == GapStatus::kMissingInput);
    CHECK(std::isnan(r.Lever("lin").baseline));
    CHECK(r.Answer("head", kPass).status == GapStatus::kNotReachable);
  }

  TEST_CASE("the answers do not depend on the thread count") {
    auto w = MakeWorld({0, 0, 0, 1, 1, 1});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 60).params.hi = 100;
    AddIndicator(w, "mm", Method::kMinMax, {"y"}, 40);
    for (std::size_t i = 0; i < 6; ++i) {
      w.At(i).fields = {{"x", 10.0 + 13 * static_cast<double>(i)}, {"y", 90 - 7.0 * i * i}};
    }
    const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
    const auto one = FindGaps(model, GapsOptions{{}, 1});
    const auto two = FindGaps(model, GapsOptions{{}, 2});
    REQUIRE(one.size() == 6);
    REQUIRE(two.size() == 6);
    for (std::size_t g = 0; g < 6; ++g) {
      for (std::size_t l = 0; l < one[g].levers.size(); ++l) {
        for (std::size_t k = 0; k < 3; ++k) {
          CHECK(one[g].levers[l].answers[k].value == two[g].levers[l].answers[k].value);
          CHECK(one[g].levers[l].answers[k].status == two[g].levers[l].answers[k].status);
        }
      }
    }
  }

  TEST_CASE("progress: on the calling thread, counting up to every government, results unchanged") {
    auto w = MakeWorld({0, 0, 0, 1, 1, 1});
    AddIndicator(w, "lin", Method::kLinear, {"x"}, 100).params.hi = 100;
    for (std::size_t i = 0; i < 6; ++i)
      w.At(i).fields = {{"x", 10.0 + 13 * static_cast<double>(i)}};
    const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
    GapsOptions options{{}, 2};
    std::vector<std::uint64_t> done;
    const auto caller = std::this_thread::get_id();
    bool same_thread = true;
    options.progress = [&](std::uint64_t d, std::uint64_t planned) {
      done.push_back(d);
      same_thread = same_thread && std::this_thread::get_id() == caller;
      CHECK_EQ(planned, 6U);
    };
    const auto watched = FindGaps(model, options);
    CHECK(same_thread);
    REQUIRE_FALSE(done.empty());
    CHECK(std::is_sorted(done.begin(), done.end()));
    CHECK_EQ(done.back(), 6U);
    const auto plain = FindGaps(model, GapsOptions{{}, 1});
    REQUIRE(watched.size() == plain.size());
    for (std::size_t g = 0; g < plain.size(); ++g) {
      REQUIRE(watched[g].levers.size() == plain[g].levers.size());
      for (std::size_t l = 0; l < plain[g].levers.size(); ++l) {
        CHECK(watched[g].levers[l].answers[0].value == plain[g].levers[l].answers[0].value);
      }
    }
  }
}

}  // namespace jobaward
