// Award allocation: quotas (fixed, per cohort, share with rounding, minimum score), tie-break
// order, unresolved ties, national prizes, special prizes, and the award table's totals.
#include <doctest/doctest.h>

#include "jobaward/scoring/awards.hpp"
#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {
// Stage-1 plan indicator x in [0, 100] and outcome indicator y in [0, 100], both 100 points.
test::World AwardWorld(const std::vector<int>& cohorts, const std::vector<double>& x,
                       const std::vector<double>& y = {}, const std::vector<int>& metro = {}) {
  auto w = MakeWorld(cohorts, metro);
  AddIndicator(w, "plan", Method::kLinear, {"x"}, 100, Domain::kPlan).params.hi = 100;
  AddIndicator(w, "outcome", Method::kLinear, {"y"}, 100, Domain::kOutcome).params.hi = 100;
  for (std::size_t i = 0; i < x.size(); ++i) {
    w.At(i).fields["x"] = x[i];
    w.At(i).fields["y"] = y.empty() ? 0.0 : y[i];
  }
  return w;
}
AwardLevel MakeLevel(const std::string& id, int count, double money = 0) {
  AwardLevel l;
  l.id = id;
  l.name_ko = id;
  l.count = count;
  l.prize_money = money;
  return l;
}
std::vector<std::string> Awards(const ScoreResult& r) {
  std::vector<std::string> out;
  for (const auto& g : r.governments) {
    out.push_back(g.award_id + (g.special_id.empty() ? "" : "+" + g.special_id));
  }
  return out;
}
using V = std::vector<std::string>;
}  // namespace

