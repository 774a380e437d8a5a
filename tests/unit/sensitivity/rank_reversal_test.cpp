// Exact rank-reversal thresholds against a brute-force fine scan of the real pipeline.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "jobaward/sensitivity/sensitivity.hpp"
#include "sensitivity_fixture.hpp"

namespace jobaward {
namespace {

struct ScanResult {
  bool changed = false;
  double t = 0;  // First scanned weight with a different winner (or awards).
  std::vector<int> winners;
};

std::vector<int> ScanSignature(const ScoringModel& model, const Outcome& o, int cohort,
                               bool any_award) {
  std::vector<int> signature;
  for (int r = 0; r < static_cast<int>(model.row_code.size()); ++r) {
    if (model.row_cohort[static_cast<std::size_t>(r)] != cohort) continue;
    const auto ri = static_cast<std::size_t>(r);
    if (any_award) {
      signature.push_back(o.level[ri]);
    } else if (o.rank[ri] == 1) {
      signature.push_back(r);
    }
  }
  return signature;
}

// Walks the weight from its nominal value to the end of the range in steps of `step`.
ScanResult Scan(const ScoringModel& model, const WeightRef& weight, int cohort, int direction,
                bool any_award, double step) {
  const WeightLine line = LineOf(model, weight);
  Workspace workspace;
  const std::vector<int> base =
      ScanSignature(model, Evaluate(model, Perturbation{}, workspace), cohort, any_award);
  const double end = direction > 0 ? line.total : 0.0;
  const auto steps = static_cast<int>(std::ceil(std::fabs(end - weight.nominal) / step));
  for (int s = 1; s <= steps; ++s) {
    const double t = s == steps ? end : weight.nominal + direction * s * step;
    const Eigen::VectorXd points = line.At(t);
    Perturbation perturbation;
    perturbation.indicator_points = &points;
    const Outcome& o = Evaluate(model, perturbation, workspace);
    if (ScanSignature(model, o, cohort, any_award) != base) {
      ScanResult result{true, t, {}};
      for (int r = 0; r < static_cast<int>(model.row_code.size()); ++r) {
        if (model.row_cohort[static_cast<std::size_t>(r)] == cohort &&
            o.rank[static_cast<std::size_t>(r)] == 1) {
          result.winners.push_back(r);
        }
      }
      return result;
    }
  }
  return {};
}

void CompareWithScan(const ScoringModel& model, bool any_award, int& changes, int& stable) {
  constexpr double kStep = 0.01;
  for (const ReversalThreshold& entry : RunReversal(model, {.any_award = any_award})) {
    const ScanResult scan =
        Scan(model, entry.weight, entry.cohort, entry.direction, any_award, kStep);
    INFO(entry.weight.name << " cohort " << entry.cohort << " direction " << entry.direction
                           << " exact " << entry.threshold << " scan " << scan.t);
    REQUIRE(scan.changed == !entry.stable);
    if (entry.stable) {
      ++stable;
      continue;
    }
    ++changes;
    // The scan sees the change at the first grid point past the exact threshold.
    CHECK((scan.t - entry.threshold) * entry.direction >= 0);
    CHECK((scan.t - entry.threshold) * entry.direction <= kStep + 1e-9);
    CHECK(entry.change == doctest::Approx(entry.threshold - entry.weight.nominal));
    if (!any_award) CHECK(scan.winners == entry.winners_after);
  }
}

}  // namespace

TEST_SUITE("rank_reversal") {
  TEST_CASE("winner thresholds equal a brute-force scan (stage-1 advance, minmax and zscore)") {
    int changes = 0, stable = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      const auto award = test::MakeSensitivityAward(seed);
      CompareWithScan(award.model, false, changes, stable);
    }
    // The seeds give both kinds of answer.
    CHECK(changes > 10);
    CHECK(stable > 10);
  }

