// Memory and output bounded by the input (issue 14, "Done when": peak memory of any loader within
// 64 MB plus 20 times the input's size). Each loader gets the costliest shape that fits its size
// limit: a 900 KB YAML list of 450,000 values for the rules, a rubric, an uncertainty spec, an AHP
// matrix and a report (refused at the value limit before a tree is built), 40,000 values under
// that limit each a problem, a CSV header of 8 MB of commas, 2,000,000 empty cells (one byte of
// the file each) in the registry and a reports CSV, a reports CSV of a million bad rows, a 5 MB
// column name, and JSON inputs of 8 MB of empty objects (the costliest nlohmann value per byte) or
// zeros. Each is refused by the real CLI within the bound, with at most kMaxDiagnosticsPerFile + 2
// lines of errors and a few kilobytes of stderr. The child's peak RSS comes from wait4 (RunCli).
// Under the sanitizers the shadow memory makes RSS meaningless, so only the output is checked
// there. Workbooks are not here: a sheet is parsed as a pugixml tree (~360 bytes a cell), so a
// deflated sheet of a million cells exceeds the bound (engine/docs/errors.md, "Limits").
#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "test_support.hpp"

using namespace jobaward;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// 450,000 values in 900 KB, under the 1 MiB size limit of a YAML input (ReadInput): "0,0,...,0".
std::string ManyZeros() { return Repeat("0,", 449999) + "0"; }

std::size_t Lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::size_t ErrorLines(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t at = text.find("error: "); at != std::string::npos;
       at = text.find("error: ", at + 1)) {
    ++n;
  }
  return n;
}

// Writes `content` to DIR/name, runs the CLI with `args` (where "@" stands for that file) and
// checks the bounds; returns the run for more specific checks.
test::CliResult RunOnHostile(const test::TempDir& dir, const std::string& name,
                             const std::string& content, std::vector<std::string> args,
                             int expected_exit = 1) {
  const auto path = dir.path() / name;
  test::WriteBytes(path, content);
  for (auto& a : args) {
    if (a == "@") a = path.string();
  }
  const test::CliResult r = test::RunCli(args);
  INFO("input: ", name, " (", content.size(), " bytes)");
  INFO("stderr starts: ", r.err.substr(0, 600));
  CHECK_EQ(r.exit_code, expected_exit);
  CHECK_LE(ErrorLines(r.err), kMaxDiagnosticsPerFile + 2);
  // Each listed problem is short (echoed values are cut), so the whole of stderr is too.
  CHECK_LE(r.err.size(), (kMaxDiagnosticsPerFile + 10) * 400);
  if (!kSanitized) {
    const long bound_kb = 64 * 1024 + static_cast<long>(20 * content.size() / 1024);
    CHECK_LE(r.peak_rss_kb, bound_kb);
  }
  return r;
}

}  // namespace

