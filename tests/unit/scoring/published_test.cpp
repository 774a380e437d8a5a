// Published facts: every fact kind met and not met on a hand-built world, the model values as
// they are printed, unknown award ids and cohorts as errors with a did-you-mean, and the loader
// on the bundled 2020 facts file and on bad files.
#include <doctest/doctest.h>

#include <deque>

#include "jobaward/io/published_yaml.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/published.hpp"
#include "scoring_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {

// Six governments in two cohorts (군0: 0-2, 군1: 3-5); gov 0 and 3 are metropolitan. One
// indicator x; per cohort one 최우수상 ("top", 100) and one 우수상 ("good"); a national "grand"
// from the top holders.
struct Fixture {
  test::World w = MakeWorld({0, 0, 0, 1, 1, 1}, {0, 3});
  std::vector<ScoreResult> results;
  Fixture() {
    AddIndicator(w, "ix", Method::kLinear, {"x"}, 100).params.hi = 100;
    const std::vector<double> x = {90, 80, 70, 85, 75, 65};
    for (std::size_t i = 0; i < x.size(); ++i) w.At(i).fields["x"] = x[i];
    w.rubric.category = "cat";
    w.rubric.name_ko = "부문";
    AwardLevel top;
    top.id = "top";
    top.name_ko = "최우수상";
    top.count = 1;
    top.prize_money = 100;
    AwardLevel good = top;
    good.id = "good";
    good.name_ko = "우수상";
    good.prize_money = 50;
    w.rubric.levels = {top, good};
    NationalPrize grand;
    grand.id = "grand";
    grand.name_ko = "대상";
    grand.from_level = "top";
    w.rubric.national_prizes = {grand};
    const std::vector<ScoringModel> models = {Compile(w.rubric, w.registry, w.cohorts, w.reports)};
    results = ScoreAward(models);
    // Awards: gov 0 grand (90 > 85), gov 1 good, gov 3 top, gov 4 good.
  }
  // A FactResult points at its fact: the checked facts are kept as long as the fixture.
  mutable std::deque<PublishedFacts> kept;
  std::vector<FactResult> Check(const PublishedFact& f) const {
    kept.emplace_back();
    kept.back().facts = {f};
    return CheckFacts(kept.back(), ModelView{w.registry, w.cohorts, {&w.rubric, 1}, results});
  }
};

PublishedFact Winner(const std::string& award, const std::string& code,
                     const std::string& cohort = "") {
  PublishedFact f;
  f.id = "f";
  f.kind = FactKind::kWinner;
  f.category = "cat";
  f.awards = {award};
  f.government = code;
  f.cohort = cohort;
  return f;
}

GovernmentGroup Group(const std::string& name, const std::string& where) {
  return GovernmentGroup{name, Expression::Compile(where, {})};
}

}  // namespace

