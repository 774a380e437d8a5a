// Loading the award inputs shared by award-level commands (see award_inputs.hpp).
#include "award_inputs.hpp"

namespace jobaward::cli {

void AddAwardInputOptions(po::options_description& options) {
  options.add_options()("rubric", po::value<std::vector<std::string>>()->composing(),
                        "rubric file, repeatable (default: both 2020 rubrics)")(
      "rules", po::value<std::string>(), "cohort rules (default: cohorts/2020.yaml)")(
      "registry", po::value<std::string>(), "registry CSV (default: cohorts/governments-2020.csv)")(
      "reports", po::value<std::string>(),
      "reports directory or CSV (default: examples/2020/reports)");
}

ScoringSetup LoadScoringSetup(const po::variables_map& vm) {
  auto path = [&](const char* name, const char* fallback) {
    return vm.count(name) != 0U ? vm[name].as<std::string>() : DefaultPath(fallback);
  };
  AwardPaths paths;
  paths.registry = path("registry", "cohorts/governments-2020.csv");
  paths.registry_is_2020 = vm.count("registry") == 0U;
  paths.rules = path("rules", "cohorts/2020.yaml");
  paths.rubrics = vm.count("rubric") != 0U
                      ? vm["rubric"].as<std::vector<std::string>>()
                      : std::vector<std::string>{DefaultPath("rubrics/2020-disclosure.yaml"),
                                                 DefaultPath("rubrics/2020-best-program.yaml")};
  return jobaward::LoadScoringSetup(paths);
}

AwardInputs LoadAwardInputs(const po::variables_map& vm) {
  ScoringSetup setup = LoadScoringSetup(vm);
  const std::string reports_path = vm.count("reports") != 0U ? vm["reports"].as<std::string>()
                                                             : DefaultPath("examples/2020/reports");
  AwardInputs in;
  in.models = CompileReports(setup, reports_path);
  in.registry = std::move(setup.registry);
  in.rules = std::move(setup.rules);
  in.rubrics = std::move(setup.rubrics);
  return in;
}

const std::string& RowName(const AwardInputs& inputs, const ScoringModel& model, int row) {
  return inputs.registry[model.row_government[static_cast<std::size_t>(row)]].name_ko;
}

}  // namespace jobaward::cli