TEST_SUITE("loader memory") {
  TEST_CASE("a 900 KB rules file of 450,000 values is refused at the YAML value limit") {
    const test::TempDir dir;
    const auto r = RunOnHostile(dir, "rules.yaml", "year: 2020\ncohorts: [" + ManyZeros() + "]\n",
                                {"cohorts", "--rules", "@"});
    CHECK_NE(r.err.find("rules.yaml:2:"), std::string::npos);
    CHECK_NE(r.err.find("YAML values (scalars, lists and mappings), the limit"), std::string::npos);
    CHECK_EQ(Lines(r.err), 1U);
  }

  TEST_CASE("rubrics, uncertainty specs and AHP matrices are held to the same limit") {
    const test::TempDir dir;
    const std::string zeros = "[" + ManyZeros() + "]\n";
    const auto rubric =
        RunOnHostile(dir, "rubric.yaml", "id: x\nindicators: " + zeros, {"award", "--rubric", "@"});
    CHECK_NE(rubric.err.find(", the limit"), std::string::npos);
    const auto spec = RunOnHostile(dir, "uncertainty.yaml", "reviewer_noise: " + zeros,
                                   {"simulate", "--draws", "10", "--uncertainty", "@"});
    CHECK_NE(spec.err.find(", the limit"), std::string::npos);
    const auto ahp =
        RunOnHostile(dir, "ahp.yaml", "domain: plan\nmatrix: " + zeros, {"weights", "ahp", "@"});
    CHECK_NE(ahp.err.find(", the limit"), std::string::npos);
  }

  TEST_CASE("a rules file of 40,000 bad values lists the first problems and counts the rest") {
    const test::TempDir dir;
    const auto r =
        RunOnHostile(dir, "rules.yaml", "year: 2020\ncohorts: [" + Repeat("0,", 39999) + "0]\n",
                     {"cohorts", "--rules", "@"});
    CHECK_EQ(ErrorLines(r.err), kMaxDiagnosticsPerFile + 1);
    CHECK_NE(r.err.find("rules.yaml:2:11: cohorts[0]: expected a mapping (key: value), got '0'\n"),
             std::string::npos);
    CHECK_NE(r.err.find(": and 39900 more problems from here on (only the first 100 are listed)"),
             std::string::npos);
  }

  TEST_CASE("a CSV header of 8 MB of commas is refused at the column limit") {
    const test::TempDir dir;
    const auto r = RunOnHostile(dir, "registry.csv", Repeat(",", 8U << 20) + "\n1\n",
                                {"cohorts", "--registry", "@"});
    CHECK_NE(r.err.find("registry.csv:1: the header has 8388609 columns; the limit is 1000"),
             std::string::npos);
  }

  TEST_CASE("a reports CSV of a million bad rows is refused at the row limit") {
    const test::TempDir dir;
    const auto r =
        RunOnHostile(dir, "reports.csv", "government,year,synthetic\n" + Repeat("x,y,z\n", 1000000),
                     {"score", "--reports-csv", "@"}, 3);
    CHECK_NE(r.err.find("reports.csv:100002: more than 100000 data rows, the limit"),
             std::string::npos);
  }

  TEST_CASE("a batch CSV of 90,000 bad rows rejects them all and lists the first problems") {
    const test::TempDir dir;
    const auto r =
        RunOnHostile(dir, "reports.csv", "government,year,synthetic\n" + Repeat("x,y,z\n", 90000),
                     {"score", "--reports-csv", "@"}, 3);
    CHECK_NE(r.err.find("more rows are rejected"), std::string::npos);
    CHECK_LE(Lines(r.err), 2 * kMaxDiagnosticsPerFile + 10);
  }

  TEST_CASE("2,000,000 empty cells, the CSV cell limit, stay within the bound") {
    // An empty cell is one byte of the file and a string of the table: the costliest shape.
    const test::TempDir dir;
    std::string header = "c0";
    for (int i = 1; i < 1000; ++i) header += ",c" + std::to_string(i);
    const auto registry = RunOnHostile(dir, "registry.csv",
                                       header + "\n" + Repeat(std::string(999, ',') + "\n", 1999),
                                       {"cohorts", "--registry", "@"});
    CHECK_NE(registry.err.find("missing required column 'code'"), std::string::npos);
    const std::string reports_header =
        test::Slurp(test::SourcePath("examples/2020/reports.csv")).substr(0, 10000);
    const std::string first_line = reports_header.substr(0, reports_header.find('\n'));
    const auto columns =
        static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), ',')) + 1;
    const auto reports = RunOnHostile(
        dir, "reports.csv",
        first_line + "\n" + Repeat(std::string(columns - 1, ',') + "\n", 2000000 / columns - 1),
        {"score", "--reports-csv", "@"}, 3);
    CHECK_NE(reports.err.find("reports.csv:2:1: government: missing government code"),
             std::string::npos);
  }

  TEST_CASE("a report YAML of 1 MiB of values is rejected at the YAML value limit") {
    const test::TempDir dir;
    const std::filesystem::path reports = dir.path() / "reports";
    std::filesystem::create_directory(reports);
    const std::string report = test::Slurp(test::SourcePath("examples/2020/reports/11530.yaml"));
    const std::string list = "  plan_review: [79, 84, 97, 89]";
    const std::size_t at = report.find(list);
    REQUIRE_NE(at, std::string::npos);
    const std::string hostile = report.substr(0, at) + "  plan_review: [" + Repeat("7,", 500000) +
                                "1]" + report.substr(at + list.size());
    const auto r = RunOnHostile(dir, "reports/11530.yaml", hostile,
                                {"score", "--reports", reports.string()}, 3);
    CHECK_NE(r.err.find("YAML values (scalars, lists and mappings), the limit"), std::string::npos);
  }

  TEST_CASE("JSON inputs are held to a value count that keeps the tree within the bound") {
    // An empty object costs nlohmann ~130 bytes for 3 bytes of the file: the costliest shape.
    const test::TempDir dir;
    const auto objects =
        RunOnHostile(dir, "sim.json", "{\"draws\": [" + Repeat("{},", (8U << 20U) / 3) + "{}]}",
                     {"report", "--out", (dir.path() / "o.html").string(), "--simulation", "@"});
    CHECK_NE(objects.err.find("JSON values (300000 plus one per 8 bytes of the file), the limit"),
             std::string::npos);
    const auto zeros = RunOnHostile(
        dir, "sens.json", "{\"weights\": [" + Repeat("0,", (8U << 20U) / 2) + "0], \"step\": 0.1}",
        {"report", "--out", (dir.path() / "o.html").string(), "--sensitivity", "@"});
    CHECK_NE(zeros.err.find("JSON values"), std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "o.html"));
  }

  TEST_CASE("a 5 MB column name is refused at the field limit, not echoed") {
    const test::TempDir dir;
    const std::string name(5U << 20, 'x');
    const auto r = RunOnHostile(dir, "registry.csv", "code," + name + "\n11530,1\n",
                                {"cohorts", "--registry", "@"});
    CHECK_NE(r.err.find("registry.csv:1:2: the field is 5242880 bytes long; the limit is 65536"),
             std::string::npos);
    CHECK_LE(r.err.size(), 1000U);
  }

  TEST_CASE("a column name of 60,000 characters is echoed cut, not whole") {
    const test::TempDir dir;
    const std::string name(60000, 'x');
    const auto r = RunOnHostile(dir, "registry.csv", "code," + name + "\n11530,1\n",
                                {"cohorts", "--registry", "@"});
    CHECK_NE(r.err.find("unknown column '" + std::string(kMaxEchoCharacters, 'x') +
                        "…' (60000 characters)"),
             std::string::npos);
    CHECK_LE(r.err.size(), 8000U);
  }
}
