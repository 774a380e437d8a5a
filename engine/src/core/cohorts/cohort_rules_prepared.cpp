#include "jobaward/cohorts/cohort_rules_prepared.hpp"

#include <algorithm>
#include <string>

#include "src/core/cohorts/expr_internal.hpp"

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

struct PreparedCohortRules::Impl {
  Impl(const CohortRules& r, const Registry& g) : rules(r), registry(g) {
    programs.reserve(rules.cohorts.size());
    for (const auto& rule : rules.cohorts) programs.emplace_back(rule.rule, registry);
  }
  CohortRules rules;
  Registry registry;
  std::vector<detail::ColumnProgram> programs;  // One per rule, bound to `registry`.
};

PreparedCohortRules::PreparedCohortRules(const CohortRules& rules, const Registry& registry)
    : impl_(std::make_shared<const Impl>(rules, registry)) {}

const CohortRules& PreparedCohortRules::rules() const { return impl_->rules; }
const Registry& PreparedCohortRules::registry() const { return impl_->registry; }

void PreparedCohortRules::Evaluate(std::span<const double> parameters,
                                   CohortWorkspace& workspace) const {
  const Impl& m = *impl_;
  Require(parameters.size() == m.rules.parameters.size(),
          "AssignCohorts: one value per parameter is required");
  const std::size_t n_rules = m.programs.size();
  workspace.rules_.resize(n_rules);
  // Every rule's aggregates first (they throw), as a per-government evaluation needs them all
  // before the first government.
  for (std::size_t r = 0; r < n_rules; ++r) {
    m.programs[r].Run(parameters, m.registry, workspace.rules_[r]);
  }
  // Then the first government, and for it the first rule, whose evaluation fails.
  std::size_t failing = m.registry.size();
  std::size_t failing_rule = 0;
  detail::Fault fault = detail::kNoFault;
  for (std::size_t r = 0; r < n_rules; ++r) {
    const detail::NodeView root = m.programs[r].Root(workspace.rules_[r]);
    if (root.fault == nullptr) continue;
    for (std::size_t g = 0; g < failing; ++g) {
      if (root.FaultOf(g) == detail::kNoFault) continue;
      failing = g;
      failing_rule = r;
      fault = root.FaultOf(g);
      break;
    }
  }
  if (fault != detail::kNoFault) {
    throw InputError(
        detail::FaultDiagnostic(m.programs[failing_rule].program(), fault, m.registry[failing]));
  }
}

CohortAssignment PreparedCohortRules::Resolve(const CohortWorkspace& workspace) const {
  const Impl& m = *impl_;
  const CohortRules& rules = m.rules;
  const Registry& registry = m.registry;
  const std::size_t n_rules = rules.cohorts.size();
  std::vector<detail::NodeView> roots;
  for (std::size_t r = 0; r < n_rules; ++r) {
    roots.push_back(m.programs[r].Root(workspace.rules_[r]));
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
      if (roots[r].Truth(g)) matches.push_back(r);
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

CohortAssignment PreparedCohortRules::Assign(std::span<const double> parameters) const {
  CohortWorkspace workspace;
  Evaluate(parameters, workspace);
  return Resolve(workspace);
}

std::span<const int> PreparedCohortRules::CohortOf(std::span<const double> parameters,
                                                   CohortWorkspace& workspace) const {
  const Impl& m = *impl_;
  Evaluate(parameters, workspace);
  const std::size_t rows = m.registry.size();
  const std::size_t n_rules = m.programs.size();
  auto& cohort_of = workspace.cohort_of_;
  auto& matches = workspace.matches_;
  auto& sizes = workspace.sizes_;
  cohort_of.assign(rows, -1);
  matches.assign(rows, 0);
  sizes.assign(n_rules, 0);
  // Last rule first, so the first matching rule is the one that stays.
  for (std::size_t r = n_rules; r-- > 0;) {
    const detail::NodeView root = m.programs[r].Root(workspace.rules_[r]);
    const int rule = static_cast<int>(r);
    if (!root.varies) {
      if (root.truth[0] == 0) continue;
      for (std::size_t g = 0; g < rows; ++g) ++matches[g];
      std::fill(cohort_of.begin(), cohort_of.end(), rule);
      continue;
    }
    for (std::size_t g = 0; g < rows; ++g) {
      const int match = root.truth[g];
      matches[g] += match;
      cohort_of[g] = match != 0 ? rule : cohort_of[g];
    }
  }
  const bool first = m.rules.match == MatchMode::kFirst;
  bool valid = true;
  for (std::size_t g = 0; g < rows; ++g) {
    if (matches[g] == 0 || (matches[g] > 1 && !first)) {
      valid = false;
      break;
    }
    ++sizes[static_cast<std::size_t>(cohort_of[g])];
  }
  valid = valid && std::find(sizes.begin(), sizes.end(), 0) == sizes.end();
  if (!valid) {
    // Rare: let the full resolution collect and throw every problem.
    (void)Resolve(workspace);
    throw InternalError("PreparedCohortRules: an invalid assignment passed Resolve");
  }
  return cohort_of;
}

}  // namespace jobaward
