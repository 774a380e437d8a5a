// `jobaward gaps`: "what it takes" for every government (or one cohort) — per input, the
// smallest change that passes the government ranked directly above, advances to stage 2, or
// wins a better award (gaps.hpp; method in engine/docs/sensitivity.md, columns in
// engine/docs/outputs.md). The tables are built by the library (gaps_result.hpp).
#include <string>
#include <thread>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/render/gaps_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/sensitivity/gaps.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {
namespace {

constexpr const char* kUsage =
    "usage: jobaward gaps [--category C|all] [--cohort 가|ga] [--threads T]\n"
    "                     [--format table|csv|json|xlsx] [--out FILE] [--rubric FILE]...\n"
    "                     [--rules FILE] [--registry FILE] [--reports DIR|FILE]\n"
    "                     [--table ID] [--excel-bom] [--provenance FILE]\n"
    "\n"
    "What it takes, for every government (or one cohort): for each input — each indicator's own\n"
    "figure (jobs, a rate, a grade, a flag, every reviewer score shifted together) and each bonus\n"
    "or penalty item — the smallest change, everything else held fixed, that\n"
    "  윗순위 추월  passes the government ranked directly above it in its cohort,\n"
    "  2차 진출     advances it to stage 2,\n"
    "  다음 상      gives it a better award (any award when it has none),\n"
    "with the rank and award it then has; or 불가 (not reachable) with the bound that stops it.\n"
    "Exact on the real scoring pipeline, and every answer is checked there. Moves of two inputs\n"
    "together are not searched. Method: engine/docs/sensitivity.md (\"What it takes\").\n"
    "Tables: gaps (one row per government, input and goal; what --format csv prints) and\n"
    "gaps_overview (the terminal's; engine/docs/outputs.md).\n"
    "\n"
    "examples:\n"
    "  jobaward gaps --cohort 마                        one cohort, as a table\n"
    "  jobaward gaps --category disclosure --format csv --out gaps.csv\n"
    "  jobaward gaps --format xlsx --out gaps.xlsx --threads 2\n"
    "  jobaward explain 11530 --to-next                 one government";

// Index of the cohort named by its letter (가) or id (ga); -1 = all.
int CohortIndex(const ScoringModel& model, const std::string& name) {
  if (name.empty()) return -1;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < model.cohorts.ids.size(); ++c) {
    if (model.cohorts.labels[c] == name || model.cohorts.ids[c] == name) return static_cast<int>(c);
    names.push_back(model.cohorts.labels[c]);
    names.push_back(model.cohorts.ids[c]);
  }
  const std::string hint = ClosestMatch(name, names);
  throw UsageError("--cohort: no cohort '" + name + "'" +
                   (hint.empty() ? "" : ", did you mean '" + hint + "'?"));
}

}  // namespace

int RunGaps(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("category", po::value<std::string>()->default_value("all"),
                        "rubric category (e.g. disclosure), or all")(
      "cohort", po::value<std::string>()->default_value(""),
      "only this cohort, by letter (가) or id (ga)");
  AddThreadsOption(options);
  AddFormatOptions(options);
  AddTableOption(options);
  AddAwardInputOptions(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const auto [format, out] = ReadFormatOptions(vm);
  const int threads = ThreadsOption(vm);

  const AwardInputs in = LoadAwardInputs(vm);
  const std::vector<std::vector<char>> eligible = AwardEligibility(in.models);
  std::vector<GapsCategory> categories;
  // A second or more for every government: counted on a terminal, per category.
  ProgressBar bar;
  for (const std::size_t c : SelectedCategories(in, vm["category"].as<std::string>())) {
    const ScoringModel& model = in.models[c];
    const int cohort = CohortIndex(model, vm["cohort"].as<std::string>());
    GapsOptions gap_options;
    gap_options.threads = threads;
    gap_options.award_eligible = &eligible[c];
    if (bar.enabled()) {
      bar.Phase("무엇이 필요한가: " + model.rubric.name_ko, "곳");
      gap_options.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
        bar.Update(done, planned);
      };
    }
    for (int r = 0; r < static_cast<int>(model.row_code.size()); ++r) {
      if (cohort < 0 || model.row_cohort[static_cast<std::size_t>(r)] == cohort) {
        gap_options.rows.push_back(r);
      }
    }
    categories.push_back({&model, FindGaps(model, gap_options)});
  }
  bar.Finish();
  Provenance provenance = CommandProvenance("gaps", vm, {"registry", "rules", "rubric", "reports"});
  provenance.reports = CountReports(in.models);
  if (!vm["cohort"].as<std::string>().empty()) {
    provenance.settings.emplace_back("cohort", vm["cohort"].as<std::string>());
  }
  EmitResult(vm, format, MakeGapsResult(in.registry, categories), provenance, out);
  return kExitSuccess;
}

}  // namespace jobaward::cli
