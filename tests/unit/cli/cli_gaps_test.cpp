// `jobaward gaps` and `jobaward explain CODE --to-next` end to end on the bundled 2020 data: the
// Korean table, the long CSV (one row per government, input and goal), the JSON beside explain,
// the same bytes for any --threads, and clear usage errors. The numbers themselves are pinned
// by the hand-computed cases of gaps_test.cpp (the bundled reports are recalibrated from time to
// time).
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"

namespace jobaward {

using test::RunCli;

namespace {
int Lines(const std::string& s) {
  int n = 0;
  for (const char c : s) n += c == '\n' ? 1 : 0;
  return n;
}
}  // namespace

TEST_SUITE("cli_gaps") {
  TEST_CASE("gaps for one cohort: a Korean table of every government's inputs and goals") {
    const auto r = RunCli({"gaps", "--cohort", "가", "--category", "disclosure"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    for (const char* label :
         {"평가군", "윗순위", "입력", "현재값", "윗순위 추월", "2차 진출", "다음 상",
          "두 입력을 함께 바꾸는 경우는 다루지 않음", "일자리 목표 달성률"}) {
      CHECK_MESSAGE(r.out.find(label) != std::string::npos, label);
    }
    CHECK(r.out.find("일자리 우수사업") == std::string::npos);  // --category disclosure
  }

  TEST_CASE(
      "the cross-category rule holds: a 공시제 national prize holder gets no 우수사업 award, and "
      "gaps says its better award is barred, not a matter of its inputs") {
    // 부산광역시 holds the 공시제 종합대상 and ranks first in its 우수사업 cohort (the bundled
    // calibration, pinned by `jobaward check`).
    const auto award = RunCli({"award", "--format", "json"});
    REQUIRE_MESSAGE(award.exit_code == 0, award.err);
    const auto gaps =
        RunCli({"gaps", "--cohort", "가", "--category", "best_program", "--format", "json"});
    REQUIRE_MESSAGE(gaps.exit_code == 0, gaps.err);
    const nlohmann::json awards = nlohmann::json::parse(award.out);
    const nlohmann::json answers = nlohmann::json::parse(gaps.out);
    bool busan_disclosure = false;
    for (const auto& a : awards["awards"]) {
      if (a["code"] == "26000") {
        CHECK_EQ(a["category"], "disclosure");
        busan_disclosure = true;
      }
    }
    REQUIRE(busan_disclosure);
    bool seen = false;
    for (const auto& g : answers["categories"][0]["governments"]) {
      if (g["code"] != "26000") continue;
      seen = true;
      CHECK_EQ(g["now"]["award"], "");
      for (const auto& lever : g["levers"]) {
        CHECK_EQ(lever["answers"]["better_award"]["status"], "not_reachable");
        CHECK_EQ(lever["answers"]["better_award"]["limit"], "barred");
      }
    }
    CHECK(seen);
  }

  TEST_CASE("the CSV has one row per government, input and goal, the same for any --threads") {
    const auto one = RunCli({"gaps", "--cohort", "ga", "--format", "csv", "--threads", "1"});
    const auto two = RunCli({"gaps", "--cohort", "ga", "--format", "csv", "--threads", "2"});
    REQUIRE_MESSAGE(one.exit_code == 0, one.err);
    REQUIRE_EQ(two.exit_code, 0);
    CHECK_EQ(one.out, two.out);
    // 12 inputs x 3 goals per government in 공시제 (10 indicators, a bonus and a penalty item),
    // 5 x 3 in 우수사업.
    std::map<std::string, int> rows;
    std::size_t start = one.out.find('\n') + 1;
    while (start < one.out.size()) {
      const std::size_t end = one.out.find('\n', start);
      const std::string line = one.out.substr(start, end - start);
      const std::size_t first = line.find(',');
      const std::size_t third = line.find(',', line.find(',', first + 1) + 1);
      ++rows[line.substr(0, first) + " " + line.substr(third + 1, 5)];
      start = end + 1;
    }
    REQUIRE(rows.size() >= 2U);
    for (const auto& [key, n] : rows) {
      CAPTURE(key);
      CHECK_EQ(n, key.rfind("disclosure", 0) == 0 ? 36 : 15);
    }
    CHECK(one.out.find(",pass_above,") != std::string::npos);
    CHECK(one.out.find(",better_award,") != std::string::npos);
  }

  TEST_CASE("explain --to-next adds what it takes to each category, in the table and the JSON") {
    const auto r = RunCli({"explain", "11530", "--to-next"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(r.out.find("무엇이 필요한가") != std::string::npos);
    CHECK(r.out.find("윗순위 = ") != std::string::npos);
    const auto j = RunCli({"explain", "11530", "--to-next", "--format", "json"});
    REQUIRE_EQ(j.exit_code, 0);
    const auto doc = nlohmann::json::parse(j.out);
    // to_next: nested as `jobaward gaps` nests it, one item per category with this one
    // government, its inputs (12 in 공시제, 5 in 우수사업) and each goal's answer.
    std::map<std::string, std::size_t> levers;
    for (const auto& category : doc["to_next"]) {
      REQUIRE_EQ(category["governments"].size(), 1U);
      const auto& g = category["governments"][0];
      CHECK_EQ(g["code"], "11530");
      CHECK(g["now"]["rank"].is_number_integer());
      for (const auto& lever : g["levers"]) CHECK_EQ(lever["answers"].size(), 3U);
      levers[category["category"].get<std::string>()] = g["levers"].size();
    }
    CHECK_EQ(levers, std::map<std::string, std::size_t>{{"best_program", 5}, {"disclosure", 12}});
    // to_next_overview: the terminal's view, one row per category and input.
    CHECK_EQ(doc["to_next_overview"].size(), 12U + 5U);
    // Without --to-next the JSON has neither.
    const auto plain = nlohmann::json::parse(RunCli({"explain", "11530", "--format", "json"}).out);
    CHECK_FALSE(plain.contains("to_next"));
    CHECK_FALSE(plain.contains("to_next_overview"));
  }

  TEST_CASE("gaps and explain --to-next give the same rows: explain's JSON is gaps' for it") {
    // 11530 구로구 is in 바 in both categories.
    const auto gaps = RunCli({"gaps", "--cohort", "바", "--format", "json"});
    const auto explain = RunCli({"explain", "11530", "--to-next", "--format", "json"});
    REQUIRE_MESSAGE(gaps.exit_code == 0, gaps.err);
    REQUIRE_MESSAGE(explain.exit_code == 0, explain.err);
    const auto all = nlohmann::json::parse(gaps.out);
    const auto one = nlohmann::json::parse(explain.out);
    int compared = 0;
    for (const auto& category : one["to_next"]) {
      for (const auto& c : all["categories"]) {
        if (c["category"] != category["category"]) continue;
        CHECK_EQ(c["rubric"], category["rubric"]);
        for (const auto& g : c["governments"]) {
          if (g["code"] != "11530") continue;
          CHECK_EQ(g, category["governments"][0]);
          ++compared;
        }
      }
    }
    CHECK_EQ(compared, 2);
  }

  TEST_CASE("values are typed by the input's unit, in the CSV and the JSON") {
    // 사: among others the six districts named 중구.
    const auto r =
        RunCli({"gaps", "--cohort", "사", "--category", "disclosure", "--format", "json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto doc = nlohmann::json::parse(r.out);
    std::map<std::string, int> seen;
    int parented = 0;
    for (const auto& c : doc["categories"]) {
      for (const auto& g : c["governments"]) {
        // A shared name carries its parent ("서울 중구"), as in every output.
        CHECK(g["name_ko"].get<std::string>() != "중구");
        parented += g["name_ko"].get<std::string>().ends_with(" 중구") ? 1 : 0;
        for (const auto& lever : g["levers"]) {
          const std::string unit = lever["unit"];
          const auto& b = lever["baseline"];
          if (b.is_null()) continue;
          ++seen[unit];
          if (unit == "count") CHECK(b.is_number_integer());
          if (unit == "grade") CHECK(b.is_string());
          if (unit == "boolean") CHECK(b.is_boolean());
          if (unit == "number" || unit == "score_shift") CHECK(b.is_number());
        }
      }
    }
    CHECK(seen.size() >= 3U);
    CHECK_EQ(parented, 6);
  }

  TEST_CASE("explain --to-next --format csv is the gaps CSV of that government") {
    const auto r = RunCli({"explain", "11530", "--to-next", "--format", "csv"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK_EQ(Lines(r.out), 1 + (12 + 5) * 3);
    CHECK_EQ(r.out.substr(0, 9), "category,");
    // The columns of `jobaward gaps --format csv`, whose banner counts the run's synthetic
    // reports, then the banner of explain, which says whether this one report is.
    const auto gaps = RunCli({"gaps", "--cohort", "ga", "--format", "csv"});
    REQUIRE_EQ(gaps.exit_code, 0);
    const std::string gaps_header = gaps.out.substr(0, gaps.out.find('\n'));
    REQUIRE(gaps_header.ends_with(",synthetic_reports"));
    CHECK_EQ(r.out.substr(0, r.out.find('\n')),
             gaps_header.substr(0, gaps_header.size() - 18) + ",synthetic_report");
  }

  TEST_CASE("usage errors: an unknown cohort (with a suggestion), xlsx without --out") {
    const auto cohort = RunCli({"gaps", "--cohort", "gaa"});
    CHECK_EQ(cohort.exit_code, 2);
    CHECK(cohort.err.find("--cohort: no cohort 'gaa', did you mean 'ga'?") != std::string::npos);
    const auto xlsx = RunCli({"gaps", "--format", "xlsx"});
    CHECK_EQ(xlsx.exit_code, 2);
    const auto threads = RunCli({"gaps", "--threads", "0"});
    CHECK_EQ(threads.exit_code, 2);
    const auto help = RunCli({"gaps", "--help"});
    CHECK_EQ(help.exit_code, 0);
    CHECK(help.out.find("examples:") != std::string::npos);
  }
}

}  // namespace jobaward
