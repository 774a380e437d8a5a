// ModelBuilder (a scoring model built one report at a time) against Compile, and RowExplainer
// (one row at a time) against Explain.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "jobaward/scoring/model_builder.hpp"
#include "jobaward/scoring/row_explainer.hpp"
#include "scoring_fixture.hpp"

namespace jobaward {

using test::AddIndicator;
using test::MakeWorld;

namespace {

// Five governments (10005 is in no cohort; 10004 sends no report), every field type, panels
// with different reviewer counts, missing values; reports not in registry order.
test::World MixedWorld() {
  auto w = MakeWorld({0, 1, 0, 1, -1});
  AddIndicator(w, "attain", Method::kTargetRatio, {"x", "y"}, 10);
  AddIndicator(w, "count", Method::kLinear, {"n"}, 5).params.hi = 10;
  AddIndicator(w, "grade", Method::kGrade, {"g"}, 5);
  AddIndicator(w, "plan", Method::kPanel, {"s"}, 10);
  AddIndicator(w, "talk", Method::kPanel, {"t"}, 10, Domain::kExecution);
  AddIndicator(w, "open", Method::kBoolean, {"b"}, 5);
  w.At(2).fields = {{"x", 90.0},
                    {"y", 100.0},
                    {"g", std::string("B")},
                    {"s", std::vector<double>{70, 80}},
                    {"b", true}};
  w.At(0).fields = {{"x", 120.0},
                    {"y", 100.0},
                    {"n", 3.0},
                    {"s", std::vector<double>{60, 65, 90, 85}},
                    {"t", std::vector<double>{50}},
                    {"b", false}};
  w.At(1).fields = {{"n", 7.0}, {"g", std::string("E")}, {"t", std::vector<double>{88, 92}}};
  return w;
}

bool SameMatrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const bool both_missing = std::isnan(a(i, j)) && std::isnan(b(i, j));
      if (!both_missing && a(i, j) != b(i, j)) return false;
    }
  }
  return true;
}

void CheckSameModel(const ScoringModel& a, const ScoringModel& b) {
  CHECK_EQ(a.row_government, b.row_government);
  CHECK_EQ(a.row_code, b.row_code);
  CHECK_EQ(a.row_name_ko, b.row_name_ko);
  CHECK_EQ(a.row_name_en, b.row_name_en);
  CHECK_EQ(a.row_cohort, b.row_cohort);
  CHECK_EQ(a.field_names, b.field_names);
  CHECK_EQ(a.panel_names, b.panel_names);
  CHECK(SameMatrix(a.fields, b.fields));
  REQUIRE_EQ(a.panels.size(), b.panels.size());
  for (std::size_t p = 0; p < a.panels.size(); ++p) CHECK(SameMatrix(a.panels[p], b.panels[p]));
  CHECK(SameMatrix(a.indicator_points, b.indicator_points));
  REQUIRE_EQ(a.compiled.size(), b.compiled.size());
  for (std::size_t j = 0; j < a.compiled.size(); ++j) {
    CHECK_EQ(a.compiled[j].column_a, b.compiled[j].column_a);
    CHECK_EQ(a.compiled[j].column_b, b.compiled[j].column_b);
    CHECK_EQ(a.compiled[j].panel, b.compiled[j].panel);
  }
}

std::string Messages(const InputError& e) {
  std::string all;
  for (const auto& d : e.diagnostics()) all += d.ToString() + "\n";
  return all;
}

std::string Messages(const std::vector<Diagnostic>& diagnostics) {
  std::string all;
  for (const auto& d : diagnostics) all += d.ToString() + "\n";
  return all;
}

}  // namespace

