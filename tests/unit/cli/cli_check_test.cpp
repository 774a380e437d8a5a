// `jobaward check`: the bundled 2020 model reproduces every published 2020 fact (exit 0), a facts
// file with one wrong winner fails with exit 5 and names that fact, and the outputs say that the
// reports behind them are synthetic.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jobaward/io/csv.hpp"
#include "test_support.hpp"

namespace jobaward {

using test::RunCli;

namespace {

// The bundled facts with one replacement, written to a temporary file.
std::string FactsWith(const std::string& from, const std::string& to, const std::string& name) {
  std::string text = test::Slurp(test::SourcePath("examples/2020/published.yaml"));
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  const auto path = std::filesystem::temp_directory_path() /
                    ("jobaward-check-" + name + "-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << text;
  return path.string();
}

}  // namespace

TEST_SUITE("cli_check") {
  TEST_CASE("the bundled 2020 model reproduces every published 2020 fact: exit 0") {
    const auto r =
        RunCli({"check", "--published", "examples/2020/published.yaml", "--format", "json"});
    CHECK_EQ(r.err, "");
    REQUIRE_EQ(r.exit_code, 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["total"], 21);
    CHECK_EQ(j["matched"], 21);
    CHECK(j["all_match"].get<bool>());
    for (const auto& f : j["facts"]) CHECK_MESSAGE(f["match"].get<bool>(), f.dump());
    // Every report of the bundled example is synthetic, and the output says so.
    CHECK_EQ(j["provenance"]["reports"]["count"], 243);
    CHECK_EQ(j["provenance"]["reports"]["synthetic"], 243);
  }

  TEST_CASE("check --scenario measures a rule change against the published facts") {
    // Three 최우수상 per cohort: 7 more 공시제 awards, 2 fewer 우수사업 ones (the cross-category
    // rule), so exactly the four count facts fail; the winners still hold.
    const auto r = RunCli(
        {"check", "--scenario", "examples/2020/scenarios/three-top.yaml", "--format", "json"});
    REQUIRE_EQ(r.exit_code, 5);
    const auto j = nlohmann::json::parse(r.out);
    std::vector<std::string> failed;
    for (const auto& f : j["facts"]) {
      if (!f["match"].get<bool>()) failed.push_back(f["id"].get<std::string>());
    }
    CHECK_EQ(failed, std::vector<std::string>{"awards-total", "awards-disclosure",
                                              "awards-best-program", "awarded-governments"});
    CHECK_EQ(j["provenance"]["settings"]["scenario"], "three-top");
  }

  TEST_CASE("the table says 21 of 21, in Korean, and that the figures are synthetic") {
    const auto r = RunCli({"check"});  // The bundled facts are the default.
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(r.out.rfind("※ 합성 자료: 보고서 243건 중 243건이 합성(가상) 수치입니다", 0) == 0);
    CHECK(r.out.find("연도: 2020\n") != std::string::npos);  // a year, not "2,020"
    CHECK(r.out.find("공표 사실 21개 중 21개가 일치합니다.") != std::string::npos);
    CHECK(r.out.find("아니오") == std::string::npos);
    CHECK(r.out.find("match") == std::string::npos);  // no English sentence
  }

  TEST_CASE("the JSON of an unmet fact and the workbook carry the same typed facts") {
    const std::string facts = FactsWith("government: \"26000\"\n    name_ko: 부산광역시",
                                        "government: \"11000\"\n    name_ko: 서울특별시", "json");
    const auto r = RunCli({"check", "--published", facts, "--format", "json"});
    CHECK_EQ(r.exit_code, 5);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["matched"], 20);
    CHECK_EQ(j["total"], 21);
    CHECK_FALSE(j["all_match"].get<bool>());
    CHECK_EQ(j["year"], 2020);
    CHECK_EQ(j["banners"][0]["id"], "synthetic_reports");
    CHECK(j["facts"][0]["where"].get<std::string>().find(":") != std::string::npos);
    const test::TempDir out;
    const auto xlsx = (out.path() / "check.xlsx").string();
    const auto w = RunCli({"check", "--published", facts, "--format", "xlsx", "--out", xlsx});
    CHECK_EQ(w.exit_code, 5);
    CHECK(std::filesystem::file_size(xlsx) > 0U);
    std::filesystem::remove(facts);
  }

  TEST_CASE("one wrong winner fails with exit 5 and names that fact") {
    // 종합대상 to 서울 (11000) instead of 부산 (26000).
    const std::string facts = FactsWith("government: \"26000\"\n    name_ko: 부산광역시",
                                        "government: \"11000\"\n    name_ko: 서울특별시", "wrong");
    const auto r = RunCli({"check", "--published", facts, "--format", "csv"});
    CHECK_EQ(r.exit_code, 5);
    const CsvTable csv = ParseCsv(r.out, "check.csv");
    REQUIRE_EQ(csv.header[5], "match");
    std::vector<std::vector<std::string>> unmet;
    for (const auto& row : csv.rows) {
      if (row.fields[5] == "false") unmet.push_back(row.fields);
    }
    REQUIRE_EQ(unmet.size(), 1U);
    CHECK_EQ(unmet[0][0], "grand-busan");
    CHECK_EQ(unmet[0][3], "11000 서울특별시");  // published (as edited)
    CHECK(unmet[0][4].find("종합대상: 26000 부산광역시") != std::string::npos);  // who has it
    CHECK_EQ(csv.header.back(), "synthetic_reports");
    std::filesystem::remove(facts);
  }

  TEST_CASE("a facts file naming an award the rubric lacks is an input error with a suggestion") {
    const std::string facts = FactsWith("award: division_basic\n    government",
                                        "award: divison_basic\n    government", "typo");
    const auto r = RunCli({"check", "--published", facts});
    CHECK_EQ(r.exit_code, 1);
    CHECK(r.err.find("facts.division-basic-gwangyang.award: category 'disclosure' "
                     "(2020-disclosure): unknown award 'divison_basic', did you mean "
                     "'division_basic'?") != std::string::npos);
    std::filesystem::remove(facts);
  }
}

}  // namespace jobaward
