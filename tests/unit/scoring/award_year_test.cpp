// One run scores one award year: a report, a rubric or a set of published facts of another year
// is refused with the place of its `year`, and in a batch the other reports are still scored.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "test_support.hpp"

namespace jobaward {

namespace {

namespace fs = std::filesystem;

// `text` with the first "from" replaced by "to" (REQUIRES: it occurs).
std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_SUITE("award year") {
  TEST_CASE("a 2019 report among 2020 ones is rejected at its year; the others are scored") {
    const test::TempDir dir;
    for (const char* code : {"11530", "11000", "11110"}) {
      fs::copy_file(test::SourcePath(std::string("examples/2020/reports/") + code + ".yaml"),
                    dir.path() / (std::string(code) + ".yaml"));
    }
    const fs::path old = dir.path() / "11110.yaml";
    test::WriteBytes(old, Replaced(test::Slurp(old.string()), "year: 2020", "year: 2019"));
    const auto r = test::RunCli({"score", "--reports", dir.path().string(), "--format", "csv"});
    CHECK_EQ(r.exit_code, 3);
    CHECK(r.err.find("11110.yaml:4:7: year: expected year 2020, got 2019") != std::string::npos);
    CHECK(r.out.find("11530") != std::string::npos);
    CHECK(r.out.find("11000") != std::string::npos);
    CHECK(r.out.find("\n11110") == std::string::npos);
  }

  TEST_CASE("award refuses a report of another year: all or nothing") {
    const test::TempDir dir;
    for (const auto& entry : fs::directory_iterator(test::SourcePath("examples/2020/reports"))) {
      fs::copy_file(entry.path(), dir.path() / entry.path().filename());
    }
    const fs::path old = dir.path() / "11530.yaml";
    test::WriteBytes(old, Replaced(test::Slurp(old.string()), "year: 2020", "year: 2021"));
    const auto r = test::RunCli({"award", "--reports", dir.path().string()});
    CHECK_EQ(r.exit_code, 1);
    CHECK(r.err.find("11530.yaml:5:7: year: expected year 2020, got 2021") != std::string::npos);
  }

  TEST_CASE("rubrics of two years are not one run") {
    const test::TempDir dir;
    const fs::path rubric = dir.path() / "best-program-2019.yaml";
    test::WriteBytes(rubric,
                     Replaced(test::Slurp(test::SourcePath("rubrics/2020-best-program.yaml")),
                              "\nyear: 2020", "\nyear: 2019"));
    const auto r =
        test::RunCli({"award", "--rubric", test::SourcePath("rubrics/2020-disclosure.yaml"),
                      "--rubric", rubric.string()});
    CHECK_EQ(r.exit_code, 1);
    CHECK(r.err.find("year: rubric 2020-best-program is for 2019, but 2020-disclosure") !=
          std::string::npos);
    CHECK(r.err.find("must be for the same award year") != std::string::npos);
  }

  TEST_CASE("check refuses published facts of another year, at their year") {
    const test::TempDir dir;
    const fs::path facts = dir.path() / "published-2019.yaml";
    test::WriteBytes(facts, Replaced(test::Slurp(test::SourcePath("examples/2020/published.yaml")),
                                     "\nyear: 2020", "\nyear: 2019"));
    const auto r = test::RunCli({"check", "--published", facts.string()});
    CHECK_EQ(r.exit_code, 1);
    CHECK(r.err.find("published-2019.yaml:") != std::string::npos);
    CHECK(r.err.find(
              "year: the published facts are of 2019, the rubrics (2020-disclosure) of 2020") !=
          std::string::npos);
  }
}

}  // namespace jobaward
