// Weight lines, award labels and the award-level Sobol analysis (see sensitivity.hpp).
#include "jobaward/sensitivity/sensitivity.hpp"

#include <cmath>
#include <memory>

#include "jobaward/error.hpp"
#include "jobaward/scoring/award_plan.hpp"

namespace jobaward {
namespace {

double TotalPoints(const ScoringModel& model) { return model.indicator_points.sum(); }

double DomainPoints(const ScoringModel& model, int domain) {
  double sum = 0;
  for (std::size_t i = 0; i < model.compiled.size(); ++i) {
    if (model.compiled[i].domain == domain)
      sum += model.indicator_points[static_cast<Eigen::Index>(i)];
  }
  return sum;
}

// Rows holding the cohort's first level (directly, or as a national prize taken from it).
bool HoldsFirstLevel(const ScoringModel& model, const Outcome& outcome, int row) {
  const auto r = static_cast<std::size_t>(row);
  if (outcome.level[r] == 0) return true;
  const int n = outcome.national[r];
  return n >= 0 && model.rubric.LevelIndex(
                       model.rubric.national_prizes[static_cast<std::size_t>(n)].from_level) == 0;
}

}  // namespace

std::vector<WeightRef> MovableWeights(const ScoringModel& model) {
  const double total = TotalPoints(model);
  std::vector<WeightRef> weights;
  const auto movable = [&](double points) { return points > 0 && points < total * (1 - 1e-12); };
  for (int d = 0; d < kDomainCount; ++d) {
    const double points = DomainPoints(model, d);
    if (movable(points)) {
      weights.push_back({WeightRef::Kind::kDomain, d,
                         std::string("domain:") + ToString(static_cast<Domain>(d)), points});
    }
  }
  for (std::size_t i = 0; i < model.rubric.indicators.size(); ++i) {
    const double points = model.indicator_points[static_cast<Eigen::Index>(i)];
    if (movable(points)) {
      weights.push_back({WeightRef::Kind::kIndicator, static_cast<int>(i),
                         "indicator:" + model.rubric.indicators[i].id, points});
    }
  }
  return weights;
}

WeightLine LineOf(const ScoringModel& model, const WeightRef& weight) {
  const Eigen::VectorXd& p = model.indicator_points;
  WeightLine line;
  line.total = TotalPoints(model);
  const double rest = line.total - weight.nominal;
  Require(weight.nominal > 0 && rest > 0, "LineOf: weight is not movable");
  line.base.resize(p.size());
  line.slope.resize(p.size());
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const bool moved = weight.kind == WeightRef::Kind::kDomain
                           ? model.compiled[static_cast<std::size_t>(i)].domain == weight.index
                           : i == weight.index;
    if (moved) {
      // Inside a moved domain the indicators keep their shares of it.
      line.base[i] = 0;
      line.slope[i] = p[i] / weight.nominal;
    } else {
      line.base[i] = p[i] * line.total / rest;
      line.slope[i] = -p[i] / rest;
    }
  }
  return line;
}

std::string AwardLabel(const ScoringModel& model, const Outcome& outcome, int row) {
  const auto r = static_cast<std::size_t>(row);
  std::string label;
  if (outcome.national[r] >= 0) {
    label = model.rubric.national_prizes[static_cast<std::size_t>(outcome.national[r])].id;
  } else if (outcome.level[r] >= 0) {
    label = model.rubric.levels[static_cast<std::size_t>(outcome.level[r])].id;
  }
  if (outcome.special[r] >= 0) {
    label += "+" + model.rubric.special_prizes[static_cast<std::size_t>(outcome.special[r])].id;
  }
  return label;
}

