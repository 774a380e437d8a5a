// The scoring commands end to end: the 2020 award table and `explain 11530` are pinned by golden
// files (regenerate with JOBAWARD_UPDATE_GOLDEN=1 after a deliberate change), the totals match
// the real 2020 award, and batch scoring keeps the good reports when some are broken.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "jobaward/render/text_table.hpp"
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
    // counts_totals: one row per category (within the category), then the overall total.
    REQUIRE_EQ(j["counts_totals"].size(), 3U);
    CHECK_EQ(j["counts_totals"][0]["category"], "disclosure");
    CHECK_EQ(j["counts_totals"][0]["count"], 58);
    CHECK_EQ(j["counts_totals"][1]["category"], "best_program");
    CHECK_EQ(j["counts_totals"][1]["count"], 15);
    CHECK(j["counts_totals"][2]["category"].is_null());
    CHECK_EQ(j["counts_totals"][2]["count"], 73);
    CHECK_EQ(j["award_count"], 73);
    // Real 2020 prize money per award: 부문대상 200M, 최우수상 100M, 특별상 80M.
    for (const auto& a : j["awards"]) {
      if (a["award"] == "division_metropolitan" || a["award"] == "division_basic") {
        CHECK_EQ(a["prize_money_krw"], 200000000);
      }
      if (a["award"] == "top") CHECK_EQ(a["prize_money_krw"], 100000000);
      if (a["award"] == "special") CHECK_EQ(a["prize_money_krw"], 80000000);
    }
    int grand = 0;
    for (const auto& a : j["awards"]) grand += a["award"] == "grand" ? 1 : 0;
    CHECK_EQ(grand, 1);
    CHECK(j["ties"].empty());
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
             "error: cohorts/governments-2020.csv: code: no government with code or name '11531' "
             "in the registry, did you mean 11530?\n");
  }

  TEST_CASE("explain takes a unique name; a shared name lists the governments it may mean") {
    const auto by_name = RunCli({"explain", "구로구", "--format", "json"});
    REQUIRE_MESSAGE(by_name.exit_code == 0, by_name.err);
    const auto by_code = RunCli({"explain", "11530", "--format", "json"});
    const auto a = nlohmann::json::parse(by_name.out);
    const auto b = nlohmann::json::parse(by_code.out);
    CHECK_EQ(a["summary"], b["summary"]);
    CHECK_EQ(a["summary"][0]["name_ko"], "구로구");
    CHECK_EQ(nlohmann::json::parse(
                 RunCli({"explain", "울산 남구", "--format", "json"}).out)["summary"][0]["code"],
             "31140");
    const auto shared = RunCli({"explain", "남구"});
    CHECK_EQ(shared.exit_code, 1);
    CHECK_EQ(shared.err,
             "error: cohorts/governments-2020.csv: code: '남구' names 4 governments; give the code "
             "or the name with its province, one of: 26290 부산 남구, 27200 대구 남구, 29155 광주 "
             "남구, 31140 울산 남구\n");
  }

  TEST_CASE("score scores every good report and lists each broken one with file, line and key") {
    const auto r = RunCli({"score", "--reports", "tests/data/rubrics/batch", "--format", "json"});
    CHECK_EQ(r.exit_code, 3);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["scored_reports"], 3);
    CHECK_EQ(j["rejected_reports"], 2);
    CHECK_EQ(j["scores"].size(), 2 * 3U);  // two categories
    CHECK_EQ(j["rejected"].size(), 2U);
    CHECK_EQ(r.err,
             "rejected: tests/data/rubrics/batch/11440.yaml\n"
             "  error: tests/data/rubrics/batch/11440.yaml:9:17: fields.jobs_created: expected a "
             "count (a whole number >= 0), got the string \"many\"\n"
             "rejected: tests/data/rubrics/batch/11500.yaml\n"
             "  error: tests/data/rubrics/batch/11500.yaml:19:3: fields.governence: unknown key "
             "'governence', did you mean 'governance'?\n"
             "2 report(s) rejected, 3 scored\n");
  }

  TEST_CASE("a bounded list of rejected rows counts the rows its last line sums up, not the line") {
    // 60 bad rows, 120 problems: 50 rows are listed (100 problems), the last entry sums up the
    // other 10 rows; 51 entries, 60 reports rejected.
    const auto r = RunCli({"score", "--reports-csv", "tests/errors/report-csv/many-bad-rows.csv",
                           "--format", "json"});
    CHECK_EQ(r.exit_code, 3);
    CHECK_NE(r.err.find("; 10 more rows are rejected\n60 report(s) rejected, 0 scored\n"),
             std::string::npos);
    CHECK_EQ(nlohmann::json::parse(r.out)["rejected_reports"], 60);
  }

  TEST_CASE("an indicator id that is also a score column is an input error at the indicator") {
    std::string rubric = test::Slurp(test::SourcePath("rubrics/2020-disclosure.yaml"));
    const std::size_t at = rubric.find("  - id: plan_review\n");
    REQUIRE_NE(at, std::string::npos);
    rubric.replace(at, 19, "  - id: rank");
    const test::TempDir dir;
    const std::string path = (dir.path() / "rank-indicator.yaml").string();
    std::ofstream(path) << rubric;
    const auto r = RunCli({"score", "--rubric", path, "--format", "csv"});
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.out, "");
    CHECK_EQ(r.err, "error: " + path +
                        ":76:5: indicators.id: indicator id 'rank' is also a column of the score "
                        "table (CSV header, JSON key); rename it\n");
  }

  TEST_CASE("score --category shows one category; the text table fits a terminal") {
    const auto r = RunCli({"score", "--category", "best_program"});
    REQUIRE_EQ(r.exit_code, 0);
    CHECK_NE(r.out.find("일자리 우수사업 — 점수 (지표별)"), std::string::npos);
    CHECK_EQ(r.out.find("지역일자리 목표공시제"), std::string::npos);
    CHECK_NE(r.out.find("창의성·확산성"), std::string::npos);  // Korean indicator names
    const auto all = RunCli({"score"});
    std::size_t widest = 0;
    std::size_t start = 0;
    while (start < all.out.size()) {
      const std::size_t end = all.out.find('\n', start);
      widest = std::max(widest, DisplayWidth(all.out.substr(start, end - start)));
      start = end + 1;
    }
    CHECK_LE(widest, 132U);
    const auto bad = RunCli({"score", "--category", "disclosur"});
    CHECK_EQ(bad.exit_code, 2);
    CHECK_EQ(bad.err.substr(0, bad.err.find('\n')),
             "jobaward score: --category: unknown category 'disclosur', did you mean "
             "'disclosure'?");
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