TEST_SUITE("published") {
  TEST_CASE("winner: the government holds the award (in the cohort, when given)") {
    const Fixture fx;
    CHECK(fx.Check(Winner("grand", "10001"))[0].met);
    CHECK(fx.Check(Winner("top", "10004", "군1"))[0].met);
    CHECK(fx.Check(Winner("top", "10004", "c1"))[0].met);  // A cohort id works too.
    // A national prize replaces its level: the grand winner is not a top holder.
    const FactResult r = fx.Check(Winner("top", "10001"))[0];
    CHECK_FALSE(r.met);
    CHECK_EQ(r.statement, "최우수상 (부문)");
    CHECK_EQ(r.published, "10001 정부0");
    // Who holds it instead, in its cohort: nobody (its 최우수상 became the 대상).
    CHECK_EQ(r.model, "10001 정부0: 대상 (군0 1/3위); 최우수상 (군0): 없음");
    CHECK_FALSE(fx.Check(Winner("top", "10004", "군0"))[0].met);
  }

  TEST_CASE("count: awards, awarded governments, governments of a group, cohorts") {
    const Fixture fx;
    PublishedFact f;
    f.kind = FactKind::kCount;
    f.value = 4;
    CHECK(fx.Check(f)[0].met);  // grand, good, top, good.
    f.awards = {"good"};
    f.category = "cat";
    f.value = 2;
    CHECK(fx.Check(f)[0].met);
    f.count_of = CountOf::kAwardedGovernments;
    f.awards.clear();
    f.value = 5;
    const FactResult r = fx.Check(f)[0];
    CHECK_FALSE(r.met);
    CHECK_EQ(r.model, "4");
    f.count_of = CountOf::kGovernments;
    f.category.clear();
    f.group = Group("광역", "level == \"metropolitan\"");
    f.value = 2;
    CHECK(fx.Check(f)[0].met);
    CHECK_FALSE(fx.Check(f)[0].depends_on_reports);
    f.count_of = CountOf::kCohorts;
    CHECK(fx.Check(f)[0].met);
  }

  TEST_CASE("prize money is the rubric's, whatever the reports") {
    const Fixture fx;
    PublishedFact f;
    f.kind = FactKind::kPrizeMoney;
    f.category = "cat";
    f.awards = {"good"};
    f.value = 50;
    CHECK(fx.Check(f)[0].met);
    f.value = 80;
    const FactResult r = fx.Check(f)[0];
    CHECK_FALSE(r.met);
    CHECK_EQ(r.model, "50");
    CHECK_FALSE(r.depends_on_reports);
  }

  TEST_CASE("only winner in a group: exactly that one member holds one of the awards") {
    const Fixture fx;
    PublishedFact f;
    f.kind = FactKind::kOnlyWinnerInGroup;
    f.group = Group("기초", "level == \"basic\"");
    f.awards = {"good"};
    f.government = "10002";
    const FactResult two = fx.Check(f)[0];  // Govs 1 and 4 both hold good.
    CHECK_FALSE(two.met);
    CHECK_EQ(two.model, "10002 정부1, 10005 정부4");
    f.awards = {"top"};
    f.government = "10004";
    CHECK_FALSE(fx.Check(f)[0].met);  // Gov 3 is metropolitan: no basic member holds top.
    f.group = Group("군1", "code >= \"10004\"");
    CHECK(fx.Check(f)[0].met);
  }

  TEST_CASE("cohort_of and most_in_cohort read the cohort membership") {
    const Fixture fx;
    PublishedFact f;
    f.kind = FactKind::kCohortOf;
    f.government = "10005";
    f.cohort = "군1";
    CHECK(fx.Check(f)[0].met);
    f.cohort = "군0";
    CHECK_EQ(fx.Check(f)[0].model, "군1");
    PublishedFact m;
    m.kind = FactKind::kMostInCohort;
    m.group = Group("큰 번호", "code >= \"10003\"");  // Govs 2..5: one in 군0, three in 군1.
    m.cohort = "군1";
    const FactResult r = fx.Check(m)[0];
    CHECK(r.met);
    CHECK_EQ(r.model, "군1 (3/4)");
  }

  TEST_CASE("an unknown award id or cohort is an input error with a did-you-mean") {
    const Fixture fx;
    PublishedFact f = Winner("tpo", "10001");
    f.where = {"facts.yaml", 7, 5};
    try {
      (void)fx.Check(f);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(e.diagnostics()[0].ToString(),
               "facts.yaml:7:5: facts.f.award: category 'cat' (test): unknown award 'tpo', did "
               "you mean 'top'?");
    }
    CHECK_THROWS_AS((void)fx.Check(Winner("top", "10004", "군9")), InputError);
    // A category not in the run is simply not met, and says why.
    PublishedFact other = Winner("top", "10004");
    other.category = "elsewhere";
    CHECK_EQ(fx.Check(other)[0].model, "category 'elsewhere' is not in this run");
  }

  TEST_CASE("the bundled 2020 facts load: 21 facts, each with a source") {
    const std::string registry_path = test::SourcePath("cohorts/governments-2020.csv");
    const Registry registry = ParseRegistry(test::Slurp(registry_path), registry_path);
    const PublishedFacts facts =
        LoadPublishedFacts(test::SourcePath("examples/2020/published.yaml"), registry);
    CHECK_EQ(facts.year, 2020);
    CHECK_EQ(facts.facts.size(), 21U);
    int winners = 0;
    for (const PublishedFact& f : facts.facts) {
      CHECK_FALSE(f.source.empty());
      winners += f.kind == FactKind::kWinner ? 1 : 0;
    }
    CHECK_EQ(winners, 7);
  }

  TEST_CASE("governments are named as every output names them: with the province when shared") {
    const std::string registry_path = test::SourcePath("cohorts/governments-2020.csv");
    const Registry registry = ParseRegistry(test::Slurp(registry_path), registry_path);
    CHECK_EQ(GovernmentLabel(registry, "11530"), "11530 구로구");
    // 남구 is also in 부산, 대구 and 광주.
    CHECK_EQ(GovernmentLabel(registry, "31140"), "31140 울산 남구");
    CHECK_EQ(GovernmentLabel(registry, "99999"), "99999");
  }
}

}  // namespace jobaward