  TEST_CASE("reversal progress counts every cohort and weight, the thresholds unchanged") {
    const auto award = test::MakeSensitivityAward(3);
    const auto weights = MovableWeights(award.model).size();
    const auto cohorts = award.model.cohorts.ids.size();
    std::vector<std::uint64_t> done;
    ReversalOptions options;
    options.progress = [&](std::uint64_t d, std::uint64_t planned) {
      done.push_back(d);
      CHECK_EQ(planned, cohorts * weights);
    };
    const auto watched = RunReversal(award.model, options);
    REQUIRE_EQ(done.size(), cohorts * weights);  // one call per pair: every count once, in order
    for (std::size_t i = 0; i < done.size(); ++i) CHECK_EQ(done[i], i + 1);
    const auto plain = RunReversal(award.model, {});
    REQUIRE_EQ(watched.size(), plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
      CHECK_EQ(watched[i].stable, plain[i].stable);
      CHECK_EQ(watched[i].threshold, plain[i].threshold);
    }
  }

  TEST_CASE("any-award thresholds equal a brute-force scan (levels, min score)") {
    int changes = 0, stable = 0;
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
      const auto award = test::MakeSensitivityAward(seed);
      CompareWithScan(award.model, true, changes, stable);
    }
    CHECK(changes > 10);
  }

  TEST_CASE("a government best on every indicator wins over the whole range") {
    auto award = test::MakeSensitivityAward(9, 1, 5);
    for (const char* field : {"plan_x", "exec_x", "out_x", "out_y"}) {
      award.reports[0].fields[field] = 100.0;
    }
    const ScoringModel model = Compile(award.rubric, award.registry, award.cohorts, award.reports);
    const auto entries = RunReversal(model, {});
    REQUIRE(entries.size() == 2 * 7);
    for (const auto& entry : entries) {
      CHECK(entry.stable);
      CHECK(entry.winners_before == std::vector<int>{0});
    }
  }

  TEST_CASE("the threshold of two governments is the closed-form crossing of their scores") {
    // Two governments, one cohort, both advance. A: plan 100, exec 0 (the cohort min); B: plan
    // 0, exec 100 (the max); equal outcome inputs. With plan at t points the others scale by
    // (100 - t)/70, so A - B = t - 30 (100 - t)/70, zero at t = 30: the nominal weight is a tie.
    auto award = test::MakeSensitivityAward(5, 1, 2);
    award.rubric.stages.advance.top_n = 2;
    award.reports[0].fields["plan_x"] = 100.0;
    award.reports[0].fields["exec_x"] = 0.0;
    award.reports[1].fields["plan_x"] = 0.0;
    award.reports[1].fields["exec_x"] = 100.0;
    for (auto& report : award.reports) {
      report.fields["out_x"] = 50.0;
      report.fields["out_y"] = 50.0;
    }
    const ScoringModel model = Compile(award.rubric, award.registry, award.cohorts, award.reports);
    bool seen = false;
    for (const auto& entry : RunReversal(model, {})) {
      if (entry.weight.name != "indicator:plan" || entry.direction != 1) continue;
      seen = true;
      // At 30/30 they tie on the score and on the outcome tie-break, so both rank first;
      // any raise of plan makes A the only winner: the threshold is the nominal weight.
      CHECK(entry.winners_before == std::vector<int>{0, 1});
      CHECK_FALSE(entry.stable);
      CHECK(entry.threshold == doctest::Approx(30));
      CHECK(entry.winners_after == std::vector<int>{0});
    }
    CHECK(seen);
  }

  TEST_CASE("a change exactly at the end of the range is found (lines meeting at the total)") {
    // A and B both have full plan points; A is better elsewhere. With plan holding all 100
    // points they tie (and tie on the outcome key), so the winner set changes at t = 100 only.
    auto award = test::MakeSensitivityAward(5, 1, 2);
    award.rubric.stages.advance.top_n = 2;
    for (auto& report : award.reports) {
      report.fields["plan_x"] = 100.0;
      report.fields["out_x"] = 50.0;
      report.fields["out_y"] = 50.0;
    }
    award.reports[0].fields["exec_x"] = 100.0;
    award.reports[1].fields["exec_x"] = 0.0;
    const ScoringModel model = Compile(award.rubric, award.registry, award.cohorts, award.reports);
    bool seen = false;
    for (const auto& entry : RunReversal(model, {})) {
      if (entry.weight.name != "indicator:plan" || entry.direction != 1) continue;
      seen = true;
      CHECK_FALSE(entry.stable);
      CHECK(entry.threshold == 100.0);
      CHECK(entry.winners_after == std::vector<int>{0, 1});
    }
    CHECK(seen);
  }
}

}  // namespace jobaward
