// Every output computed from synthetic reports says so, with the count of synthetic reports, and
// outputs computed from submitted (real) reports say nothing (issue 12; examples/README.md, "What
// is real and what is synthetic"): the terminal table's first line, the `synthetic_reports` CSV
// column, `provenance.reports` in JSON, explain's note and the HTML report's banner. The count
// comes from each report's own `synthetic:` flag, so the cases below use small directories of
// bundled reports, some of them rewritten as submitted reports.
#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jobaward/io/csv.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

using test::RunCli;

// A bundled report as it would be if the government had submitted it: `synthetic: false`, and
// without the generator's "# SYNTHETIC REPORT" header comment.
std::string AsSubmitted(const std::string& code) {
  const std::string text = test::Slurp(test::SourcePath("examples/2020/reports/" + code + ".yaml"));
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string line = text.substr(at, end - at);
    at = end;
    if (line.rfind('#', 0) == 0) continue;
    if (line.rfind("synthetic: true", 0) == 0) line = "synthetic: false\n";
    out += line;
  }
  REQUIRE(out.find("synthetic: false\n") != std::string::npos);
  return out;
}

// A directory of reports: `submitted` rewritten as submitted, `synthetic` copied as bundled.
struct Reports {
  test::TempDir dir;
  Reports(const std::vector<std::string>& submitted, const std::vector<std::string>& synthetic) {
    for (const auto& code : submitted)
      test::WriteBytes(dir.path() / (code + ".yaml"), AsSubmitted(code));
    for (const auto& code : synthetic) {
      test::WriteBytes(dir.path() / (code + ".yaml"),
                       test::Slurp(test::SourcePath("examples/2020/reports/" + code + ".yaml")));
    }
  }
  [[nodiscard]] std::string path() const { return dir.path().string(); }
};

constexpr const char* kNotice = "※ 합성 자료: 보고서 ";

std::string LastHeader(const std::string& csv_text) {
  const CsvTable csv = ParseCsv(csv_text, "out.csv");
  REQUIRE_FALSE(csv.header.empty());
  return csv.header.back();
}

}  // namespace

TEST_SUITE("synthetic notice") {
  TEST_CASE("score on synthetic reports says so in the table, the CSV and the JSON") {
    const Reports reports({}, {"11530", "11110"});
    const auto table = RunCli({"score", "--reports", reports.path()});
    REQUIRE_MESSAGE(table.exit_code == 0, table.err);
    CHECK(table.out.rfind(std::string(kNotice) + "2건 중 2건이 합성(가상) 수치입니다", 0) == 0);

    const auto csv = RunCli({"score", "--reports", reports.path(), "--format", "csv"});
    REQUIRE_EQ(csv.exit_code, 0);
    CHECK_EQ(LastHeader(csv.out), "synthetic_reports");
    for (const auto& row : ParseCsv(csv.out, "out.csv").rows) CHECK_EQ(row.fields.back(), "2");

    const auto json = RunCli({"score", "--reports", reports.path(), "--format", "json"});
    REQUIRE_EQ(json.exit_code, 0);
    const auto j = nlohmann::json::parse(json.out);
    CHECK_EQ(j["provenance"]["reports"]["count"], 2);
    CHECK_EQ(j["provenance"]["reports"]["synthetic"], 2);
  }

  TEST_CASE("compare and gaps on synthetic reports say so in the table, the CSV and the JSON") {
    const Reports reports({}, {"11530", "11110"});
    const std::vector<std::vector<std::string>> commands = {
        {"compare", "default", test::SourcePath("examples/2020/scenarios/three-top.yaml")},
        {"gaps"}};
    for (std::vector<std::string> args : commands) {
      CAPTURE(args.front());
      args.insert(args.end(), {"--reports", reports.path()});
      const auto table = RunCli(args);
      REQUIRE_MESSAGE(table.exit_code == 0, table.err);
      CHECK(table.out.rfind(std::string(kNotice) + "2건 중 2건이 합성(가상) 수치입니다", 0) == 0);
      auto csv_args = args;
      csv_args.insert(csv_args.end(), {"--format", "csv"});
      const auto csv = RunCli(csv_args);
      REQUIRE_EQ(csv.exit_code, 0);
      CHECK_EQ(LastHeader(csv.out), "synthetic_reports");
      auto json_args = args;
      json_args.insert(json_args.end(), {"--format", "json"});
      const auto json = RunCli(json_args);
      REQUIRE_EQ(json.exit_code, 0);
      CHECK_EQ(nlohmann::json::parse(json.out)["provenance"]["reports"]["synthetic"], 2);
    }
  }

  TEST_CASE("a mix of submitted and synthetic reports counts only the synthetic ones") {
    const Reports reports({"11530"}, {"11110", "11140"});
    const auto table = RunCli({"score", "--reports", reports.path()});
    REQUIRE_MESSAGE(table.exit_code == 0, table.err);
    CHECK(table.out.rfind(std::string(kNotice) + "3건 중 2건이 합성(가상) 수치입니다", 0) == 0);
    // explain speaks of the one government's report.
    const auto real = RunCli({"explain", "11530", "--reports", reports.path()});
    REQUIRE_MESSAGE(real.exit_code == 0, real.err);
    CHECK(real.out.find("합성") == std::string::npos);
    const auto synthetic = RunCli({"explain", "11110", "--reports", reports.path()});
    REQUIRE_EQ(synthetic.exit_code, 0);
    CHECK(synthetic.out.rfind("※ 합성 자료: 11110의 보고서 수치는 합성(가상)입니다", 0) == 0);
  }

  TEST_CASE("outputs on submitted reports only say nothing about synthetic figures") {
    const Reports reports({"11530", "11110"}, {});
    const auto table = RunCli({"score", "--reports", reports.path()});
    REQUIRE_MESSAGE(table.exit_code == 0, table.err);
    CHECK(table.out.find("합성") == std::string::npos);
    CHECK(table.out.find("synthetic") == std::string::npos);

    const auto csv = RunCli({"score", "--reports", reports.path(), "--format", "csv"});
    REQUIRE_EQ(csv.exit_code, 0);
    CHECK(csv.out.find("synthetic") == std::string::npos);

    const auto json = RunCli({"score", "--reports", reports.path(), "--format", "json"});
    REQUIRE_EQ(json.exit_code, 0);
    CHECK_EQ(nlohmann::json::parse(json.out)["provenance"]["reports"]["synthetic"], 0);
  }

  TEST_CASE("the HTML report carries the banner on synthetic reports and none on submitted ones") {
    const test::TempDir out;
    const Reports synthetic({}, {"11530", "11110"});
    const auto html = (out.path() / "synthetic.html").string();
    const auto s = RunCli({"report", "--reports", synthetic.path(), "--out", html});
    REQUIRE_MESSAGE(s.exit_code == 0, s.err);
    const std::string with = test::Slurp(html);
    CHECK(
        with.find("<p class=\"synthetic\" role=\"note\">합성 자료: 보고서 2건 중 2건이 합성(가상) "
                  "수치입니다") != std::string::npos);

    const Reports submitted({"11530", "11110"}, {});
    const auto plain = (out.path() / "submitted.html").string();
    const auto r = RunCli({"report", "--reports", submitted.path(), "--out", plain});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    CHECK(test::Slurp(plain).find("class=\"synthetic\"") == std::string::npos);
  }
}

}  // namespace jobaward
