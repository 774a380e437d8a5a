// AHP priorities against Saaty's published drinks-consumption example, and consistency.
#include "jobaward/sensitivity/ahp.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "jobaward/error.hpp"

namespace jobaward {

TEST_SUITE("ahp") {
  TEST_CASE("Saaty's drinks example reproduces the published eigenvector and CR 0.022") {
    // Saaty, "Decision making with the analytic hierarchy process", Int. J. Services Sciences
    // 1(1), 2008, table 2 (relative consumption of drinks in the US); items in its order.
    // Published priorities: coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129,
    // water .327; C.R. = .022.
    Eigen::MatrixXd a(7, 7);
    a << 1, 9, 5, 2, 1, 1, 1.0 / 2,                               //
        1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9,  //
        1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9,        //
        1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,                    //
        1, 9, 4, 2, 1, 2, 1.0 / 2,                                //
        1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,                          //
        2, 9, 9, 3, 2, 3, 1;
    const AhpResult r = ComputeAhp(a);
    const double published[] = {0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327};
    for (int i = 0; i < 7; ++i) {
      INFO("item " << i << " weight " << r.weights[i]);
      CHECK(std::fabs(r.weights[i] - published[i]) <= 0.0005 + 1e-12);  // Published to 3 places.
    }
    CHECK(r.weights.sum() == doctest::Approx(1.0));
    CHECK(r.random_index == 1.32);
    CHECK(r.consistency_ratio == doctest::Approx(0.022).epsilon(0.1));
    CHECK(r.consistency_index == doctest::Approx((r.lambda_max - 7) / 6));
  }

  TEST_CASE(
      "a consistent matrix has lambda_max = n, CR = 0 and weights proportional to its ratios") {
    const Eigen::Vector4d w(0.4, 0.3, 0.2, 0.1);
    Eigen::MatrixXd a(4, 4);
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) a(i, j) = w[i] / w[j];
    }
    const AhpResult r = ComputeAhp(a);
    CHECK(r.lambda_max == doctest::Approx(4.0));
    CHECK(r.consistency_ratio == doctest::Approx(0.0).scale(1));
    for (int i = 0; i < 4; ++i) CHECK(r.weights[i] == doctest::Approx(w[i]));
  }

  TEST_CASE("one or two items are refused by ComputeAhp too, not only by the loader") {
    // Their CR is 0 by construction: a result would look like a passed consistency check.
    Eigen::MatrixXd two(2, 2);
    two << 1, 5, 0.2, 1;
    CHECK_THROWS_AS((void)ComputeAhp(two), InternalError);
    CHECK_THROWS_AS((void)ComputeAhp(Eigen::MatrixXd::Ones(1, 1)), InternalError);
    CHECK_THROWS_AS((void)ComputeAhp(Eigen::MatrixXd::Ones(11, 11)), InternalError);
    CHECK_EQ(ComputeAhp(Eigen::MatrixXd::Ones(3, 3)).consistency_ratio, 0.0);
  }

  TEST_CASE("RandomIndex is Saaty's table for n = 1..10") {
    const double table[] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
    for (int n = 1; n <= 10; ++n) CHECK(RandomIndex(n) == table[n - 1]);
  }
}

}  // namespace jobaward

// ---------------------------------------------------------------------------------------------
// Loader, consistency check and rubric writer (ahp_yaml.hpp), and the `weights ahp` command.

#include <algorithm>
#include <nlohmann/json.hpp>

#include "jobaward/error.hpp"
#include "jobaward/io/ahp_yaml.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

std::vector<std::string> Messages(const InputError& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) out.push_back(d.ToString());
  return out;
}

}  // namespace

