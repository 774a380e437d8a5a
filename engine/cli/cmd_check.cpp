// `jobaward check --published FILE`: does the model (rubrics, cohort rules, registry, reports;
// the bundled 2020 ones by default) reproduce the published results? Each fact, the published
// value, the model's value and whether they match; exit 0 only when all match, 5 otherwise.
// The tables are built by the library (check_result.hpp).
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/io/published_yaml.hpp"
#include "jobaward/results/check_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/published.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward check [--published FILE] [--rubric FILE]... [--rules FILE]\n"
    "                      [--registry FILE] [--reports DIR|FILE]\n"
    "                      [--format table|csv|json|xlsx] [--out FILE] [--excel-bom]\n"
    "                      [--provenance FILE]\n"
    "\n"
    "Scores the reports with the rubrics (the bundled 2020 inputs by default) and checks every\n"
    "fact of the published-facts file (default: examples/2020/published.yaml; format in\n"
    "examples/README.md): winners by prize, category and cohort, counts of awards and awarded\n"
    "governments, prize amounts, \"the only one of a group\", cohort memberships. Prints each\n"
    "fact, the published value, the model's value and whether they match.\n"
    "Exit status: 0 when every fact matches, 5 when some do not, 1 on invalid input.\n"
    "\n"
    "examples:\n"
    "  jobaward check --published examples/2020/published.yaml\n"
    "  jobaward check --rubric my-disclosure.yaml --rubric rubrics/2020-best-program.yaml\n"
    "  jobaward check --format json --out check.json";

}  // namespace

int RunCheck(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("published", po::value<std::string>(),
                        "published-facts file (default: examples/2020/published.yaml)");
  AddFormatOptions(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const auto [format, out] = ReadFormatOptions(vm);
  const std::string published_path = vm.count("published") != 0U
                                         ? vm["published"].as<std::string>()
                                         : DefaultPath("examples/2020/published.yaml");

  const AwardInputs in = LoadAwardInputs(vm);
  const PublishedFacts facts = LoadPublishedFacts(published_path, in.registry);
  Provenance provenance =
      CommandProvenance("check", vm, {"registry", "rules", "rubric", "reports"});
  provenance.inputs.push_back(HashInputFile("published", published_path));
  provenance.reports = CountReports(in.models);

  const CohortMembership& membership = in.models.front().cohorts;
  const std::vector<ScoreResult> results = ScoreAward(in.models);
  const std::vector<FactResult> checks =
      CheckFacts(facts, ModelView{in.registry, membership, in.rubrics, results});
  bool all_met = true;
  for (const FactResult& r : checks) all_met = all_met && r.met;
  EmitResult(vm, format, MakeCheckResult(published_path, facts.year, checks), provenance, out);
  return all_met ? kExitSuccess : kExitFactsNotMet;
}

}  // namespace jobaward::cli
