// Loading the award inputs from explicit paths (see award_setup.hpp).
#include "jobaward/io/award_setup.hpp"

#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/rubric_yaml.hpp"

namespace jobaward {

Registry LoadRegistryFile(const std::string& path, bool is_2020, TextEncoding encoding,
                          std::vector<Diagnostic>& notes) {
  DecodedText text = DecodeText(ReadInput(path, InputKind::kTable), encoding, path);
  if (text.note) notes.push_back(std::move(*text.note));
  return ParseRegistry(text.text, path,
                       is_2020 ? Registry2020Expectations() : RegistryExpectations{});
}

namespace {

// One run scores one award year: rubrics of two years are not comparable, and the reports are
// checked against the year (CompileReports).
void CheckOneYear(const std::vector<Rubric>& rubrics) {
  DiagnosticSink sink;
  for (std::size_t i = 1; i < rubrics.size(); ++i) {
    if (rubrics[i].year == rubrics.front().year) continue;
    sink.Add(rubrics[i].where, "year",
             "rubric " + rubrics[i].id + " is for " + std::to_string(rubrics[i].year) + ", but " +
                 rubrics.front().id + " (" + rubrics.front().where.file + ") is for " +
                 std::to_string(rubrics.front().year) +
                 "; the rubrics of one run must be for the same award year");
  }
  sink.ThrowIfAny();
}

}  // namespace

ReportLoadOptions ForAwardYear(ReportLoadOptions options, const std::vector<Rubric>& rubrics) {
  if (!options.expected_year && !rubrics.empty()) options.expected_year = rubrics.front().year;
  return options;
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
  CheckOneYear(setup.rubrics);
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
  const ReportBatch batch =
      LoadReports(reports_path, setup.schema, setup.registry, ForAwardYear(options, setup.rubrics));
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
