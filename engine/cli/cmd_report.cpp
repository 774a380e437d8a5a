// jobaward report: the self-contained HTML report for briefings (award_report.hpp). Runs the
// award pipeline (registry -> cohorts -> rubrics -> reports -> scores -> awards), a Monte Carlo
// simulation (--draws, 2000 by default; or read from `jobaward simulate --format json` output
// with --simulation) and the weight tornado of every category (--tornado-step), and adds
// tornados read from `jobaward sensitivity tornado --format json` (--sensitivity).
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/award_plan.hpp"
#include "jobaward/award_report.hpp"
#include "jobaward/awards.hpp"
#include "jobaward/cohort_rules.hpp"
#include "jobaward/error.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/gaps.hpp"
#include "jobaward/gaps_tables.hpp"
#include "jobaward/government_names.hpp"
#include "jobaward/html_report.hpp"
#include "jobaward/provenance.hpp"
#include "jobaward/scoring.hpp"
#include "jobaward/sensitivity.hpp"
#include "jobaward/sensitivity_result.hpp"
#include "jobaward/simulation.hpp"
#include "jobaward/text_table.hpp"
#include "jobaward/uncertainty_yaml.hpp"
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

SimulationSummary SummaryFromResult(const CategorySimulation& c, const ScoringModel& model,
                                    const AwardInputs& inputs, std::uint64_t seed,
                                    std::uint64_t draws) {
  SimulationSummary s;
  s.category = c.category;
  s.draws = static_cast<std::int64_t>(draws);
  s.seed = seed;
  for (const auto& g : c.governments) {
    SimulationSummary::Row r;
    r.code = g.code;
    r.name_ko = RowName(inputs, model, g.row);
    r.cohort = g.cohort >= 0 ? model.cohorts.labels[static_cast<std::size_t>(g.cohort)] : "";
    r.p_award = g.any_award.p;
    r.p_award_se = g.any_award.se;
    r.rank_mean = g.mean_rank;
    r.rank_p05 = g.rank_p5;
    r.rank_p95 = g.rank_p95;
    r.baseline_rank = g.baseline_rank;
    r.baseline_award = g.baseline_place >= 0;
    r.p_first = g.first.p;
    r.p_first_se = g.first.se;
    s.rows.push_back(std::move(r));
  }
  return s;
}

// The tornado of one category with ±step (RunTornado): own and total effect per weight.
// `award_eligible`: the cross-category mask from the baseline awards (award_plan.hpp), or null.
SensitivitySummary TornadoSummary(const ScoringModel& model, const Rubric& rubric, double step,
                                  const std::vector<char>* award_eligible) {
  const std::string pct = FormatFixed(step * 100, 0) + "%";
  SensitivitySummary s;
  s.category = rubric.category;
  s.title = rubric.name_ko + ": 가중치 ±" + pct;
  s.measure = "점수가 가장 크게 바뀌는 지자체의 변화 (점)";
  s.low_name = "-" + pct;
  s.high_name = "+" + pct;
  for (const TornadoRow& t : RunTornado(model, {.step = step, .award_eligible = award_eligible})) {
    SensitivitySummary::Row row;
    row.label = WeightNameKo(rubric, t.weight);
    row.low = -t.down.max_abs_own_change;
    row.high = t.up.max_abs_own_change;
    row.total_low = -t.down.max_abs_score_change;
    row.total_high = t.up.max_abs_score_change;
    row.award_changes = t.award_changes;
    row.advance_changes = t.down.advance_changes + t.up.advance_changes;
    s.rows.push_back(std::move(row));
  }
  return s;
}

// What it takes, for a government page: one block per category with a report of it.
void AddGaps(const AwardInputs& inputs, const std::string& code, AwardReportInput& input) {
  const std::vector<std::vector<char>> eligible = AwardEligibility(inputs.models);
  for (std::size_t c = 0; c < inputs.models.size(); ++c) {
    const ScoringModel& model = inputs.models[c];
    const int row = model.RowOf(code);
    if (row < 0) continue;
    GapsWorkspace workspace;
    const GovernmentGaps gaps = FindGaps(model, row, workspace, &eligible[c]);
    std::string above;
    if (gaps.above >= 0) {
      const std::string& above_code = model.row_code[static_cast<std::size_t>(gaps.above)];
      const auto shown = input.display_names.find(above_code);
      above = above_code + " " +
              (shown != input.display_names.end()
                   ? shown->second
                   : model.row_name_ko[static_cast<std::size_t>(gaps.above)]);
    }
    input.gaps.push_back({model.rubric.category, code, above, GapsTable(model, gaps)});
  }
}

