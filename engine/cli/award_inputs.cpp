// Loading the award inputs shared by award-level commands (see award_inputs.hpp).
#include "award_inputs.hpp"

#include <iostream>

#include "jobaward/io/scenario_yaml.hpp"
#include "jobaward/simulation/uncertainty_subset.hpp"
#include "progress.hpp"

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
      "(Korean Excel's plain CSV) when a file is not UTF-8")(
      "scenario", po::value<std::string>(),
      "what-if scenario file: base inputs and overrides (rubrics/README.md, \"Scenarios\"; "
      "examples in examples/2020/scenarios)")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE, repeatable: an override as in a scenario file, after the scenario's, e.g. "
      "2020-disclosure.awards.levels.top.count=3");
}

Scenario ScenarioOption(const po::variables_map& vm) {
  Scenario scenario;
  scenario.id = "default";
  if (vm.count("scenario") != 0U) scenario = LoadScenario(vm["scenario"].as<std::string>());
  if (vm.count("set") != 0U) {
    for (const auto& text : vm["set"].as<std::vector<std::string>>()) {
      scenario.overrides.push_back(ParseSetting(text, SourceLocation{"--set"}));
    }
  }
  return scenario;
}

namespace {

// A flag and the scenario's base naming the same input: which one was meant cannot be told.
void CheckNotBoth(const po::variables_map& vm, const char* flag, bool in_base, const char* base_key,
                  const Scenario& scenario) {
  if (vm.count(flag) == 0U || !in_base) return;
  throw UsageError(std::string("--") + flag + " and base." + base_key + " of the scenario (" +
                   scenario.base.where.ToString() + ") both give the " + base_key +
                   "; give one of them");
}

std::string PickPath(const po::variables_map& vm, const char* flag, const std::string& from_base,
                     const char* fallback, const Scenario& scenario) {
  CheckNotBoth(vm, flag, !from_base.empty(), flag, scenario);
  if (vm.count(flag) != 0U) return vm[flag].as<std::string>();
  return from_base.empty() ? DefaultPath(fallback) : from_base;
}

}  // namespace

InputPaths ResolveInputPaths(const po::variables_map& vm, const Scenario& scenario) {
  const ScenarioBase& base = scenario.base;
  InputPaths paths;
  paths.award.registry =
      PickPath(vm, "registry", base.registry, "cohorts/governments-2020.csv", scenario);
  paths.award.registry_is_2020 = vm.count("registry") == 0U && base.registry.empty();
  paths.award.rules = PickPath(vm, "rules", base.rules, "cohorts/2020.yaml", scenario);
  CheckNotBoth(vm, "rubric", !base.rubrics.empty(), "rubrics", scenario);
  if (vm.count("rubric") != 0U) {
    paths.award.rubrics = vm["rubric"].as<std::vector<std::string>>();
  } else if (!base.rubrics.empty()) {
    paths.award.rubrics = base.rubrics;
  } else {
    paths.award.rubrics = {DefaultPath("rubrics/2020-disclosure.yaml"),
                           DefaultPath("rubrics/2020-best-program.yaml")};
  }
  paths.reports = PickPath(vm, "reports", base.reports, "examples/2020/reports", scenario);
  paths.award.registry_encoding = EncodingOption(vm);
  paths.award.overrides = scenario.overrides;
  return paths;
}

InputPaths ResolveInputPaths(const po::variables_map& vm) {
  return ResolveInputPaths(vm, ScenarioOption(vm));
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
  return LoadScoringSetup(vm, ScenarioOption(vm));
}

ScoringSetup LoadScoringSetup(const po::variables_map& vm, const Scenario& scenario) {
  ScoringSetup setup = jobaward::LoadScoringSetup(ResolveInputPaths(vm, scenario).award);
  PrintNotes(setup.notes);
  return setup;
}

AwardInputs LoadAwardInputs(const po::variables_map& vm) {
  return LoadAwardInputs(vm, ScenarioOption(vm));
}

AwardInputs LoadAwardInputs(const po::variables_map& vm, const Scenario& scenario) {
  ScoringSetup setup = LoadScoringSetup(vm, scenario);
  const std::string reports_path = ResolveInputPaths(vm, scenario).reports;
  AwardInputs in;
  std::vector<Diagnostic> notes;
  IgnoredFields ignored;
  {
    // Thousands of reports take seconds to read and compile: the phase is labelled on a
    // terminal, and the line cleared before the notes below.
    ProgressBar bar;
    bar.Status("보고서 읽기");
    in.models = CompileReports(setup, reports_path, ReportOptions(vm), &notes, &ignored);
  }
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

std::vector<std::size_t> SelectedCategories(const std::vector<Rubric>& rubrics,
                                            const std::string& category) {
  std::vector<std::size_t> selected;
  std::vector<std::string> names;
  for (std::size_t c = 0; c < rubrics.size(); ++c) {
    names.push_back(rubrics[c].category);
    if (category == "all" || rubrics[c].category == category) selected.push_back(c);
  }
  if (selected.empty()) {
    throw UsageError("--category: " + UnknownNameMessage("category", category, names));
  }
  return selected;
}

std::vector<std::size_t> SelectedCategories(const AwardInputs& inputs,
                                            const std::string& category) {
  return SelectedCategories(inputs.rubrics, category);
}

const std::string& RowName(const AwardInputs& inputs, const ScoringModel& model, int row) {
  return inputs.registry[model.row_government[static_cast<std::size_t>(row)]].name_ko;
}

}  // namespace jobaward::cli
