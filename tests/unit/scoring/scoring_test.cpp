// The scoring pipeline: bonus/penalty caps, stage advance rules, stage weights, ranking, and
// the compile/evaluate split (a Perturbation, workspace reuse).
#include <doctest/doctest.h>

#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {
// One linear indicator x in [0, 100] -> [0, 100] points at stage 1, so stage1 = x.
test::World StageWorld(const std::vector<int>& cohorts, const std::vector<double>& x) {
  auto w = MakeWorld(cohorts);
  Indicator& ind = AddIndicator(w, "doc", Method::kLinear, {"x"}, 100);
  ind.params.hi = 100;
  for (std::size_t i = 0; i < x.size(); ++i) w.At(i).fields["x"] = x[i];
  return w;
}
std::vector<bool> Advanced(const ScoreResult& r) {
  std::vector<bool> out;
  for (const auto& g : r.governments) out.push_back(g.advanced);
  return out;
}
}  // namespace

TEST_SUITE("scoring") {
  TEST_CASE("bonus and penalty items are capped per item, then in total") {
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "doc", Method::kLinear, {"x"}, 10).params.hi = 10;
    AdjustmentRules& adj = w.rubric.adjustments;
    adj.bonuses = {{"cases", "우수사례", "n", 1.0, 2.0, {}}, {"flag", "여부", "b", 1.5, 1.5, {}}};
    adj.bonus_cap = 3;
    adj.penalties = {{"audit", "감사", "y", 0.5, 2.0, {}}};
    adj.penalty_cap = 1.5;
    // Gov 0: cases 5 -> min(2, 5) = 2, flag -> 1.5; sum 3.5 -> capped at 3. audit 10 * 0.5 = 5
    // -> item cap 2 -> total cap 1.5. stage1 = 6 + 3 - 1.5 = 7.5.
    w.At(0).fields = {{"x", 6.0}, {"n", 5.0}, {"b", true}, {"y", 10.0}};
    // Gov 1: cases 1 -> 1; no flag; audit 1 -> 0.5. stage1 = 6 + 1 - 0.5 = 6.5.
    w.At(1).fields = {{"x", 6.0}, {"n", 1.0}, {"b", false}, {"y", 1.0}};
    const ScoreResult r = w.Run();
    CHECK_EQ(r.governments[0].bonus, doctest::Approx(3));
    CHECK_EQ(r.governments[0].penalty, doctest::Approx(1.5));
    CHECK_EQ(r.governments[0].stage1, doctest::Approx(7.5));
    CHECK_EQ(r.governments[1].bonus, doctest::Approx(1));
    CHECK_EQ(r.governments[1].penalty, doctest::Approx(0.5));
    CHECK_EQ(r.governments[1].stage1, doctest::Approx(6.5));
  }

  TEST_CASE("advance by top_n per cohort") {
    auto w = StageWorld({0, 0, 0, 0, 1, 1}, {10, 40, 30, 20, 5, 6});
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.top_n = 2;
    CHECK_EQ(Advanced(w.Run()), std::vector<bool>{false, true, true, false, true, true});
  }

  TEST_CASE("advance by top_share rounds up; with top_n the larger count applies") {
    auto w = StageWorld({0, 0, 0, 0, 0}, {10, 40, 30, 20, 50});
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.top_share = 0.5;  // ceil(2.5) = 3
    CHECK_EQ(Advanced(w.Run()), std::vector<bool>{false, true, true, false, true});
    w.rubric.stages.advance.top_n = 4;  // max(4, 3) = 4
    CHECK_EQ(Advanced(w.Run()), std::vector<bool>{false, true, true, true, true});
  }

  TEST_CASE("advance by min_score alone, and as an extra condition on top_n") {
    auto w = StageWorld({0, 0, 0, 0}, {10, 40, 30, 20});
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.min_score = 25;
    CHECK_EQ(Advanced(w.Run()), std::vector<bool>{false, true, true, false});
    w.rubric.stages.advance.top_n = 1;
    CHECK_EQ(Advanced(w.Run()), std::vector<bool>{false, true, false, false});
  }

  TEST_CASE("governments tied with the last advancing place all advance") {
    auto w = StageWorld({0, 0, 0, 0}, {10, 40, 30, 30});
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.top_n = 2;
    CHECK_EQ(Advanced(w.Run()), std::vector<bool>{false, true, true, true});
  }

  TEST_CASE("stage-2 points count only for those who advanced; final = w1 stage1 + w2 stage2") {
    auto w = StageWorld({0, 0, 0}, {80, 60, 40});
    AddIndicator(w, "interview", Method::kPanel, {"t"}, 50, Domain::kOutcome, 2);
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.top_n = 2;
    w.rubric.stages.stage1_weight = 0.7;
    w.rubric.stages.stage2_weight = 0.3;
    for (std::size_t i = 0; i < 3; ++i) w.At(i).fields["t"] = std::vector<double>{90, 90, 90};
    const ScoreResult r = w.Run();
    // Interview 90/100 * 50 = 45. Gov 0: 0.7 * 80 + 0.3 * 45 = 69.5; gov 2 not advanced: 28.
    CHECK_EQ(r.governments[0].stage2, doctest::Approx(45));
    CHECK_EQ(r.governments[0].final_score, doctest::Approx(69.5));
    CHECK_EQ(r.governments[1].final_score, doctest::Approx(0.7 * 60 + 0.3 * 45));
    CHECK_EQ(r.governments[2].stage2, 0);
    CHECK_EQ(r.governments[2].indicators[1].points, 0);
    CHECK_EQ(r.governments[2].final_score, doctest::Approx(28));
    CHECK_EQ(r.governments[2].indicators[1].cohort_statistics, "(2차 미진출)");
    CHECK_EQ(r.governments[0].rank, 1);
    CHECK_EQ(r.governments[2].rank, 3);
  }

  TEST_CASE("advanced governments rank before those who were not, even with a lower final") {
    auto w = StageWorld({0, 0, 0}, {50, 60, 70});
    w.rubric.stages.advance = {};
    w.rubric.stages.advance.min_score = 55;
    w.rubric.stages.stage1_weight = 1;
    const ScoreResult r = w.Run();
    CHECK_EQ(r.governments[2].rank, 1);
    CHECK_EQ(r.governments[1].rank, 2);
    CHECK_EQ(r.governments[0].rank, 3);
  }

  TEST_CASE("domain scores sum the indicators of each domain") {
    auto w = MakeWorld({0});
    AddIndicator(w, "a", Method::kBoolean, {"b"}, 10, Domain::kPlan);
    AddIndicator(w, "b", Method::kBoolean, {"b"}, 20, Domain::kOutcome);
    AddIndicator(w, "c", Method::kBoolean, {"b"}, 5, Domain::kOutcome);
    w.At(0).fields = {{"b", true}};
    const ScoreResult r = w.Run();
    CHECK_EQ(r.governments[0].domain[0], 10);
    CHECK_EQ(r.governments[0].domain[1], 0);
    CHECK_EQ(r.governments[0].domain[2], 25);
  }

  TEST_CASE(
      "Evaluate with a Perturbation re-scores without recompiling; workspace reuse is exact") {
    auto w = StageWorld({0, 0}, {10, 40});
    const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
    Workspace ws;
    const Outcome& base = Evaluate(model, {}, ws);
    CHECK_EQ(base.final_score(0), doctest::Approx(10));
    Eigen::MatrixXd fields = model.fields;
    fields(0, model.FieldColumn("x")) = 70;
    Eigen::VectorXd points = model.indicator_points;
    points(0) = 50;
    Perturbation p;
    p.fields = &fields;
    p.indicator_points = &points;
    const Outcome& changed = Evaluate(model, p, ws);
    CHECK_EQ(changed.final_score(0), doctest::Approx(35));
    CHECK_EQ(changed.final_score(1), doctest::Approx(20));
    CHECK_EQ(changed.rank[0], 1);
    const Outcome& again = Evaluate(model, {}, ws);
    CHECK_EQ(again.final_score(0), doctest::Approx(10));
    CHECK_EQ(again.rank[1], 1);
  }

  TEST_CASE("reports are checked: unknown government, wrong type, out of range, duplicates") {
    auto w = StageWorld({0, 0}, {10, 40});
    w.At(0).fields["x"] = std::string("A");
    w.At(1).fields["n"] = -2.0;
    Report stranger;
    stranger.government_code = "99999";
    stranger.origin = {"reports/99999.yaml"};
    w.reports.push_back(stranger);
    Report twin = w.reports[1];
    twin.origin = {"reports/copy.yaml"};
    twin.fields = {{"x", 5.0}};
    w.reports.push_back(twin);
    try {
      (void)w.Run();
      FAIL("expected InputError");
    } catch (const InputError& e) {
      std::string all;
      for (const auto& d : e.diagnostics()) all += d.ToString() + "\n";
      CHECK_EQ(all,
               "reports/10001.yaml: fields.x: expected number, got a text\n"
               "reports/10002.yaml: fields.n: expected a value in [0, inf], got -2\n"
               "reports/99999.yaml: government: government '99999' is not in the registry\n"
               "reports/copy.yaml: government: second report for government 10002; the first "
               "is reports/10002.yaml\n");
    }
  }
}

}  // namespace jobaward
