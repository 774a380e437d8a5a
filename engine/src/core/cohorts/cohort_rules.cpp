#include "jobaward/cohorts/cohort_rules.hpp"

#include <algorithm>

#include "jobaward/cohorts/cohort_rules_prepared.hpp"

namespace jobaward {

std::string_view ToString(MatchMode mode) {
  return mode == MatchMode::kFirst ? "first" : "exactly_one";
}

ExpressionEnvironment CohortRules::Environment() const {
  ExpressionEnvironment env;
  for (const auto& p : parameters) env.parameters.push_back(p.name);
  return env;
}

std::vector<double> ParameterValues(const CohortRules& rules,
                                    const std::map<std::string, double>& overrides) {
  std::vector<double> values;
  std::vector<std::string> names;
  for (const auto& p : rules.parameters) {
    values.push_back(p.value);
    names.push_back(p.name);
  }
  DiagnosticSink sink;
  for (const auto& [name, value] : overrides) {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it != names.end()) {
      values[static_cast<std::size_t>(it - names.begin())] = value;
      continue;
    }
    std::string message = "unknown parameter '" + name + "'";
    const std::string hint = ClosestMatch(name, names);
    if (!hint.empty()) {
      message += ", did you mean '" + hint + "'?";
    } else if (names.empty()) {
      message += " (the rules define no parameters)";
    } else {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      message += " (parameters: " + list + ")";
    }
    sink.Add(SourceLocation{rules.file}, "parameters", message);
  }
  sink.ThrowIfAny();
  return values;
}

CohortAssignment AssignCohorts(const CohortRules& rules, const Registry& registry,
                               const std::map<std::string, double>& overrides) {
  const std::vector<double> values = ParameterValues(rules, overrides);
  return AssignCohorts(rules, registry, std::span<const double>(values));
}

CohortAssignment AssignCohorts(const CohortRules& rules, const Registry& registry,
                               std::span<const double> parameters) {
  Require(parameters.size() == rules.parameters.size(),
          "AssignCohorts: one value per parameter is required");
  return PreparedCohortRules(rules, registry).Assign(parameters);
}

std::vector<RuleExplanation> ExplainGovernment(const CohortRules& rules, const Registry& registry,
                                               std::size_t index,
                                               const std::map<std::string, double>& overrides) {
  Require(index < registry.size(), "ExplainGovernment: index out of range");
  const std::vector<double> values = ParameterValues(rules, overrides);
  std::vector<RuleExplanation> out;
  for (const auto& r : rules.cohorts) {
    const std::vector<double> aggregates = r.rule.ComputeAggregates(registry, values);
    RuleExplanation e;
    e.cohort = r.cohort;
    e.rule_text = r.rule.text();
    e.where = r.rule.origin().where;
    e.nodes = r.rule.Explain(registry[index], values, aggregates);
    e.matched = !e.nodes.empty() && e.nodes.front().value && e.nodes.front().value->boolean;
    out.push_back(std::move(e));
  }
  return out;
}

AssignmentDiff DiffAssignments(const CohortAssignment& before, const CohortAssignment& after,
                               const Registry& registry) {
  Require(before.cohort_of.size() == registry.size() && after.cohort_of.size() == registry.size(),
          "DiffAssignments: assignments of another registry");
  AssignmentDiff diff;
  for (std::size_t g = 0; g < registry.size(); ++g) {
    const Cohort& from = before.cohorts[static_cast<std::size_t>(before.cohort_of[g])];
    const Cohort& to = after.cohorts[static_cast<std::size_t>(after.cohort_of[g])];
    if (from.id != to.id) diff.changes.push_back({g, from, to});
  }
  auto size_in = [](const CohortAssignment& a, const std::string& id) -> std::size_t {
    for (std::size_t c = 0; c < a.cohorts.size(); ++c) {
      if (a.cohorts[c].id == id) return a.members[c].size();
    }
    return 0;
  };
  for (const auto& c : before.cohorts) {
    diff.sizes.push_back({c.letter, c.id, size_in(before, c.id), size_in(after, c.id)});
  }
  for (const auto& c : after.cohorts) {
    const bool known = std::any_of(before.cohorts.begin(), before.cohorts.end(),
                                   [&](const Cohort& b) { return b.id == c.id; });
    if (!known) diff.sizes.push_back({c.letter, c.id, 0, size_in(after, c.id)});
  }
  return diff;
}

}  // namespace jobaward
