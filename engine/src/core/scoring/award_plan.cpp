// Cross-category rules: evaluation order and eligibility masks (see award_plan.hpp).
#include "jobaward/scoring/award_plan.hpp"

#include <algorithm>
#include <unordered_map>

#include "jobaward/error.hpp"

namespace jobaward {

namespace {

std::vector<std::string> AwardIds(const Rubric& r) {
  std::vector<std::string> ids;
  for (const auto& p : r.national_prizes) ids.push_back(p.id);
  for (const auto& l : r.levels) ids.push_back(l.id);
  for (const auto& p : r.special_prizes) ids.push_back(p.id);
  return ids;
}

}  // namespace

AwardPlan::AwardPlan(std::span<const ScoringModel> models) {
  const std::size_t n = models.size();
  rules_.resize(n);
  DiagnosticSink sink;
  for (std::size_t c = 0; c < n; ++c) {
    const Rubric& r = models[c].rubric;
    for (std::size_t e = 0; e < r.exclusions.size(); ++e) {
      const CategoryExclusion& ex = r.exclusions[e];
      const std::string key = "awards.exclude_holders[" + std::to_string(e) + "]";
      std::vector<std::size_t> matches;
      for (std::size_t d = 0; d < n; ++d) {
        if (d != c && models[d].rubric.category == ex.category) matches.push_back(d);
      }
      if (matches.empty()) {
        inactive_.push_back(r.id + ": " + key + " names category '" + ex.category +
                            "', which is not in this run; the rule is inactive");
        continue;
      }
      if (matches.size() > 1) {
        sink.Add(ex.where, key + ".category",
                 "category '" + ex.category + "' is given by two rubrics (" +
                     models[matches[0]].rubric.id + ", " + models[matches[1]].rubric.id +
                     "); the rule cannot tell which one's holders to exclude");
        continue;
      }
      const ScoringModel& from = models[matches[0]];
      const Rubric& fr = from.rubric;
      Rule rule;
      rule.from = matches[0];
      rule.level.assign(fr.levels.size(), 0);
      rule.national.assign(fr.national_prizes.size(), 0);
      rule.special.assign(fr.special_prizes.size(), 0);
      for (const auto& id : ex.awards) {
        bool found = false;
        const auto mark = [&](const auto& awards, std::vector<char>& excluded) {
          for (std::size_t k = 0; k < awards.size(); ++k) {
            if (awards[k].id != id) continue;
            excluded[k] = 1;
            found = true;
          }
        };
        mark(fr.levels, rule.level);
        mark(fr.national_prizes, rule.national);
        mark(fr.special_prizes, rule.special);
        if (!found)
          sink.Add(
              ex.where, key + ".awards",
              "category '" + ex.category + "': " + UnknownNameMessage("award", id, AwardIds(fr)));
      }
      std::unordered_map<std::size_t, int> row_of;
      for (std::size_t row = 0; row < from.row_government.size(); ++row) {
        row_of[from.row_government[row]] = static_cast<int>(row);
      }
      rule.row_in_from.reserve(models[c].row_government.size());
      for (const std::size_t g : models[c].row_government) {
        const auto it = row_of.find(g);
        rule.row_in_from.push_back(it == row_of.end() ? -1 : it->second);
      }
      rules_[c].push_back(std::move(rule));
    }
  }
  sink.ThrowIfAny();
  national_matters_.assign(n, 0);
  for (const auto& rules : rules_) {
    for (const Rule& rule : rules) {
      const Rubric& from = models[rule.from].rubric;
      for (std::size_t p = 0; p < from.national_prizes.size(); ++p) {
        const int level = from.LevelIndex(from.national_prizes[p].from_level);
        if (level < 0 || rule.national[p] != rule.level[static_cast<std::size_t>(level)]) {
          national_matters_[rule.from] = 1;
        }
      }
    }
  }

  // Order: repeatedly take the first category (in the given order) whose dependencies are
  // placed; n is 2 in the award, so the quadratic loop is nothing.
  std::vector<char> placed(n, 0);
  while (order_.size() < n) {
    bool progress = false;
    for (std::size_t c = 0; c < n; ++c) {
      if (placed[c] != 0) continue;
      const bool ready = std::all_of(rules_[c].begin(), rules_[c].end(),
                                     [&](const Rule& rule) { return placed[rule.from] != 0; });
      if (!ready) continue;
      placed[c] = 1;
      order_.push_back(c);
      progress = true;
      break;
    }
    if (!progress) {
      for (std::size_t c = 0; c < n; ++c) {
        if (placed[c] == 0 && !models[c].rubric.exclusions.empty()) {
          sink.Add(models[c].rubric.exclusions.front().where, "awards.exclude_holders",
                   "the cross-category rules of the rubrics form a cycle (" +
                       models[c].rubric.category +
                       " excludes holders of a category that, "
                       "directly or not, excludes holders of " +
                       models[c].rubric.category + ")");
          break;
        }
      }
      sink.ThrowIfAny();
      throw InternalError("AwardPlan: no progress without a cycle");
    }
  }
}

std::vector<std::size_t> AwardPlan::DependsOn(std::size_t c) const {
  std::vector<std::size_t> out;
  for (const Rule& rule : rules_[c]) out.push_back(rule.from);
  return out;
}

bool AwardPlan::SpecialPrizesMatter(std::size_t c) const {
  for (const auto& rules : rules_) {
    for (const Rule& rule : rules) {
      if (rule.from == c &&
          std::find(rule.special.begin(), rule.special.end(), 1) != rule.special.end()) {
        return true;
      }
    }
  }
  return false;
}

void AwardPlan::FillEligibility(std::size_t c, std::span<const Outcome* const> outcomes,
                                std::vector<char>& eligible) const {
  const auto& rules = rules_[c];
  Require(!rules.empty(), "FillEligibility: category has no rule");
  eligible.assign(rules.front().row_in_from.size(), 1);
  for (const Rule& rule : rules) {
    const Outcome* from = outcomes[rule.from];
    Require(from != nullptr, "FillEligibility: earlier category not evaluated");
    for (std::size_t row = 0; row < rule.row_in_from.size(); ++row) {
      const int r = rule.row_in_from[row];
      if (r < 0) continue;
      const auto u = static_cast<std::size_t>(r);
      const int national = from->national[u];
      const int level = from->level[u];
      const int special = from->special[u];
      // A national prize replaces the level it came from: the level counts only without one.
      const bool holds =
          (national >= 0 && rule.national[static_cast<std::size_t>(national)]) ||
          (national < 0 && level >= 0 && rule.level[static_cast<std::size_t>(level)]) ||
          (special >= 0 && rule.special[static_cast<std::size_t>(special)]);
      if (holds) eligible[row] = 0;
    }
  }
}

const std::vector<const Outcome*>& EvaluateAward(const AwardPlan& plan,
                                                 std::span<const ScoringModel> models,
                                                 std::span<const Perturbation> perturbations,
                                                 AwardWorkspace& workspace, EvaluateScope scope) {
  const std::size_t n = models.size();
  Require(plan.order().size() == n, "EvaluateAward: plan of other models");
  Require(perturbations.empty() || perturbations.size() == n,
          "EvaluateAward: perturbations not parallel to models");
  workspace.categories.resize(n);
  workspace.eligible.resize(n);
  workspace.outcomes.assign(n, nullptr);
  workspace.perturbations.resize(n);
  for (const std::size_t c : plan.order()) {
    Perturbation& p = workspace.perturbations[c];
    p = perturbations.empty() ? Perturbation{} : perturbations[c];
    if (plan.Constrained(c)) {
      plan.FillEligibility(c, workspace.outcomes, workspace.eligible[c]);
      p.award_eligible = &workspace.eligible[c];
    }
    workspace.outcomes[c] = &Evaluate(models[c], p, workspace.categories[c], scope);
  }
  return workspace.outcomes;
}

std::vector<ScoreResult> ScoreAward(std::span<const ScoringModel> models, Detail detail) {
  const AwardPlan plan(models);
  AwardWorkspace workspace;
  const auto& outcomes = EvaluateAward(plan, models, {}, workspace);
  std::vector<ScoreResult> results;
  results.reserve(models.size());
  for (std::size_t c = 0; c < models.size(); ++c) {
    results.push_back(Explain(models[c], *outcomes[c], detail));
  }
  return results;
}

std::vector<std::vector<char>> AwardEligibility(std::span<const ScoringModel> models) {
  const AwardPlan plan(models);
  AwardWorkspace workspace;
  (void)EvaluateAward(plan, models, {}, workspace);
  std::vector<std::vector<char>> masks(models.size());
  for (std::size_t c = 0; c < models.size(); ++c) {
    if (plan.Constrained(c)) masks[c] = workspace.eligible[c];
  }
  return masks;
}

}  // namespace jobaward
