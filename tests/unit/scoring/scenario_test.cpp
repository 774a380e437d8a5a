// Scenarios: each kind of override changes exactly what it names, the points rule keeps the
// totals consistent (hand-computed on the bundled 2020 rubric), bad keys and values are errors at
// the override, and the YAML loader and `--set` give the same overrides.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/io/scenario_yaml.hpp"
#include "jobaward/scoring/scenario.hpp"
#include "scoring_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

const ScenarioModel& Bundled() {
  static const ScenarioModel model = [] {
    ScenarioModel m;
    m.rules = LoadCohortRules(test::SourcePath("cohorts/2020.yaml"));
    m.rubrics.push_back(LoadRubric(test::SourcePath("rubrics/2020-disclosure.yaml")));
    m.rubrics.push_back(LoadRubric(test::SourcePath("rubrics/2020-best-program.yaml")));
    return m;
  }();
  return model;
}

Override Set(const std::string& text, int line = 1) {
  return ParseSetting(text, SourceLocation{"s.yaml", line, 3});
}

ScenarioModel Apply(const std::vector<std::string>& settings) {
  std::vector<Override> overrides;
  for (std::size_t i = 0; i < settings.size(); ++i) {
    overrides.push_back(Set(settings[i], static_cast<int>(i) + 1));
  }
  return ApplyOverrides(Bundled(), overrides);
}

// Every diagnostic of applying `settings`, one per line ("" when they apply).
std::string Errors(const std::vector<std::string>& settings) {
  try {
    (void)Apply(settings);
  } catch (const InputError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
    return out;
  }
  return "";
}

using V = std::vector<std::string>;

double PointsOf(const Rubric& r, const std::string& indicator) {
  return r.FindIndicator(indicator)->points;
}

}  // namespace

