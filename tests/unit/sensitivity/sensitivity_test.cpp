// Sobol indices of uncertainty groups on award outputs, through the real pipeline.
#include <doctest/doctest.h>

#include <cmath>

#include "jobaward/sensitivity/sensitivity.hpp"
#include "jobaward/simulation/uncertainty.hpp"
#include "simulation_fixture.hpp"

namespace jobaward {
namespace {

UncertaintyModel NoiseOnTiny(const test::TinyAward& award, double field_sd, double reviewer_sd) {
  UncertaintySpec spec;
  ReviewerNoiseSpec reviewer;
  reviewer.indicator = "review";
  reviewer.sd = reviewer_sd;
  spec.reviewer_noise = {reviewer};
  MeasurementNoiseSpec measurement;
  measurement.field = "x";
  measurement.kind = NoiseKind::kAbsolute;
  measurement.sd = field_sd;
  spec.measurement_noise = {measurement};
  return CompileUncertainty(spec, award.models);
}

int GroupIndex(const AwardSobolResult& result, const std::string& prefix) {
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    if (result.groups[g].rfind(prefix, 0) == 0) return static_cast<int>(g);
  }
  FAIL("no group " << prefix);
  return -1;
}

}  // namespace

TEST_SUITE("sensitivity") {
  TEST_CASE("score indices match the closed form of a linear indicator plus a reviewer panel") {
    // score = 60 (x + e + 1000)/2000 + 40 mean_k(s_k + r_k)/100 with e ~ N(0, 50²) and
    // r_k ~ N(0, 3²) on 3 reviewers (no clipping at 70..80): Var = (0.03·50)² + 0.4²·9/3, so
    // S_field = 2.25/2.73 and S_reviewer = 0.48/2.73, first order = total (additive model).
    const auto award = test::MakeTinyAward({0, 10, 20, 30});
    const UncertaintyModel uncertainty = NoiseOnTiny(award, 50, 3);
    SobolOptions options;
    options.base_samples = 2048;
    options.seed = 5;
    options.bootstrap_units = 256;
    const AwardSobolResult result = RunAwardSobol(award.models, uncertainty, options);
    REQUIRE(result.groups.size() == 2);
    REQUIRE(result.outputs.size() == 4 + 4 + 1);
    const int field = GroupIndex(result, "field:x");
    const int reviewer = GroupIndex(result, "reviewer:");
    const double expected_field = 2.25 / 2.73;
    const double expected_reviewer = 0.48 / 2.73;
    for (int o = 0; o < 4; ++o) {
      REQUIRE(result.outputs[static_cast<std::size_t>(o)].kind == AwardOutput::Kind::kScore);
      const SobolIndices& s = result.indices;
      INFO("output " << o << " S_field " << s.first(field, o) << " ST_field " << s.total(field, o));
      CHECK(s.first_low(field, o) <= expected_field);
      CHECK(expected_field <= s.first_high(field, o));
      CHECK(s.total_low(field, o) <= expected_field);
      CHECK(expected_field <= s.total_high(field, o));
      CHECK(s.first_low(reviewer, o) <= expected_reviewer);
      CHECK(expected_reviewer <= s.first_high(reviewer, o));
      CHECK(s.variance[o] == doctest::Approx(2.73).epsilon(0.1));
    }
    const AwardOutput& keeps = result.outputs.back();
    CHECK(keeps.kind == AwardOutput::Kind::kWinnerKeeps);
    CHECK(keeps.row == 3);  // The largest x wins at baseline.
  }

  TEST_CASE("award Sobol indices are identical for 1 and 2 threads") {
    const auto award = test::MakeTinyAward({0, 1, 2, 3, 4});
    const UncertaintyModel uncertainty = NoiseOnTiny(award, 2, 5);
    SobolOptions options;
    options.base_samples = 256;
    options.bootstrap_units = 16;
    options.bootstrap_resamples = 40;
    const AwardSobolResult one = RunAwardSobol(award.models, uncertainty, options);
    options.threads = 2;
    const AwardSobolResult two = RunAwardSobol(award.models, uncertainty, options);
    const auto same = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
      return ((a.array() == b.array()) || (a.array().isNaN() && b.array().isNaN())).all();
    };
    CHECK(same(one.indices.first, two.indices.first));
    CHECK(same(one.indices.total, two.indices.total));
    CHECK(same(one.indices.first_low, two.indices.first_low));
    CHECK(same(one.indices.total_high, two.indices.total_high));
  }

  TEST_CASE("an output no group can move has undefined (NaN) indices") {
    // Government 4 is so far ahead that its rank never changes.
    const auto award = test::MakeTinyAward({0, 1, 2, 3, 900});
    const UncertaintyModel uncertainty = NoiseOnTiny(award, 1, 1);
    SobolOptions options;
    options.base_samples = 64;
    options.bootstrap_units = 8;
    options.bootstrap_resamples = 20;
    const AwardSobolResult result = RunAwardSobol(award.models, uncertainty, options);
    const int rank_of_4 = 5 + 4;
    REQUIRE(result.outputs[rank_of_4].kind == AwardOutput::Kind::kRank);
    CHECK(result.indices.mean[rank_of_4] == 1.0);
    CHECK(std::isnan(result.indices.first(0, rank_of_4)));
  }
}

}  // namespace jobaward

// ---------------------------------------------------------------------------------------------
// The `jobaward sensitivity` command on the 2020 rubrics, cohorts and synthetic reports.

#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "test_support.hpp"

