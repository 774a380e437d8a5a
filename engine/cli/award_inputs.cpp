// Loading the award inputs shared by award-level commands (see award_inputs.hpp).
#include "award_inputs.hpp"

#include <iostream>

#include "jobaward/uncertainty_subset.hpp"

namespace jobaward::cli {

void AddAwardInputOptions(po::options_description& options) {
  options.add_options()("rubric", po::value<std::vector<std::string>>()->composing(),
                        "rubric file, repeatable (default: both 2020 rubrics)")(
      "rules", po::value<std::string>(), "cohort rules (default: cohorts/2020.yaml)")(
      "registry", po::value<std::string>(), "registry CSV (default: cohorts/governments-2020.csv)")(
      "reports", po::value<std::string>(),
      "reports: a directory of .yaml and .xlsx files, a CSV, or an .xlsx workbook (default: "
      "examples/2020/reports)")(
      "encoding", po::value<std::string>()->default_value("auto"),
      "auto, utf-8 or cp949: how the registry and a reports CSV are read; auto reads CP949 "
      "(Korean Excel's plain CSV) when a file is not UTF-8");
}

TextEncoding EncodingOption(const po::variables_map& vm) {
  const std::string name = vm.count("encoding") != 0U ? vm["encoding"].as<std::string>() : "auto";
  const auto encoding = ParseTextEncoding(name);
  if (!encoding) throw UsageError("--encoding: expected auto, utf-8 or cp949, got '" + name + "'");
  return *encoding;
}

ReportLoadOptions ReportOptions(const po::variables_map& vm) {
  ReportLoadOptions options;
  options.encoding = EncodingOption(vm);
  // Any subset of the rubrics runs on reports that carry every category's fields.
  options.ignore_undeclared_fields = true;
  return options;
}

void PrintNotes(const std::vector<Diagnostic>& notes) {
  for (const auto& note : notes) std::cerr << "note: " << note.ToString() << '\n';
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
  paths.registry_encoding = EncodingOption(vm);
  ScoringSetup setup = jobaward::LoadScoringSetup(paths);
  PrintNotes(setup.notes);
  return setup;
}

AwardInputs LoadAwardInputs(const po::variables_map& vm) {
  ScoringSetup setup = LoadScoringSetup(vm);
  const std::string reports_path = vm.count("reports") != 0U ? vm["reports"].as<std::string>()
                                                             : DefaultPath("examples/2020/reports");
  AwardInputs in;
  std::vector<Diagnostic> notes;
  IgnoredFields ignored;
  in.models = CompileReports(setup, reports_path, ReportOptions(vm), &notes, &ignored);
  PrintNotes(notes);
  NoteIgnoredFields(ignored, setup.rubrics);
  in.registry = std::move(setup.registry);
  in.rules = std::move(setup.rules);
  in.rubrics = std::move(setup.rubrics);
  return in;
}

void NoteIgnoredFields(const IgnoredFields& ignored, const std::vector<Rubric>& rubrics) {
  std::vector<std::string> ids;
  for (const Rubric& r : rubrics) ids.push_back(r.id);
  const std::string note = ignored.Note(ids);
  if (!note.empty()) std::cerr << "note: " << note << '\n';
}

UncertaintyModel CompileUncertaintyFor(const UncertaintySpec& spec, const AwardInputs& inputs) {
  std::vector<std::string> skipped;
  UncertaintyModel model =
      CompileUncertaintyInUse(spec, inputs.models, &inputs.rules, &inputs.registry, skipped);
  if (!skipped.empty()) {
    std::string list;
    for (const auto& s : skipped) list += (list.empty() ? "" : ", ") + s;
    std::cerr << "note: " << skipped.size() << " entr" << (skipped.size() == 1 ? "y" : "ies")
              << " of " << spec.where.file
              << " name nothing in the rubrics and cohort rules in use and were left out: " << list
              << '\n';
  }
  return model;
}

const std::string& RowName(const AwardInputs& inputs, const ScoringModel& model, int row) {
  return inputs.registry[model.row_government[static_cast<std::size_t>(row)]].name_ko;
}

}  // namespace jobaward::cli
