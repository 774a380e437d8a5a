// Every scoring method on hand-computed cases (formulas: rubrics/README.md "Methods"), run
// through the real scorer (Score = Compile + Evaluate + Explain).
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "src/core/scoring/indicator_methods.hpp"

#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;
using test::Points;

TEST_SUITE("indicator_methods") {
  TEST_CASE("target_ratio maps attainment in [floor, cap] linearly to the points") {
    auto w = MakeWorld({0, 0, 0, 0, 0});
    Indicator& ind = AddIndicator(w, "jobs", Method::kTargetRatio, {"x", "y"}, 10);
    ind.params.floor = 0.8;
    ind.params.cap = 1.2;
    // Guro-gu 2019: 13,752 created / 13,300 target = 1.0339849624;
    // (1.0339849624 - 0.8) / 0.4 * 10 = 5.849624060.
    w.At(0).fields = {{"x", 13752.0}, {"y", 13300.0}};
    w.At(1).fields = {{"x", 20000.0}, {"y", 13300.0}};  // 150% -> capped at 1.2 -> 10.
    w.At(2).fields = {{"x", 9975.0}, {"y", 13300.0}};   // 75% -> below floor -> 0.
    w.At(3).fields = {{"x", 5.0}, {"y", 0.0}};          // target 0, jobs > 0 -> cap -> 10.
    w.At(4).fields = {{"x", 0.0}, {"y", 0.0}};          // target 0, none -> 1.0 -> 5.
    const ScoreResult r = w.Run();
    CHECK_EQ(r.governments[0].indicators[0].raw, doctest::Approx(1.0339849624));
    CHECK_EQ(Points(r, 0), doctest::Approx(5.849624060));
    CHECK_EQ(Points(r, 1), doctest::Approx(10));
    CHECK_EQ(Points(r, 2), doctest::Approx(0));
    CHECK_EQ(Points(r, 3), doctest::Approx(10));
    CHECK_EQ(Points(r, 4), doctest::Approx(5));
  }

  TEST_CASE("target_ratio with below_floor zero scores 0 below the floor, the plain ratio above") {
    // rubrics/README.md: floor 0.5, cap 1; 0.49 -> 0, 0.5 -> 0.5, 0.8 -> 0.8, 1.3 -> 1 (x 7.5).
    auto w = MakeWorld({0, 0, 0, 0, 0});
    Indicator& ind = AddIndicator(w, "plan", Method::kTargetRatio, {"x", "y"}, 7.5);
    ind.params.floor = 0.5;
    ind.params.cap = 1;
    ind.params.below_floor = BelowFloor::kZero;
    w.At(0).fields = {{"x", 49.0}, {"y", 100.0}};
    w.At(1).fields = {{"x", 50.0}, {"y", 100.0}};
    w.At(2).fields = {{"x", 80.0}, {"y", 100.0}};
    w.At(3).fields = {{"x", 130.0}, {"y", 100.0}};
    w.At(4).fields = {{"x", 3.0}, {"y", 0.0}};  // target 0, jobs > 0: +inf -> cap -> 7.5.
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0), 0);
    CHECK_EQ(Points(r, 1), doctest::Approx(3.75));
    CHECK_EQ(Points(r, 2), doctest::Approx(6));
    CHECK_EQ(Points(r, 3), doctest::Approx(7.5));
    CHECK_EQ(Points(r, 4), doctest::Approx(7.5));
    CHECK_EQ(r.governments[0].indicators[0].parameters,
             "floor=0.5 cap=1 below_floor=zero missing=zero");
    // The same values rescaled: 0, 0, 0.6 x 7.5, 7.5.
    ind.params.below_floor = BelowFloor::kRescale;
    const ScoreResult rescaled = w.Run();
    CHECK_EQ(Points(rescaled, 1), 0);
    CHECK_EQ(Points(rescaled, 2), doctest::Approx(4.5));
    CHECK_EQ(rescaled.governments[0].indicators[0].parameters, "floor=0.5 cap=1 missing=zero");
  }

  TEST_CASE("linear maps [lo, hi] to [0, points], clamped; direction lower reverses") {
    auto w = MakeWorld({0, 0, 0});
    Indicator& up = AddIndicator(w, "up", Method::kLinear, {"x"}, 10);
    up.params.lo = 0;
    up.params.hi = 8;
    Indicator& down = AddIndicator(w, "down", Method::kLinear, {"x"}, 10);
    down.params.lo = 0;
    down.params.hi = 8;
    down.direction = Direction::kLower;
    w.At(0).fields = {{"x", 2.0}};   // 2/8 -> 2.5 ; lower 7.5
    w.At(1).fields = {{"x", 12.0}};  // clamped -> 10 ; lower 0
    w.At(2).fields = {{"x", -1.0}};  // clamped -> 0 ; lower 10
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0, 0), doctest::Approx(2.5));
    CHECK_EQ(Points(r, 0, 1), doctest::Approx(7.5));
    CHECK_EQ(Points(r, 1, 0), doctest::Approx(10));
    CHECK_EQ(Points(r, 1, 1), doctest::Approx(0));
    CHECK_EQ(Points(r, 2, 0), doctest::Approx(0));
    CHECK_EQ(Points(r, 2, 1), doctest::Approx(10));
  }

  TEST_CASE("bands give the fraction of the highest threshold reached (lowest for lower)") {
    auto w = MakeWorld({0, 0, 0, 0});
    Indicator& up = AddIndicator(w, "up", Method::kBands, {"x"}, 10);
    up.params.bands = {{0.5, 0.4}, {1.0, 1.0}};
    Indicator& down = AddIndicator(w, "down", Method::kBands, {"x"}, 10);
    down.params.bands = {{0.5, 1.0}, {1.0, 0.4}};
    down.direction = Direction::kLower;
    w.At(0).fields = {{"x", 0.2}};  // up: none -> 0      down: <= 0.5 -> 10
    w.At(1).fields = {{"x", 0.5}};  // up: >= 0.5 -> 4    down: <= 0.5 -> 10
    w.At(2).fields = {{"x", 0.7}};  // up: 4              down: <= 1.0 -> 4
    w.At(3).fields = {{"x", 1.3}};  // up: 10             down: none -> 0
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0, 0), doctest::Approx(0));
    CHECK_EQ(Points(r, 1, 0), doctest::Approx(4));
    CHECK_EQ(Points(r, 2, 0), doctest::Approx(4));
    CHECK_EQ(Points(r, 3, 0), doctest::Approx(10));
    CHECK_EQ(Points(r, 0, 1), doctest::Approx(10));
    CHECK_EQ(Points(r, 1, 1), doctest::Approx(10));
    CHECK_EQ(Points(r, 2, 1), doctest::Approx(4));
    CHECK_EQ(Points(r, 3, 1), doctest::Approx(0));
  }

  TEST_CASE("minmax is relative to the cohort; a cohort without spread gets the degenerate value") {
    // Cohort 0: x = 2, 4, 10 -> 0, 0.25, 1. Cohort 1: x = 7, 7 -> degenerate 0.5.
    auto w = MakeWorld({0, 0, 0, 1, 1});
    AddIndicator(w, "mm", Method::kMinMax, {"x"}, 10);
    w.At(0).fields = {{"x", 2.0}};
    w.At(1).fields = {{"x", 4.0}};
    w.At(2).fields = {{"x", 10.0}};
    w.At(3).fields = {{"x", 7.0}};
    w.At(4).fields = {{"x", 7.0}};
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0), doctest::Approx(0));
    CHECK_EQ(Points(r, 1), doctest::Approx(2.5));
    CHECK_EQ(Points(r, 2), doctest::Approx(10));
    CHECK_EQ(Points(r, 3), doctest::Approx(5));
    CHECK_EQ(Points(r, 4), doctest::Approx(5));
    CHECK_EQ(r.governments[1].indicators[0].cohort_statistics, "min=2 max=10 n=3");
  }

  TEST_CASE("zscore clamps z to [-zcap, zcap] and maps it linearly to the points") {
    // x = 1, 2, 3: mean 2, population sd sqrt(2/3) = 0.8164966; z(3) = 1.2247449.
    // zcap 2: (1.2247449 + 2) / 4 * 10 = 8.0618622; z(1) -> 1.9381378; z(2) -> 5.
    // zcap 1: z(3) clamped to 1 -> 10.
    auto w = MakeWorld({0, 0, 0});
    Indicator& z2 = AddIndicator(w, "z2", Method::kZScore, {"x"}, 10);
    z2.params.zcap = 2;
    Indicator& z1 = AddIndicator(w, "z1", Method::kZScore, {"x"}, 10);
    z1.params.zcap = 1;
    w.At(0).fields = {{"x", 1.0}};
    w.At(1).fields = {{"x", 2.0}};
    w.At(2).fields = {{"x", 3.0}};
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0, 0), doctest::Approx(1.9381378));
    CHECK_EQ(Points(r, 1, 0), doctest::Approx(5));
    CHECK_EQ(Points(r, 2, 0), doctest::Approx(8.0618622));
    CHECK_EQ(Points(r, 2, 1), doctest::Approx(10));
    CHECK_EQ(r.governments[2].indicators[0].cohort_statistics, "mean=2 sd=0.816497 n=3");
  }

  TEST_CASE("percentile is the mid-rank within the cohort, 0 for the lowest, 1 for the highest") {
    // x = 1, 2, 2, 5 (n = 4): (below + (equal - 1) / 2) / 3 -> 0, 0.5, 0.5, 1.
    auto w = MakeWorld({0, 0, 0, 0, 1});
    AddIndicator(w, "p", Method::kPercentile, {"x"}, 10);
    w.At(0).fields = {{"x", 1.0}};
    w.At(1).fields = {{"x", 2.0}};
    w.At(2).fields = {{"x", 2.0}};
    w.At(3).fields = {{"x", 5.0}};
    w.At(4).fields = {{"x", 3.0}};  // Alone in its cohort: degenerate 0.5.
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0), doctest::Approx(0));
    CHECK_EQ(Points(r, 1), doctest::Approx(5));
    CHECK_EQ(Points(r, 2), doctest::Approx(5));
    CHECK_EQ(Points(r, 3), doctest::Approx(10));
    CHECK_EQ(Points(r, 4), doctest::Approx(5));
  }

  TEST_CASE("change maps current - baseline from [lo, hi] to the points") {
    // Employment rate 60.8% -> 62.0%: +1.2 pp; lo -1, hi 2: (1.2 + 1) / 3 * 5 = 3.6666667.
    auto w = MakeWorld({0, 0});
    Indicator& ind = AddIndicator(w, "emp", Method::kChange, {"x", "y"}, 5);
    ind.params.lo = -1;
    ind.params.hi = 2;
    w.At(0).fields = {{"x", 62.0}, {"y", 60.8}};
    w.At(1).fields = {{"x", 59.0}, {"y", 60.8}};  // -1.8 pp -> 0.
    const ScoreResult r = w.Run();
    CHECK_EQ(r.governments[0].indicators[0].raw, doctest::Approx(1.2));
    CHECK_EQ(Points(r, 0), doctest::Approx(3.6666667));
    CHECK_EQ(Points(r, 1), doctest::Approx(0));
  }

  TEST_CASE("grade maps A..E to the rubric's fractions") {
    auto w = MakeWorld({0, 0});
    Indicator& ind = AddIndicator(w, "gov", Method::kGrade, {"g"}, 15);
    ind.params.grade_fractions = {1.0, 0.8, 0.6, 0.4, 0.2};
    w.At(0).fields = {{"g", std::string("B")}};  // 0.8 * 15 = 12
    w.At(1).fields = {{"g", std::string("E")}};  // 0.2 * 15 = 3
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0), doctest::Approx(12));
    CHECK_EQ(Points(r, 1), doctest::Approx(3));
    CHECK_EQ(r.governments[0].indicators[0].inputs, std::vector<std::string>{"g=B"});
  }

  TEST_CASE("panel combines reviewer scores by mean, median or trimmed mean") {
    // Scores 60, 70, 80, 95, 100: mean 81, median 80, trimmed (70 + 80 + 95) / 3 = 81.666667.
    // Scaled from [0, 100] to 10 points.
    auto w = MakeWorld({0});
    AddIndicator(w, "mean", Method::kPanel, {"s"}, 10).params.combine = PanelCombine::kMean;
    AddIndicator(w, "median", Method::kPanel, {"s"}, 10).params.combine = PanelCombine::kMedian;
    AddIndicator(w, "trim", Method::kPanel, {"s"}, 10).params.combine = PanelCombine::kTrimmedMean;
    w.At(0).fields = {{"s", std::vector<double>{95, 60, 100, 80, 70}}};
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0, 0), doctest::Approx(8.1));
    CHECK_EQ(Points(r, 0, 1), doctest::Approx(8.0));
    CHECK_EQ(Points(r, 0, 2), doctest::Approx(8.1666667));
    CHECK_EQ(r.governments[0].indicators[2].inputs, std::vector<std::string>{"s=95;60;100;80;70"});
  }

  TEST_CASE(
      "panel median of an even count averages the middle two; trimmed mean of 2 is the mean") {
    auto w = MakeWorld({0});
    AddIndicator(w, "median", Method::kPanel, {"s"}, 10).params.combine = PanelCombine::kMedian;
    AddIndicator(w, "trim", Method::kPanel, {"s"}, 10).params.combine = PanelCombine::kTrimmedMean;
    w.At(0).fields = {{"s", std::vector<double>{90, 70, 60, 80}}};  // median 75
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0, 0), doctest::Approx(7.5));
    CHECK_EQ(Points(r, 0, 1), doctest::Approx(7.5));  // (70 + 80) / 2
  }

  TEST_CASE("panel median is the same for small panels and panels of more than 16 reviewers") {
    // Small panels go through a sorting network, larger ones through std::sort.
    auto w = MakeWorld({0, 0, 0});
    AddIndicator(w, "median", Method::kPanel, {"s"}, 10).params.combine = PanelCombine::kMedian;
    std::vector<double> odd, even;
    for (int i = 0; i < 17; ++i) odd.push_back((i * 7) % 17 * 5.0);  // 0, 5, ..., 80 shuffled
    even = odd;
    even.push_back(100);  // 18 scores: middle two 40 and 45
    w.At(0).fields = {{"s", odd}};
    w.At(1).fields = {{"s", even}};
    w.At(2).fields = {{"s", std::vector<double>{30, 10, 20}}};
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0), doctest::Approx(4.0));   // median 40
    CHECK_EQ(Points(r, 1), doctest::Approx(4.25));  // (40 + 45) / 2
    CHECK_EQ(Points(r, 2), doctest::Approx(2.0));   // median 20
  }

  TEST_CASE("a whole panel combined at once gives the bits of CombineScores row by row") {
    // Random panels with missing scores (all missing in row 0), ties, zeros and integral
    // scores, 1 to 20 reviewers (the network and the large-panel path of the median). -0.0 in
    // the means only: a compare-exchange of equal values keeps one of them, so a median over
    // both zeros may carry the other sign (equal as a number; clamped scores are never -0.0).
    std::mt19937_64 rng(15);
    std::uniform_int_distribution<int> kind(0, 9);
    std::uniform_real_distribution<double> score(0, 100);
    std::vector<double> scratch;
    for (const PanelCombine combine :
         {PanelCombine::kMean, PanelCombine::kMedian, PanelCombine::kTrimmedMean}) {
      for (std::size_t reviewers = 1; reviewers <= 20; ++reviewers) {
        const std::size_t rows = 37;
        std::vector<double> panel(rows * reviewers);
        for (double& v : panel) {
          const int k = kind(rng);
          v = k == 0                                       ? std::nan("")
              : k == 1                                     ? std::round(score(rng) / 10) * 10
              : k == 2                                     ? 0.0
              : k == 3 && combine != PanelCombine::kMedian ? -0.0
                                                           : score(rng);
        }
        for (std::size_t r = 0; r < reviewers; ++r) panel[r * rows] = std::nan("");  // row 0
        std::vector<double> out(rows);
        detail::CombinePanel(panel.data(), rows, reviewers, combine, scratch, out.data());
        for (std::size_t i = 0; i < rows; ++i) {
          std::vector<double> scores;
          for (std::size_t r = 0; r < reviewers; ++r)
            if (!std::isnan(panel[r * rows + i])) scores.push_back(panel[r * rows + i]);
          const double expected = detail::CombineScores(scores.data(), scores.size(), combine);
          INFO("combine ", ToString(combine), ", ", reviewers, " reviewers, row ", i);
          CHECK(std::memcmp(&out[i], &expected, sizeof(double)) == 0);
        }
      }
    }
  }

  TEST_CASE("ranking keys quantised a column at a time are the bits of Quantise") {
    // Halves of 1e-6 on both sides of zero, zeros, large (|x| >= 2^52), infinite and NaN values,
    // random scores; 37 values (a partial vector at the end on every target).
    std::vector<double> v = {0.0,    -0.0,    0.5e-6,       -0.5e-6,  1.5e-6,   -1.5e-6,
                             0.3e-6, -0.3e-6, 0.7e-6,       -0.7e-6,  1e10,     -1e10,
                             1e300,  -1e300,  std::nan(""), HUGE_VAL, -HUGE_VAL};
    std::mt19937_64 rng(15);
    std::uniform_real_distribution<double> score(-200, 200);
    while (v.size() < 37) v.push_back(score(rng));
    std::vector<double> out(v.size());
    detail::QuantiseColumn(v.data(), v.size(), out.data());
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double expected = detail::Quantise(v[i]);
      INFO("value ", v[i]);
      CHECK(std::memcmp(&out[i], &expected, sizeof(double)) == 0);
    }
  }

  TEST_CASE("boolean gives the points for true (for false with direction lower)") {
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "on_time", Method::kBoolean, {"b"}, 5);
    AddIndicator(w, "late", Method::kBoolean, {"b"}, 5).direction = Direction::kLower;
    w.At(0).fields = {{"b", true}};
    w.At(1).fields = {{"b", false}};
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 0, 0), 5);
    CHECK_EQ(Points(r, 0, 1), 0);
    CHECK_EQ(Points(r, 1, 0), 0);
    CHECK_EQ(Points(r, 1, 1), 5);
  }

  TEST_CASE("missing values: zero gives 0, cohort_mean the mean points of the cohort with data") {
    auto w = MakeWorld({0, 0, 0});
    Indicator& zero = AddIndicator(w, "zero", Method::kLinear, {"x"}, 10);
    zero.params.hi = 10;
    Indicator& mean = AddIndicator(w, "mean", Method::kLinear, {"x"}, 10);
    mean.params.hi = 10;
    mean.missing = MissingPolicy::kCohortMean;
    w.At(0).fields = {{"x", 2.0}};
    w.At(1).fields = {{"x", 6.0}};
    w.At(2).fields = {};  // missing: zero -> 0, cohort_mean -> (2 + 6) / 2 = 4
    const ScoreResult r = w.Run();
    CHECK_EQ(Points(r, 2, 0), 0);
    CHECK_EQ(Points(r, 2, 1), doctest::Approx(4));
    CHECK(r.governments[2].indicators[1].missing);
    CHECK_EQ(r.governments[2].indicators[1].cohort_statistics, "cohort mean points=4");
  }

  TEST_CASE("missing value under policy error rejects the report at compile time") {
    auto w = MakeWorld({0, 0});
    AddIndicator(w, "need", Method::kLinear, {"x"}, 10).missing = MissingPolicy::kError;
    w.At(0).fields = {{"x", 2.0}};
    w.At(1).fields = {};
    try {
      (void)w.Run();
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(e.diagnostics().front().ToString(),
               "reports/10002.yaml: fields.x: missing field 'x', required by indicator 'need' "
               "(missing: error)");
    }
  }
}

}  // namespace jobaward
