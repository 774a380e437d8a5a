// The scorer's view of a cohort assignment (cohort ids, labels and each government's cohort),
// shared by the loaders (award_setup.hpp) and scenarios (scenario.hpp), which re-assign cohorts
// when a cohort-rule parameter changes.
#pragma once

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// The scorer's view of a cohort assignment.
[[nodiscard]] CohortMembership MembershipOf(const CohortAssignment& assignment);

}  // namespace jobaward