TEST_SUITE("awards") {
  TEST_CASE("levels take the next places in rank order, with per-cohort count overrides") {
    auto w = AwardWorld({0, 0, 0, 0, 1, 1, 1}, {90, 80, 70, 60, 50, 40, 30});
    w.rubric.levels = {MakeLevel("top", 1), MakeLevel("good", 2)};
    w.rubric.levels[1].count_by_cohort = {{"c1", 1}};
    CHECK_EQ(Awards(w.Run()), V{"top", "good", "good", "", "top", "good", ""});
  }

  TEST_CASE("a share quota is rounded as the rubric says") {
    // Cohort of 6, share 0.25 -> 1.5: floor 1, ceil 2, nearest 2.
    auto w = AwardWorld({0, 0, 0, 0, 0, 0}, {90, 80, 70, 60, 50, 40});
    AwardLevel l = MakeLevel("top", 0);
    l.count.reset();
    l.share = 0.25;
    for (auto [rounding, expected] : {std::pair{Rounding::kFloor, 1}, std::pair{Rounding::kCeil, 2},
                                      std::pair{Rounding::kNearest, 2}}) {
      l.rounding = rounding;
      w.rubric.levels = {l};
      int n = 0;
      for (const auto& g : w.Run().governments) n += g.award_id == "top" ? 1 : 0;
      CHECK_EQ(n, expected);
    }
  }

  TEST_CASE("an unmet minimum score leaves the level's places empty; the next level is full") {
    auto w = AwardWorld({0, 0, 0, 0}, {80, 70, 60, 50});
    w.rubric.levels = {MakeLevel("top", 1), MakeLevel("good", 2)};
    w.rubric.levels[0].min_score = 85;
    w.rubric.levels[1].min_score = 65;
    CHECK_EQ(Awards(w.Run()), V{"good", "good", "", ""});
  }

  TEST_CASE("only governments that advanced to stage 2 can win a level") {
    auto w = AwardWorld({0, 0, 0}, {80, 70, 60});
    w.rubric.stages.advance.top_n = 1;
    w.rubric.levels = {MakeLevel("top", 1), MakeLevel("good", 2)};
    CHECK_EQ(Awards(w.Run()), V{"top", "", ""});
  }

  TEST_CASE("equal final scores are split by the tie-break keys in order") {
    // Final = plan + outcome = 100 for all. The outcome key ranks gov 1 (70) before gov 3 (50)
    // before govs 0 and 2 (40); those two are equal on every key: shared rank 3.
    auto w = AwardWorld({0, 0, 0, 0}, {60, 30, 60, 50}, {40, 70, 40, 50});
    w.rubric.tie_break = {{TieBreakKey::Kind::kDomain, Domain::kOutcome, "", {}},
                          {TieBreakKey::Kind::kDomain, Domain::kPlan, "", {}}};
    w.rubric.levels = {MakeLevel("top", 1), MakeLevel("good", 1)};
    const ScoreResult r = w.Run();
    CHECK_EQ(Awards(r), V{"", "top", "", "good"});
    CHECK_EQ(r.governments[1].rank, 1);
    CHECK_EQ(r.governments[3].rank, 2);
    CHECK_EQ(r.governments[0].rank, 3);
    CHECK_EQ(r.governments[2].rank, 3);  // Equal on every key: shared rank.
    CHECK(r.unresolved_ties.empty());    // Nothing at stake at place 3.
    REQUIRE_EQ(r.governments[1].tie_break.size(), 3U);
    CHECK_EQ(r.governments[1].tie_break[1].first, "domain:outcome");
    CHECK_EQ(r.governments[1].tie_break[1].second, 70);
  }

  TEST_CASE("a tie surviving every key at the last awarded place: all get it, and it is reported") {
    auto w = AwardWorld({0, 0, 0, 0}, {90, 70, 70, 50});
    w.rubric.levels = {MakeLevel("top", 1), MakeLevel("good", 1)};
    const ScoreResult r = w.Run();
    CHECK_EQ(Awards(r), V{"top", "good", "good", ""});
    REQUIRE_EQ(r.unresolved_ties.size(), 1U);
    CHECK_EQ(r.unresolved_ties[0].place, "good (평가군 군0)");
    CHECK_EQ(r.unresolved_ties[0].codes, V{"10002", "10003"});
    CHECK(r.governments[1].tied);
    CHECK_FALSE(r.governments[0].tied);
  }

  TEST_CASE("a tie across a level boundary gives all the higher level; the next level shrinks") {
    // Places: top 1, good 2 (cumulative 3). Govs 0 and 1 tie for place 1: both top, one good.
    auto w = AwardWorld({0, 0, 0, 0, 0}, {90, 90, 70, 60, 50});
    w.rubric.levels = {MakeLevel("top", 1), MakeLevel("good", 2)};
    const ScoreResult r = w.Run();
    CHECK_EQ(Awards(r), V{"top", "top", "good", "", ""});
    REQUIRE_EQ(r.unresolved_ties.size(), 1U);
    CHECK_EQ(r.unresolved_ties[0].place, "top (평가군 군0)");
  }

  TEST_CASE("national prizes are chosen across cohorts from the top level and replace it") {
    // Cohort winners: gov 0 (metro, 90), gov 2 (basic, 95), gov 4 (basic, 85), gov 6 (metro, 80).
    auto w =
        AwardWorld({0, 0, 1, 1, 2, 2, 3, 3}, {90, 10, 95, 20, 85, 30, 80, 40}, {}, {0, 1, 6, 7});
    w.rubric.levels = {MakeLevel("top", 1, 100)};
    auto prize = [](const std::string& id, GovernmentFilter f, double money) {
      NationalPrize p;
      p.id = id;
      p.name_ko = id;
      p.from_level = "top";
      p.filter = f;
      p.prize_money = money;
      return p;
    };
    w.rubric.national_prizes = {prize("grand", GovernmentFilter::kAny, 400),
                                prize("metro", GovernmentFilter::kMetropolitan, 200),
                                prize("basic", GovernmentFilter::kBasic, 200)};
    const ScoreResult r = w.Run();
    CHECK_EQ(Awards(r), V{"metro", "", "grand", "", "basic", "", "top", ""});
    CHECK_EQ(r.governments[2].prize_money, 400);
    CHECK_EQ(r.governments[6].prize_money, 100);
  }

  TEST_CASE("special prizes go to the best raw value among governments without another award") {
    auto w = AwardWorld({0, 0, 0, 0, 0}, {90, 80, 70, 60, 50}, {0, 0, 0, 0, 0}, {4});
    Indicator& change = AddIndicator(w, "emp_change", Method::kChange, {"y", "n"}, 0);
    change.params.lo = -1;
    change.params.hi = 1;
    // y - n: the biggest change is gov 0 (a winner) then gov 4 (metropolitan), then 3, then 2.
    w.At(0).fields["y"] = 9.0;
    w.At(4).fields["y"] = 8.0;
    w.At(3).fields["y"] = 5.0;
    w.At(2).fields["y"] = 3.0;
    for (std::size_t i = 0; i < 5; ++i) w.At(i).fields["n"] = 0.0;
    w.rubric.levels = {MakeLevel("top", 1)};
    SpecialPrize s;
    s.id = "special";
    s.name_ko = "특별상";
    s.indicator = "emp_change";
    s.filter = GovernmentFilter::kBasic;
    s.count = 2;
    s.prize_money = 80;
    w.rubric.special_prizes = {s};
    // Gov 0 wins top (final 99); specials: gov 3 (5) and gov 2 (3); gov 4 is metropolitan.
    CHECK_EQ(Awards(w.Run()), V{"top", "", "+special", "+special", ""});

    // An evaluation without special prizes leaves them out and changes nothing else.
    const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
    Workspace all_ws, scoped_ws;
    const Outcome& all = Evaluate(model, {}, all_ws);
    const Outcome& scoped = Evaluate(model, {}, scoped_ws, EvaluateScope::kWithoutSpecialPrizes);
    CHECK_EQ(all.special, std::vector<int>{-1, -1, 0, 0, -1});
    CHECK_EQ(scoped.special, std::vector<int>(5, -1));
    CHECK_EQ(scoped.level, all.level);
    CHECK_EQ(scoped.rank, all.rank);
    CHECK(scoped.final_score == all.final_score);
  }

  TEST_CASE("the award table counts awards and sums prize money per category and overall") {
    auto w = AwardWorld({0, 0, 0, 1, 1, 1}, {90, 80, 70, 60, 50, 40});
    w.rubric.levels = {MakeLevel("top", 1, 100), MakeLevel("good", 1, 50)};
    const ScoreResult r = w.Run();
    Rubric second = w.rubric;
    second.category = "second";
    second.levels = {MakeLevel("top", 2, 10)};
    const ScoreResult r2 = Score(second, w.registry, w.cohorts, w.reports);
    const AwardTable t = BuildAwardTable({w.rubric, second}, {r, r2});
    CHECK_EQ(t.total_count, 4 + 4);
    CHECK_EQ(t.total_money, 2 * 100 + 2 * 50 + 4 * 10);
    CHECK_EQ(t.category_counts[0], std::pair<std::string, int>{"test", 4});
    CHECK_EQ(t.category_money[1], std::pair<std::string, double>{"second", 40});
    CHECK_EQ(t.governments_awarded, 4);
    REQUIRE_EQ(t.entries.size(), 8U);
    CHECK_EQ(t.entries[0].code, "10001");  // Cohort 0 top, then good, then cohort 1.
    CHECK_EQ(t.entries[1].code, "10002");
    CHECK_EQ(t.entries[2].code, "10004");
  }
}

}  // namespace jobaward
