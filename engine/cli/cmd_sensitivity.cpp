// `jobaward sensitivity tornado|reversal|sobol`: which choices drive the award (sensitivity.hpp;
// formulas in engine/docs/sensitivity.md). Each method's result is built by the library
// (sensitivity_result.hpp) and rendered here as a table, CSV, JSON or a workbook.
#include <iostream>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/results/sensitivity_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"
#include "option_values.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {
namespace {

constexpr const char* kUsage =
    "usage: jobaward sensitivity <method> [options]   (jobaward sensitivity <method> --help)\n"
    "\n"
    "methods:\n"
    "  tornado    move each domain/indicator weight by +-x% (the others renormalised to keep\n"
    "             the rubric total): change of every government's score, rank and award,\n"
    "             weights sorted by impact\n"
    "  reversal   for every cohort and weight: the smallest change of that weight at which the\n"
    "             cohort's winner (or, with --any-award, any award) changes, and who takes over;\n"
    "             exact (closed-form crossings confirmed by the real pipeline), or \"stable\"\n"
    "  sobol      first-order and total Sobol indices of every uncertainty group of the\n"
    "             uncertainty spec on each government's score and rank and on \"the baseline\n"
    "             winner keeps its award\", with bootstrap confidence intervals\n"
    "Formulas: engine/docs/sensitivity.md.\n"
    "\n"
    "examples:\n"
    "  jobaward sensitivity tornado --category disclosure\n"
    "  jobaward sensitivity reversal --any-award\n"
    "  jobaward sensitivity sobol --samples 256 --format xlsx --out sobol.xlsx";

// Sobol base samples: 2^20 runs the pipeline 2^20 x (groups + 2) times, hours on the 2020
// award. The bootstrap holds a units x resamples matrix of multiplicities and every output's
// indices per resample, so both are bounded well below what memory allows (1024 x 10000 doubles
// are 80 MB); percentile intervals need a few thousand resamples.
constexpr int kMaxSobolSamples = 1 << 20;
constexpr int kMaxBootstrap = 10'000;
constexpr int kMaxBootstrapUnits = 1024;

// Options every method takes.
void AddCommon(po::options_description& options) {
  options.add_options()("category", po::value<std::string>()->default_value("all"),
                        "rubric category to analyse (e.g. disclosure), or all");
  AddFormatOptions(options);
  AddAwardInputOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
}

// ---------------------------------------------------------------------------------------------

int RunTornadoCommand(const std::vector<std::string>& args) {
  po::options_description options("tornado options");
  options.add_options()("step", Ranged(0.0, 1.0, Ends::kOpenMin)->default_value(0.10),
                        "relative change of each weight (0.10 = +-10%)");
  AddCommon(options);
  po::variables_map vm;
  if (!ParseArgs(
          args, options, {},
          "usage: jobaward sensitivity tornado [--step X] [--category C] [--format F]\n"
          "                                    [--out FILE] [--table ID]\n"
          "\n"
          "Moves each weight by +-X (relative), the others renormalised to keep the rubric\n"
          "total, and shows per weight the largest score change (with the stage-2 list held\n"
          "fixed, and in total) and how many ranks and awards change. Tables: changes\n"
          "(every government; the CSV), weights, award_changes (engine/docs/outputs.md).\n"
          "\n"
          "examples:\n"
          "  jobaward sensitivity tornado --step 0.2 --category disclosure\n"
          "  jobaward sensitivity tornado --format csv --table weights --out weights.csv\n"
          "  jobaward sensitivity tornado --format json --out sens.json &&\n"
          "    jobaward report --sensitivity sens.json --out report.html",
          vm)) {
    return kExitSuccess;
  }
  const auto [format, out] = ReadFormatOptions(vm);
  const double step = vm["step"].as<double>();
  const AwardInputs in = LoadAwardInputs(vm);
  // Cross-category rules (award_plan.hpp): the other categories' awards hold fixed.
  const std::vector<std::vector<char>> eligible = AwardEligibility(in.models);
  std::vector<CategoryTornado> categories;
  ProgressBar bar;  // Seconds on a batch of thousands of reports: counted on a terminal.
  for (const std::size_t c : SelectedCategories(in, vm["category"].as<std::string>())) {
    TornadoOptions tornado{.step = step,
                           .award_eligible = eligible[c].empty() ? nullptr : &eligible[c]};
    if (bar.enabled()) {
      bar.Phase("가중치 ±변화: " + in.models[c].rubric.name_ko, "개");
      tornado.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
        bar.Update(done, planned);
      };
    }
    categories.push_back({&in.models[c], RunTornado(in.models[c], tornado)});
  }
  bar.Finish();
  Provenance provenance =
      CommandProvenance("sensitivity tornado", vm, {"registry", "rules", "rubric", "reports"});
  provenance.reports = CountReports(in.models);
  EmitResult(vm, format, MakeTornadoResult(categories, step, in.registry), provenance, out);
  return kExitSuccess;
}

