// Benchmark of batch scoring from workbooks (issue 17): the 243 bundled 2020 reports written as
// filled report templates (as the offices return them), then loaded and scored as `jobaward score
// --reports DIR` does (VisitReports on 2 threads, every rubric's ModelBuilder, Evaluate), for a
// number of rounds; the same for the YAML files as the yardstick. Prints reports/s (median round)
// for both, their ratio, and the time to write a template.
//
//   report_xlsx_bench [--rounds N] [--threads T]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "bench_support.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/report_template.hpp"
#include "jobaward/scoring/model_builder.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace {

namespace fs = std::filesystem;
using namespace jobaward;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// One `score` run over `dir`: load every report, build the models, evaluate. Returns the number
// of reports scored.
std::size_t ScoreOnce(const ScoringSetup& setup, const fs::path& dir, int threads) {
  std::vector<ModelBuilder> builders;
  for (const Rubric& rubric : setup.rubrics) {
    builders.emplace_back(rubric, setup.registry, setup.membership);
  }
  std::size_t scored = 0;
  std::size_t rejected = 0;
  ReportLoadOptions options;
  options.threads = threads;
  VisitReports(dir, setup.schema, setup.registry,
               {[&](Report&& report) {
                  for (ModelBuilder& b : builders) b.Add(report);
                  ++scored;
                },
                [&](RejectedFile&&) { ++rejected; }},
               options);
  if (rejected != 0) {
    std::fprintf(stderr, "error: %zu report(s) rejected in %s\n", rejected, dir.c_str());
    std::exit(1);
  }
  double sink = 0;
  for (ModelBuilder& b : builders) {
    const ScoringModel model = std::move(b).Finish();
    Workspace workspace;
    const Outcome& outcome = Evaluate(model, Perturbation{}, workspace);
    sink += outcome.final_score.size() > 0 ? outcome.final_score(0) : 0;
  }
  if (sink < 0) std::printf("%g\n", sink);
  return scored;
}

// CPU seconds of the process so far (every thread), user + system.
double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Rate {
  double reports_per_second = 0;  // elapsed, median round
  double cpu_us_per_report = 0;   // all rounds; on a shared machine the steadier figure
};

Rate Measure(const ScoringSetup& setup, const fs::path& dir, int rounds, int threads) {
  std::vector<double> rates;
  std::size_t total = 0;
  const double cpu = CpuSeconds();
  for (int r = 0; r < rounds; ++r) {
    const auto start = Clock::now();
    const std::size_t n = ScoreOnce(setup, dir, threads);
    rates.push_back(static_cast<double>(n) / Seconds(start));
    total += n;
  }
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], 1e6 * (CpuSeconds() - cpu) / static_cast<double>(total)};
}

int Run(int argc, char** argv) {
  int rounds = 15;
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::max(1, std::atoi(argv[i + 1]));
    if (std::strcmp(argv[i], "--threads") == 0) threads = std::max(1, std::atoi(argv[i + 1]));
  }
  AwardPaths paths;
  paths.registry = bench::Source("cohorts/governments-2020.csv");
  paths.registry_is_2020 = true;
  paths.rules = bench::Source("cohorts/2020.yaml");
  paths.rubrics = {bench::Source("rubrics/2020-disclosure.yaml"),
                   bench::Source("rubrics/2020-best-program.yaml")};
  const ScoringSetup setup = LoadScoringSetup(paths);
  const fs::path yaml_dir = bench::Source("examples/2020/reports");
  const ReportBatch yaml = LoadReports(yaml_dir, setup.schema, setup.registry);

  std::string tmpl = (fs::temp_directory_path() / "jobaward-xlsx-bench-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return 1;
  const fs::path dir = tmpl;
  const auto written = Clock::now();
  for (const Report& report : yaml.reports) {
    ReportTemplateOptions options;
    options.year = 2020;
    options.values = &report;
    WriteReportTemplate(dir / (report.government_code + ".xlsx"), setup.schema, setup.registry,
                        options);
  }
  const double write_seconds = Seconds(written);
  // Timing a route that reads something else would measure nothing: the workbooks must give
  // exactly the YAML files' reports.
  const ReportBatch back = LoadReports(dir, setup.schema, setup.registry);
  bool same = back.rejected.empty() && back.reports.size() == yaml.reports.size();
  for (std::size_t i = 0; same && i < back.reports.size(); ++i) {
    same = back.reports[i].government_code == yaml.reports[i].government_code &&
           back.reports[i].fields == yaml.reports[i].fields;
  }
  if (!same) {
    std::fprintf(stderr, "error: the workbooks do not give the YAML files' reports\n");
    return 1;
  }
  std::uintmax_t bytes = 0;
  for (const auto& entry : fs::directory_iterator(dir)) bytes += entry.file_size();

  const Rate xlsx_rate = Measure(setup, dir, rounds, threads);
  const Rate yaml_rate = Measure(setup, yaml_dir, rounds, threads);
  std::printf("  %zu filled templates written in %.2f s (%.1f ms each, %.1f KB each)\n",
              yaml.reports.size(), write_seconds,
              1e3 * write_seconds / static_cast<double>(yaml.reports.size()),
              static_cast<double>(bytes) / 1024.0 / static_cast<double>(yaml.reports.size()));
  std::printf(
      "  score from .xlsx: %.0f reports/s (median of %d rounds, %d threads), %.0f us CPU "
      "per report\n",
      xlsx_rate.reports_per_second, rounds, threads, xlsx_rate.cpu_us_per_report);
  std::printf("  score from .yaml: %.0f reports/s (same), %.0f us CPU per report\n",
              yaml_rate.reports_per_second, yaml_rate.cpu_us_per_report);
  std::printf("  .xlsx / .yaml: %.2f (elapsed), %.2f (CPU per report)\n",
              xlsx_rate.reports_per_second / yaml_rate.reports_per_second,
              xlsx_rate.cpu_us_per_report / yaml_rate.cpu_us_per_report);
  fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return jobaward::bench::Main(argc, argv, Run); }
