// The inputs every award-level command reads — registry, cohort rules and assignment, rubrics,
// reports — with the flags that override the bundled 2020 defaults (--registry, --rules,
// --rubric, --reports), loaded and compiled into one ScoringModel per rubric. Shared so that
// `sensitivity` (and any later command) loads them exactly as `simulate` does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scenario.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward::cli {

struct AwardInputs {
  Registry registry;
  CohortRules rules;
  std::vector<Rubric> rubrics;
  std::vector<ScoringModel> models;  ///< Parallel to rubrics.
};

/// Adds --rubric, --rules, --registry, --reports, --encoding, --scenario and --set to `options`.
void AddAwardInputOptions(po::options_description& options);

/// The scenario of --scenario FILE with every --set KEY=VALUE after its overrides (a later one
/// for the same key wins); id "default" and no overrides when neither is given.
[[nodiscard]] Scenario ScenarioOption(const po::variables_map& vm);

/// The award input paths in use: each from its flag, else from the scenario's `base`, else the
/// bundled 2020 default (DefaultPath). UsageError when a flag and the scenario's base both give
/// one (which one was meant cannot be told). `paths.overrides` are the scenario's.
struct InputPaths {
  AwardPaths award;
  std::string reports;
};
[[nodiscard]] InputPaths ResolveInputPaths(const po::variables_map& vm, const Scenario& scenario);
[[nodiscard]] InputPaths ResolveInputPaths(const po::variables_map& vm);

/// The --encoding option (auto when absent); UsageError for an unknown name.
[[nodiscard]] TextEncoding EncodingOption(const po::variables_map& vm);

/// How --reports is read: the --encoding of a reports CSV; fields that no rubric in use declares
/// are skipped (ReportLoadOptions::ignore_undeclared_fields), so any subset of the rubrics runs.
[[nodiscard]] ReportLoadOptions ReportOptions(const po::variables_map& vm);

/// Prints remarks on the inputs ("note: FILE: read as CP949") to stderr.
void PrintNotes(const std::vector<Diagnostic>& notes);

/// Loads the setup from --registry, --rules and --rubric (or the bundled 2020 defaults); prints
/// its notes.
/// `score` uses it directly so that its batch mode can set bad reports aside.
[[nodiscard]] ScoringSetup LoadScoringSetup(const po::variables_map& vm);
/// The same for `scenario` instead of --scenario and --set (`compare` loads two).
[[nodiscard]] ScoringSetup LoadScoringSetup(const po::variables_map& vm, const Scenario& scenario);

/// Loads and compiles them. Rejected reports are an InputError listing every problem.
[[nodiscard]] AwardInputs LoadAwardInputs(const po::variables_map& vm);
[[nodiscard]] AwardInputs LoadAwardInputs(const po::variables_map& vm, const Scenario& scenario);

/// Prints the one "note: ..." line on stderr for the report fields that no rubric in use reads
/// (IgnoredFields::Note); nothing when none was skipped.
void NoteIgnoredFields(const IgnoredFields& ignored, const std::vector<Rubric>& rubrics);

/// The uncertainty model of `spec` for the inputs in use: entries that name an indicator, field
/// or cohort parameter nothing in use has are left out (CompileUncertaintyInUse), with one
/// "note: ..." line on stderr.
[[nodiscard]] UncertaintyModel CompileUncertaintyFor(const UncertaintySpec& spec,
                                                     const AwardInputs& inputs);

/// Indices of the rubrics of `category` ("all": every one), the --category flag of every command
/// that has one. Throws UsageError, with a did-you-mean, when none has it.
[[nodiscard]] std::vector<std::size_t> SelectedCategories(const std::vector<Rubric>& rubrics,
                                                          const std::string& category);
[[nodiscard]] std::vector<std::size_t> SelectedCategories(const AwardInputs& inputs,
                                                          const std::string& category);

/// Korean name of the government of `row` in `model`.
[[nodiscard]] const std::string& RowName(const AwardInputs& inputs, const ScoringModel& model,
                                         int row);

}  // namespace jobaward::cli
