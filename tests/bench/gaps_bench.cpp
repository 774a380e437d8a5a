// Benchmark of "what it takes" (issue 18): FindGaps for every government of the 2020 award (both
// rubrics, bundled reports) — every lever and goal, with the library's confirmation of each
// answer — on T threads. Loading is timed separately, and each category's CPU time is taken
// over its own run. Prints one line per category and a total: governments, levers, answers by
// status, pipeline evaluations, seconds, evaluations/s, peak RSS (MB).
//
//   gaps_bench [--threads T] [--reports DIR] [--repeat R] [--governments N]
//
// Run through tests/bench/run.sh, which records the machine; figures go into RESULTS.md. With
// --repeat R the analysis runs R times and the best time is reported (shared, noisy machines);
// --governments N analyses only the first N rows (for profiling under callgrind).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/sensitivity/gaps.hpp"

namespace {

using jobaward::bench::Source;

int Run(int argc, char** argv) {
  using namespace jobaward;
  GapsOptions options;
  options.threads = 2;
  int repeat = 1;
  int first = -1;
  std::string reports_path = Source("examples/2020/reports");
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--threads") {
      options.threads = std::stoi(value);
    } else if (flag == "--reports") {
      reports_path = value;
    } else if (flag == "--repeat") {
      repeat = std::max(1, std::stoi(value));
    } else if (flag == "--governments") {
      first = std::stoi(value);
    } else {
      std::fprintf(stderr, "gaps_bench: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }

  const auto load_start = std::chrono::steady_clock::now();
  AwardPaths paths;
  paths.registry = Source("cohorts/governments-2020.csv");
  paths.registry_is_2020 = true;
  paths.rules = Source("cohorts/2020.yaml");
  paths.rubrics = {Source("rubrics/2020-disclosure.yaml"),
                   Source("rubrics/2020-best-program.yaml")};
  const ScoringSetup setup = LoadScoringSetup(paths);
  const std::vector<ScoringModel> models = CompileReports(setup, reports_path);
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  double best = 1e300;
  long long evaluations = 0;
  std::size_t governments = 0;
  for (int r = 0; r < repeat; ++r) {
    const auto start = std::chrono::steady_clock::now();
    evaluations = 0;
    governments = 0;
    for (const ScoringModel& model : models) {
      options.rows.clear();
      for (int row = 0; row < first && row < static_cast<int>(model.row_code.size()); ++row) {
        options.rows.push_back(row);
      }
      const std::vector<GovernmentGaps> gaps = FindGaps(model, options);
      long long category_evaluations = 0;
      int levers = 0;
      int by_status[4] = {0, 0, 0, 0};
      for (const GovernmentGaps& g : gaps) {
        category_evaluations += g.evaluations;
        for (const LeverGaps& l : g.levers) {
          ++levers;
          for (const GapAnswer& a : l.answers) ++by_status[static_cast<int>(a.status)];
        }
      }
      evaluations += category_evaluations;
      governments += gaps.size();
      if (r == 0) {
        std::printf(
            "gaps: %s governments=%zu levers=%d reached=%d not_reachable=%d already=%d "
            "missing=%d evaluations=%lld\n",
            model.rubric.category.c_str(), gaps.size(), levers, by_status[0], by_status[1],
            by_status[2], by_status[3], category_evaluations);
      }
    }
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "gaps: both categories threads=%d governments=%zu evaluations=%lld load=%.2fs run=%.2fs "
      "(best of %d) evaluations/s=%.0f peak_rss=%.1fMB\n",
      options.threads, governments, evaluations, load_seconds, best, repeat,
      static_cast<double>(evaluations) / best, static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return jobaward::bench::Main(argc, argv, Run); }
