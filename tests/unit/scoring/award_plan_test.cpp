// Cross-category rules and the size-adjusted national ranking: the evaluation order, the
// eligibility mask and what it does to the later category's awards, the errors of a bad rule,
// and the size-adjusted z against hand-computed values.
#include <doctest/doctest.h>

#include <cmath>

#include "jobaward/scoring/award_plan.hpp"
#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {

AwardLevel Quota(const std::string& id, int count) {
  AwardLevel l;
  l.id = id;
  l.name_ko = id;
  l.count = count;
  return l;
}

// Two categories over one world: "first" scores x, "second" scores y; one level "top" of one
// place per cohort in each.
struct TwoCategories {
  test::World first, second;
  std::vector<ScoringModel> Models(bool second_first = false) const {
    std::vector<ScoringModel> m;
    m.push_back(Compile(first.rubric, first.registry, first.cohorts, first.reports));
    m.push_back(Compile(second.rubric, second.registry, second.cohorts, second.reports));
    if (second_first) std::swap(m[0], m[1]);
    return m;
  }
};

TwoCategories MakeTwo(const std::vector<int>& cohorts, const std::vector<double>& x,
                      const std::vector<double>& y) {
  TwoCategories t{MakeWorld(cohorts), MakeWorld(cohorts)};
  AddIndicator(t.first, "ix", Method::kLinear, {"x"}, 100).params.hi = 100;
  AddIndicator(t.second, "iy", Method::kLinear, {"y"}, 100).params.hi = 100;
  t.first.rubric.id = "first-rubric";
  t.first.rubric.category = "first";
  t.second.rubric.id = "second-rubric";
  t.second.rubric.category = "second";
  for (test::World* w : {&t.first, &t.second}) {
    w->rubric.levels = {Quota("top", 1), Quota("good", 1)};
    for (std::size_t i = 0; i < x.size(); ++i) {
      w->At(i).fields["x"] = x[i];
      w->At(i).fields["y"] = y[i];
    }
  }
  return t;
}

std::vector<std::string> Awards(const ScoreResult& r) {
  std::vector<std::string> out;
  for (const auto& g : r.governments) out.push_back(g.award_id);
  return out;
}
using V = std::vector<std::string>;

}  // namespace

