// `jobaward simulate`: Monte Carlo simulation of the award (simulation.hpp) over the bundled or
// given rubrics, reports and uncertainty spec; a progress bar on a terminal, Ctrl-C stops at a
// block boundary and prints what was completed (exit 130).
#include <csignal>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/results/simulation_result.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/simulation.hpp"
#include "option_values.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {

namespace {

// Draws per government for the confidence factors: each costs a whole award evaluation, so
// 100000 x 243 governments is already hours.
constexpr std::uint64_t kMaxConfidenceDraws = 100'000;
// The rank-acceptability and pairwise tables of a cohort of N members hold N x N cells each.
constexpr std::uint64_t kMaxMatrixLimit = 10'000;

constexpr const char* kUsage =
    "usage: jobaward simulate [--draws N] [--seed S] [--threads T] [--until-se X --max-draws M]\n"
    "                         [--uncertainty FILE] [--rubric FILE]... [--rules FILE]\n"
    "                         [--registry FILE] [--reports DIR|FILE] [--confidence-draws N]\n"
    "                         [--matrix-limit N] [--format table|csv|json|xlsx] [--out FILE]\n"
    "                         [--table ID] [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Runs the whole award (cohorts, scoring, stages, awards) once per random draw of the\n"
    "uncertain inputs described by the uncertainty spec, and reports per government the\n"
    "probability of each award, of any award and of advancing to stage 2, and its rank\n"
    "distribution in its cohort; per cohort the probability that the baseline winner still wins\n"
    "(JSON adds the rank-acceptability and pairwise matrices, for cohorts of at most\n"
    "--matrix-limit members). Every probability comes with its\n"
    "Monte Carlo standard error. The same seed gives the same bytes for any --threads.\n"
    "  --until-se X     after --draws, keep doubling the draws until every standard error is\n"
    "                   <= X; an error if --max-draws is reached first\n"
    "Ctrl-C stops at the next block of draws and prints the results so far (exit code 130).\n"
    "A progress bar on stderr (when it is a terminal) labels each phase: the draws, then the\n"
    "confidence draws. Tables: governments, cohorts, rank_acceptability, pairwise, groups\n"
    "(engine/docs/outputs.md).\n"
    "Exit codes: 0 success, 1 invalid input or --until-se not reached, 2 usage error,\n"
    "            4 internal error, 130 interrupted.\n"
    "\n"
    "examples:\n"
    "  jobaward simulate --draws 20000 --seed 7\n"
    "  jobaward simulate --until-se 0.005 --max-draws 200000 --format csv --out sim.csv\n"
    "  jobaward simulate --format xlsx --out sim.xlsx\n"
    "  jobaward simulate --format json --out sim.json &&\n"
    "    jobaward report --simulation sim.json --out report.html";

volatile std::sig_atomic_t g_interrupted = 0;  // Set by SIGINT; read by the stop callback.

extern "C" void OnInterrupt(int /*signal*/) { g_interrupted = 1; }

/// Installs the SIGINT handler for the lifetime of the object.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = 0;
    previous_ = std::signal(SIGINT, OnInterrupt);
  }
  ~InterruptGuard() { std::signal(SIGINT, previous_); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

}  // namespace

int RunSimulate(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("draws", Ranged<std::uint64_t>(1, kMaxDraws)->default_value(10000),
                        "number of draws (with --until-se: the first round)")(
      "seed", NonNegative<std::uint64_t>()->default_value(2020), "random seed")(
      "until-se", Ranged(0.0, 0.5, Ends::kOpen), "target standard error of every probability")(
      "max-draws", Ranged<std::uint64_t>(1, kMaxDraws)->default_value(1000000),
      "cap for --until-se")("confidence-draws",
                            Ranged<std::uint64_t>(0, kMaxConfidenceDraws)->default_value(200),
                            "draws per government for the SMAA-2 confidence factors (0 = skip)")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec (default: examples/2020/uncertainty.yaml)")(
      "matrix-limit", Ranged<std::uint64_t>(0, kMaxMatrixLimit)->default_value(250),
      "rank-acceptability and pairwise tables only for cohorts of at most N members (their "
      "size grows with the square of the cohort)");
  AddThreadsOption(options);
  AddFormatOptions(options);
  AddAwardInputOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const auto [format, out] = ReadFormatOptions(vm);

  SimulationConfig config;
  config.draws = vm["draws"].as<std::uint64_t>();
  config.seed = vm["seed"].as<std::uint64_t>();
  config.threads = ThreadsOption(vm);
  config.max_draws = vm["max-draws"].as<std::uint64_t>();
  config.confidence_draws = vm["confidence-draws"].as<std::uint64_t>();
  config.matrix_cohort_limit = vm["matrix-limit"].as<std::uint64_t>();
  if (vm.count("until-se") != 0U) config.until_se = vm["until-se"].as<double>();
  if (config.until_se && config.max_draws < config.draws)
    throw UsageError("--max-draws (" + std::to_string(config.max_draws) +
                     ") must be at least --draws (" + std::to_string(config.draws) + ")");
  if (!config.until_se && vm["max-draws"].defaulted() == false)
    throw UsageError("--max-draws applies only with --until-se");

  const AwardInputs inputs = LoadAwardInputs(vm);
  const std::vector<ScoringModel>& models = inputs.models;
  const UncertaintySpec spec = LoadUncertainty(vm.count("uncertainty") != 0U
                                                   ? vm["uncertainty"].as<std::string>()
                                                   : DefaultPath("examples/2020/uncertainty.yaml"));
  const UncertaintyModel uncertainty = CompileUncertaintyFor(spec, inputs);

  // Ctrl-C stops the draws only: the guard is gone before the outputs are written, so a Ctrl-C
  // then ends the run as usual and its temporary files are removed (file_io.hpp).
  std::optional<InterruptGuard> guard(std::in_place);
  ProgressBar bar;
  if (bar.enabled()) {
    config.phase = [&bar](SimulationPhase phase) {
      if (phase == SimulationPhase::kDraws) bar.Phase("추출", "회");
      if (phase == SimulationPhase::kConfidence) bar.Phase("신뢰 계수 추출", "회");
    };
    config.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.Update(done, planned);
    };
  }
  config.stop_requested = [] { return g_interrupted != 0; };
  const SimulationResult result = Simulate(models, uncertainty, config);
  guard.reset();
  bar.Finish();

  Provenance provenance =
      CommandProvenance("simulate", vm, {"registry", "rules", "rubric", "reports", "uncertainty"});
  provenance.seed = result.seed;
  provenance.draws = static_cast<std::int64_t>(result.draws);
  provenance.reports = CountReports(models);
  EmitResult(vm, format, MakeSimulationResult(result, models, inputs.registry), provenance, out);
  if (result.interrupted) {
    std::cerr << "jobaward simulate: interrupted; " << result.draws << " of "
              << result.planned_draws << " draws completed and reported\n";
    return kExitInterrupted;
  }
  return kExitSuccess;
}

}  // namespace jobaward::cli
