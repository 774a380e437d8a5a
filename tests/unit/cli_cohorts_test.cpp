// `jobaward cohorts` end to end on the bundled 2020 rules and registry
// (engine/cli/cmd_cohorts.cpp).
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_support.hpp"

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
    CHECK_NE(r.out.find("11530  구로구"), std::string::npos);
    CHECK_NE(r.out.find("total                                                243"),
             std::string::npos);
  }

  TEST_CASE("csv output has one row per government with its cohort letter and id") {
    const auto r = RunCli({"cohorts", "--format", "csv"});
    REQUIRE_EQ(r.exit_code, 0);
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);
    CHECK_EQ(line, "code,name_ko,name_en,level,type,population,workers,cohort,cohort_id");
    int rows = 0;
    std::map<std::string, int> per_cohort;
    while (std::getline(in, line)) {
      ++rows;
      per_cohort[line.substr(line.rfind(',') + 1)]++;
      if (line.rfind("11530,", 0) == 0) CHECK_EQ(line.substr(line.size() - 6), "바,ba");
    }
    CHECK_EQ(rows, 243);
    CHECK_EQ(per_cohort.size(), 7);
  }

  TEST_CASE("json output has the cohorts with their sizes and every government") {
    const auto r = RunCli({"cohorts", "--format", "json", "--set", "district_split=0.4"});
    REQUIRE_EQ(r.exit_code, 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["year"], 2020);
    CHECK_EQ(j["parameters"]["district_split"], 0.4);
    REQUIRE_EQ(j["cohorts"].size(), 7);
    std::size_t total = 0;
    for (const auto& c : j["cohorts"]) total += c["size"].get<std::size_t>();
    CHECK_EQ(total, 243);
    CHECK_EQ(j["cohorts"][5]["letter"], "바");
    CHECK_EQ(j["cohorts"][5]["size"], 41);
    CHECK_EQ(j["governments"].size(), 243);
  }

  TEST_CASE("--explain 11530 shows every rule with its sub-expression values (golden)") {
    const auto r = RunCli({"cohorts", "--explain", "11530"});
    REQUIRE_EQ(r.exit_code, 0);
    CHECK(MatchesGolden("cohorts-explain-11530.txt", r.out));
    CHECK_NE(r.out.find("cohort: 바 (ba) Large autonomous districts\n"), std::string::npos);
    CHECK_NE(r.out.find("rule 바 (ba) at cohorts/2020.yaml:"), std::string::npos);
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
             "code,name_ko,name_en,from,to\n"
             "11200,성동구,Seongdong-gu,사,바\n"
             "11305,강북구,Gangbuk-gu,사,바\n"
             "11545,금천구,Geumcheon-gu,사,바\n"
             "26380,사하구,Saha-gu,사,바\n"
             "29140,서구,Seo-gu,사,바\n");
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
