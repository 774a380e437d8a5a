// Benchmark of the Sobol analysis (issue 5): first-order and total indices of every uncertainty
// group of the 2020 default (both rubrics, bundled reports, examples/2020/uncertainty.yaml) on
// every government's score and rank and every cohort's "baseline winner keeps its award", with
// N base samples. Loading is timed separately. Prints one line: N, threads, groups, outputs,
// pipeline evaluations, seconds, evaluations/s, peak RSS (MB).
//
//   sensitivity_bench [--samples N] [--threads T] [--bootstrap R] [--uncertainty FILE]
//                     [--reports DIR]
//
// Run through tests/bench/run.sh, which records the machine; figures go into RESULTS.md.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"

namespace {

using jobaward::bench::Source;

int Run(int argc, char** argv) {
  using namespace jobaward;
  SobolOptions options;
  options.base_samples = 8192;
  options.seed = 2020;
  options.threads = 2;
  std::string uncertainty_path = Source("examples/2020/uncertainty.yaml");
  std::string reports_path = Source("examples/2020/reports");
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--samples") {
      options.base_samples = std::stoll(value);
    } else if (flag == "--threads") {
      options.threads = std::stoi(value);
    } else if (flag == "--bootstrap") {
      options.bootstrap_resamples = std::stoi(value);
    } else if (flag == "--uncertainty") {
      uncertainty_path = value;
    } else if (flag == "--reports") {
      reports_path = value;
    } else {
      std::fprintf(stderr, "sensitivity_bench: unknown flag %s\n", flag.c_str());
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
  const Registry& registry = setup.registry;
  const CohortRules& rules = setup.rules;
  const std::vector<ScoringModel> models = CompileReports(setup, reports_path);
  const UncertaintyModel uncertainty =
      CompileUncertainty(LoadUncertainty(uncertainty_path), models, &rules, &registry);
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  const auto start = std::chrono::steady_clock::now();
  const AwardSobolResult result = RunAwardSobol(models, uncertainty, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "sensitivity sobol: N=%lld threads=%d groups=%zu outputs=%zu evaluations=%lld "
      "load=%.2fs run=%.2fs evaluations/s=%.0f peak_rss=%.1fMB\n",
      static_cast<long long>(options.base_samples), options.threads, result.groups.size(),
      result.outputs.size(), static_cast<long long>(result.indices.evaluations), load_seconds,
      seconds, static_cast<double>(result.indices.evaluations) / seconds,
      static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return jobaward::bench::Main(argc, argv, Run); }