TEST_SUITE("award plan") {
  TEST_CASE("without rules each category is evaluated alone, in the given order") {
    const TwoCategories t = MakeTwo({0, 0, 0}, {90, 80, 70}, {90, 80, 70});
    const auto models = t.Models();
    const AwardPlan plan(models);
    CHECK_EQ(plan.order(), std::vector<std::size_t>{0, 1});
    CHECK_FALSE(plan.Constrained(1));
    const auto results = ScoreAward(models);
    CHECK_EQ(Awards(results[0]), V{"top", "good", ""});
    CHECK_EQ(Awards(results[1]), V{"top", "good", ""});
  }

  TEST_CASE("holders of an excluded award take no place; the places go to the next ones") {
    // Gov 0 tops both categories. The second category excludes holders of the first's top.
    TwoCategories t = MakeTwo({0, 0, 0, 0}, {90, 80, 70, 60}, {95, 85, 75, 65});
    t.second.rubric.exclusions = {{"first", {"top"}, {}}};
    const auto results = ScoreAward(t.Models());
    CHECK_EQ(Awards(results[0]), V{"top", "good", "", ""});
    CHECK_EQ(Awards(results[1]), V{"", "top", "good", ""});
    // Still scored and ranked; only its awards are barred, and it says so.
    CHECK_EQ(results[1].governments[0].rank, 1);
    CHECK(results[1].governments[0].excluded);
    CHECK_FALSE(results[1].governments[1].excluded);
  }

  TEST_CASE("the rule decides the order, whatever the order of the rubrics") {
    TwoCategories t = MakeTwo({0, 0, 0, 0}, {90, 80, 70, 60}, {95, 85, 75, 65});
    t.second.rubric.exclusions = {{"first", {"top", "good"}, {}}};
    const auto models = t.Models(/*second_first=*/true);  // [second, first]
    const AwardPlan plan(models);
    CHECK_EQ(plan.order(), std::vector<std::size_t>{1, 0});
    CHECK(plan.Constrained(0));
    CHECK_EQ(plan.DependsOn(0), std::vector<std::size_t>{1});
    const auto results = ScoreAward(models);
    CHECK_EQ(Awards(results[1]), V{"top", "good", "", ""});
    CHECK_EQ(Awards(results[0]), V{"", "", "top", "good"});
  }

  TEST_CASE("a national prize replaces its level: the level no longer excludes") {
    TwoCategories t = MakeTwo({0, 0, 1, 1}, {90, 80, 70, 60}, {95, 85, 75, 65});
    NationalPrize grand;
    grand.id = "grand";
    grand.name_ko = "grand";
    grand.from_level = "top";
    t.first.rubric.national_prizes = {grand};  // Gov 0 (90) becomes grand; gov 2 keeps top.
    t.second.rubric.exclusions = {{"first", {"top"}, {}}};
    const auto results = ScoreAward(t.Models());
    CHECK_EQ(Awards(results[0]), V{"grand", "good", "top", "good"});
    CHECK_EQ(Awards(results[1]), V{"top", "good", "", "top"});
  }

  TEST_CASE(
      "national prizes matter to a later category only when a rule tells them from their level") {
    TwoCategories t = MakeTwo({0, 0, 1, 1}, {90, 80, 70, 60}, {95, 85, 75, 65});
    NationalPrize grand;
    grand.id = "grand";
    grand.name_ko = "grand";
    grand.from_level = "top";
    t.first.rubric.national_prizes = {grand};
    const auto matters = [&](std::vector<std::string> awards) {
      t.second.rubric.exclusions = {{"first", std::move(awards), {}}};
      return AwardPlan(t.Models()).NationalPrizesMatter(0);
    };
    CHECK(matters({"top"}));    // A grand holder is not excluded, a top holder is.
    CHECK(matters({"grand"}));  // The other way round.
    CHECK_FALSE(matters({"top", "grand"}));
    CHECK_FALSE(matters({"good"}));  // Grand comes from top, which neither rule names.
    CHECK_FALSE(AwardPlan(t.Models()).NationalPrizesMatter(1));

    // Without them an evaluation changes nothing but the national prizes.
    const ScoringModel model = t.Models()[0];
    Workspace all_ws, scoped_ws;
    const Outcome& all = Evaluate(model, {}, all_ws);
    const Outcome& scoped = Evaluate(model, {}, scoped_ws, EvaluateScope::kWithoutPrizes);
    CHECK_EQ(all.national, std::vector<int>{0, -1, -1, -1});
    CHECK_EQ(scoped.national, std::vector<int>(4, -1));
    CHECK_EQ(scoped.level, all.level);
    CHECK_EQ(scoped.rank, all.rank);
    CHECK(scoped.final_score == all.final_score);
  }

  TEST_CASE("a rule naming a category not in the run is inactive and reported") {
    TwoCategories t = MakeTwo({0, 0}, {90, 80}, {95, 85});
    t.second.rubric.exclusions = {{"elsewhere", {"top"}, {}}};
    const auto models = t.Models();
    const AwardPlan plan(models);
    CHECK_FALSE(plan.Constrained(1));
    REQUIRE_EQ(plan.inactive().size(), 1U);
    CHECK_EQ(plan.inactive()[0],
             "second-rubric: awards.exclude_holders[0] names category 'elsewhere', which is not "
             "in this run; the rule is inactive");
  }

  TEST_CASE("an unknown award id and a cycle are input errors at the rule") {
    TwoCategories t = MakeTwo({0, 0}, {90, 80}, {95, 85});
    t.second.rubric.exclusions = {{"first", {"tpo"}, {"second.yaml", 40, 7}}};
    try {
      (void)AwardPlan(t.Models());
      FAIL("no error");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 1U);
      CHECK_EQ(e.diagnostics()[0].ToString(),
               "second.yaml:40:7: awards.exclude_holders[0].awards: category 'first': unknown "
               "award 'tpo', did you mean 'top'?");
    }
    t.second.rubric.exclusions = {{"first", {"top"}, {"second.yaml", 40, 7}}};
    t.first.rubric.exclusions = {{"second", {"top"}, {"first.yaml", 12, 5}}};
    CHECK_THROWS_AS((void)AwardPlan(t.Models()), InputError);
  }

  TEST_CASE("size-adjusted z: (final - mean) / sd over the advanced, minus Blom's E[max]") {
    // Cohort 0: finals 90, 80, 70, 60 -> mean 75, sd sqrt(125) = 11.180; z(90) = 1.3416;
    // E[max of 4] = Phi^-1(3.625 / 4.25) = 1.0491 -> key 0.2925.
    // Cohort 1: finals 86, 84 -> z(86) = 1 (any two distinct scores); E[max of 2] =
    // Phi^-1(1.625 / 2.25) = 0.5895 -> key 0.4105. By final score gov 0 (90) wins; adjusted,
    // gov 4 (86) does.
    auto w = MakeWorld({0, 0, 0, 0, 1, 1});
    AddIndicator(w, "ix", Method::kLinear, {"x"}, 100).params.hi = 100;
    const std::vector<double> x = {90, 80, 70, 60, 86, 84};
    for (std::size_t i = 0; i < x.size(); ++i) w.At(i).fields["x"] = x[i];
    w.rubric.levels = {Quota("top", 1)};
    NationalPrize grand;
    grand.id = "grand";
    grand.name_ko = "grand";
    grand.from_level = "top";
    w.rubric.national_prizes = {grand};
    CHECK_EQ(Awards(w.Run()), V{"grand", "", "", "", "top", ""});
    w.rubric.national_prizes[0].rank_by = NationalRanking::kSizeAdjustedZ;
    CHECK_EQ(Awards(w.Run()), V{"top", "", "", "", "grand", ""});
    // Only three advance in cohort 0 (90, 80, 70: z = 1.2247, E[max of 3] = 0.8694, key
    // 0.3553) and both in cohort 1: gov 4 still wins. With every government of cohort 1 tied
    // there is no spread: its key is 0 and gov 0 wins.
    w.rubric.stages.advance.top_n = 3;
    CHECK_EQ(Awards(w.Run()), V{"top", "", "", "", "grand", ""});
    w.At(5).fields["x"] = 86.0;
    const ScoreResult tied = w.Run();
    CHECK_EQ(tied.governments[0].award_id, "grand");
  }
}

}  // namespace jobaward
