// `jobaward weights ahp FILE`: weights from a pairwise-comparison matrix by AHP (ahp.hpp), and
// optionally a rubric with those weights (ahp_yaml.hpp).
#include <iostream>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/ahp_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/results/ahp_result.hpp"
#include "jobaward/sensitivity/ahp.hpp"
#include "output_support.hpp"
#include "staged_outputs.hpp"

namespace jobaward::cli {
namespace {

constexpr const char* kUsage =
    "usage: jobaward weights ahp FILE [--allow-inconsistent] [--write-rubric OUT --rubric IN]\n"
    "                            [--rubric-id ID] [--format table|csv|json|xlsx] [--out FILE]\n"
    "                            [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Derives weights from a pairwise-comparison matrix (YAML; format in\n"
    "engine/docs/sensitivity.md) by Saaty's AHP: the principal eigenvector, lambda_max, the\n"
    "consistency index CI = (lambda_max - n)/(n - 1) and ratio CR = CI/RI. CR > 0.1 is an error\n"
    "unless --allow-inconsistent. --write-rubric writes rubric IN with those weights (points\n"
    "renormalised to the domain or rubric total, rounded to 0.01) to OUT, atomically, with its\n"
    "own id (--rubric-id ID, default '<id of IN>-ahp') so both rubrics can be told apart.\n"
    "\n"
    "examples:\n"
    "  jobaward weights ahp examples/2020/ahp-domains.yaml\n"
    "  jobaward weights ahp examples/2020/ahp-domains.yaml --rubric rubrics/2020-disclosure.yaml "
    "\\\n"
    "      --write-rubric disclosure-ahp.yaml";

}  // namespace

int RunWeights(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "ahp" && (args[0] == "--help" || args[0] == "-h"))) {
    (args.empty() ? std::cerr : std::cout) << kUsage << '\n';
    return args.empty() ? kExitUsage : kExitSuccess;
  }
  if (args[0] != "ahp") {
    throw UsageError("unknown method '" + args[0] + "' (the only method is ahp)");
  }
  po::options_description options("options");
  options.add_options()("file", po::value<std::string>(), "pairwise-comparison YAML")(
      "allow-inconsistent", po::bool_switch(), "accept CR > 0.1")(
      "write-rubric", po::value<std::string>(), "write the re-weighted rubric to this file")(
      "rubric", po::value<std::string>(), "the rubric to re-weight (with --write-rubric)")(
      "rubric-id", po::value<std::string>(),
      "id of the written rubric (default: the original's id + '-ahp')");
  AddFormatOptions(options);
  AddOutputOptions(options);
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map vm;
  if (!ParseArgs(std::vector<std::string>(args.begin() + 1, args.end()), options, positional,
                 kUsage, vm)) {
    return kExitSuccess;
  }
  const OutputRequest output = ReadFormatOptions(vm);
  CheckOutputFlags(vm, {"out", "provenance", "write-rubric"});
  if (vm.count("file") == 0U) throw UsageError("the comparison FILE is required");
  const bool write = vm.count("write-rubric") != 0U;
  if (write != (vm.count("rubric") != 0U)) {
    throw UsageError("--write-rubric OUT and --rubric IN go together");
  }
  if (vm.count("rubric-id") != 0U && !write) {
    throw UsageError("--rubric-id names the rubric --write-rubric writes; give --write-rubric too");
  }
  const std::string file = vm["file"].as<std::string>();
  const AhpSpec spec = LoadAhp(file);
  const AhpResult result = ComputeAhp(spec.matrix);
  CheckConsistency(spec, result, vm["allow-inconsistent"].as<bool>());
  Provenance provenance = CommandProvenance("weights ahp", vm, {});
  provenance.inputs.push_back(HashInputFile("comparisons", file));
  if (vm.count("rubric") != 0U) {
    provenance.inputs.push_back(HashInputFile("rubric", vm["rubric"].as<std::string>()));
  }
  std::string rubric_text;
  std::string written_id;
  if (write) {
    const std::string in = vm["rubric"].as<std::string>();
    rubric_text = RewriteRubricPoints(
        ReadInput(in, InputKind::kSpec), in, spec, result,
        vm.count("rubric-id") != 0U ? vm["rubric-id"].as<std::string>() : std::string());
    written_id = ParseRubric(rubric_text, vm["write-rubric"].as<std::string>()).id;
  }

  if (write) StageOutput(vm["write-rubric"].as<std::string>(), "--write-rubric", rubric_text);
  const AhpComparison comparison{
      file, spec.target == AhpSpec::Target::kDomains ? "domains" : "indicators", spec.domain,
      spec.items};
  EmitResult(vm, output.format,
             MakeAhpResult(comparison, result,
                           {write ? vm["write-rubric"].as<std::string>() : "", written_id}),
             provenance, output.out);
  return kExitSuccess;
}

}  // namespace jobaward::cli
