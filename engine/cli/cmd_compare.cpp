// `jobaward compare BASE ALT`: the awards of two variants side by side — who gains, loses or
// switches which award, cohort moves, rank and score changes, and the totals. Each side is a
// scenario file or `default` (the inputs without a scenario); the input flags apply to both.
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/io/scenario_yaml.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/results/compare_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/scenario_compare.hpp"
#include "jobaward/simulation/paired_simulation.hpp"
#include "option_values.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward compare BASE ALT [--set KEY=VALUE]... [--rubric FILE]... [--rules FILE]\n"
    "                        [--registry FILE] [--reports DIR|FILE]\n"
    "                        [--simulate N [--seed S] [--threads T] [--uncertainty FILE]]\n"
    "                        [--format table|csv|json|xlsx] [--table ID] [--out FILE]\n"
    "\n"
    "Runs the award under BASE and under ALT (each a scenario file, or 'default' for the inputs\n"
    "without a scenario) and lists, per category and cohort, who gains, loses or switches\n"
    "which award, then the governments whose cohort, rank or score moved (largest first), and\n"
    "the totals: awards moved, governments affected, prize money moved. --set adds overrides\n"
    "to ALT. --simulate N adds the probability of an award of every government under both,\n"
    "from N draws of the uncertainty spec with common random numbers (the same draws on both\n"
    "sides), and the difference with its paired standard error (engine/docs/sensitivity.md,\n"
    "\"Comparing two scenarios\"). Formats and table ids: engine/docs/outputs.md (\"compare\").\n"
    "\n"
    "examples:\n"
    "  jobaward compare default examples/2020/scenarios/three-top.yaml\n"
    "  jobaward compare default default --set 2020-disclosure.stages.stage2_weight=2\n"
    "  jobaward compare examples/2020/scenarios/outcome-60.yaml \\\n"
    "      examples/2020/scenarios/top-40-percent.yaml --format csv --table totals\n"
    "  jobaward compare default examples/2020/scenarios/outcome-60.yaml --simulate 2000";

Scenario SideScenario(const std::string& side) {
  if (side == "default") {
    Scenario s;
    s.id = "default";
    return s;
  }
  return LoadScenario(side);
}

// compare --simulate: both sides on the same draws of the uncertainty spec.
PairedSimulationResult SimulateBoth(const po::variables_map& vm, const AwardInputs& base,
                                    const AwardInputs& alt) {
  SimulationConfig config;
  config.draws = vm["simulate"].as<std::uint64_t>();
  config.seed = vm["seed"].as<std::uint64_t>();
  config.threads = ThreadsOption(vm);
  const UncertaintySpec spec = LoadUncertainty(vm.count("uncertainty") != 0U
                                                   ? vm["uncertainty"].as<std::string>()
                                                   : DefaultPath("examples/2020/uncertainty.yaml"));
  const UncertaintyModel base_uncertainty = CompileUncertaintyFor(spec, base);
  const UncertaintyModel alt_uncertainty = CompileUncertaintyFor(spec, alt);
  ProgressBar bar;  // Drawn only on a terminal: thousands of draws of both sides take seconds.
  if (bar.enabled()) {
    bar.Phase("두 시나리오 추출", "회");
    config.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.Update(done, planned);
    };
  }
  return SimulatePaired(base.models, base_uncertainty, alt.models, alt_uncertainty, config);
}

// --seed, --threads and --uncertainty only go with --simulate.
void CheckSimulateFlags(const po::variables_map& vm) {
  if (vm.count("simulate") != 0U) return;
  for (const char* flag : {"seed", "threads"}) {
    if (!vm[flag].defaulted()) {
      throw UsageError(std::string("--") + flag + " applies only with --simulate N");
    }
  }
  if (vm.count("uncertainty") != 0U) {
    throw UsageError("--uncertainty applies only with --simulate N");
  }
}

// Names as every output shows them: "울산 중구", not a bare "중구" that six governments share.
void UseDisplayNames(const DisplayNames& names, const Registry& registry,
                     ScenarioComparison& comparison) {
  for (auto* list : {&comparison.awards, &comparison.movers}) {
    for (GovernmentChange& c : *list) {
      if (const auto index = registry.IndexOf(c.code)) c.name_ko = names.ko[*index];
    }
  }
}