namespace jobaward {
namespace {

// Synthetic 2020 reports (the documented generator, seed 2020) in a temporary directory that
// is removed when the test program ends.
struct TempReports {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("jobaward-sensitivity-test-" + std::to_string(::getpid()));
  TempReports() {
    std::filesystem::remove_all(path);
    const auto r = test::RunCli({"synth", "--seed", "2020", "--out", path.string()});
    if (r.exit_code != 0) throw std::runtime_error("synth failed: " + r.err);
  }
  ~TempReports() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempReports(const TempReports&) = delete;
  TempReports& operator=(const TempReports&) = delete;
};

std::string ReportsDir() {
  static const TempReports reports;
  return reports.path.string();
}

}  // namespace

TEST_SUITE("sensitivity") {
  TEST_CASE("sensitivity tornado prints a table sorted by impact, CSV and JSON") {
    const auto table = test::RunCli({"sensitivity", "tornado", "--reports", ReportsDir()});
    CHECK(table.exit_code == 0);
    CHECK(table.out.find("지역일자리 목표공시제 (2020-disclosure)") != std::string::npos);
    CHECK(table.out.find("가중치별 영향") != std::string::npos);
    const auto csv = test::RunCli({"sensitivity", "tornado", "--reports", ReportsDir(), "--format",
                                   "csv", "--category", "disclosure", "--step", "0.2"});
    CHECK(csv.out.rfind("category,weight,weight_ko,nominal,direction,direction_ko,new_weight,code,"
                        "name_ko,name_en,cohort,cohort_id,base_score,new_score,delta,own_score,"
                        "base_rank,new_rank,base_award,new_award,synthetic_reports\n",
                        0) == 0);
    const auto json = nlohmann::json::parse(
        test::RunCli({"sensitivity", "tornado", "--reports", ReportsDir(), "--format", "json"})
            .out);
    std::set<std::string> categories;
    for (const auto& w : json["weights"]) categories.insert(w["category"].get<std::string>());
    CHECK(categories.size() == 2);
    // Both effects per weight: its own (stage-2 list held fixed) and the total.
    CHECK(json["weights"][0].contains("down_max_abs_own_change"));
    CHECK(json["weights"][0].contains("up_max_abs_score_change"));
  }

  TEST_CASE("report --sensitivity reads what sensitivity tornado --format json writes") {
    const test::TempDir dir;
    const std::string sens = (dir.path() / "sens.json").string();
    const std::string html = (dir.path() / "report.html").string();
    const auto t = test::RunCli({"sensitivity", "tornado", "--reports", ReportsDir(), "--category",
                                 "disclosure", "--format", "json", "--out", sens});
    REQUIRE_MESSAGE(t.exit_code == 0, t.err);
    const auto r = test::RunCli({"report", "--reports", ReportsDir(), "--draws", "0",
                                 "--tornado-step", "0", "--sensitivity", sens, "--out", html});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string page = test::Slurp(html);
    CHECK_NE(page.find("disclosure: 가중치 ±10%"), std::string::npos);
    CHECK_NE(page.find("성과 영역"), std::string::npos);  // weights by their Korean names
  }

  TEST_CASE("sensitivity reversal gives thresholds or 'stable' for every cohort and weight") {
    const auto json =
        nlohmann::json::parse(test::RunCli({"sensitivity", "reversal", "--reports", ReportsDir(),
                                            "--format", "json", "--category", "disclosure"})
                                  .out);
    const auto& thresholds = json["thresholds"];
    CHECK(thresholds.size() == 7 * 13 * 2);  // cohorts x movable weights x directions
    int stable = 0;
    for (const auto& t : thresholds) {
      CHECK(t["category"] == "disclosure");
      if (t["stable"].get<bool>()) {
        ++stable;
        CHECK(t["threshold"].is_null());
        continue;
      }
      const double change = t["change"].get<double>();
      CHECK((t["direction"] == "up" ? change >= 0 : change <= 0));
      CHECK(t["winners_after"] != t["winners_before"]);
    }
    CHECK(stable > 0);
    const auto any = test::RunCli(
        {"sensitivity", "reversal", "--reports", ReportsDir(), "--any-award", "--format", "csv"});
    CHECK(any.exit_code == 0);
  }

  TEST_CASE("sensitivity sobol output is the same for 1 and 2 threads") {
    const std::vector<std::string> base = {"sensitivity", "sobol", "--reports",   ReportsDir(),
                                           "--samples",   "16",    "--bootstrap", "20",
                                           "--format",    "csv"};
    auto one = base, two = base;
    one.insert(one.end(), {"--threads", "1"});
    two.insert(two.end(), {"--threads", "2"});
    const auto a = test::RunCli(one);
    const auto b = test::RunCli(two);
    CHECK(a.exit_code == 0);
    CHECK(a.out == b.out);
    CHECK(a.out.rfind("category,output,output_ko,code,name_ko,name_en,cohort,cohort_id,group,"
                      "first,first_low,first_high,total,total_low,total_high,output_mean,"
                      "output_variance,synthetic_reports\n",
                      0) == 0);
    // An undefined index (an output without variance) is an empty field, never a placeholder.
    CHECK_EQ(a.out.find(",-,"), std::string::npos);
  }

  TEST_CASE("an unknown method is a usage error with a suggestion") {
    const auto r = test::RunCli({"sensitivity", "tornadoo"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown method 'tornadoo' (tornado, reversal or sobol); did you mean "
                     "'tornado'?") != std::string::npos);
  }
}

}  // namespace jobaward
