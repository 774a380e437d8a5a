// Loading the award inputs from explicit paths (see award_setup.hpp).
#include "jobaward/award_setup.hpp"

#include "jobaward/cohort_rules_yaml.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/registry_csv.hpp"
#include "jobaward/rubric_yaml.hpp"

namespace jobaward {

Registry LoadRegistryFile(const std::string& path, bool is_2020, TextEncoding encoding,
                          std::vector<Diagnostic>& notes) {
  DecodedText text = DecodeText(ReadTextFile(path), encoding, path);
  if (text.note) notes.push_back(std::move(*text.note));
  return ParseRegistry(text.text, path,
                       is_2020 ? Registry2020Expectations() : RegistryExpectations{});
}

ScoringSetup LoadScoringSetup(const AwardPaths& paths) {
  Require(!paths.rubrics.empty(), "LoadScoringSetup: no rubric");
  ScoringSetup setup;
  setup.registry = LoadRegistryFile(paths.registry, paths.registry_is_2020, paths.registry_encoding,
                                    setup.notes);
  ScenarioModel model;
  model.rules = LoadCohortRules(paths.rules);
  for (const auto& p : paths.rubrics) model.rubrics.push_back(LoadRubric(p));
  CheckDistinctRubricIds(model.rubrics);
  if (!paths.overrides.empty()) model = ApplyOverrides(std::move(model), paths.overrides);
  setup.rules = std::move(model.rules);
  setup.rubrics = std::move(model.rubrics);
  setup.membership = MembershipOf(AssignCohorts(setup.rules, setup.registry));
  setup.schema = SchemaOf(setup.rubrics.front());
  for (std::size_t i = 1; i < setup.rubrics.size(); ++i) {
    setup.schema = MergeSchemas(setup.schema, SchemaOf(setup.rubrics[i]));
  }
  return setup;
}

void ThrowIfRejected(const ReportBatch& batch) {
  if (batch.rejected.empty()) return;
  std::vector<Diagnostic> all;
  for (const auto& f : batch.rejected) {
    all.insert(all.end(), f.diagnostics.begin(), f.diagnostics.end());
  }
  throw InputError(std::move(all));
}

std::vector<ScoringModel> CompileReports(const ScoringSetup& setup, const std::string& reports_path,
                                         const ReportLoadOptions& options,
                                         std::vector<Diagnostic>* notes, IgnoredFields* ignored) {
  const ReportBatch batch = LoadReports(reports_path, setup.schema, setup.registry, options);
  if (notes != nullptr) notes->insert(notes->end(), batch.notes.begin(), batch.notes.end());
  ThrowIfRejected(batch);
  if (ignored != nullptr) {
    for (const Report& report : batch.reports) ignored->Add(report);
  }
  std::vector<ScoringModel> models;
  for (const auto& rubric : setup.rubrics) {
    models.push_back(Compile(rubric, setup.registry, setup.membership, batch.reports));
  }
  return models;
}

}  // namespace jobaward
