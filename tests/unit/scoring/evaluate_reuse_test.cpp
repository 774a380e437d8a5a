// Evaluate keeps raw and points columns in the workspace and recomputes only those whose inputs
// changed since the previous call (scoring.hpp). These tests change one input at a time — a
// stage-1 field (which moves who advances), a stage-2 field, the indicator points, the cohort
// membership — and check every result against a fresh workspace.
#include <doctest/doctest.h>

#include <functional>

#include "jobaward/scoring/scoring.hpp"
#include "sensitivity_fixture.hpp"

namespace jobaward {
namespace {

// Equal element by element, NaN matching NaN (unused cohort statistics are NaN).
bool SameWithNaN(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         ((a.array() == b.array()) || (a.array().isNaN() && b.array().isNaN())).all();
}

void CheckSame(const Outcome& got, const Outcome& want) {
  CHECK(got.raw == want.raw);
  CHECK(got.points == want.points);
  CHECK(got.missing == want.missing);
  CHECK(SameWithNaN(got.cohort_stat_a, want.cohort_stat_a));
  CHECK(SameWithNaN(got.cohort_stat_b, want.cohort_stat_b));
  CHECK(SameWithNaN(got.cohort_fill, want.cohort_fill));
  CHECK(got.stage1 == want.stage1);
  CHECK(got.advanced == want.advanced);
  CHECK(got.final_score == want.final_score);
  CHECK(got.rank == want.rank);
  CHECK(got.level == want.level);
}

TEST_CASE("a reused workspace gives what a fresh one gives, one changed input at a time") {
  const auto award = test::MakeSensitivityAward(7, 2, 6);
  const ScoringModel& model = award.model;
  Eigen::MatrixXd fields = model.fields;
  Eigen::VectorXd points = model.indicator_points;
  std::vector<int> row_cohort = model.row_cohort;
  Perturbation p;
  p.fields = &fields;
  p.indicator_points = &points;
  p.row_cohort = &row_cohort;
  Workspace reused;
  reused.reuse_unchanged_columns = true;

  const int plan = model.FieldColumn("plan_x");
  const int out = model.FieldColumn("out_y");
  REQUIRE(plan >= 0);
  REQUIRE(out >= 0);
  const std::vector<std::function<void()>> changes = {
      [] {},                                             // Nothing: every column reused.
      [&] { fields(0, plan) = 100; },                    // Stage 1: the first government advances.
      [&] { fields(1, out) = 0; },                       // Stage 2 only.
      [&] { points(0) = 40, points(1) = 20; },           // Weights.
      [&] { std::swap(row_cohort[0], row_cohort[6]); },  // Cohorts (relative methods).
      [&] { fields(0, plan) = model.fields(0, plan); },  // Back to an earlier value.
      [] {},
  };
  int step = 0;
  for (const auto& change : changes) {
    CAPTURE(step);
    change();
    const Outcome& got = Evaluate(model, p, reused);
    Workspace fresh;
    CheckSame(got, Evaluate(model, p, fresh));
    ++step;
  }
}

}  // namespace
}  // namespace jobaward
