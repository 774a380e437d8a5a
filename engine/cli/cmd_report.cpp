// jobaward report: the self-contained HTML report for briefings (award_report.hpp). Parses the
// flags, loads the award inputs and renders; the library builds the report's input
// (MakeAwardReportInput: cohorts, scores, awards, what it takes for --government), the
// summaries of the Monte Carlo simulation this command runs with its progress bar (--draws, 2000
// by default; or read from `jobaward simulate --format json` output with --simulation) and the
// weight tornado of every category (WeightTornados, --tornado-step); --sensitivity adds tornados
// read from `jobaward sensitivity tornado --format json`.
#include <cstdint>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/render/award_report.hpp"
#include "jobaward/render/html_report.hpp"
#include "jobaward/render/text_table.hpp"
#include "jobaward/simulation/simulation.hpp"
#include "option_values.hpp"
#include "output_support.hpp"
#include "progress.hpp"
#include "staged_outputs.hpp"

namespace jobaward::cli {

namespace {

const char* const kUsage =
    "usage: jobaward report --out FILE.html [--rubric FILE]... [--reports DIR|FILE.csv]\n"
    "                       [--rules FILE] [--registry FILE]\n"
    "                       [--draws N [--seed S] [--uncertainty FILE] [--threads T]]\n"
    "                       [--simulation SIM.json]... [--tornado-step X]\n"
    "                       [--sensitivity SENS.json]... [--government CODE|NAME]...\n\n"
    "Writes one self-contained HTML file (no network access, printable on A4). Its first page\n"
    "summarises who wins what, the most likely changes under uncertainty and the weights that\n"
    "matter most; the details follow: awards per category and cohort, award probabilities and\n"
    "rank intervals, weight tornados, domain points, a page per --government (with what it\n"
    "takes to move up), cohorts.\n"
    "Format: engine/docs/outputs.md.\n\n"
    "examples:\n"
    "  jobaward report --out report.html\n"
    "  jobaward report --out report.html --draws 10000 --government 11530\n"
    "  jobaward simulate --draws 20000 --format json --out sim.json &&\n"
    "    jobaward report --out report.html --simulation sim.json";

// Draws of the simulation the report runs when neither --draws nor --simulation is given: the
// probabilities' standard errors stay below 1.2 percentage points, in well under a second.
constexpr std::uint64_t kDefaultDraws = 2000;

// The draws of the simulation the report runs: --draws, else none when --simulation reads them,
// else kDefaultDraws. UsageError when both are given.
std::uint64_t DrawsOption(const po::variables_map& vm) {
  if (vm.count("draws") != 0U && vm.count("simulation") != 0U) {
    throw UsageError("--draws runs a simulation; --simulation reads one: give only one of them");
  }
  if (vm.count("draws") != 0U) return vm["draws"].as<std::uint64_t>();
  return vm.count("simulation") != 0U ? 0 : kDefaultDraws;
}

// The registry codes of the --government pages, in the order given.
std::vector<std::string> PageCodes(const po::variables_map& vm, const Registry& registry) {
  std::vector<std::string> pages;
  if (vm.count("government") == 0U) return pages;
  for (const auto& query : vm["government"].as<std::vector<std::string>>()) {
    pages.push_back(registry[FindGovernment(registry, query, "--government")].code);
  }
  return pages;
}

// Runs the report's own simulation of `draws` and adds its summaries to `input`.
void AddOwnSimulation(const po::variables_map& vm, const AwardInputs& inputs, std::uint64_t draws,
                      ProgressBar& bar, AwardReportInput& input, Provenance& provenance) {
  const std::string spec_path = vm.count("uncertainty") != 0U
                                    ? vm["uncertainty"].as<std::string>()
                                    : DefaultPath("examples/2020/uncertainty.yaml");
  bar.Finish();  // CompileUncertaintyFor may print notes.
  const UncertaintyModel uncertainty = CompileUncertaintyFor(LoadUncertainty(spec_path), inputs);
  SimulationConfig config;
  config.seed = vm["seed"].as<std::uint64_t>();
  config.draws = draws;
  config.threads = ThreadsOption(vm);
  config.confidence_draws = 0;
  if (bar.enabled()) {
    config.phase = [&bar](SimulationPhase) { bar.Phase("보고서 모의실험 추출", "회"); };
    config.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.Update(done, planned);
    };
  }
  const SimulationResult sim = Simulate(inputs.models, uncertainty, config);
  provenance.seed = sim.seed;
  provenance.draws = static_cast<std::int64_t>(sim.draws);
  input.simulations = SimulationSummaries(sim, inputs.models);
}

// Appends what `parse` reads from every file of the repeatable flag `flag` to `into`; each
// file's digest is that of the bytes read.
template <typename Parse, typename Summary>
void AddFromJsonFiles(const po::variables_map& vm, const std::string& flag, Parse parse,
                      std::vector<Summary>& into, Provenance& provenance) {
  if (vm.count(flag) == 0U) return;
  for (const auto& path : vm[flag].as<std::vector<std::string>>()) {
    auto read = parse(ReadInput(path, InputKind::kJson), path);
    provenance.inputs.push_back(HashInputFile(flag, path));
    into.insert(into.end(), read.begin(), read.end());
  }
}

// The weight tornado of every category at `step` and the winners' reversal thresholds.
void AddTornados(const AwardInputs& inputs, double step, AwardReportInput& input,
                 Provenance& provenance) {
  provenance.settings.emplace_back("tornado_step", FormatFixed(step, 2));
  const std::vector<SensitivitySummary> tornados = WeightTornados(inputs.models, step);
  input.sensitivities.insert(input.sensitivities.end(), tornados.begin(), tornados.end());
  input.reversals = WinnerReversals(inputs.models);
}

}  // namespace