CompareLabels MakeLabels(const po::variables_map& vm, const Scenario& before, const Scenario& after,
                         const AwardInputs& base, const AwardInputs& alt) {
  CompareLabels labels;
  labels.before = before.id;
  labels.after = after.id + (vm.count("set") != 0U ? " + --set" : "");
  for (const AwardInputs* in : {&base, &alt}) {
    for (const Rubric& r : in->rubrics) labels.category_names.emplace(r.category, r.name_ko);
  }
  return labels;
}

// Both sides' inputs and scenarios. Synthetic reports on either side make the comparison
// synthetic (the sides share the reports unless a scenario names others).
Provenance CompareProvenance(const po::variables_map& vm, const Scenario& before,
                             const Scenario& after, const AwardInputs& base,
                             const AwardInputs& alt) {
  Provenance provenance = MakeProvenance("compare", CommandLine());
  const std::vector<std::string> roles = {"registry", "rules", "rubric", "reports"};
  AddInputProvenance(vm, before, roles, "base ", provenance);
  AddScenarioProvenance(before, "base ", provenance);
  AddInputProvenance(vm, after, roles, "alt ", provenance);
  AddScenarioProvenance(after, "alt ", provenance);
  const ReportOrigin base_reports = CountReports(base.models);
  const ReportOrigin alt_reports = CountReports(alt.models);
  provenance.reports = alt_reports.synthetic > base_reports.synthetic ? alt_reports : base_reports;
  return provenance;
}

// The paired simulation of --simulate: its probability tables added to `result`.
void AddPairedSimulation(const po::variables_map& vm, const Scenario& before,
                         const AwardInputs& base, const AwardInputs& alt, const DisplayNames& names,
                         const CompareLabels& labels, Result& result, Provenance& provenance) {
  const PairedSimulationResult paired = SimulateBoth(vm, base, alt);
  std::map<std::string, std::string> names_ko;
  for (std::size_t i = 0; i < base.registry.size(); ++i) {
    names_ko.emplace(base.registry[i].code, names.ko[i]);
  }
  AddPairedProbabilities(paired, labels, names_ko, result);
  provenance.seed = paired.seed;
  provenance.draws = static_cast<std::int64_t>(paired.draws);
  AddInputProvenance(vm, before, {"uncertainty"}, "", provenance);
}

}  // namespace

int RunCompare(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("base", po::value<std::string>(), "BASE: a scenario file or 'default'")(
      "alt", po::value<std::string>(), "ALT: a scenario file or 'default'")(
      "simulate", Ranged<std::uint64_t>(1, kMaxDraws),
      "N draws: award probabilities under both, with common random numbers")(
      "seed", NonNegative<std::uint64_t>()->default_value(2020), "random seed (with --simulate)")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec for --simulate (default: examples/2020/uncertainty.yaml)");
  AddThreadsOption(options, "for --simulate");
  AddFormatOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
  po::positional_options_description positional;
  positional.add("base", 1).add("alt", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, kUsage, vm)) return kExitSuccess;
  if (vm.count("base") == 0U || vm.count("alt") == 0U) {
    throw UsageError("compare needs BASE and ALT (each a scenario file or 'default')");
  }
  if (vm.count("scenario") != 0U) {
    throw UsageError("compare takes its scenarios as BASE and ALT, not --scenario");
  }
  const auto [format, out] = ReadFormatOptions(vm);
  CheckSimulateFlags(vm);

  const Scenario before = SideScenario(vm["base"].as<std::string>());
  Scenario after = SideScenario(vm["alt"].as<std::string>());
  const Scenario extra = ScenarioOption(vm);  // --set alone: --scenario was refused above.
  after.overrides.insert(after.overrides.end(), extra.overrides.begin(), extra.overrides.end());
  const AwardInputs base = LoadAwardInputs(vm, before);
  const AwardInputs alt = LoadAwardInputs(vm, after);
  ScenarioComparison comparison = CompareResults(ScoreAward(base.models, Detail::kPoints),
                                                 ScoreAward(alt.models, Detail::kPoints));
  const DisplayNames names = MakeDisplayNames(base.registry);
  UseDisplayNames(names, base.registry, comparison);
  const CompareLabels labels = MakeLabels(vm, before, after, base, alt);
  Provenance provenance = CompareProvenance(vm, before, after, base, alt);
  Result result = BuildCompareResult(comparison, labels);
  if (vm.count("simulate") != 0U) {
    AddPairedSimulation(vm, before, base, alt, names, labels, result, provenance);
  }
  EmitResult(vm, format, std::move(result), provenance, out);
  return kExitSuccess;
}

}  // namespace jobaward::cli
