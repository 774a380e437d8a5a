// The categories of one award evaluated together. Categories are independent unless a rubric
// has a cross-category rule (Rubric::exclusions, YAML `awards.exclude_holders`): holders of the
// named awards of another category receive no award in this one. Such a category is evaluated
// after the one it names, with an eligibility mask (Perturbation::award_eligible) built from
// that category's outcome; that is the whole coupling, so Evaluate stays a one-category function.
//
// Every command that gives awards goes through this plan — award, score, explain, report,
// simulate (per draw), sensitivity (per Sobol sample) and check — so that they all agree.
// A rule naming a category that is not in the run (e.g. one rubric alone) has no earlier winners
// to exclude and is inactive; AwardPlan::inactive lists it so commands can say so.
//
// Pure values; an AwardPlan is immutable and may be shared between threads (one AwardWorkspace
// per thread).
//
// Tests (tests/unit/scoring/award_plan_test.cpp) prove: the evaluation order follows the rules
// whatever the order of the rubrics; an excluded government's places go to the next eligible ones;
// an unknown award id or a cycle is an InputError naming the rubric file; an inactive rule is
// reported; EvaluateAward without rules equals Evaluate per category.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

class AwardPlan {
 public:
  AwardPlan() = default;
  /// Resolves the rules of `models`' rubrics. Throws InputError (at the rule's location) when a
  /// rule names an award id its category does not have, when the category it names is given by
  /// two rubrics, or when the rules form a cycle.
  explicit AwardPlan(std::span<const ScoringModel> models);

  /// Indices of the models in evaluation order: a category after every category it excludes
  /// holders of, otherwise in the given order.
  [[nodiscard]] const std::vector<std::size_t>& order() const { return order_; }
  /// True when category `c` has an active rule (its evaluation needs an eligibility mask).
  [[nodiscard]] bool Constrained(std::size_t c) const { return !rules_[c].empty(); }
  /// The categories whose outcomes category `c`'s eligibility depends on, directly.
  [[nodiscard]] std::vector<std::size_t> DependsOn(std::size_t c) const;
  /// True when a rule of another category excludes holders of a special prize of `c` (so an
  /// evaluation of `c` that feeds others must include the special prizes).
  [[nodiscard]] bool SpecialPrizesMatter(std::size_t c) const;
  /// True when a rule of another category can tell a national prize of `c` from the level it
  /// is taken from (it excludes one and not the other). Otherwise an evaluation of `c` that
  /// feeds others may leave the national prizes out: a holder keeps its level either way.
  [[nodiscard]] bool NationalPrizesMatter(std::size_t c) const { return national_matters_[c] != 0; }
  /// Rules naming a category absent from the run, e.g. "2020-best-program: awards.exclude_holders
  /// [0] names category 'disclosure', which is not in this run; the rule is inactive".
  [[nodiscard]] const std::vector<std::string>& inactive() const { return inactive_; }

  /// Fills `eligible` (one entry per row of category `c`'s model) from the outcomes of the
  /// categories it depends on: 0 for a row whose government holds an excluded award there.
  /// `outcomes` is indexed by category; entries of the categories `c` depends on must be set.
  void FillEligibility(std::size_t c, std::span<const Outcome* const> outcomes,
                       std::vector<char>& eligible) const;

 private:
  struct Rule {
    std::size_t from = 0;          // The category whose holders are excluded.
    std::vector<char> level;       // Per level of `from`: excluded.
    std::vector<char> national;    // Per national prize of `from`.
    std::vector<char> special;     // Per special prize of `from`.
    std::vector<int> row_in_from;  // Per row of this category: the same government's row in
                                   // `from`, or -1.
  };
  std::vector<std::size_t> order_;
  std::vector<std::vector<Rule>> rules_;  // Per category.
  std::vector<char> national_matters_;    // Per category: NationalPrizesMatter.
  std::vector<std::string> inactive_;
};

/// Buffers and results of EvaluateAward; one per thread.
struct AwardWorkspace {
  std::vector<Workspace> categories;        ///< Per category (set reuse flags here).
  std::vector<std::vector<char>> eligible;  ///< Per category: the last mask.
  std::vector<const Outcome*> outcomes;     ///< Per category, valid until the next call.
  std::vector<Perturbation> perturbations;  ///< Per category: the input plus the mask.
};

/// Evaluates every category in plan order, each constrained category with the mask its
/// earlier categories give. `perturbations` is parallel to `models`, or empty for none.
/// Returns the outcomes, indexed by category (AwardWorkspace::outcomes).
const std::vector<const Outcome*>& EvaluateAward(const AwardPlan& plan,
                                                 std::span<const ScoringModel> models,
                                                 std::span<const Perturbation> perturbations,
                                                 AwardWorkspace& workspace,
                                                 EvaluateScope scope = EvaluateScope::kEverything);

/// AwardPlan + EvaluateAward + Explain: the explained result of every category, parallel to
/// `models`, with the cross-category rules applied.
[[nodiscard]] std::vector<ScoreResult> ScoreAward(std::span<const ScoringModel> models,
                                                  Detail detail = Detail::kFull);

/// Per category, the eligibility mask the cross-category rules give on the unperturbed inputs
/// (empty for a category without an active rule). "What it takes" (gaps.hpp) holds it fixed
/// while one category's inputs move: a 공시제 최우수상 holder stays barred from 우수사업 awards.
[[nodiscard]] std::vector<std::vector<char>> AwardEligibility(std::span<const ScoringModel> models);

}  // namespace jobaward