TEST_SUITE("scenario") {
  TEST_CASE("a domain and the total: the domain's indicators and the other domains scale") {
    // outcome 50 -> 60 with total 100: plan and execution (50) share the remaining 40, x 0.8.
    const ScenarioModel m =
        Apply({"2020-disclosure.domains.outcome.points=60", "2020-disclosure.total_points=100"});
    const Rubric& r = m.rubrics[0];
    CHECK_EQ(r.total_points, 100);
    CHECK_EQ(r.domains[0].points, doctest::Approx(24).epsilon(1e-15));
    CHECK_EQ(r.domains[1].points, doctest::Approx(16).epsilon(1e-15));
    CHECK_EQ(r.domains[2].points, 60);
    CHECK_EQ(PointsOf(r, "plan_review"), doctest::Approx(12).epsilon(1e-15));      // 15 x 0.8
    CHECK_EQ(PointsOf(r, "governance"), doctest::Approx(12).epsilon(1e-15));       // 15 x 0.8
    CHECK_EQ(PointsOf(r, "interview"), doctest::Approx(30).epsilon(1e-15));        // 25 x 1.2
    CHECK_EQ(PointsOf(r, "jobs_attainment"), doctest::Approx(12).epsilon(1e-15));  // 10 x 1.2
    CHECK_EQ(m.rubrics[1].total_points, Bundled().rubrics[1].total_points);        // untouched
  }

  TEST_CASE("without total_points the total follows the domains") {
    const Rubric r = Apply({"2020-disclosure.domains.outcome.points=60"}).rubrics[0];
    CHECK_EQ(r.total_points, 110);
    CHECK_EQ(r.domains[0].points, 30);
    CHECK_EQ(PointsOf(r, "plan_review"), 15);
  }

  TEST_CASE("an indicator set explicitly is kept; the domain's other indicators make up the rest") {
    // outcome 60 with interview fixed at 30: the other four (25 points) scale to 30, x 1.2.
    const Rubric r = Apply({"2020-disclosure.indicators.interview.points=30",
                            "2020-disclosure.domains.outcome.points=60"})
                         .rubrics[0];
    CHECK_EQ(PointsOf(r, "interview"), 30);
    CHECK_EQ(PointsOf(r, "jobs_attainment"), doctest::Approx(12).epsilon(1e-15));
    CHECK_EQ(PointsOf(r, "regular_workers"), doctest::Approx(6).epsilon(1e-15));
    CHECK_EQ(r.total_points, 110);
    // Alone, an indicator moves its domain and the total.
    const Rubric alone = Apply({"2020-disclosure.indicators.interview.points=35"}).rubrics[0];
    CHECK_EQ(alone.domains[2].points, 60);
    CHECK_EQ(alone.total_points, 110);
  }

  TEST_CASE("points that cannot add up are an error at the override") {
    CHECK_EQ(Errors({"2020-disclosure.indicators.interview.points=40",
                     "2020-disclosure.domains.outcome.points=30"}),
             "s.yaml:2:3: 2020-disclosure.domains.outcome.points: cannot give domain 'outcome' 30 "
             "points: the parts set explicitly already have 40\n");
    CHECK_EQ(
        Errors({"2020-disclosure.domains.plan.points=40",
                "2020-disclosure.domains.execution.points=20",
                "2020-disclosure.domains.outcome.points=30", "2020-disclosure.total_points=100"}),
        "s.yaml:4:3: 2020-disclosure.total_points: cannot give the total 100 points: its "
        "parts set explicitly have 90 and no other part has points to scale\n");
  }

  TEST_CASE("stage weights, the advance rule, quotas, prizes and cohort parameters") {
    const ScenarioModel m = Apply({
        "2020-disclosure.stages.stage2_weight=2",
        "2020-disclosure.stages.advance.top_n=none",
        "2020-disclosure.stages.advance.top_share=0.4",
        "2020-disclosure.awards.levels.top.count=3",
        "2020-disclosure.awards.levels.excellent.count_by_cohort.ga=none",
        "2020-disclosure.awards.levels.excellent.count_by_cohort.ba=6",
        "2020-disclosure.awards.national.grand.prize_money=500000000",
        "2020-disclosure.awards.special.special.count=7",
        "cohorts.district_split=0.45",
    });
    const Rubric& r = m.rubrics[0];
    CHECK_EQ(r.stages.stage2_weight, 2);
    CHECK_FALSE(r.stages.advance.top_n.has_value());
    CHECK_EQ(*r.stages.advance.top_share, 0.4);
    CHECK_EQ(*r.levels[0].count, 3);
    using CohortCounts = std::vector<std::pair<std::string, int>>;
    CHECK_EQ(r.levels[1].count_by_cohort, CohortCounts{{"na", 4}, {"ba", 6}});
    CHECK_EQ(r.national_prizes[0].prize_money, 500000000);
    CHECK_EQ(r.special_prizes[0].count, 7);
    CHECK_EQ(m.rules.parameters[1].name, "district_split");
    CHECK_EQ(m.rules.parameters[1].value, 0.45);
    CHECK_EQ(m.rules.parameters[0].value, 0.5);
    CHECK_EQ(m.rules.parameters[1].where.ToString(), "s.yaml:9:3");
  }

  TEST_CASE("tie-break order: a list, or commas on the command line") {
    const Rubric a = Apply({"2020-disclosure.tie_break=[stage2, domain:plan]"}).rubrics[0];
    const Rubric b = Apply({"2020-disclosure.tie_break=stage2,domain:plan"}).rubrics[0];
    REQUIRE_EQ(a.tie_break.size(), 2);
    CHECK_EQ(ToString(a.tie_break[0]), "stage2");
    CHECK_EQ(ToString(a.tie_break[1]), "domain:plan");
    REQUIRE_EQ(b.tie_break.size(), 2);
    CHECK_EQ(ToString(b.tie_break[1]), "domain:plan");
    CHECK_EQ(Errors({"2020-disclosure.tie_break=stage3"}),
             "s.yaml:1:3: 2020-disclosure.tie_break: unknown tie-break key 'stage3' (expected "
             "domain:plan, domain:execution, domain:outcome, stage1, stage2 or indicator:<id>)\n");
    CHECK_EQ(Errors({"2020-disclosure.tie_break=indicator:nothing"}),
             "s.yaml:1:3: 2020-disclosure.tie_break[0]: unknown indicator 'nothing' (after the "
             "scenario's overrides)\n");
  }

  TEST_CASE("a later override of the same key wins") {
    const Rubric r = Apply({"2020-disclosure.awards.levels.top.count=3",
                            "2020-disclosure.awards.levels.top.count=4"})
                         .rubrics[0];
    CHECK_EQ(*r.levels[0].count, 4);
  }

  TEST_CASE("unknown keys get a did-you-mean, or the keys expected at that point") {
    CHECK_EQ(Errors({"2020-disclosure.awards.levels.top.cuont=3"}),
             "s.yaml:1:3: 2020-disclosure.awards.levels.top.cuont: unknown key "
             "'2020-disclosure.awards.levels.top.cuont', did you mean "
             "'2020-disclosure.awards.levels.top.count'?\n");
    CHECK_EQ(Errors({"2020-disclosure.indicators.nothing_like_it.points=3"}),
             "s.yaml:1:3: 2020-disclosure.indicators.nothing_like_it.points: unknown indicator "
             "'nothing_like_it' (expected one of: budget_execution, "
             "disclosed_on_time, employment_rate_change, governance, head_commitment, "
             "insured_growth, interview, jobs_attainment, plan_review, regular_workers)\n");
    CHECK_EQ(Errors({"best.total_points=3"}),
             "s.yaml:1:3: best.total_points: unknown rubric id (or 'cohorts') 'best' (expected "
             "one of: 2020-best-program, 2020-disclosure, cohorts)\n");
  }

  TEST_CASE("values of the wrong type or range name the key and what was expected") {
    CHECK_EQ(Errors({"2020-disclosure.awards.levels.top.count=three"}),
             "s.yaml:1:3: 2020-disclosure.awards.levels.top.count: expected a number, got "
             "'three'\n");
    CHECK_EQ(Errors({"2020-disclosure.awards.levels.top.count=2.5"}),
             "s.yaml:1:3: 2020-disclosure.awards.levels.top.count: expected a whole number, got "
             "2.5\n");
    CHECK_EQ(Errors({"2020-disclosure.stages.advance.top_share=1.5"}),
             "s.yaml:1:3: 2020-disclosure.stages.advance.top_share: must be in (0, 1], got 1.5\n");
    CHECK_EQ(Errors({"2020-disclosure.indicators.interview.points=-1"}),
             "s.yaml:1:3: 2020-disclosure.indicators.interview.points: must be >= 0, got -1\n");
    CHECK_EQ(Errors({"2020-disclosure.awards.levels.top.rounding=up"}),
             "s.yaml:1:3: 2020-disclosure.awards.levels.top.rounding: expected floor, ceil or "
             "nearest, got 'up'\n");
  }

  TEST_CASE("a rubric left invalid by the overrides is an error at the override") {
    // A share without clearing the count: the level needs exactly one of them.
    CHECK_EQ(Errors({"2020-disclosure.awards.levels.top.share=0.1"}),
             "s.yaml:1:3: 2020-disclosure.awards.levels[0]: needs exactly one of count and share "
             "(after the scenario's overrides)\n");
    CHECK_EQ(Errors({"2020-disclosure.stages.advance.top_n=none",
                     "2020-disclosure.stages.advance.top_share=none"}),
             "s.yaml:2:3: 2020-disclosure.stages.advance: needs at least one of top_n, top_share, "
             "min_score (after the scenario's overrides)\n");
  }

  TEST_CASE("one override moves exactly the expected award") {
    // Cohort of four, scores 90 > 80 > 70 > 60; one 최우수상. Count 2 gives it to the second too.
    auto w = test::MakeWorld({0, 0, 0, 0});
    test::AddIndicator(w, "plan", Method::kLinear, {"x"}, 100).params.hi = 100;
    w.rubric.domains = {DomainSpec{Domain::kPlan, "계획", 100, {}},
                        DomainSpec{Domain::kExecution, "집행", 0, {}},
                        DomainSpec{Domain::kOutcome, "성과", 0, {}}};
    AwardLevel top;
    top.id = "top";
    top.name_ko = "최우수상";
    top.count = 1;
    w.rubric.levels = {top};
    const std::vector<double> x = {90, 80, 70, 60};
    for (std::size_t i = 0; i < x.size(); ++i) w.At(i).fields["x"] = x[i];

    ScenarioModel m;
    m.rubrics = {w.rubric};
    const std::vector<Override> overrides = {Set("test.awards.levels.top.count=2")};
    const Rubric changed = ApplyOverrides(m, overrides).rubrics[0];
    const ScoreResult before = w.Run();
    w.rubric = changed;
    const ScoreResult after = w.Run();
    std::vector<std::string> a;
    std::vector<std::string> b;
    for (std::size_t i = 0; i < 4; ++i) {
      b.push_back(before.governments[i].award_id);
      a.push_back(after.governments[i].award_id);
    }
    CHECK_EQ(b, V{"top", "", "", ""});
    CHECK_EQ(a, V{"top", "top", "", ""});
  }

  TEST_CASE("the YAML file: nested keys flatten, base paths resolve beside the file") {
    const Scenario s = ParseScenario(
        "id: three-top\nname_ko: 최우수상 3개\nbase:\n  rules: rules.yaml\n"
        "  rubrics: [../r/a.yaml]\noverrides:\n  2020-disclosure:\n"
        "    awards.levels.top.count: 3\n  cohorts.district_split: 0.45\n"
        "  2020-disclosure.tie_break: [stage2, domain:plan]\n",
        "dir/s.yaml");
    CHECK_EQ(s.id, "three-top");
    CHECK_EQ(s.base.rules, "dir/rules.yaml");
    CHECK_EQ(s.base.rubrics, V{"r/a.yaml"});
    REQUIRE_EQ(s.overrides.size(), 3);
    CHECK_EQ(s.overrides[0].key, "2020-disclosure.awards.levels.top.count");
    CHECK_EQ(*s.overrides[0].value.number, 3);
    CHECK_EQ(s.overrides[0].where.ToString(), "dir/s.yaml:8:5");
    CHECK_EQ(s.overrides[1].key, "cohorts.district_split");
    CHECK(s.overrides[2].value.is_list);
    CHECK_EQ(s.overrides[2].value.items, V{"stage2", "domain:plan"});
  }

  TEST_CASE("--set reads the value as the file does") {
    const Override o = ParseSetting("2020-disclosure.total_points=100", SourceLocation{"--set"});
    CHECK_EQ(o.key, "2020-disclosure.total_points");
    CHECK_EQ(*o.value.number, 100);
    CHECK_FALSE(ParseSetting("a.b=none", SourceLocation{"--set"}).value.number.has_value());
    const Override list = ParseSetting("a.tie_break=[stage2, 'domain:plan']", {"--set"});
    CHECK(list.value.is_list);
    CHECK_EQ(list.value.items, V{"stage2", "domain:plan"});
    // Quoted or !!str-tagged, a number is a word, in a file and in --set alike.
    const Override quoted = ParseSetting("a.b=\"60\"", {"--set"});
    CHECK_EQ(quoted.value.text, "60");
    CHECK_FALSE(quoted.value.number.has_value());
    CHECK_FALSE(ParseSetting("a.b='60'", {"--set"}).value.number.has_value());
    CHECK_FALSE(ParseSetting("a.b=!!str 60", {"--set"}).value.number.has_value());
    const Scenario file =
        ParseScenario("id: q\noverrides:\n  a.b: \"60\"\n  a.c: !!str 60\n  a.d: 60\n", "q.yaml");
    REQUIRE_EQ(file.overrides.size(), 3U);
    CHECK_FALSE(file.overrides[0].value.number.has_value());
    CHECK_FALSE(file.overrides[1].value.number.has_value());
    CHECK_EQ(*file.overrides[2].value.number, 60);
    CHECK_THROWS_AS((void)ParseSetting("no-equals-sign", {"--set"}), InputError);
    CHECK_THROWS_AS((void)ParseSetting("a.b=", {"--set"}), InputError);
  }

  TEST_CASE("every key a scenario can set is listed") {
    const std::vector<std::string> keys = ScenarioKeys(Bundled());
    auto has = [&](const std::string& k) {
      return std::find(keys.begin(), keys.end(), k) != keys.end();
    };
    CHECK(has("cohorts.city_split"));
    CHECK(has("2020-disclosure.awards.levels.excellent.count_by_cohort.sa"));
    CHECK(has("2020-best-program.stages.advance.top_share"));
    CHECK(has("2020-disclosure.awards.special.special.prize_money"));
    CHECK(std::is_sorted(keys.begin(), keys.end()));
  }
}

}  // namespace jobaward
