// `jobaward cohorts` end to end on the bundled 2020 rules and registry: the assignment, the diff
// and the explanation as typed results (cohorts_result.hpp) in every format.
#include <doctest/doctest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "xlsx_read.hpp"

namespace jobaward {
namespace {

using test::MatchesGolden;
using test::RunCli;

}  // namespace

TEST_SUITE("cli_cohorts") {
  TEST_CASE("jobaward cohorts prints every government's cohort and the cohort sizes (golden)") {
    const auto r = RunCli({"cohorts"});
    CHECK_EQ(r.err, "");
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(MatchesGolden("cohorts-2020.txt", r.out));
    CHECK_EQ(r.out.rfind("2020년 평가군 배정\n평가군 규칙: cohorts/2020.yaml\n", 0), 0);
    CHECK_NE(r.out.find("11530  구로구"), std::string::npos);
    // A shared name carries its province, as in every other output.
    CHECK_NE(r.out.find("31140  울산 남구"), std::string::npos);
    CHECK_NE(r.out.find("\n계 "), std::string::npos);
    CHECK_NE(r.out.find("district_split"), std::string::npos);
  }

  TEST_CASE("csv output has one row per government with its cohort letter and id") {
    const auto r = RunCli({"cohorts", "--format", "csv"});
    REQUIRE_EQ(r.exit_code, 0);
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);
    CHECK_EQ(line,
             "code,name_ko,name_en,level,level_ko,type,type_ko,population,workers,"
             "workers_estimated,cohort,cohort_id");
    int rows = 0;
    std::map<std::string, int> per_cohort;
    while (std::getline(in, line)) {
      ++rows;
      per_cohort[line.substr(line.rfind(',') + 1)]++;
      if (line.rfind("11530,", 0) == 0) {
        CHECK_EQ(line, "11530,구로구,Guro-gu,basic,기초,district,구,393326,227500,false,바,ba");
      }
      if (line.rfind("31140,", 0) == 0)
        CHECK_EQ(line.rfind("31140,울산 남구,Ulsan Nam-gu,", 0), 0U);
    }
    CHECK_EQ(rows, 243);
    CHECK_EQ(per_cohort.size(), 7);
  }

  TEST_CASE("json output has the cohorts with their sizes and every government") {
    const auto r = RunCli({"cohorts", "--format", "json", "--set", "district_split=0.4"});
    REQUIRE_EQ(r.exit_code, 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["year"], 2020);
    CHECK_EQ(j["match"], "exactly_one");
    REQUIRE_EQ(j["parameters"].size(), 2);
    CHECK_EQ(j["parameters"][1]["name"], "district_split");
    CHECK_EQ(j["parameters"][1]["value"], 0.4);        // --set
    CHECK_EQ(j["parameters"][1]["rules_value"], 0.5);  // the file's
    REQUIRE_EQ(j["cohorts"].size(), 7);
    std::size_t total = 0;
    for (const auto& c : j["cohorts"]) total += c["governments"].get<std::size_t>();
    CHECK_EQ(total, 243);
    CHECK_EQ(j["cohorts_totals"][0]["governments"], 243);
    CHECK_EQ(j["cohorts"][5]["cohort"], "바");
    CHECK_EQ(j["cohorts"][5]["cohort_id"], "ba");
    CHECK_EQ(j["cohorts"][5]["governments"], 41);
    REQUIRE_EQ(j["governments"].size(), 243);
    nlohmann::json sejong;
    for (const auto& g : j["governments"]) {
      if (g["code"] == "36000") sejong = g;
    }
    CHECK_EQ(sejong["type_ko"], "특별자치시");
    CHECK_EQ(sejong["workers_estimated"], true);
    CHECK_EQ(sejong["cohort"], "가");
  }

  TEST_CASE("--format xlsx writes the governments, cohort sizes and parameters as typed sheets") {
    const test::TempDir dir;
    const std::string file = (dir.path() / "cohorts.xlsx").string();
    const auto r = RunCli({"cohorts", "--format", "xlsx", "--out", file});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const test::Xlsx x = test::ReadXlsx(file);
    CHECK_EQ(x.sheet_names, std::vector<std::string>{"자치단체별 평가군", "평가군 크기", "매개변수",
                                                     "요약", "출처"});
    const auto& governments = x.sheets.at(0);
    // Row 1 the header; 11530 is the 18th government (row 19).
    CHECK_EQ(governments.at("A19").text, "11530");
    CHECK(governments.at("A19").is_string);  // a code is text, never a number
    CHECK_EQ(governments.at("H1").text, "인구 (명)");
    CHECK(!governments.at("H19").is_string);
    CHECK_EQ(governments.at("H19").text, "393326");
    CHECK(governments.at("J19").is_boolean);
    const auto& sizes = x.sheets.at(1);
    CHECK_EQ(sizes.at("E10").formula, "SUM($E$2:$E$8)");
    CHECK_EQ(sizes.at("E10").text, "243");
  }

  TEST_CASE("--explain 11530 shows every rule with its sub-expression values (golden)") {
    const auto r = RunCli({"cohorts", "--explain", "11530"});
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(MatchesGolden("cohorts-explain-11530.txt", r.out));
    CHECK_NE(r.out.find("\n평가군: 바\n"), std::string::npos);
    CHECK_NE(r.out.find("\n일치한 규칙 수: 1\n"), std::string::npos);
    CHECK_NE(r.out.find("규칙 바 (ba), cohorts/2020.yaml:"), std::string::npos);
    // The tree of sub-expressions: an operand two spaces in from its operator.
    CHECK_NE(r.out.find("\n  level == \"basic\""), std::string::npos);
  }