namespace {

// Equal shape and cells, NaN (missing) equal to NaN.
bool SameMatrix(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  return ((a.array() == b.array()) || (a.array().isNaN() && b.array().isNaN())).all();
}

// The perturbed inputs of one category, copied for comparison.
struct InputsCopy {
  Eigen::MatrixXd fields;
  std::vector<Eigen::MatrixXd> panels;
  Eigen::VectorXd points;
  std::vector<int> row_cohort;
  bool operator==(const InputsCopy& other) const {
    if (panels.size() != other.panels.size()) return false;
    for (std::size_t p = 0; p < panels.size(); ++p) {
      if (!SameMatrix(panels[p], other.panels[p])) return false;
    }
    return SameMatrix(fields, other.fields) && SameMatrix(points, other.points) &&
           row_cohort == other.row_cohort;
  }
};

InputsCopy CopyInputs(const ScoringModel& model, const Perturbation& p) {
  return {p.fields ? *p.fields : model.fields, p.panels ? *p.panels : model.panels,
          p.indicator_points ? *p.indicator_points : model.indicator_points,
          p.row_cohort ? *p.row_cohort : model.row_cohort};
}

// affects[g][c]: whether group g can change the inputs of category c, found by drawing group g
// twice with everything else fixed (a group with zero spread affects nothing).
std::vector<std::vector<char>> GroupEffects(std::span<const ScoringModel> models,
                                            const UncertaintyModel& uncertainty) {
  const std::size_t k = uncertainty.groups().size();
  DrawState state(uncertainty);
  std::vector<std::uint64_t> keys(k);
  std::vector<double> uniforms(k, 0.25);
  for (std::size_t g = 0; g < k; ++g) keys[g] = GroupStreamKey(0x5e45, 'A', 0, static_cast<int>(g));
  ApplyDraw(uncertainty, keys, state, uniforms);
  std::vector<InputsCopy> base;
  for (std::size_t c = 0; c < models.size(); ++c) {
    base.push_back(CopyInputs(models[c], state.perturbation(c)));
  }
  std::vector<std::vector<char>> affects(k, std::vector<char>(models.size(), 0));
  for (std::size_t g = 0; g < k; ++g) {
    const std::uint64_t key = keys[g];
    keys[g] = GroupStreamKey(0x5e45, 'B', 0, static_cast<int>(g));
    uniforms[g] = 0.75;
    ApplyDraw(uncertainty, keys, state, uniforms);
    for (std::size_t c = 0; c < models.size(); ++c) {
      affects[g][c] = CopyInputs(models[c], state.perturbation(c)) == base[c] ? 0 : 1;
    }
    keys[g] = key;
    uniforms[g] = 0.25;
  }
  return affects;
}

}  // namespace