TEST_SUITE("model_builder") {
  TEST_CASE("a model built report by report, in any order, equals Compile's") {
    auto w = MixedWorld();
    w.cohorts.cohort_of[4] = 0;  // Compile needs every reporting government in a cohort.
    w.At(4).fields = {{"x", 1.0}};
    const ScoringModel compiled = Compile(w.rubric, w.registry, w.cohorts, w.reports);

    std::vector<Report> reversed(w.reports.rbegin(), w.reports.rend());
    ModelBuilder builder(w.rubric, w.registry, w.cohorts);
    for (const Report& r : reversed) builder.Add(r);
    CHECK_EQ(builder.rows(), 4U);
    const ScoringModel built = std::move(builder).Finish();
    CheckSameModel(built, compiled);

    // Rows in registry order (10004 sent nothing), values where the reports put them.
    CHECK_EQ(built.row_code, std::vector<std::string>{"10001", "10002", "10003", "10005"});
    CHECK_EQ(built.field_names, std::vector<std::string>{"x", "y", "n", "g", "b"});
    CHECK_EQ(built.panel_names, std::vector<std::string>{"s", "t"});
    CHECK_EQ(built.fields(0, 0), 120);
    CHECK(std::isnan(built.fields(1, 0)));
    CHECK_EQ(built.fields(1, 3), 4);  // Grade E.
    CHECK_EQ(built.fields(2, 3), 1);  // Grade B.
    CHECK_EQ(built.fields(2, 4), 1);  // true.
    CHECK_EQ(built.fields(0, 4), 0);  // false.
    // Panel widths are the most reviewers any report has; shorter lists are padded with NaN.
    CHECK_EQ(built.panels[0].cols(), 4);
    CHECK_EQ(built.panels[1].cols(), 2);
    CHECK_EQ(built.panels[0](2, 1), 80);
    CHECK(std::isnan(built.panels[0](2, 2)));
    CHECK(std::isnan(built.panels[0](1, 0)));
    CHECK_EQ(built.panels[1](1, 1), 92);
  }

  TEST_CASE("a builder that is given nothing yields an empty model with the rubric's layout") {
    const auto w = MixedWorld();
    ModelBuilder builder(w.rubric, w.registry, w.cohorts);
    const ScoringModel empty = std::move(builder).Finish();
    CHECK_EQ(empty.fields.rows(), 0);
    CHECK_EQ(empty.fields.cols(), 5);
    CHECK_EQ(empty.panels.size(), 2U);
    CHECK_EQ(empty.compiled.size(), w.rubric.indicators.size());
  }

  TEST_CASE("duplicates, unknown governments and misfits give Compile's diagnostics") {
    auto w = MixedWorld();
    Report stranger;
    stranger.government_code = "99999";
    stranger.origin = {"reports/99999.yaml"};
    w.reports.push_back(stranger);
    Report twin = w.reports[0];  // 10003 again.
    twin.origin = {"reports/copy.yaml"};
    w.reports.push_back(twin);
    Report homeless;
    homeless.government_code = "10005";
    homeless.origin = {"reports/10005.yaml"};
    homeless.fields = {{"n", 2.5}};
    w.reports.push_back(homeless);
    const std::string expected =
        "reports/99999.yaml: government: government '99999' is not in the registry\n"
        "reports/copy.yaml: government: second report for government 10003; the first is "
        "reports/10003.yaml\n"
        "reports/10005.yaml: government: government 10005 (정부4) is in no cohort\n"
        "reports/10005.yaml: fields.n: expected a whole number >= 0, got 2.5\n";

    std::string from_compile;
    try {
      (void)Compile(w.rubric, w.registry, w.cohorts, w.reports);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      from_compile = Messages(e);
    }
    CHECK_EQ(from_compile, expected);

    // Check says what Add will record, without recording it.
    ModelBuilder builder(w.rubric, w.registry, w.cohorts);
    std::string from_check;
    for (const Report& r : w.reports) {
      const std::string before = Messages(builder.Check(r));
      CHECK_EQ(Messages(builder.Check(r)), before);
      from_check += before;
      builder.Add(r);
    }
    CHECK_EQ(from_check, expected);
    CHECK_EQ(builder.rows(), 3U);
    try {
      (void)std::move(builder).Finish();
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e), expected);
    }
  }

  TEST_CASE("a government whose first report was rejected still counts as having one") {
    auto w = MixedWorld();
    ModelBuilder builder(w.rubric, w.registry, w.cohorts);
    Report bad = w.At(0);
    bad.fields["n"] = -1.0;
    builder.Add(bad);
    CHECK_EQ(builder.rows(), 0U);
    CHECK_EQ(Messages(builder.Check(w.At(0))),
             "reports/10001.yaml: government: second report for government 10001; the first is "
             "reports/10001.yaml\n");
  }

  TEST_CASE("quota overrides naming unknown cohorts are reported by Finish, before the reports") {
    auto w = MixedWorld();
    AwardLevel level;
    level.id = "gold";
    level.count_by_cohort = {{"c7", 1}};
    level.where = {"rubric.yaml", 12, 5};
    w.rubric.levels.push_back(level);
    Report stranger;
    stranger.government_code = "99999";
    stranger.origin = {"reports/99999.yaml"};
    w.reports.push_back(stranger);
    try {
      (void)Compile(w.rubric, w.registry, w.cohorts, w.reports);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e),
               "rubric.yaml:12:5: awards.levels[0].count_by_cohort.c7: unknown cohort id 'c7', did "
               "you mean 'c0'?\n"
               "reports/99999.yaml: government: government '99999' is not in the registry\n");
    }
  }

  TEST_CASE("RowExplainer explains each row as Explain does") {
    auto w = MixedWorld();
    w.rubric.stages.advance.top_n = 1;  // Some governments do not advance.
    w.rubric.indicators[4].stage = 2;
    const ScoringModel model = Compile(w.rubric, w.registry, w.cohorts, w.reports);
    Workspace workspace;
    const Outcome& outcome = Evaluate(model, Perturbation{}, workspace);
    for (const Detail detail : {Detail::kFull, Detail::kPoints}) {
      const ScoreResult all = Explain(model, outcome, detail);
      const RowExplainer rows(model, outcome, detail);
      REQUIRE_EQ(rows.rows(), all.governments.size());
      for (std::size_t i = 0; i < rows.rows(); ++i) {
        const GovernmentScore g = rows.Row(i);
        const GovernmentScore& e = all.governments[i];
        CHECK_EQ(g.code, e.code);
        CHECK_EQ(g.cohort_label, e.cohort_label);
        CHECK_EQ(g.cohort_size, e.cohort_size);
        CHECK_EQ(g.final_score, e.final_score);
        CHECK_EQ(g.advanced, e.advanced);
        CHECK_EQ(g.rank, e.rank);
        CHECK_EQ(g.award_id, e.award_id);
        CHECK_EQ(g.tied, e.tied);
        CHECK_EQ(g.tie_break, e.tie_break);
        REQUIRE_EQ(g.indicators.size(), e.indicators.size());
        for (std::size_t j = 0; j < g.indicators.size(); ++j) {
          CHECK_EQ(g.indicators[j].points, e.indicators[j].points);
          CHECK_EQ(g.indicators[j].missing, e.indicators[j].missing);
          CHECK_EQ(g.indicators[j].parameters, e.indicators[j].parameters);
          CHECK_EQ(g.indicators[j].inputs, e.indicators[j].inputs);
          CHECK_EQ(g.indicators[j].cohort_statistics, e.indicators[j].cohort_statistics);
        }
      }
    }
  }
}

}  // namespace jobaward
