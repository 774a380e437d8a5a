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

AwardInputs LoadAwardInputs(const po::variables_map& vm) {
  auto path = [&](const char* name, const char* fallback) {
    return vm.count(name) != 0U ? vm[name].as<std::string>() : DefaultPath(fallback);
  };
  AwardInputs in;
  const bool default_registry = vm.count("registry") == 0U;
  const std::string registry_path = path("registry", "cohorts/governments-2020.csv");
  in.registry =
      ParseRegistry(ReadTextFile(registry_path), registry_path,
                    default_registry ? Registry2020Expectations() : RegistryExpectations{});
  in.rules = LoadCohortRules(path("rules", "cohorts/2020.yaml"));
  const CohortAssignment assignment = AssignCohorts(in.rules, in.registry);
  CohortMembership membership;
  for (const auto& c : assignment.cohorts) {
    membership.ids.push_back(c.id);
    membership.labels.push_back(c.letter);
  }
  membership.cohort_of = assignment.cohort_of;
  const std::vector<std::string> rubric_paths =
      vm.count("rubric") != 0U
          ? vm["rubric"].as<std::vector<std::string>>()
          : std::vector<std::string>{DefaultPath("rubrics/2020-disclosure.yaml"),
                                     DefaultPath("rubrics/2020-best-program.yaml")};
  for (const auto& p : rubric_paths) in.rubrics.push_back(LoadRubric(p));
  ReportSchema schema = SchemaOf(in.rubrics.front());
  for (std::size_t i = 1; i < in.rubrics.size(); ++i) {
    schema = MergeSchemas(schema, SchemaOf(in.rubrics[i]));
  }
  const ReportBatch batch =
      LoadReports(path("reports", "examples/2020/reports"), schema, in.registry);
  if (!batch.rejected.empty()) {
    std::vector<Diagnostic> all;
    for (const auto& f : batch.rejected) {
      all.insert(all.end(), f.diagnostics.begin(), f.diagnostics.end());
    }
    throw InputError(std::move(all));
  }
  for (const auto& rubric : in.rubrics) {
    in.models.push_back(Compile(rubric, in.registry, membership, batch.reports));
  }
  return in;
}

const std::string& RowName(const AwardInputs& inputs, const ScoringModel& model, int row) {
  return inputs.registry[model.row_government[static_cast<std::size_t>(row)]].name_ko;
}

}  // namespace jobaward::cli