int RunReport(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("out,o", po::value<std::string>(), "the HTML file to write (required)")(
      "draws", Ranged<std::uint64_t>(0, kMaxDraws),
      "Monte Carlo draws (default 2000 unless --simulation is given; 0: no simulation)")(
      "seed", NonNegative<std::uint64_t>()->default_value(2020), "simulation seed")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec for --draws (default: examples/2020/uncertainty.yaml)")(
      "simulation", po::value<std::vector<std::string>>()->composing(),
      "results of 'jobaward simulate --format json' (repeatable)")(
      "tornado-step", Ranged(0.0, 1.0)->default_value(0.10),
      "relative weight change of the report's tornados (0: none)")(
      "sensitivity", po::value<std::vector<std::string>>()->composing(),
      "results of 'jobaward sensitivity tornado --format json' (repeatable)")(
      "government", po::value<std::vector<std::string>>()->composing(),
      "a page for this government (code or name; repeatable)")("title", po::value<std::string>(),
                                                               "report title");
  AddThreadsOption(options, "for --draws");
  AddAwardInputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  if (vm.count("out") == 0U || vm["out"].as<std::string>().empty() ||
      vm["out"].as<std::string>() == "-") {
    throw UsageError("--out FILE.html is required (the report is a file, not terminal output)");
  }
  CheckOutputFlags(vm, {"out"});
  const std::uint64_t draws = DrawsOption(vm);
  const double tornado_step = vm["tornado-step"].as<double>();

  // Every phase labelled on a terminal: the simulation counts its draws, the others take seconds
  // too (the tornados score each category twice per weight).
  ProgressBar bar;
  std::vector<std::string> roles = {"registry", "rules", "rubric", "reports"};
  if (draws > 0) roles.emplace_back("uncertainty");
  Provenance provenance = CommandProvenance("report", vm, roles);
  const AwardInputs inputs = LoadAwardInputs(vm);
  provenance.reports = CountReports(inputs.models);
  const std::vector<std::string> pages = PageCodes(vm, inputs.registry);
  bar.Status(pages.empty() ? "채점 중" : "채점, 무엇이 필요한가 계산 중");
  AwardReportInput input =
      MakeAwardReportInput(inputs.registry, inputs.rules, inputs.rubrics, inputs.models, pages);
  if (vm.count("title") != 0U) input.title = vm["title"].as<std::string>();

  if (draws > 0) AddOwnSimulation(vm, inputs, draws, bar, input, provenance);
  AddFromJsonFiles(vm, "simulation", ParseSimulationJson, input.simulations, provenance);
  if (tornado_step > 0) {
    bar.Status("가중치 민감도 (토네이도) 계산 중");
    AddTornados(inputs, tornado_step, input, provenance);
  }
  AddFromJsonFiles(vm, "sensitivity", ParseSensitivityJson, input.sensitivities, provenance);
  input.provenance = provenance;
  bar.Status("보고서 쓰는 중");
  StageOutput(vm["out"].as<std::string>(), "--out", RenderHtml(BuildAwardReport(input)));
  return kExitSuccess;
}

}  // namespace jobaward::cli
