// The streaming report loaders (VisitReports*): reports and rejections handed over one at a time in
// file (or row) order, whatever the thread count, through a bounded window of parsed files.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/scoring/synth.hpp"
#include "report_fixtures.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

// What a visit saw, in order: "report <code>" or "rejected <file name>[:line]".
struct Seen {
  std::vector<std::string> events;
  ReportVisitor Visitor() {
    return {[this](Report&& r) { events.push_back("report " + r.government_code); },
            [this](RejectedFile&& f) {
              events.push_back("rejected " + std::filesystem::path(f.path).filename().string() +
                               (f.line > 0 ? ":" + std::to_string(f.line) : ""));
            }};
  }
};

// A temp directory of `count` synthetic reports (more than the loader's window of parsed files
// ahead of the visitor), with every 50th file broken.
std::filesystem::path ManyReports(const Registry& registry, const ReportSchema& schema,
                                  std::size_t count) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("jobaward-visit-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto reports = SynthesizeReports(registry, schema, test::Seeded(5));
  for (std::size_t i = 0; i < count && i < reports.size(); ++i) {
    std::string text = FormatReportYaml(reports[i], schema, registry);
    if (i % 50 == 7) text += "unexpected_key: 1\n";
    WriteFileAtomic(dir / (reports[i].government_code + ".yaml"), text);
  }
  return dir;
}

}  // namespace

TEST_SUITE("report_visit") {
  TEST_CASE("a directory is visited in file order, reports and rejections interleaved") {
    Seen seen;
    VisitReportsDir(test::SourcePath("tests/data/reports/batch"), test::Schema2020(),
                    test::SmallRegistry(), seen.Visitor());
    CHECK_EQ(seen.events, std::vector<std::string>{
                              "report 11110", "report 11530", "rejected 41000.yaml", "report 41830",
                              "rejected broken-syntax.yaml", "rejected dup-11530.yaml"});
  }

  TEST_CASE("a reports CSV is visited row by row") {
    Seen seen;
    VisitReports(test::SourcePath("tests/data/reports/batch.csv"), test::Schema2020(),
                 test::SmallRegistry(), seen.Visitor());
    CHECK_EQ(seen.events, std::vector<std::string>{"report 11530", "rejected batch.csv:3",
                                                   "report 41830", "rejected batch.csv:5"});
  }

  TEST_CASE("many files are visited in the same order with one worker or several") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = SynthesizeRegistry(test::SmallRegistry(), 400, 3);
    const auto dir = ManyReports(registry, schema, 400);
    Seen one;
    VisitReportsDir(dir, schema, registry, one.Visitor(), {.expected_year = 2020, .threads = 1});
    REQUIRE_EQ(one.events.size(), 400U);
    CHECK_EQ(std::count_if(one.events.begin(), one.events.end(),
                           [](const std::string& e) { return e.rfind("rejected", 0) == 0; }),
             8);
    for (int threads : {2, 3}) {
      Seen many;
      VisitReportsDir(dir, schema, registry, many.Visitor(),
                      {.expected_year = 2020, .threads = threads});
      CHECK_EQ(many.events, one.events);
    }
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("an exception thrown by the visitor stops the visit and reaches the caller") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = SynthesizeRegistry(test::SmallRegistry(), 300, 3);
    const auto dir = ManyReports(registry, schema, 300);
    for (int threads : {1, 2}) {
      int visited = 0;
      const ReportVisitor stop_at_100{[&](Report&&) {
                                        if (++visited == 100) throw std::runtime_error("enough");
                                      },
                                      [](RejectedFile&&) {}};
      CHECK_THROWS_WITH_AS(VisitReportsDir(dir, schema, registry, stop_at_100,
                                           {.expected_year = 2020, .threads = threads}),
                           "enough", std::runtime_error);
      CHECK_EQ(visited, 100);
    }
    std::filesystem::remove_all(dir);
  }
}

}  // namespace jobaward