AwardSobolResult RunAwardSobol(std::span<const ScoringModel> models,
                               const UncertaintyModel& uncertainty, const SobolOptions& options) {
  Require(models.size() == uncertainty.category_count(),
          "RunAwardSobol: uncertainty compiled for other models");
  AwardSobolResult result;
  // Cross-category rules (award_plan.hpp): categories are evaluated in plan order, a later one
  // with the eligibility its earlier ones give.
  const AwardPlan plan(models);
  AwardWorkspace baseline;
  const std::vector<const Outcome*>& base_outcomes = EvaluateAward(plan, models, {}, baseline);
  std::vector<SobolGroup> groups;
  for (std::size_t g = 0; g < uncertainty.groups().size(); ++g) {
    result.groups.push_back(uncertainty.groups()[g].name);
    groups.push_back({uncertainty.groups()[g].name, uncertainty.TakesOneUniform(g) ? 1 : 0});
  }
  Require(!groups.empty(), "RunAwardSobol: no uncertainty groups");

  // Outputs (contiguous per category), and the baseline winners whose award is tracked.
  std::vector<std::size_t> category_begin;
  for (std::size_t c = 0; c < models.size(); ++c) {
    category_begin.push_back(result.outputs.size());
    const ScoringModel& model = models[c];
    const auto rows = static_cast<int>(model.row_code.size());
    for (int r = 0; r < rows; ++r) {
      result.outputs.push_back({AwardOutput::Kind::kScore, static_cast<int>(c), r, -1});
    }
    for (int r = 0; r < rows; ++r) {
      result.outputs.push_back({AwardOutput::Kind::kRank, static_cast<int>(c), r, -1});
    }
    const Outcome& base = *base_outcomes[c];
    for (int h = 0; h < static_cast<int>(model.cohorts.ids.size()); ++h) {
      // The best-ranked holder of the first level (a tie is tracked through its first member).
      int winner = -1;
      for (int r = 0; r < rows; ++r) {
        const auto ri = static_cast<std::size_t>(r);
        if (model.row_cohort[ri] == h && HoldsFirstLevel(model, base, r) &&
            (winner < 0 || base.rank[ri] < base.rank[static_cast<std::size_t>(winner)])) {
          winner = r;
        }
      }
      if (winner >= 0) {
        result.outputs.push_back({AwardOutput::Kind::kWinnerKeeps, static_cast<int>(c), winner, h});
      }
    }
  }
  category_begin.push_back(result.outputs.size());
  std::vector<std::vector<std::size_t>> depends_on(models.size());
  for (std::size_t c = 0; c < models.size(); ++c) depends_on[c] = plan.DependsOn(c);
  std::vector<std::vector<char>> affects = GroupEffects(models, uncertainty);
  // A group that changes a category's awards changes the eligibility of those depending on it.
  for (auto& by_category : affects) {
    for (const std::size_t c : plan.order()) {
      for (const std::size_t d : depends_on[c]) by_category[c] |= by_category[d];
    }
  }

  const std::vector<AwardOutput>& outputs = result.outputs;
  const std::size_t k = groups.size();
  const SobolFunctionFactory factory = [&]() -> SobolFunction {
    // A full evaluation remembered so that a call differing from it in one group only
    // re-evaluates the categories that group affects (AB_i differs from A in group i alone).
    struct Reference {
      std::vector<std::uint64_t> keys;
      std::vector<double> uniforms;
      std::vector<double> outputs;
    };
    struct Scratch {
      Scratch(const UncertaintyModel& u, std::size_t categories, std::size_t group_count)
          : state(u),
            workspaces(categories),
            eligible(categories),
            outcomes(categories),
            needed(categories),
            keys(group_count),
            uniforms(group_count, 0.0) {}
      DrawState state;
      std::vector<Workspace> workspaces;
      std::vector<std::vector<char>> eligible;
      std::vector<const Outcome*> outcomes;
      std::vector<char> needed;
      std::vector<std::uint64_t> keys;
      std::vector<double> uniforms;
      Reference references[2];
      int next_reference = 0;
    };
    auto scratch = std::make_shared<Scratch>(uncertainty, models.size(), k);
    // Consecutive evaluations differ in one uncertainty group: reuse the unchanged columns.
    for (Workspace& workspace : scratch->workspaces) workspace.reuse_unchanged_columns = true;
    return [&, scratch](std::span<const GroupDraw> draws, std::span<double> out) {
      Scratch& sc = *scratch;
      for (std::size_t g = 0; g < k; ++g) {
        sc.keys[g] = draws[g].key;
        sc.uniforms[g] = draws[g].uniforms.empty() ? 0.0 : draws[g].uniforms[0];
      }
      // Which reference (if any) differs in exactly one group.
      const Reference* reference = nullptr;
      std::size_t changed = k;
      for (const Reference& ref : sc.references) {
        if (ref.keys.size() != k) continue;
        std::size_t differing = 0, last = k;
        for (std::size_t g = 0; g < k && differing < 2; ++g) {
          if (ref.keys[g] != sc.keys[g] || ref.uniforms[g] != sc.uniforms[g]) {
            ++differing;
            last = g;
          }
        }
        if (differing == 1) {
          reference = &ref;
          changed = last;
          break;
        }
      }
      ApplyDraw(uncertainty, sc.keys, sc.state, sc.uniforms);
      // A category is evaluated when the changed group affects it, or when a category that is
      // evaluated depends on its awards (its workspace may hold another sample's outcome).
      for (std::size_t c = 0; c < models.size(); ++c) {
        sc.needed[c] = reference == nullptr || affects[changed][c] != 0;
      }
      for (auto it = plan.order().rbegin(); it != plan.order().rend(); ++it) {
        if (sc.needed[*it] == 0) continue;
        for (const std::size_t d : depends_on[*it]) sc.needed[d] = 1;
      }
      for (const std::size_t c : plan.order()) {
        const std::size_t begin = category_begin[c], end = category_begin[c + 1];
        if (sc.needed[c] == 0) {
          std::copy(reference->outputs.begin() + static_cast<std::ptrdiff_t>(begin),
                    reference->outputs.begin() + static_cast<std::ptrdiff_t>(end),
                    out.begin() + static_cast<std::ptrdiff_t>(begin));
          continue;
        }
        Perturbation perturbation = sc.state.perturbation(c);
        if (plan.Constrained(c)) {
          plan.FillEligibility(c, sc.outcomes, sc.eligible[c]);
          perturbation.award_eligible = &sc.eligible[c];
        }
        // The outputs (score, rank, first level kept) depend on neither prize: a national
        // prize leaves its holder's level as it was. The eligibility of a later category does
        // only through excluded special prizes, or a national prize excluded unlike its level.
        const EvaluateScope scope = plan.SpecialPrizesMatter(c) ? EvaluateScope::kEverything
                                    : plan.NationalPrizesMatter(c)
                                        ? EvaluateScope::kWithoutSpecialPrizes
                                        : EvaluateScope::kWithoutPrizes;
        const Outcome& outcome = Evaluate(models[c], perturbation, sc.workspaces[c], scope);
        sc.outcomes[c] = &outcome;
        for (std::size_t o = begin; o < end; ++o) {
          const auto r = static_cast<std::size_t>(outputs[o].row);
          switch (outputs[o].kind) {
            case AwardOutput::Kind::kScore:
              out[o] = outcome.final_score[static_cast<Eigen::Index>(r)];
              break;
            case AwardOutput::Kind::kRank:
              out[o] = outcome.rank[r];
              break;
            case AwardOutput::Kind::kWinnerKeeps:
              out[o] = HoldsFirstLevel(models[c], outcome, outputs[o].row) ? 1.0 : 0.0;
              break;
          }
        }
      }
      if (reference == nullptr) {
        Reference& slot = sc.references[sc.next_reference];
        sc.next_reference = 1 - sc.next_reference;
        slot.keys = sc.keys;
        slot.uniforms = sc.uniforms;
        slot.outputs.assign(out.begin(), out.end());
      }
    };
  };
  result.indices = ComputeSobolIndices(groups, static_cast<int>(outputs.size()), factory, options);
  return result;
}

}  // namespace jobaward
