// Cohort rules: how the governments of a registry are put into the peer cohorts (가 .. 사) within
// which they are ranked. A rule set names its cohorts in order, each with a boolean rule
// expression over registry fields (see expr.hpp), and optional named parameters (cut-offs an
// analyst or the Monte Carlo threshold uncertainty may vary without editing rules).
// By default each government must match exactly one rule; in `first` mode the first matching
// rule wins and rules that shadow later ones are reported. Pure computation, no I/O: the YAML
// loader is in cohort_rules_yaml.hpp. Values only; thread-compatible (a CohortRules may be used
// from several threads at once).
//
// Assignment runs on the column evaluator (cohort_rules_prepared.hpp); explanations on the
// per-government tree walker (expr.hpp).
//
// Tests (tests/unit/cohorts/cohort_rules_test.cpp) prove: exactly-one coverage and overlap errors
// name the government and the rules with their file:line; empty cohorts are rejected; `first` mode
// reports shadowing; parameter overrides change the assignment; explanations and diffs.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/expr.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"

namespace jobaward {

struct Cohort {
  std::string letter;  ///< The award's group letter, e.g. "가".
  std::string id;      ///< ASCII identifier for files and code, e.g. "ga".
  std::string name_en;
  std::string description;
};

enum class MatchMode {
  kExactlyOne,  ///< Every government must match exactly one rule (default).
  kFirst,       ///< The first matching rule wins; shadowing is reported.
};

[[nodiscard]] std::string_view ToString(MatchMode mode);  ///< "exactly_one" / "first"

/// A named cut-off usable in rule expressions.
struct CohortParameter {
  std::string name;
  double value = 0;
  std::string description;
  SourceLocation where;
};

struct CohortRule {
  Cohort cohort;
  Expression rule;       ///< A compiled boolean expression.
  SourceLocation where;  ///< Location of the cohort entry, for diagnostics.
};

struct CohortRules {
  std::string file;  ///< Where the rules came from ("" when built in memory).
  int year = 0;
  MatchMode match = MatchMode::kExactlyOne;
  std::vector<CohortParameter> parameters;  ///< Expressions refer to these by index.
  std::vector<CohortRule> cohorts;          ///< In order: the order of `first` mode and output.

  /// The parameter names, for compiling expressions against this rule set.
  [[nodiscard]] ExpressionEnvironment Environment() const;
};

struct CohortAssignment {
  std::vector<Cohort> cohorts;
  std::vector<int> cohort_of;                     ///< Per registry index: index into `cohorts`.
  std::vector<std::vector<std::size_t>> members;  ///< Per cohort: registry indices, in order.
  /// In `first` mode: one note per pair of rules where a later rule also matches governments
  /// claimed by an earlier one. Empty in exactly-one mode.
  std::vector<std::string> shadow_notes;
};

/// Parameter values in the order of `rules.parameters`, with `overrides` applied.
/// Throws InputError for an override naming no parameter (with a did-you-mean).
[[nodiscard]] std::vector<double> ParameterValues(
    const CohortRules& rules, const std::map<std::string, double>& overrides = {});

/// Assigns every government of `registry` to a cohort (by PreparedCohortRules, prepared once per
/// call; prepare once yourself to assign many times). Throws InputError (collecting every problem)
/// when, in exactly-one mode, a government matches no rule or several (naming the government and
/// the rules with their file:line), or when a cohort ends up empty; also on evaluation errors
/// (division by zero names the government).
[[nodiscard]] CohortAssignment AssignCohorts(const CohortRules& rules, const Registry& registry,
                                             const std::map<std::string, double>& overrides = {});

/// The same with parameter values already resolved (ParameterValues).
/// REQUIRES: parameters.size() == rules.parameters.size().
[[nodiscard]] CohortAssignment AssignCohorts(const CohortRules& rules, const Registry& registry,
                                             std::span<const double> parameters);

struct RuleExplanation {
  Cohort cohort;
  std::string rule_text;
  SourceLocation where;
  bool matched = false;
  std::vector<ExplainedNode> nodes;  ///< Every sub-expression with its value.
};

/// Every rule evaluated for the government at `index`, with sub-expression values.
[[nodiscard]] std::vector<RuleExplanation> ExplainGovernment(
    const CohortRules& rules, const Registry& registry, std::size_t index,
    const std::map<std::string, double>& overrides = {});

struct CohortChange {
  std::size_t index = 0;  ///< Registry index.
  Cohort from;
  Cohort to;
};

struct CohortSizeChange {
  std::string letter;
  std::string id;
  std::size_t before = 0;
  std::size_t after = 0;
};

struct AssignmentDiff {
  std::vector<CohortChange> changes;    ///< In registry order.
  std::vector<CohortSizeChange> sizes;  ///< Every cohort of either side, `before` order first.
};

/// Governments whose cohort differs between `before` and `after` (cohorts are matched by id),
/// and the size of each cohort on both sides. REQUIRES: both assign the same registry.
[[nodiscard]] AssignmentDiff DiffAssignments(const CohortAssignment& before,
                                             const CohortAssignment& after,
                                             const Registry& registry);

}  // namespace jobaward