// ---------------------------------------------------------------------------------------------

int RunReversalCommand(const std::vector<std::string>& args) {
  po::options_description options("reversal options");
  options.add_options()("any-award", po::bool_switch(),
                        "thresholds for any change of a cohort award, not only the winner");
  AddCommon(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {},
                 "usage: jobaward sensitivity reversal [--any-award] [--category C] [--format F]\n"
                 "                                     [--out FILE] [--table ID]\n"
                 "\n"
                 "The smallest change of each weight (the others renormalised to keep the rubric\n"
                 "total) at which each cohort's winner changes, and who takes over; with\n"
                 "--any-award, at which any award of the cohort changes. \"stable\" = no change\n"
                 "over the whole range. Table: thresholds (engine/docs/outputs.md).\n"
                 "\n"
                 "examples:\n"
                 "  jobaward sensitivity reversal --category disclosure\n"
                 "  jobaward sensitivity reversal --any-award --format xlsx --out reversal.xlsx",
                 vm)) {
    return kExitSuccess;
  }
  const auto [format, out] = ReadFormatOptions(vm);
  const bool any_award = vm["any-award"].as<bool>();
  const AwardInputs in = LoadAwardInputs(vm);
  const std::vector<std::vector<char>> eligible = AwardEligibility(in.models);
  std::vector<CategoryReversal> categories;
  // Minutes on a batch of thousands of reports: the (cohort, weight) pairs counted on a terminal.
  ProgressBar bar;
  for (const std::size_t c : SelectedCategories(in, vm["category"].as<std::string>())) {
    ReversalOptions reversal{.any_award = any_award,
                             .award_eligible = eligible[c].empty() ? nullptr : &eligible[c]};
    if (bar.enabled()) {
      bar.Phase("순위 역전 임계값 (평가군 × 가중치): " + in.models[c].rubric.name_ko, "쌍");
      reversal.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
        bar.Update(done, planned);
      };
    }
    categories.push_back({&in.models[c], RunReversal(in.models[c], reversal)});
  }
  bar.Finish();
  Provenance provenance =
      CommandProvenance("sensitivity reversal", vm, {"registry", "rules", "rubric", "reports"});
  provenance.reports = CountReports(in.models);
  EmitResult(vm, format, MakeReversalResult(categories, any_award, in.registry), provenance, out);
  return kExitSuccess;
}

// ---------------------------------------------------------------------------------------------

