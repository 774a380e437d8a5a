// The scoring commands end to end: the 2020 award table and `explain 11530` are pinned by golden
// files (regenerate with JOBAWARD_UPDATE_GOLDEN=1 after a deliberate change), the totals match
// the real 2020 award, and batch scoring keeps the good reports when some are broken.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace jobaward {

using test::RunCli;

TEST_SUITE("cli_scoring") {
  TEST_CASE("award on the bundled 2020 data matches the golden table") {
    const auto r = RunCli({"award"});
    CHECK_EQ(r.exit_code, 0);
    CHECK_EQ(r.err, "");
    CHECK(test::MatchesGolden("award-2020.txt", r.out));
  }

  TEST_CASE("award reproduces the real 2020 totals: 58 공시제 + 15 우수사업 = 73 awards") {
    const auto r = RunCli({"award", "--format", "json"});
    REQUIRE_EQ(r.exit_code, 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["categories"]["disclosure"]["count"], 58);
    CHECK_EQ(j["categories"]["best_program"]["count"], 15);
    CHECK_EQ(j["total"]["count"], 73);
    // Real 2020 prize money per award: 부문대상 200M, 최우수상 100M, 특별상 80M.
    for (const auto& a : j["awards"]) {
      if (a["award"] == "division_metropolitan" || a["award"] == "division_basic") {
        CHECK_EQ(a["prize_money"], 200000000.0);
      }
      if (a["award"] == "top") CHECK_EQ(a["prize_money"], 100000000.0);
      if (a["award"] == "special") CHECK_EQ(a["prize_money"], 80000000.0);
    }
    int grand = 0;
    for (const auto& a : j["awards"]) grand += a["award"] == "grand" ? 1 : 0;
    CHECK_EQ(grand, 1);
    CHECK(j["unresolved_ties"].empty());
  }

  TEST_CASE("explain 11530 matches the golden explanation") {
    const auto r = RunCli({"explain", "11530"});
    CHECK_EQ(r.exit_code, 0);
    CHECK(test::MatchesGolden("explain-11530.txt", r.out));
  }

  TEST_CASE("explain of an unknown code is an input error with a suggestion") {
    const auto r = RunCli({"explain", "11531"});
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.err,
             "error: cohorts/governments-2020.csv: code: government '11531' is not in the "
             "registry, did you mean '11530'?\n");
  }

  TEST_CASE("score scores every good report and lists each broken one with file, line and key") {
    const auto r = RunCli({"score", "--reports", "tests/data/rubrics/batch", "--format", "json"});
    CHECK_EQ(r.exit_code, 3);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["scored"], 3);
    CHECK_EQ(j["categories"][0]["governments"].size(), 3U);
    CHECK_EQ(r.err,
             "rejected: tests/data/rubrics/batch/11440.yaml\n"
             "  error: tests/data/rubrics/batch/11440.yaml:9:17: fields.jobs_created: expected a "
             "count (a whole number >= 0), got the string \"many\"\n"
             "rejected: tests/data/rubrics/batch/11500.yaml\n"
             "  error: tests/data/rubrics/batch/11500.yaml:19:3: fields.governence: unknown key "
             "'governence', did you mean 'governance'?\n"
             "2 report(s) rejected, 3 scored\n");
  }

  TEST_CASE("score on the bundled data prints every government for both categories") {
    const auto r = RunCli({"score", "--format", "csv"});
    CHECK_EQ(r.exit_code, 0);
    std::size_t lines = 0;
    for (char c : r.out) lines += c == '\n' ? 1 : 0;
    CHECK_EQ(lines, 1 + 2 * 243);
  }
}

}  // namespace jobaward
