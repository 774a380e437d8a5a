// Benchmark of the Monte Carlo engine: draws per second of Simulate on the 2020 default (both
// rubrics, bundled reports, examples/2020/uncertainty.yaml: every noise source on) and the peak
// resident set size of the process. Loading is timed separately and not counted in draws/s.
//
//   simulate_bench [--draws N] [--threads T] [--seed S] [--confidence-draws M]
//                  [--uncertainty FILE] [--reports DIR|FILE] [--rubric FILE]...
//                  [--registry FILE --rules FILE] [--csv FILE]
//
// Prints one line: draws, threads, seconds, draws/s, peak RSS (MB), the SIMD target of the
// variates. --csv writes the first category's per-government results (award places, any award,
// advance, mean rank and its standard error) for peer_compare.py. Run through
// tests/bench/run.sh, which records the machine; figures go into tests/bench/RESULTS.md.
#include <sys/resource.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
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
#include "jobaward/simulation/simulation.hpp"
#include "src/core/simulation/variates.hpp"

namespace {

// Ctrl-C stops the run at a block boundary; the figures of the completed draws are printed.
volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void OnInterrupt(int /*signal*/) { g_interrupted = 1; }

using jobaward::bench::Source;

// One row per government: code, cohort, p_<place>..., p_any, p_advanced, mean_rank,
// mean_rank_se (17 significant digits).
void WriteCsv(const jobaward::CategorySimulation& c, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) throw std::runtime_error("cannot write " + path);
  std::fprintf(f, "code,cohort");
  for (const auto& place : c.places) std::fprintf(f, ",p_%s", place.c_str());
  std::fprintf(f, ",p_any,p_advanced,mean_rank,mean_rank_se\n");
  for (const auto& g : c.governments) {
    std::fprintf(f, "%s,%d", g.code.c_str(), g.cohort);
    for (const auto& p : g.place) std::fprintf(f, ",%.17g", p.p);
    std::fprintf(f, ",%.17g,%.17g,%.17g,%.17g\n", g.any_award.p, g.advanced.p, g.mean_rank,
                 g.mean_rank_se);
  }
  std::fclose(f);
}

int Run(int argc, char** argv) {
  using namespace jobaward;
  std::uint64_t draws = 100000;
  int threads = 1;
  std::uint64_t confidence_draws = 0;
  std::string uncertainty_path = Source("examples/2020/uncertainty.yaml");
  std::string reports_path = Source("examples/2020/reports");
  std::vector<std::string> rubric_paths;
  std::string registry_path;
  std::string rules_path;
  std::string csv_path;
  std::uint64_t seed = 2020;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--draws") {
      draws = std::stoull(value);
    } else if (flag == "--threads") {
      threads = std::stoi(value);
    } else if (flag == "--confidence-draws") {
      confidence_draws = std::stoull(value);
    } else if (flag == "--uncertainty") {
      uncertainty_path = value;
    } else if (flag == "--reports") {
      reports_path = value;
    } else if (flag == "--rubric") {
      rubric_paths.push_back(value);
    } else if (flag == "--registry") {
      registry_path = value;
    } else if (flag == "--rules") {
      rules_path = value;
    } else if (flag == "--csv") {
      csv_path = value;
    } else if (flag == "--seed") {
      seed = std::stoull(value);
    } else {
      std::fprintf(stderr, "simulate_bench: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (rubric_paths.empty())
    rubric_paths = {Source("rubrics/2020-disclosure.yaml"),
                    Source("rubrics/2020-best-program.yaml")};

  const auto load_start = std::chrono::steady_clock::now();
  AwardPaths paths;
  paths.registry = registry_path.empty() ? Source("cohorts/governments-2020.csv") : registry_path;
  paths.registry_is_2020 = registry_path.empty();
  paths.rules = rules_path.empty() ? Source("cohorts/2020.yaml") : rules_path;
  paths.rubrics = rubric_paths;
  const ScoringSetup setup = LoadScoringSetup(paths);
  const Registry& registry = setup.registry;
  const CohortRules& rules = setup.rules;
  const std::vector<ScoringModel> models = CompileReports(setup, reports_path);
  const UncertaintyModel uncertainty =
      CompileUncertainty(LoadUncertainty(uncertainty_path), models, &rules, &registry);
  const double load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();

  SimulationConfig config;
  config.seed = seed;
  config.draws = draws;
  config.threads = threads;
  config.confidence_draws = confidence_draws;
  config.stop_requested = [] { return g_interrupted != 0; };
  std::signal(SIGINT, OnInterrupt);
  const auto start = std::chrono::steady_clock::now();
  const SimulationResult result = Simulate(models, uncertainty, config);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf(
      "simulate: draws=%llu threads=%d groups=%zu governments=%zu load=%.2fs run=%.3fs "
      "draws/s=%.0f peak_rss=%.1fMB max_se=%.4f simd=%s%s\n",
      static_cast<unsigned long long>(result.draws), threads, uncertainty.groups().size(),
      models.front().row_code.size(), load_seconds, seconds,
      static_cast<double>(result.draws) / seconds, static_cast<double>(usage.ru_maxrss) / 1024.0,
      result.max_se, detail::VariateTarget(), result.interrupted ? " (interrupted)" : "");
  if (!csv_path.empty()) WriteCsv(result.categories.front(), csv_path);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return jobaward::bench::Main(argc, argv, Run); }
