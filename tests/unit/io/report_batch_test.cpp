// Batch loading of report directories: bad files are rejected one by one (with file, line and
// key), good ones kept, results in file order whatever the thread count.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/scoring/synth.hpp"
#include "report_fixtures.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

std::string Dir() { return test::SourcePath("tests/data/reports/batch"); }

std::vector<std::string> Codes(const ReportBatch& batch) {
  std::vector<std::string> codes;
  for (const auto& r : batch.reports) codes.push_back(r.government_code);
  return codes;
}

// A fresh empty directory under the system temp directory.
std::filesystem::path TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jobaward-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_SUITE("report_batch") {
  TEST_CASE("a directory with broken files keeps every good report and lists each broken one") {
    const auto batch = LoadReportsDir(Dir(), test::Schema2020(), test::SmallRegistry());
    CHECK_EQ(Codes(batch), (std::vector<std::string>{"11110", "11530", "41830"}));
    REQUIRE_EQ(batch.rejected.size(), 3U);

    CHECK_EQ(batch.rejected[0].path, Dir() + "/41000.yaml");
    REQUIRE_EQ(batch.rejected[0].diagnostics.size(), 2U);
    CHECK_EQ(batch.rejected[0].diagnostics[0].ToString(),
             Dir() +
                 "/41000.yaml:7:3: fields.jobs_creatd: unknown key 'jobs_creatd', did you "
                 "mean 'jobs_created'?");
    CHECK_EQ(batch.rejected[0].diagnostics[1].ToString(),
             Dir() + "/41000.yaml:6:16: fields.jobs_target: count must not be negative, got -5");

    CHECK_EQ(batch.rejected[1].path, Dir() + "/broken-syntax.yaml");
    CHECK_EQ(batch.rejected[1].diagnostics.at(0).ToString(),
             Dir() +
                 "/broken-syntax.yaml:7:1: YAML syntax error: did not find expected ',' or ']' "
                 "(while parsing a flow sequence)");

    CHECK_EQ(batch.rejected[2].path, Dir() + "/dup-11530.yaml");
    CHECK_EQ(batch.rejected[2].diagnostics.at(0).ToString(),
             Dir() + "/dup-11530.yaml:2:13: government: government 11530 already has a report in " +
                 Dir() + "/11530.yaml; this file is ignored");
  }

  TEST_CASE("the result does not depend on the number of threads") {
    for (int threads : {1, 2, 5}) {
      const auto batch = LoadReportsDir(Dir(), test::Schema2020(), test::SmallRegistry(),
                                        {.expected_year = std::nullopt, .threads = threads});
      CHECK_EQ(Codes(batch), (std::vector<std::string>{"11110", "11530", "41830"}));
      CHECK_EQ(batch.rejected.size(), 3U);
    }
  }

  TEST_CASE("LoadReports takes a directory, a CSV file or a single YAML file") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = test::SmallRegistry();
    CHECK_EQ(LoadReports(Dir(), schema, registry).reports.size(), 3U);
    CHECK_EQ(LoadReports(test::SourcePath("tests/data/reports/batch.csv"), schema, registry)
                 .reports.size(),
             2U);
    const auto one = LoadReports(Dir() + "/11530.yaml", schema, registry);
    CHECK_EQ(Codes(one), std::vector<std::string>{"11530"});
    const auto bad = LoadReports(Dir() + "/41000.yaml", schema, registry);
    CHECK(bad.reports.empty());
    CHECK_EQ(bad.rejected.size(), 1U);
  }

  TEST_CASE("a directory that cannot be listed is an input error") {
    CHECK_THROWS_AS(
        (void)LoadReportsDir(Dir() + "/no-such-dir", test::Schema2020(), test::SmallRegistry()),
        InputError);
  }

  TEST_CASE("written synthetic reports load back with the same content, in code order") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = SynthesizeRegistry(test::SmallRegistry(), 60, 11);
    const auto reports = SynthesizeReports(registry, schema, test::Seeded(11));
    const auto dir = TempDir("batch");
    for (const auto& r : reports) {
      WriteFileAtomic(dir / (r.government_code + ".yaml"), FormatReportYaml(r, schema, registry));
    }
    const auto batch = LoadReportsDir(dir, schema, registry, {.expected_year = 2020});
    CHECK(batch.rejected.empty());
    REQUIRE_EQ(batch.reports.size(), reports.size());
    // Registry order is code order here (5 real codes ascending, then clones 60000..).
    for (std::size_t i = 0; i < reports.size(); ++i) {
      CHECK(test::SameContent(batch.reports[i], reports[i]));
    }
    std::filesystem::remove_all(dir);
  }
}

}  // namespace jobaward