int RunSobolCommand(const std::vector<std::string>& args) {
  po::options_description options("sobol options");
  options.add_options()("samples", Ranged<std::int64_t>(2, kMaxSobolSamples)->default_value(1024),
                        "base samples N (the pipeline runs N x (groups + 2) times)")(
      "seed", NonNegative<std::uint64_t>()->default_value(2020), "random seed")(
      "bootstrap", Ranged(0, kMaxBootstrap)->default_value(200),
      "bootstrap resamples for the intervals")(
      "bootstrap-units", Ranged(2, kMaxBootstrapUnits)->default_value(64),
      "blocks of base samples the bootstrap resamples (at most N are used)")(
      "confidence", Ranged(0.0, 1.0, Ends::kOpen)->default_value(0.95), "level of the intervals")(
      "random", po::bool_switch(),
      "draw one-uniform groups from their seeded streams instead of the Sobol sequence")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec (default: examples/2020/uncertainty.yaml)");
  AddThreadsOption(options);
  AddCommon(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {},
                 "usage: jobaward sensitivity sobol [--samples N] [--seed S] [--threads T]\n"
                 "                                  [--uncertainty FILE] [--category C]\n"
                 "                                  [--format F] [--out FILE] [--table ID]\n"
                 "\n"
                 "First-order and total Sobol indices of every uncertainty group on each\n"
                 "government's score and rank and on \"the baseline winner keeps first place\",\n"
                 "with bootstrap intervals. Tables: indices (every index; the CSV), groups (mean\n"
                 "indices per group), winners (per cohort) (engine/docs/outputs.md).\n"
                 "\n"
                 "examples:\n"
                 "  jobaward sensitivity sobol --samples 256\n"
                 "  jobaward sensitivity sobol --format xlsx --out sobol.xlsx\n"
                 "  jobaward sensitivity sobol --format csv --table groups --out groups.csv",
                 vm)) {
    return kExitSuccess;
  }
  const auto [format, out] = ReadFormatOptions(vm);
  SobolOptions so;
  so.base_samples = vm["samples"].as<std::int64_t>();
  so.seed = vm["seed"].as<std::uint64_t>();
  so.threads = ThreadsOption(vm);
  so.bootstrap_resamples = vm["bootstrap"].as<int>();
  so.bootstrap_units = vm["bootstrap-units"].as<int>();
  so.confidence = vm["confidence"].as<double>();
  so.quasi_random = !vm["random"].as<bool>();
  const AwardInputs in = LoadAwardInputs(vm);
  const std::vector<std::size_t> selected =
      SelectedCategories(in, vm["category"].as<std::string>());
  const std::string spec_path = vm.count("uncertainty") != 0U
                                    ? vm["uncertainty"].as<std::string>()
                                    : DefaultPath("examples/2020/uncertainty.yaml");
  const UncertaintySpec spec = LoadUncertainty(spec_path);
  const UncertaintyModel uncertainty = CompileUncertaintyFor(spec, in);
  if (uncertainty.groups().empty()) {
    throw InputError(
        Diagnostic{{spec_path}, "", "the uncertainty spec has no uncertain inputs", {}});
  }
  ProgressBar bar;  // Drawn only on a terminal: at the default 1,024 samples it takes seconds.
  if (bar.enabled()) {
    bar.Phase("소볼 지수 평가", "회");
    so.progress = [&bar](std::int64_t done, std::int64_t planned) {
      bar.Update(static_cast<std::uint64_t>(done), static_cast<std::uint64_t>(planned));
    };
  }
  const AwardSobolResult result = RunAwardSobol(in.models, uncertainty, so);
  bar.Finish();
  Provenance provenance = CommandProvenance(
      "sensitivity sobol", vm, {"registry", "rules", "rubric", "reports", "uncertainty"});
  provenance.seed = so.seed;
  provenance.reports = CountReports(in.models);
  EmitResult(vm, format, MakeSobolResult(result, so, in.models, selected, in.registry), provenance,
             out);
  return kExitSuccess;
}

}  // namespace

int RunSensitivity(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage << '\n';
    return args.empty() ? kExitUsage : kExitSuccess;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "tornado") return RunTornadoCommand(rest);
  if (args[0] == "reversal") return RunReversalCommand(rest);
  if (args[0] == "sobol") return RunSobolCommand(rest);
  const std::string hint = ClosestMatch(args[0], {"tornado", "reversal", "sobol"});
  throw UsageError("unknown method '" + args[0] + "' (tornado, reversal or sobol)" +
                   (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
}

}  // namespace jobaward::cli
