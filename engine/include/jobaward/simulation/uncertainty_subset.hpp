// An uncertainty spec applied to a subset of the rubrics (or to other cohort rules) than it was
// written for: `simulate --rubric rubrics/2020-disclosure.yaml` with the bundled spec, which also
// names 우수사업 indicators and fields, or a scenario whose cohort rules lack a parameter. Entries
// that name an indicator, field or cohort parameter nothing in use has — and that are no near
// miss of one in use, which stays an error with its did-you-mean — are left out, and the caller
// gets one note listing them. Pure computation; the rest is CompileUncertainty's.
//
// Tests (tests/unit/cli/cli_single_rubric_test.cpp, scenario tests) prove: the bundled spec runs
// with either rubric alone; a misspelt name is still an error naming its original entry.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward {

/// CompileUncertainty on `spec` without the entries that name nothing in use (see above);
/// `skipped` gets a description of each left-out entry ("measurement_noise[6] (field
/// program_jobs_created)"). Errors name the entries by their index in `spec`.
[[nodiscard]] UncertaintyModel CompileUncertaintyInUse(const UncertaintySpec& spec,
                                                       std::span<const ScoringModel> categories,
                                                       const CohortRules* rules,
                                                       const Registry* registry,
                                                       std::vector<std::string>& skipped);

}  // namespace jobaward
