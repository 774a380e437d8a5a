#include "jobaward/cohort_rules.hpp"

#include <algorithm>

namespace jobaward {

namespace {

std::string Label(const Cohort& c) { return c.letter + " (" + c.id + ")"; }

std::string RuleLabel(const CohortRule& r) {
  return Label(r.cohort) + " at " + r.rule.origin().where.ToString();
}

SourceLocation WhereIs(const Registry& registry, const Government& g, const CohortRules& rules) {
  if (!registry.file().empty()) return {registry.file(), g.line, 0};
  return {rules.file, 0, 0};
}

Diagnostic RuleDiagnostic(const CohortRule& r, const std::string& message) {
  return Diagnostic{r.rule.origin().where, r.rule.origin().key, message, {}};
}

}  // namespace

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
  const std::size_t n_rules = rules.cohorts.size();
  std::vector<std::vector<double>> aggregates;
  aggregates.reserve(n_rules);
  for (const auto& r : rules.cohorts) {
    aggregates.push_back(r.rule.ComputeAggregates(registry, parameters));
  }

  CohortAssignment out;
  for (const auto& r : rules.cohorts) out.cohorts.push_back(r.cohort);
  out.cohort_of.assign(registry.size(), -1);
  out.members.resize(n_rules);

  const bool first = rules.match == MatchMode::kFirst;
  // shadowed[i * n + j]: governments claimed by rule i that rule j (j > i) also matches.
  std::vector<std::vector<std::size_t>> shadowed(first ? n_rules * n_rules : 0);
  DiagnosticSink sink;
  std::vector<std::size_t> matches;
  for (std::size_t g = 0; g < registry.size(); ++g) {
    const Government& government = registry[g];
    matches.clear();
    for (std::size_t r = 0; r < n_rules; ++r) {
      if (rules.cohorts[r].rule.Test(government, parameters, aggregates[r])) matches.push_back(r);
    }
    if (matches.empty()) {
      sink.Add(WhereIs(registry, government, rules), "",
               DescribeGovernment(government) +
                   " matches no cohort rule; each government must match " +
                   (first ? "at least one" : "exactly one (or set 'match: first')"));
      continue;
    }
    if (matches.size() > 1 && !first) {
      std::string list;
      for (std::size_t k = 0; k < matches.size(); ++k) {
        if (k > 0) list += k + 1 == matches.size() ? " and " : ", ";
        list += RuleLabel(rules.cohorts[matches[k]]);
      }
      sink.Add(WhereIs(registry, government, rules), "",
               DescribeGovernment(government) + " matches " + std::to_string(matches.size()) +
                   " cohort rules, " + list +
                   "; each government must match exactly one (or set 'match: first')");
      continue;
    }
    for (std::size_t k = 1; k < matches.size(); ++k) {
      shadowed[matches[0] * n_rules + matches[k]].push_back(g);
    }
    out.cohort_of[g] = static_cast<int>(matches[0]);
    out.members[matches[0]].push_back(g);
  }
  sink.ThrowIfAny();

  for (std::size_t r = 0; r < n_rules; ++r) {
    if (!out.members[r].empty()) continue;
    sink.Add(RuleDiagnostic(rules.cohorts[r],
                            "cohort " + Label(rules.cohorts[r].cohort) +
                                " is empty: its rule matches no government" +
                                (first ? " that an earlier rule has not already claimed" : "")));
  }
  sink.ThrowIfAny();

  for (std::size_t i = 0; i < n_rules && first; ++i) {
    for (std::size_t j = i + 1; j < n_rules; ++j) {
      const auto& govs = shadowed[i * n_rules + j];
      if (govs.empty()) continue;
      std::string list;
      for (std::size_t k = 0; k < govs.size() && k < 5; ++k) {
        list += (k == 0 ? "" : ", ") + registry[govs[k]].code + " " + registry[govs[k]].name_ko;
      }
      if (govs.size() > 5) list += ", ...";
      out.shadow_notes.push_back("rule " + RuleLabel(rules.cohorts[j]) + " also matches " +
                                 std::to_string(govs.size()) + " government" +
                                 (govs.size() == 1 ? "" : "s") + " claimed by the earlier rule " +
                                 RuleLabel(rules.cohorts[i]) + ": " + list);
    }
  }
  return out;
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