TEST_SUITE("ahp") {
  TEST_CASE("the loader reports every mistake of a file with its line, column and key") {
    const std::string file = "tests/data/sensitivity/ahp-bad.yaml";
    try {
      (void)ParseAhp(test::Slurp(test::SourcePath(file)), file);
      FAIL("no error");
    } catch (const InputError& e) {
      const std::vector<std::string> expected = {
          file +
              ":8:1: extra: unknown key 'extra' (expected one of: target, domain, items, matrix)",
          file +
              ":3:15: items[1]: unknown domain 'executoin' (expected plan, execution or "
              "outcome; did you mean 'execution'?)",
          file + ":6:11: matrix[1][1]: an item compared with itself must be 1, got 2",
          file + ":6:14: matrix[1][2]: expected a number or a fraction like 1/3, got \"x\"",
          file + ":7:12: matrix[2][2]: comparisons must be positive, got 0",
          file +
              ":6:6: matrix[1][0]: must be the reciprocal of matrix[0][1] = 2 (executoin vs "
              "plan), i.e. 0.5, got 0.4"};
      CHECK_EQ(Messages(e), expected);
    }
  }

  TEST_CASE("a matrix with the wrong number of rows or entries is rejected") {
    try {
      (void)ParseAhp("target: domains\nitems: [plan, execution, outcome]\nmatrix:\n  - [1, 2, 3]\n",
                     "m.yaml");
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e), std::vector<std::string>{
                                "m.yaml:4:3: matrix: expected 3 rows (one per item), got 1"});
    }
    try {
      (void)ParseAhp(
          "target: domains\nitems: [plan, execution, outcome]\nmatrix:\n  - [1, 2, 3, 4]\n"
          "  - [1/2, 1, 1]\n  - [1/3, 1, 1]\n",
          "m.yaml");
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e), std::vector<std::string>{
                                "m.yaml:4:5: matrix[0]: expected 3 entries (one per item), got 4"});
    }
  }

  TEST_CASE("two items, or judgments off Saaty's 1/9..9 scale, are refused by the loader") {
    // Two items are always consistent (CI = 0): the check AHP exists for would pass anything.
    try {
      (void)ParseAhp("target: domains\nitems: [plan, outcome]\nmatrix:\n  - [1, 5]\n  - [1/5, 1]\n",
                     "m.yaml");
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e),
               std::vector<std::string>{
                   "m.yaml:2:8: items: expected 3 to 10 items (with fewer, every matrix is "
                   "consistent and the consistency ratio means nothing; Saaty's random index is "
                   "tabulated for n <= 10), got 2"});
    }
    // 1e300 and its reciprocal: before the scale, CR came out as -1.72 ("consistent").
    try {
      (void)ParseAhp(
          "target: domains\nitems: [plan, execution, outcome]\nmatrix:\n"
          "  - [1, 1e300, 1e300]\n  - [1e-300, 1, 1]\n  - [1e-300, 1, 1]\n",
          "m.yaml");
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e).size(), 4U);
      CHECK_EQ(Messages(e)[0],
               "m.yaml:4:9: matrix[0][1]: expected a judgment on Saaty's scale, 1/9 to 9, got "
               "1e300 (9 = extremely more important)");
    }
    // The ends of the scale, exact or rounded, are judgments like any other.
    CHECK_NOTHROW(
        (void)ParseAhp("target: domains\nitems: [plan, execution, outcome]\nmatrix:\n"
                       "  - [1, 9, 0.11]\n  - [1/9, 1, 1]\n  - [9.09, 1, 1]\n",
                       "m.yaml"));
  }

  TEST_CASE("CR above 0.1 is an error naming CR, CI and RI unless inconsistency is allowed") {
    const std::string file = "tests/data/sensitivity/ahp-inconsistent.yaml";
    const AhpSpec spec = ParseAhp(test::Slurp(test::SourcePath(file)), file);
    const AhpResult result = ComputeAhp(spec.matrix);
    try {
      CheckConsistency(spec, result, false);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e),
               std::vector<std::string>{
                   file + ":5:3: matrix: consistency ratio 1.149 exceeds 0.1 (CI 0.667, RI 0.58): "
                          "the judgments contradict each other; revise them, or pass "
                          "--allow-inconsistent"});
    }
    CHECK_NOTHROW(CheckConsistency(spec, result, true));
  }

  TEST_CASE("domain weights rewrite a rubric's points in place, keeping totals and comments") {
    const std::string rubric_file = "rubrics/2020-disclosure.yaml";
    const std::string rubric_text = test::Slurp(test::SourcePath(rubric_file));
    const std::string ahp_file = "examples/2020/ahp-domains.yaml";
    const AhpSpec spec = ParseAhp(test::Slurp(test::SourcePath(ahp_file)), ahp_file);
    const AhpResult result = ComputeAhp(spec.matrix);
    CHECK(result.weights[0] == doctest::Approx(0.2970).epsilon(1e-3));
    const std::string text = RewriteRubricPoints(rubric_text, rubric_file, spec, result);
    const Rubric before = ParseRubric(rubric_text, rubric_file);
    const Rubric after = ParseRubric(text, rubric_file);
    CHECK(after.total_points == before.total_points);
    CHECK(after.domains[0].points == 29.70);
    CHECK(after.domains[1].points == 16.34);
    CHECK(after.domains[2].points == 53.96);
    // Inside a domain the indicators keep their shares (to 0.01).
    for (std::size_t i = 0; i < before.indicators.size(); ++i) {
      const auto d = static_cast<std::size_t>(before.indicators[i].domain);
      CHECK(after.indicators[i].points ==
            doctest::Approx(before.indicators[i].points * after.domains[d].points /
                            before.domains[d].points)
                .epsilon(0.01 / after.indicators[i].points));
    }
    // Everything but the numbers is kept: same line count, the same comments.
    CHECK(std::count(text.begin(), text.end(), '\n') ==
          std::count(rubric_text.begin(), rubric_text.end(), '\n'));
    CHECK(text.find("ASSUMPTIONS (ours, not the ministry's") != std::string::npos);
  }

  TEST_CASE("indicator weights share their domain's points; unknown indicators are named") {
    const std::string rubric_file = "rubrics/2020-disclosure.yaml";
    const std::string rubric_text = test::Slurp(test::SourcePath(rubric_file));
    const std::string file = "tests/data/sensitivity/ahp-indicators.yaml";
    const std::string ahp_text = test::Slurp(test::SourcePath(file));
    AhpSpec spec = ParseAhp(ahp_text, file);
    const AhpResult result = ComputeAhp(spec.matrix);
    const Rubric after =
        ParseRubric(RewriteRubricPoints(rubric_text, rubric_file, spec, result), rubric_file);
    CHECK(after.domains[0].points == 30);
    CHECK(after.FindIndicator("plan_review")->points == 16.19);
    CHECK(after.FindIndicator("disclosed_on_time")->points == 4.90);
    CHECK(after.FindIndicator("head_commitment")->points == 8.91);
    CHECK(after.FindIndicator("interview")->points == 25);  // Other domains unchanged.

    spec.items[1] = "disclosed_ontime";
    try {
      (void)RewriteRubricPoints(rubric_text, rubric_file, spec, result);
      FAIL("no error");
    } catch (const InputError& e) {
      CHECK_EQ(Messages(e),
               std::vector<std::string>{
                   file + ":4:22: items[1]: 'disclosed_ontime' is not an indicator of domain plan "
                          "in rubrics/2020-disclosure.yaml; did you mean 'disclosed_on_time'?",
                   file + ":6:3: items: indicator 'disclosed_on_time' of domain plan is not "
                          "compared: list every indicator of the domain"});
    }
  }

  TEST_CASE("jobaward weights ahp prints the weights and CR, writes CSV, and checks its flags") {
    const auto table = test::RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml"});
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("\n일관성 비율 CR: 0.0079\n일관성 (CR ≤ 0.1): 예\n") != std::string::npos);
    CHECK(table.out.find("\nplan       0.2970\n") != std::string::npos);
    // CSV: the weights at full precision (the figures are facts: JSON, the workbook's 요약).
    const auto csv =
        test::RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml", "--format", "csv"});
    CHECK(csv.out.rfind("item,weight\nplan,0.29", 0) == 0);
    CHECK_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 4);
    const auto json = nlohmann::json::parse(
        test::RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml", "--format", "json"}).out);
    CHECK_EQ(json["target"], "domains");
    CHECK_EQ(json["consistent"], true);
    CHECK(json["consistency_ratio"].get<double>() == doctest::Approx(0.0079).epsilon(0.01));
    REQUIRE_EQ(json["weights"].size(), 3);
    CHECK_EQ(json["weights"][0]["item"], "plan");
    double sum = 0;
    for (const auto& w : json["weights"]) sum += w["weight"].get<double>();
    CHECK(sum == doctest::Approx(1.0));
    const auto bad = test::RunCli(
        {"weights", "ahp", "examples/2020/ahp-domains.yaml", "--write-rubric", "/tmp/x.yaml"});
    CHECK(bad.exit_code == 2);
    const auto inconsistent =
        test::RunCli({"weights", "ahp", "tests/data/sensitivity/ahp-inconsistent.yaml"});
    CHECK(inconsistent.exit_code == 1);
    const auto accepted = test::RunCli(
        {"weights", "ahp", "tests/data/sensitivity/ahp-inconsistent.yaml", "--allow-inconsistent"});
    CHECK(accepted.exit_code == 0);
    CHECK(accepted.out.find("일관성 (CR ≤ 0.1): 아니오\n") != std::string::npos);
    CHECK(accepted.out.find("--allow-inconsistent로 받아들였습니다.") != std::string::npos);
  }
}

}  // namespace jobaward
