// Cohort rules prepared for one registry, for assigning the governments to cohorts many times
// with other parameter values: the Monte Carlo and Sobol draws of cohort thresholds (issues 4
// and 5). Preparing evaluates once, for every government, everything in the rules that does
// not depend on a parameter (fields, string comparisons such as `type in [...]`, and aggregates
// whose value and `where:` filter are parameter-free, whose filtered values are kept sorted so
// that `quantile(workers, city_split, where: ...)` is one interpolation per call); an assignment
// then evaluates only the parameter-dependent parts, column-wise over the registry.
// AssignCohorts (cohort_rules.hpp) is this with one preparation per call, so both give the same
// assignments and the same errors by construction.
// Thread safety: a PreparedCohortRules is immutable and may be shared between threads; each
// thread uses its own CohortWorkspace.
//
// Tests (tests/unit/cohorts/cohort_rules_prepared_test.cpp) prove: the assignment of the 2020 rules
// equals a hand-computed reference over a fine grid of (city_split, district_split), including
// the values where the quantile lands exactly on a government's workers; parameters used outside
// aggregates; CohortOf agrees with Assign; the same errors as AssignCohorts for a government
// matching no rule or two, an empty cohort, and evaluation errors in the same order; the tree
// walker of `--explain` agrees with the prepared assignment.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/expr.hpp"
#include "jobaward/cohorts/registry.hpp"

namespace jobaward {

/// Per-thread buffers of PreparedCohortRules::CohortOf. Sized by the first call; later calls
/// with the same rules do not allocate.
class CohortWorkspace {
 private:
  friend class PreparedCohortRules;
  std::vector<detail::ColumnScratch> rules_;  // One per rule.
  std::vector<int> cohort_of_;
  std::vector<int> matches_;        // Per government: how many rules it matches.
  std::vector<std::size_t> sizes_;  // Per cohort: members.
};

class PreparedCohortRules {
 public:
  /// Copies `rules` and `registry` and evaluates what does not depend on a parameter. Does not
  /// throw InputError: a rule that fails to evaluate fails in Assign, as in AssignCohorts.
  PreparedCohortRules(const CohortRules& rules, const Registry& registry);

  [[nodiscard]] const CohortRules& rules() const;
  [[nodiscard]] const Registry& registry() const;

  /// The assignment with `parameters` (one value per rules().parameters, in that order); the
  /// same as AssignCohorts(rules(), registry(), parameters), errors included.
  /// REQUIRES: parameters.size() == rules().parameters.size().
  [[nodiscard]] CohortAssignment Assign(std::span<const double> parameters) const;

  /// Only the cohort of each government (per registry index: index into rules().cohorts), for
  /// hot loops. The span points into `workspace` and is valid until its next use. Throws exactly
  /// what Assign throws. REQUIRES: as Assign.
  [[nodiscard]] std::span<const int> CohortOf(std::span<const double> parameters,
                                              CohortWorkspace& workspace) const;

 private:
  struct Impl;
  void Evaluate(std::span<const double> parameters, CohortWorkspace& workspace) const;
  [[nodiscard]] CohortAssignment Resolve(const CohortWorkspace& workspace) const;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace jobaward
