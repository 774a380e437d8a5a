// The cells and columns of "what it takes" (gaps_tables.hpp): each status, each unit, the
// rounding of real values in the helpful direction, award names.
#include <doctest/doctest.h>

#include <cmath>

#include "jobaward/render/gaps_tables.hpp"

namespace jobaward {

namespace {

Rubric AwardRubric() {
  Rubric r;
  AwardLevel top;
  top.id = "top";
  top.name_ko = "최우수상";
  AwardLevel excellent;
  excellent.id = "excellent";
  excellent.name_ko = "우수상";
  r.levels = {top, excellent};
  NationalPrize grand;
  grand.id = "grand";
  grand.name_ko = "종합대상";
  r.national_prizes = {grand};
  SpecialPrize special;
  special.id = "special";
  special.name_ko = "특별상";
  r.special_prizes = {special};
  return r;
}

GapLever Lever(GapLever::Unit unit, int direction = 1) {
  GapLever l;
  l.unit = unit;
  l.direction = direction;
  return l;
}

LeverGaps Reached(double baseline, double value, int rank, const std::string& award) {
  LeverGaps g;
  g.baseline = baseline;
  GapAnswer& a = g.answers[0];
  a.status = GapStatus::kReached;
  a.value = value;
  a.change = value - baseline;
  a.at.rank = rank;
  a.at.award = award;
  return g;
}

}  // namespace

TEST_SUITE("gaps_tables") {
  TEST_CASE("award labels in Korean, with a special prize") {
    const Rubric r = AwardRubric();
    CHECK_EQ(AwardNameKo(r, "top"), "최우수상");
    CHECK_EQ(AwardNameKo(r, "grand"), "종합대상");
    CHECK_EQ(AwardNameKo(r, "+special"), "특별상");
    CHECK_EQ(AwardNameKo(r, "excellent+special"), "우수상 + 특별상");
    CHECK_EQ(AwardNameKo(r, ""), "");
  }

  TEST_CASE("reached: the value in its unit, the change, the rank and award") {
    const Rubric r = AwardRubric();
    const GapGoal pass = GapGoal::kPassAbove;
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kCount), Reached(13752, 14303, 28, ""), pass),
             "14,303 (+551) → 28위");
    // Real values are rounded towards the helpful side: 60.021 needs 60.03 at two decimals.
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kNumber), Reached(59.4, 60.021378, 2, "top"), pass),
             "60.03 (+0.63) → 2위 최우수상");
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kNumber, -1), Reached(3, 1.2049, 5, ""), pass),
             "1.20 (-1.80) → 5위");
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kGrade, -1), Reached(2, 0, 1, "grand"), pass),
             "A (+2등급) → 1위 종합대상");
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kBoolean), Reached(0, 1, 3, "+special"), pass),
             "예 (전환) → 3위 특별상");
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kScoreShift), Reached(0, 6.904196, 28, ""), pass),
             "+6.91점 → 28위");
    LeverGaps tied = Reached(0, 30, 1, "top");
    tied.answers[0].at.tied = true;
    CHECK_EQ(GapCell(r, Lever(GapLever::Unit::kCount), tied, pass),
             "30 (+30) → 1위 최우수상 (동점)");
  }

  TEST_CASE("not reachable: what stops it, and where the government would stand") {
    const Rubric r = AwardRubric();
    LeverGaps g;
    g.baseline = 69.9;
    GapAnswer& a = g.answers[1];
    a.status = GapStatus::kNotReachable;
    a.at.rank = 27;
    const auto cell = [&](GapLimit limit, double value, GapLever::Unit unit) {
      a.limit = limit;
      a.limit_value = value;
      return GapCell(r, Lever(unit), g, GapGoal::kAdvance);
    };
    CHECK_EQ(cell(GapLimit::kDeclaredMax, 100, GapLever::Unit::kNumber),
             "불가: 상한 100.00 (27위)");
    CHECK_EQ(cell(GapLimit::kDeclaredMax, 69.9, GapLever::Unit::kNumber),
             "불가: 이미 상한 69.90 (27위)");
    CHECK_EQ(cell(GapLimit::kSaturated, 15960, GapLever::Unit::kCount),
             "불가: 15,960부터 변화 없음 (27위)");
    CHECK_EQ(cell(GapLimit::kAllScoresMax, 26, GapLever::Unit::kScoreShift),
             "불가: 모든 점수 최고점 (+26.00점) (27위)");
    CHECK_EQ(cell(GapLimit::kNotAdvanced, 0, GapLever::Unit::kScoreShift),
             "불가: 2차 미진출 (27위)");
    g.baseline = 1;
    CHECK_EQ(cell(GapLimit::kFlag, 1, GapLever::Unit::kBoolean), "불가: 이미 예 (27위)");
    g.baseline = 0;
    CHECK_EQ(cell(GapLimit::kFlag, 1, GapLever::Unit::kBoolean), "불가: 전환해도 (27위)");
    CHECK_EQ(cell(GapLimit::kBestGrade, 0, GapLever::Unit::kGrade), "불가: 이미 A 등급 (27위)");
  }

  TEST_CASE("already and missing") {
    const Rubric r = AwardRubric();
    LeverGaps g;
    for (auto& a : g.answers) a.status = GapStatus::kAlready;
    const GapLever lever = Lever(GapLever::Unit::kNumber);
    CHECK_EQ(GapCell(r, lever, g, GapGoal::kPassAbove), "이미 1위");
    CHECK_EQ(GapCell(r, lever, g, GapGoal::kAdvance), "이미 진출");
    CHECK_EQ(GapCell(r, lever, g, GapGoal::kBetterAward), "최고 상");
    g.answers[0].status = GapStatus::kMissingInput;
    CHECK_EQ(GapCell(r, lever, g, GapGoal::kPassAbove), "자료 없음");
  }

  TEST_CASE("typed values: real values rounded to six decimals in the helpful direction") {
    const auto value = [](GapLever::Unit unit, int direction, double v) {
      return LeverValueCell(Lever(unit, direction), v, 6, LeverRounding::kHelpful);
    };
    CHECK_EQ(value(GapLever::Unit::kNumber, 1, 55.0000036), Cell(55.000004));
    CHECK_EQ(value(GapLever::Unit::kNumber, -1, 1.2000004), Cell(1.2));
    CHECK_EQ(value(GapLever::Unit::kNumber, 1, 61.8), Cell(61.8));
    CHECK_EQ(value(GapLever::Unit::kCount, 1, 14303), Cell(14303));
    CHECK_EQ(value(GapLever::Unit::kGrade, 1, 1), Cell("B"));
    CHECK_EQ(value(GapLever::Unit::kBoolean, 1, 1), Cell(true));
    CHECK(value(GapLever::Unit::kNumber, 1, std::nan("")).empty());
    // The other way for the value just short of the threshold.
    CHECK_EQ(
        LeverValueCell(Lever(GapLever::Unit::kNumber), 55.0000036, 6, LeverRounding::kUnhelpful),
        Cell(55.000003));
  }
}

}  // namespace jobaward
