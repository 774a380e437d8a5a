// The scorer's view of a cohort assignment (see membership.hpp).
#include "jobaward/cohorts/membership.hpp"

namespace jobaward {

CohortMembership MembershipOf(const CohortAssignment& assignment) {
  CohortMembership membership;
  for (const auto& c : assignment.cohorts) {
    membership.ids.push_back(c.id);
    membership.labels.push_back(c.letter);
  }
  membership.cohort_of = assignment.cohort_of;
  return membership;
}

}  // namespace jobaward
