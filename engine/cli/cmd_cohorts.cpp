// `jobaward cohorts`: assigns every government of a registry to its peer cohort, explains the
// rules for one government, or lists what changes between two rule sets.
#include <charconv>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/render/text_table.hpp"
#include "jobaward/results/cohorts_result.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward cohorts [--rules FILE] [--registry FILE] [--format table|csv|json|xlsx]\n"
    "                        [--out FILE] [--set NAME=VALUE]... [--explain CODE | --diff OTHER]\n"
    "                        [--table ID] [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Assigns every government of the registry to its peer cohort (가..사) by the cohort rules\n"
    "and prints each government's cohort, the size of each cohort and the rule parameters.\n"
    "  --explain CODE   every rule evaluated for one government (its code or name), with each\n"
    "                   sub-expression's value\n"
    "  --diff OTHER     governments whose cohort changes from the --rules set to OTHER, and the\n"
    "                   cohort sizes on both sides (what-if on thresholds)\n"
    "  --set NAME=VALUE overrides a parameter of the rules; with --diff, of OTHER instead, so\n"
    "                   '--diff cohorts/2020.yaml --set district_split=0.4' shows what moving\n"
    "                   the cut-off changes\n"
    "Tables: governments (the CSV), cohorts, parameters; with --diff: changes, sizes; with\n"
    "--explain: cohort_rules, expressions, parameters (engine/docs/outputs.md).\n"
    "Exit codes: 0 success, 1 invalid rules or registry, 2 usage error, 4 internal error.\n"
    "\n"
    "examples:\n"
    "  jobaward cohorts\n"
    "  jobaward cohorts --explain 구로구\n"
    "  jobaward cohorts --diff cohorts/2020.yaml --set district_split=0.4\n"
    "  jobaward cohorts --format xlsx --out cohorts-2020.xlsx";

std::map<std::string, double> ParseSettings(const std::vector<std::string>& settings) {
  std::map<std::string, double> out;
  for (const auto& s : settings) {
    const auto eq = s.find('=');
    double value = 0;
    bool ok = eq != std::string::npos && eq > 0 && eq + 1 < s.size();
    if (ok) {
      const char* begin = s.data() + eq + 1;
      const char* end = s.data() + s.size();
      const auto [ptr, ec] = std::from_chars(begin, end, value);
      ok = ec == std::errc() && ptr == end && std::isfinite(value);
    }
    if (!ok) throw UsageError("--set: expected NAME=NUMBER, got '" + s + "'");
    out[s.substr(0, eq)] = value;
  }
  return out;
}

}  // namespace

int RunCohorts(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(),
                        "cohort rules YAML (default: cohorts/2020.yaml)")(
      "registry", po::value<std::string>(),
      "registry CSV (default: cohorts/governments-2020.csv, checked for 17 + 226 governments)")(
      "explain", po::value<std::string>(), "explain the rules for one government (code or name)")(
      "diff", po::value<std::string>(), "compare with the cohort rules in OTHER")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter, NAME=VALUE (repeatable)");
  AddFormatOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;

  const OutputRequest output = ReadFormatOptions(vm);
  if (vm.count("explain") != 0U && vm.count("diff") != 0U) {
    throw UsageError("--explain and --diff cannot be combined");
  }
  const std::map<std::string, double> settings =
      vm.count("set") != 0U ? ParseSettings(vm["set"].as<std::vector<std::string>>())
                            : std::map<std::string, double>{};

  const std::string rules_path =
      vm.count("rules") != 0U ? vm["rules"].as<std::string>() : DefaultPath("cohorts/2020.yaml");
  const bool default_registry = vm.count("registry") == 0U;
  const std::string registry_path = default_registry ? DefaultPath("cohorts/governments-2020.csv")
                                                     : vm["registry"].as<std::string>();
  const CohortRules rules = LoadCohortRules(rules_path);
  const Registry registry =
      ParseRegistry(ReadInput(registry_path, InputKind::kTable), registry_path,
                    default_registry ? Registry2020Expectations() : RegistryExpectations{});
  Provenance provenance = CommandProvenance("cohorts", vm, {"registry", "rules"});
  for (const auto& [name, value] : settings) {
    provenance.settings.emplace_back("set " + name, FormatFixed(value, 6));
  }

  if (vm.count("diff") != 0U) {
    const CohortRules other = LoadCohortRules(vm["diff"].as<std::string>());
    provenance.inputs.push_back(HashInputFile("rules", vm["diff"].as<std::string>()));
    const CohortAssignment before = AssignCohorts(rules, registry);
    const CohortAssignment after = AssignCohorts(other, registry, settings);
    EmitResult(
        vm, output.format,
        MakeCohortDiffResult(rules, other, registry, DiffAssignments(before, after, registry)),
        provenance, output.out);
    return kExitSuccess;
  }
  const std::vector<double> parameters = ParameterValues(rules, settings);
  if (vm.count("explain") != 0U) {
    const std::size_t index =
        FindGovernment(registry, vm["explain"].as<std::string>(), "--explain");
    EmitResult(vm, output.format, MakeCohortExplanationResult(rules, parameters, registry, index),
               provenance, output.out);
    return kExitSuccess;
  }
  EmitResult(
      vm, output.format,
      MakeCohortsResult(rules, parameters, registry, AssignCohorts(rules, registry, parameters)),
      provenance, output.out);
  return kExitSuccess;
}

}  // namespace jobaward::cli
