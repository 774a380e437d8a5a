// Scenarios from the command line: --scenario FILE and --set KEY=VALUE on every award-level
// command, their provenance, conflicts with the input flags, and `jobaward compare` on the
// bundled scenarios (outputs pinned in tests/golden/compare-*.txt).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace jobaward {

namespace {

const std::string kScenarios = "examples/2020/scenarios/";
const std::string kThreeTop = kScenarios + "three-top.yaml";

nlohmann::json Json(const std::vector<std::string>& args) {
  const test::CliResult r = test::RunCli(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return nlohmann::json::parse(r.out);
}

// The number of awards of `category` in award's JSON (its row of counts_totals).
int CategoryCount(const nlohmann::json& award, const std::string& category) {
  for (const auto& total : award["counts_totals"]) {
    if (total["category"] == category) return total["count"].get<int>();
  }
  FAIL("no counts_totals row for " << category);
  return -1;
}

}  // namespace

TEST_SUITE("cli scenarios") {
  TEST_CASE(
      "award --scenario: three 최우수상 per cohort give 7 more 공시제 awards and 2 fewer 우수사업 "
      "ones, as --set does") {
    const auto base = Json({"award", "--format", "json"});
    const auto file = Json({"award", "--format", "json", "--scenario", kThreeTop});
    const auto set =
        Json({"award", "--format", "json", "--set", "2020-disclosure.awards.levels.top.count=3"});
    CHECK_EQ(CategoryCount(file, "disclosure"), CategoryCount(base, "disclosure") + 7);
    // The cross-category rule (no 우수사업 award for a 공시제 최우수상 holder) then bars the new
    // 최우수상 of 가 and 나 from their 우수사업 우수상, and no other advanced government of those
    // cohorts is left to take it: 2 fewer 우수사업 awards, 160M KRW less.
    CHECK_EQ(CategoryCount(file, "best_program"), CategoryCount(base, "best_program") - 2);
    CHECK_EQ(file["awards"], set["awards"]);
    // Provenance: the file (hashed), its id and every override.
    const auto& p = file["provenance"];
    CHECK_EQ(p["settings"]["scenario"], "three-top");
    CHECK_EQ(p["settings"]["set 2020-disclosure.awards.levels.top.count"], "3");
    bool hashed = false;
    for (const auto& input : p["inputs"]) hashed = hashed || input["role"] == "scenario";
    CHECK(hashed);
    CHECK_EQ(set["provenance"]["settings"]["set 2020-disclosure.awards.levels.top.count"], "3");
  }

  TEST_CASE(
      "the scenario's base replaces the default inputs; a flag for the same input is refused") {
    const auto merged =
        Json({"award", "--format", "json", "--scenario", kScenarios + "districts-merged.yaml"});
    bool rules = false;
    for (const auto& input : merged["provenance"]["inputs"]) {
      rules = rules || (input["role"] == "rules" && input["path"].get<std::string>().ends_with(
                                                        "cohorts-districts-merged.yaml"));
    }
    CHECK(rules);
    // One cohort fewer: 2 최우수상 + 5 우수상 fewer in 공시제, 1 + 1 in 우수사업.
    const auto base = Json({"award", "--format", "json"});
    CHECK_EQ(merged["award_count"].get<int>(), base["award_count"].get<int>() - 9);

    const auto both = test::RunCli({"award", "--scenario", kScenarios + "districts-merged.yaml",
                                    "--rules", "cohorts/2020.yaml"});
    CHECK_EQ(both.exit_code, 2);
    CHECK(both.err.find("--rules and base.rules of the scenario") != std::string::npos);
  }

  TEST_CASE("a bad override is an input error naming where it was given") {
    const auto typo = test::RunCli({"award", "--set", "2020-disclosure.awards.levels.top.cuont=3"});
    CHECK_EQ(typo.exit_code, 1);
    CHECK(typo.err.find("--set: 2020-disclosure.awards.levels.top.cuont: unknown key "
                        "'2020-disclosure.awards.levels.top.cuont', did you mean "
                        "'2020-disclosure.awards.levels.top.count'?") != std::string::npos);
    const auto no_value = test::RunCli({"award", "--set", "2020-disclosure.total_points"});
    CHECK_EQ(no_value.exit_code, 1);
    // A rubric not in use is unknown too.
    const auto other = test::RunCli({"award", "--rubric", "rubrics/2020-disclosure.yaml", "--set",
                                     "2020-best-program.total_points=100"});
    CHECK_EQ(other.exit_code, 1);
  }

  TEST_CASE("every award-level command takes --scenario") {
    const std::string s = kScenarios + "top-40-percent.yaml";
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"score", "--format", "csv", "--scenario", s},
             {"explain", "11530", "--scenario", s},
             {"simulate", "--draws", "64", "--confidence-draws", "8", "--format", "csv",
              "--scenario", s},
             {"sensitivity", "tornado", "--format", "csv", "--rubric",
              "rubrics/2020-disclosure.yaml", "--scenario", s},
         }) {
      CAPTURE(args[0]);
      const test::CliResult r = test::RunCli(args);
      CHECK_MESSAGE(r.exit_code == 0, r.err);
    }
  }

  TEST_CASE("compare: a scenario with itself shows no change") {
    const auto j = Json({"compare", kThreeTop, kThreeTop, "--format", "json"});
    CHECK_EQ(j["awards_moved"], 0);
    CHECK_EQ(j["governments_affected"], 0);
    CHECK(j["award_changes"].empty());
    CHECK(j["movers"].empty());
  }

  TEST_CASE(
      "compare default three-top: 7 more 공시제 awards, and the 2 우수사업 awards lost to the "
      "cross-category rule are named") {
    const auto j = Json({"compare", "default", kThreeTop, "--format", "json"});
    for (const auto& t : j["totals"]) {
      CAPTURE(t["category"]);
      if (t["category"] == "best_program") {
        CHECK_EQ(t["awards_moved"], 2);
        CHECK_EQ(t["lost"], 2);
        CHECK_EQ(t["gained"], 0);
      }
      if (t["category"] == "disclosure") {
        CHECK_EQ(t["awards_after"].get<int>() - t["awards_before"].get<int>(), 0 + 7);
        CHECK_EQ(t["gained"].get<int>() - t["lost"].get<int>(), 7);
      }
    }
    // --set on ALT gives the same comparison as the file.
    const auto set = Json({"compare", "default", "default", "--format", "json", "--set",
                           "2020-disclosure.awards.levels.top.count=3"});
    CHECK_EQ(set["award_changes"], j["award_changes"]);
    CHECK_EQ(set["totals"], j["totals"]);
  }

  TEST_CASE("compare default with each bundled scenario is pinned") {
    for (const char* id :
         {"outcome-60", "three-top", "top-40-percent", "districts-merged", "district-cut-45"}) {
      CAPTURE(id);
      const test::CliResult r = test::RunCli({"compare", "default", kScenarios + id + ".yaml"});
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      CHECK(test::MatchesGolden(std::string("compare-") + id + ".txt", r.out));
    }
  }
}

}  // namespace jobaward
