// Comparing two variants award by award: no change against itself; gains, losses and switches,
// the totals and the order of movers on a hand-built case.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "jobaward/scoring/scenario_compare.hpp"

namespace jobaward {
namespace {

GovernmentScore Gov(const std::string& code, const std::string& cohort, int rank, double score,
                    const std::string& award = "", double money = 0,
                    const std::string& special = "") {
  GovernmentScore g;
  g.code = code;
  g.name_ko = "정부" + code;
  g.cohort_label = cohort;
  g.rank = rank;
  g.final_score = score;
  g.award_id = award;
  g.award_name_ko = award.empty() ? "" : award + "상";
  g.special_id = special;
  g.special_name_ko = special.empty() ? "" : "특별상";
  g.prize_money = money;
  return g;
}

ScoreResult Category(std::vector<GovernmentScore> governments) {
  ScoreResult r;
  r.rubric_id = "t";
  r.category = "test";
  r.governments = std::move(governments);
  return r;
}

}  // namespace

TEST_SUITE("scenario compare") {
  TEST_CASE("a variant compared with itself shows no change") {
    const std::vector<ScoreResult> same = {
        Category({Gov("10001", "가", 1, 90, "top", 100), Gov("10002", "가", 2, 80)})};
    const ScenarioComparison c = CompareResults(same, same);
    CHECK(c.awards.empty());
    CHECK(c.movers.empty());
    CHECK_EQ(c.total.AwardsMoved(), 0);
    CHECK_EQ(c.total.governments_affected, 0);
    CHECK_EQ(c.total.money_moved, 0);
    CHECK_EQ(c.total.awards_before, 1);
    CHECK_EQ(c.total.awards_after, 1);
  }

  TEST_CASE("gains, losses and switches, with the prize money that changed hands") {
    // Before: A top (100), B good (50), C special (30), D nothing.
    // After:  A top (100), B top (100), C nothing, D good (50).
    const std::vector<ScoreResult> before = {
        Category({Gov("10001", "가", 1, 90, "top", 100), Gov("10002", "가", 2, 80, "good", 50),
                  Gov("10003", "가", 3, 70, "", 30, "special"), Gov("10004", "가", 4, 60)})};
    const std::vector<ScoreResult> after = {
        Category({Gov("10001", "가", 1, 90, "top", 100), Gov("10002", "가", 2, 85, "top", 100),
                  Gov("10003", "가", 4, 50), Gov("10004", "가", 3, 65, "good", 50)})};
    const ScenarioComparison c = CompareResults(before, after);
    REQUIRE_EQ(c.awards.size(), 3);
    // Largest change of prize money first: B +50, D +50 (by code), then C -30.
    CHECK_EQ(c.awards[0].code, "10002");
    CHECK_EQ(c.awards[0].award_before, "good");
    CHECK_EQ(c.awards[0].award_after, "top");
    CHECK_EQ(c.awards[1].code, "10004");
    CHECK_EQ(c.awards[2].code, "10003");
    CHECK_EQ(c.awards[2].award_before, "special");
    CHECK_EQ(c.awards[2].award_after, "");
    const ComparisonTotals& t = c.categories.at(0);
    CHECK_EQ(t.gained, 1);
    CHECK_EQ(t.lost, 1);
    CHECK_EQ(t.switched, 1);
    CHECK_EQ(t.AwardsMoved(), 3);
    CHECK_EQ(t.governments_affected, 3);
    CHECK_EQ(t.money_before, 180);
    CHECK_EQ(t.money_after, 250);
    CHECK_EQ(t.money_moved, 100);  // B +50, D +50; C's -30 is not "moved to" anyone.
    // Movers: C and D moved one rank, B only in score; A did not change.
    REQUIRE_EQ(c.movers.size(), 3);
    CHECK_EQ(c.movers[0].code, "10003");  // |rank change| 1, |score change| 20
    CHECK_EQ(c.movers[1].code, "10004");  // |rank change| 1, |score change| 5
    CHECK_EQ(c.movers[2].code, "10002");  // rank unchanged, score +5
  }

  TEST_CASE("a cohort move counts as a change even with the same award, rank and score") {
    const std::vector<ScoreResult> before = {Category({Gov("10001", "바", 1, 90)})};
    const std::vector<ScoreResult> after = {Category({Gov("10001", "사", 1, 90)})};
    const ScenarioComparison c = CompareResults(before, after);
    CHECK(c.awards.empty());
    REQUIRE_EQ(c.movers.size(), 1);
    CHECK(c.movers[0].CohortChanged());
  }

  TEST_CASE("a category on one side only: all its awards are gained (or lost)") {
    const std::vector<ScoreResult> after = {Category({Gov("10001", "가", 1, 90, "top", 100)})};
    const ScenarioComparison c = CompareResults({}, after);
    CHECK_EQ(c.total.gained, 1);
    CHECK_EQ(c.total.money_moved, 100);
  }
}

}  // namespace jobaward