// The names that differ from the registry's (a shared name with its province, "울산 남구"), by
// code: the report's display_names.
std::map<std::string, std::string> ShownNames(const Registry& registry) {
  const DisplayNames names = MakeDisplayNames(registry);
  std::map<std::string, std::string> shown;
  for (std::size_t i = 0; i < registry.size(); ++i) {
    if (names.ko[i] != registry[i].name_ko) shown[registry[i].code] = names.ko[i];
  }
  return shown;
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
  if (vm.count("draws") != 0U && vm.count("simulation") != 0U) {
    throw UsageError("--draws runs a simulation; --simulation reads one: give only one of them");
  }
  const int threads = ThreadsOption(vm);
  const double tornado_step = vm["tornado-step"].as<double>();

  const std::uint64_t draws = vm.count("draws") != 0U        ? vm["draws"].as<std::uint64_t>()
                              : vm.count("simulation") != 0U ? 0
                                                             : kDefaultDraws;
  const bool simulate = draws > 0;
  // Every phase labelled on a terminal: the simulation counts its draws, the others take seconds
  // too (the tornados score each category twice per weight).
  ProgressBar bar;
  std::vector<std::string> roles = {"registry", "rules", "rubric", "reports"};
  if (simulate) roles.emplace_back("uncertainty");
  Provenance provenance = CommandProvenance("report", vm, roles);
  const AwardInputs inputs = LoadAwardInputs(vm);
  provenance.reports = CountReports(inputs.models);
  const std::vector<double> parameters = ParameterValues(inputs.rules);
  const CohortAssignment assignment = AssignCohorts(inputs.rules, inputs.registry, parameters);

  const DisplayNames names = MakeDisplayNames(inputs.registry);  // "울산 남구", not "남구"
  AwardReportInput input;
  if (vm.count("title") != 0U) input.title = vm["title"].as<std::string>();
  input.year = inputs.rules.year;
  for (std::size_t c = 0; c < assignment.cohorts.size(); ++c) {
    CohortSummary s;
    s.letter = assignment.cohorts[c].letter;
    s.id = assignment.cohorts[c].id;
    s.name_en = assignment.cohorts[c].name_en;
    s.description = assignment.cohorts[c].description;
    if (c < inputs.rules.cohorts.size()) s.rule = inputs.rules.cohorts[c].rule.text();
    for (std::size_t i : assignment.members[c]) s.members.push_back(names.ko[i]);
    input.cohorts.push_back(std::move(s));
  }
  input.display_names = ShownNames(inputs.registry);
  if (vm.count("government") != 0U) {
    for (const auto& query : vm["government"].as<std::vector<std::string>>()) {
      input.government_pages.push_back(
          inputs.registry[FindGovernment(inputs.registry, query, "--government")].code);
    }
  }
  input.cohort_parameters.header = {"parameter", "value", "description"};
  input.cohort_parameters.align = {Align::kLeft, Align::kRight, Align::kLeft};
  for (std::size_t i = 0; i < inputs.rules.parameters.size(); ++i) {
    input.cohort_parameters.rows.push_back({inputs.rules.parameters[i].name,
                                            FormatFixed(parameters[i], 2),
                                            inputs.rules.parameters[i].description});
  }
  bar.Status("채점 중");
  input.results = ScoreAward(inputs.models);
  if (!input.government_pages.empty()) bar.Status("무엇이 필요한가 계산 중");
  for (const auto& code : input.government_pages) AddGaps(inputs, code, input);
  input.awards = BuildAwardTable(inputs.rubrics, input.results);

  if (simulate) {
    const std::string spec_path = vm.count("uncertainty") != 0U
                                      ? vm["uncertainty"].as<std::string>()
                                      : DefaultPath("examples/2020/uncertainty.yaml");
    bar.Finish();  // CompileUncertaintyFor may print notes.
    const UncertaintyModel uncertainty = CompileUncertaintyFor(LoadUncertainty(spec_path), inputs);
    SimulationConfig config;
    config.seed = vm["seed"].as<std::uint64_t>();
    config.draws = draws;
    config.threads = threads;
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
    for (std::size_t i = 0; i < sim.categories.size(); ++i) {
      input.simulations.push_back(
          SummaryFromResult(sim.categories[i], inputs.models[i], inputs, sim.seed, sim.draws));
    }
  }
  if (vm.count("simulation") != 0U) {
    for (const auto& path : vm["simulation"].as<std::vector<std::string>>()) {
      provenance.inputs.push_back(HashInputFile("simulation", path));
      auto sims = ParseSimulationJson(ReadInput(path, InputKind::kJson), path);
      input.simulations.insert(input.simulations.end(), sims.begin(), sims.end());
    }
  }
  if (tornado_step > 0) {
    bar.Status("가중치 민감도 (토네이도) 계산 중");
    provenance.settings.emplace_back("tornado_step", FormatFixed(tornado_step, 2));
    const AwardPlan plan(inputs.models);
    AwardWorkspace baseline;
    (void)EvaluateAward(plan, inputs.models, {}, baseline);
    for (std::size_t i = 0; i < inputs.models.size(); ++i) {
      input.sensitivities.push_back(
          TornadoSummary(inputs.models[i], inputs.rubrics[i], tornado_step,
                         plan.Constrained(i) ? &baseline.eligible[i] : nullptr));
    }
  }
  if (vm.count("sensitivity") != 0U) {
    for (const auto& path : vm["sensitivity"].as<std::vector<std::string>>()) {
      provenance.inputs.push_back(HashInputFile("sensitivity", path));
      auto sens = ParseSensitivityJson(ReadInput(path, InputKind::kJson), path);
      input.sensitivities.insert(input.sensitivities.end(), sens.begin(), sens.end());
    }
  }
  input.provenance = provenance;
  bar.Status("보고서 쓰는 중");
  StageOutput(vm["out"].as<std::string>(), "--out", RenderHtml(BuildAwardReport(input)));
  return kExitSuccess;
}

}  // namespace jobaward::cli