  TEST_CASE("--explain takes a name with its province and writes JSON and CSV") {
    const auto j = nlohmann::json::parse(
        RunCli({"cohorts", "--explain", "울산 남구", "--format", "json"}).out);
    CHECK_EQ(j["code"], "31140");
    CHECK_EQ(j["name_ko"], "울산 남구");
    CHECK_EQ(j["matches"], 1);
    REQUIRE_EQ(j["cohort_rules"].size(), 7);
    int matched = 0;
    for (const auto& rule : j["cohort_rules"]) matched += rule["matched"].get<bool>() ? 1 : 0;
    CHECK_EQ(matched, 1);
    // The root of every rule is evaluated, to a boolean; a short-circuited operand is null.
    bool any_null = false;
    for (const auto& e : j["expressions"]) {
      if (e["depth"] == 0) CHECK(e["value"].is_boolean());
      any_null = any_null || e["value"].is_null();
    }
    CHECK(any_null);
    const auto csv = RunCli({"cohorts", "--explain", "11530", "--format", "csv"});
    CHECK_EQ(csv.out.substr(0, csv.out.find('\n')), "cohort,cohort_id,name_en,matched,where");
    const auto shared = RunCli({"cohorts", "--explain", "남구"});
    CHECK_EQ(shared.exit_code, 1);
    CHECK_EQ(shared.err,
             "error: cohorts/governments-2020.csv: --explain: '남구' names 4 governments; give "
             "the code or the name with its province, one of: 26290 부산 남구, 27200 대구 남구, "
             "29155 광주 남구, 31140 울산 남구\n");
  }

  TEST_CASE("--diff lists governments whose cohort changes and the size changes (golden)") {
    const auto r = RunCli({"cohorts", "--diff", "tests/data/cohorts/by-population.yaml"});
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(MatchesGolden("cohorts-diff-by-population.txt", r.out));
  }

  TEST_CASE("--diff with --set shows what moving a cut-off changes") {
    const auto r = RunCli({"cohorts", "--diff", "cohorts/2020.yaml", "--set", "district_split=0.4",
                           "--format", "csv"});
    REQUIRE_EQ(r.exit_code, 0);
    CHECK_EQ(r.out,
             "code,name_ko,name_en,from,from_id,to,to_id\n"
             "11200,성동구,Seongdong-gu,사,sa,바,ba\n"
             "11305,강북구,Gangbuk-gu,사,sa,바,ba\n"
             "11545,금천구,Geumcheon-gu,사,sa,바,ba\n"
             "26380,사하구,Saha-gu,사,sa,바,ba\n"
             "29140,광주 서구,Gwangju Seo-gu,사,sa,바,ba\n");
    const auto j = nlohmann::json::parse(RunCli({"cohorts", "--diff", "cohorts/2020.yaml", "--set",
                                                 "district_split=0.4", "--format", "json"})
                                             .out);
    CHECK_EQ(j["changed"], 5);
    CHECK_EQ(j["sizes"][5]["cohort"], "바");
    CHECK_EQ(j["sizes"][5]["change"], 5);
    CHECK_EQ(j["sizes"][6]["change"], -5);
  }

  TEST_CASE("bad parameters, codes and rules are reported with the right exit code") {
    auto r = RunCli({"cohorts", "--set", "district_spilt=0.4"});
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.err,
             "error: cohorts/2020.yaml: parameters: unknown parameter 'district_spilt', did you "
             "mean 'district_split'?\n");
    r = RunCli({"cohorts", "--set", "district_split"});
    CHECK_EQ(r.exit_code, 2);
    CHECK_EQ(r.err,
             "jobaward cohorts: --set: expected NAME=NUMBER, got 'district_split'\n"
             "(run 'jobaward cohorts --help' for usage)\n");
    r = RunCli({"cohorts", "--explain", "11531"});
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.err,
             "error: cohorts/governments-2020.csv: --explain: no government with code or name "
             "'11531' in the registry, did you mean 11530?\n");
    r = RunCli({"cohorts", "--rules", "tests/data/cohorts/overlap.yaml"});
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.err.substr(0, r.err.find('\n')),
             "error: cohorts/governments-2020.csv:18: 11500 강서구 (Gangseo-gu) matches 2 cohort "
             "rules, 바 (ba) at tests/data/cohorts/overlap.yaml:7:59 and 사 (sa) at "
             "tests/data/cohorts/overlap.yaml:8:53; each government must match exactly one (or "
             "set 'match: first')");
    r = RunCli({"cohorts", "--format", "xml"});
    CHECK_EQ(r.exit_code, 2);
  }

  TEST_CASE("jobaward cohorts --help describes the options") {
    const auto r = RunCli({"cohorts", "--help"});
    CHECK_EQ(r.exit_code, 0);
    CHECK_EQ(r.out.rfind("usage: jobaward cohorts", 0), 0);
    CHECK_NE(r.out.find("--explain"), std::string::npos);
    CHECK_NE(r.out.find("--diff"), std::string::npos);
    CHECK_NE(r.out.find("--set"), std::string::npos);
  }
}

}  // namespace jobaward
