// `jobaward explain CODE|NAME`: one government's score in each category, indicator by indicator
// (inputs, method, parameters, raw value, cohort statistics, points), its stage totals, and its
// rank in the cohort with the tie-break keys that place it against its neighbours; with
// --to-next, what it takes to move up (gaps.hpp). The tables are built by the library
// (explain_result.hpp); this file parses flags and renders.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/results/explain_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/sensitivity/gaps.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward explain CODE|NAME [--to-next] [--rubric FILE]... [--rules FILE]\n"
    "                        [--registry FILE]\n"
    "                        [--reports DIR|FILE] [--format table|csv|json|xlsx] [--out FILE]\n"
    "                        [--table ID] [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Explains the score of one government — given by its administrative code (11530) or its\n"
    "name (구로구; a name several governments share needs its province: '울산 남구') — in each\n"
    "category: every indicator with its inputs, method, parameters, raw value, the cohort\n"
    "statistics it used and its points; domain and stage totals; whether it advanced; its rank\n"
    "in its cohort and which ranking key separates it from the governments ranked just above\n"
    "and below; its award. Tables: summary, indicators, ranking_keys, neighbours\n"
    "(engine/docs/outputs.md).\n"
    "\n"
    "--to-next adds what it takes: for each input, the smallest change (everything else held\n"
    "fixed) that passes the government ranked directly above, advances to stage 2, or gives a\n"
    "better award, with the rank and award it then has, or 불가 and the bound that stops it\n"
    "(as `jobaward gaps`; engine/docs/sensitivity.md, \"What it takes\"). Tables to_next (one\n"
    "row per input and goal; what --format csv prints) and to_next_overview (the terminal's).\n"
    "\n"
    "examples:\n"
    "  jobaward explain 11530\n"
    "  jobaward explain 구로구\n"
    "  jobaward explain '울산 남구' --format json\n"
    "  jobaward explain 11530 --format csv --table indicators\n"
    "  jobaward explain 11530 --to-next\n"
    "  jobaward explain 11530 --to-next --format csv --out 11530-gaps.csv";

}  // namespace

int RunExplain(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("code", po::value<std::string>(),
                        "the government: code or name (the same as the positional CODE|NAME)")(
      "to-next", po::bool_switch(),
      "also what it takes to pass the government above, advance, or win a better award");
  AddFormatOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
  po::positional_options_description positional;
  positional.add("code", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, kUsage, vm)) return kExitSuccess;
  if (vm.count("code") == 0U) {
    throw UsageError("missing the government CODE or NAME (e.g. 11530 or 구로구)");
  }
  const auto [format, out] = ReadFormatOptions(vm);

  const AwardInputs in = LoadAwardInputs(vm);
  const std::size_t index = FindGovernment(in.registry, vm["code"].as<std::string>(), "code");
  const std::string& code = in.registry[index].code;
  const std::vector<ScoreResult> results = ScoreAward(in.models);
  std::vector<ExplainedCategory> categories;
  bool found = false;
  for (std::size_t k = 0; k < in.models.size(); ++k) {
    const int row = in.models[k].RowOf(code);
    ExplainedCategory c{&in.models[k], &results[k], std::nullopt};
    if (row >= 0) {
      c.row = static_cast<std::size_t>(row);
      found = true;
    }
    categories.push_back(c);
  }
  if (!found) {
    throw InputError(Diagnostic{{}, "code", "no report for government " + code, {}});
  }
  const Provenance provenance =
      CommandProvenance("explain", vm, {"registry", "rules", "rubric", "reports"});
  Result result = MakeExplainResult(in.registry, index, categories);
  const bool to_next = vm["to-next"].as<bool>();
  if (to_next) {
    // Each probe rescores the cohort: seconds on a batch of thousands of reports, so the phase
    // is labelled on a terminal (cleared before the output).
    ProgressBar bar;
    for (std::size_t k = 0; k < categories.size(); ++k) {
      if (!categories[k].row) continue;
      bar.Status("무엇이 필요한가: " + in.models[k].rubric.name_ko);
      AddToNext(result, in.registry, in.models[k],
                FindGapsHoldingAwards(in.models, k, static_cast<int>(*categories[k].row)));
    }
  }
  EmitResult(vm, format, std::move(result), provenance, out, to_next ? "to_next" : "");
  return kExitSuccess;
}

}  // namespace jobaward::cli
