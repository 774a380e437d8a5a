// Loading the award inputs shared by award-level commands (see award_inputs.hpp).
#include "award_inputs.hpp"

#include "jobaward/cohort_rules_yaml.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/registry_csv.hpp"
#include "jobaward/report_io.hpp"
#include "jobaward/rubric_yaml.hpp"

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
  ScoringSetup setup;
  const bool default_registry = vm.count("registry") == 0U;
  const std::string registry_path = path("registry", "cohorts/governments-2020.csv");
  setup.registry =
      ParseRegistry(ReadTextFile(registry_path), registry_path,
                    default_registry ? Registry2020Expectations() : RegistryExpectations{});
  setup.rules = LoadCohortRules(path("rules", "cohorts/2020.yaml"));
  const CohortAssignment assignment = AssignCohorts(setup.rules, setup.registry);
  for (const auto& c : assignment.cohorts) {
    setup.membership.ids.push_back(c.id);
    setup.membership.labels.push_back(c.letter);
  }
  setup.membership.cohort_of = assignment.cohort_of;
  const std::vector<std::string> rubric_paths =
      vm.count("rubric") != 0U
          ? vm["rubric"].as<std::vector<std::string>>()
          : std::vector<std::string>{DefaultPath("rubrics/2020-disclosure.yaml"),
                                     DefaultPath("rubrics/2020-best-program.yaml")};
  for (const auto& p : rubric_paths) setup.rubrics.push_back(LoadRubric(p));
  setup.schema = SchemaOf(setup.rubrics.front());
  for (std::size_t i = 1; i < setup.rubrics.size(); ++i) {
    setup.schema = MergeSchemas(setup.schema, SchemaOf(setup.rubrics[i]));
  }
  return setup;
}

AwardInputs LoadAwardInputs(const po::variables_map& vm) {
  ScoringSetup setup = LoadScoringSetup(vm);
  const std::string reports_path = vm.count("reports") != 0U ? vm["reports"].as<std::string>()
                                                             : DefaultPath("examples/2020/reports");
  const ReportBatch batch = LoadReports(reports_path, setup.schema, setup.registry);
  if (!batch.rejected.empty()) {
    std::vector<Diagnostic> all;
    for (const auto& f : batch.rejected) {
      all.insert(all.end(), f.diagnostics.begin(), f.diagnostics.end());
    }
    throw InputError(std::move(all));
  }
  AwardInputs in;
  in.registry = std::move(setup.registry);
  in.rules = std::move(setup.rules);
  in.rubrics = std::move(setup.rubrics);
  for (const auto& rubric : in.rubrics) {
    in.models.push_back(Compile(rubric, in.registry, setup.membership, batch.reports));
  }
  return in;
}

const std::string& RowName(const AwardInputs& inputs, const ScoringModel& model, int row) {
  return inputs.registry[model.row_government[static_cast<std::size_t>(row)]].name_ko;
}

}  // namespace jobaward::cli
