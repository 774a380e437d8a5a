// `jobaward award`: the award table of every category (default: both 2020 rubrics on the bundled
// reports) — national prizes, the cohort awards by cohort, special prizes, counts and prize
// money per category and overall, and any unresolved tie.
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/results/award_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/awards.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward award [--rubric FILE]... [--rules FILE] [--registry FILE]\n"
    "                      [--reports DIR|FILE] [--format table|csv|json|xlsx] [--out FILE]\n"
    "                      [--table ID] [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Scores every report with each rubric (default: rubrics/2020-disclosure.yaml and\n"
    "rubrics/2020-best-program.yaml on examples/2020/reports) and prints the awards of each\n"
    "category: national prizes, the awards of each cohort (가..사) and special prizes; then the\n"
    "count and prize money of each award, per category and overall; then any tie that survived\n"
    "every tie-break key (all tied governments received the place). Tables: awards, counts,\n"
    "ties (engine/docs/outputs.md).\n"
    "\n"
    "examples:\n"
    "  jobaward award\n"
    "  jobaward award --format xlsx --out award-2020.xlsx\n"
    "  jobaward award --format csv --table counts --excel-bom --out counts.csv\n"
    "  jobaward award --reports examples/2020/reports.csv --format json";

}  // namespace

int RunAward(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  AddFormatOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const auto [format, out] = ReadFormatOptions(vm);

  const AwardInputs in = LoadAwardInputs(vm);
  // A batch of thousands of reports takes seconds more (input hashes, scoring): labelled on a
  // terminal, and cleared before the table is printed.
  ProgressBar bar;
  bar.Status("채점 중");
  Provenance provenance =
      CommandProvenance("award", vm, {"registry", "rules", "rubric", "reports"});
  provenance.reports = CountReports(in.models);
  const std::vector<ScoreResult> results = ScoreAward(in.models);
  const AwardTable table = BuildAwardTable(in.rubrics, results);
  bar.Finish();
  EmitResult(vm, format, MakeAwardResult(in.rubrics, table, in.models.front().cohorts, in.registry),
             provenance, out);
  return kExitSuccess;
}

}  // namespace jobaward::cli
