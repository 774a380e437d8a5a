// Weight lines, award labels and the award-level Sobol analysis (see sensitivity.hpp).
#include "jobaward/sensitivity.hpp"

#include <cmath>
#include <memory>

#include "jobaward/error.hpp"

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

AwardSobolResult RunAwardSobol(std::span<const ScoringModel> models,
                               const UncertaintyModel& uncertainty, const SobolOptions& options) {
  Require(models.size() == uncertainty.category_count(),
          "RunAwardSobol: uncertainty compiled for other models");
  AwardSobolResult result;
  std::vector<SobolGroup> groups;
  for (std::size_t g = 0; g < uncertainty.groups().size(); ++g) {
    result.groups.push_back(uncertainty.groups()[g].name);
    groups.push_back({uncertainty.groups()[g].name, uncertainty.TakesOneUniform(g) ? 1 : 0});
  }
  Require(!groups.empty(), "RunAwardSobol: no uncertainty groups");

  // Outputs, and the baseline winners whose award is tracked.
  for (std::size_t c = 0; c < models.size(); ++c) {
    const ScoringModel& model = models[c];
    const auto rows = static_cast<int>(model.row_code.size());
    for (int r = 0; r < rows; ++r) {
      result.outputs.push_back({AwardOutput::Kind::kScore, static_cast<int>(c), r, -1});
    }
    for (int r = 0; r < rows; ++r) {
      result.outputs.push_back({AwardOutput::Kind::kRank, static_cast<int>(c), r, -1});
    }
    Workspace workspace;
    const Outcome& base = Evaluate(model, Perturbation{}, workspace);
    for (int h = 0; h < static_cast<int>(model.cohorts.ids.size()); ++h) {
      for (int r = 0; r < rows; ++r) {
        if (model.row_cohort[static_cast<std::size_t>(r)] == h && HoldsFirstLevel(model, base, r)) {
          result.outputs.push_back({AwardOutput::Kind::kWinnerKeeps, static_cast<int>(c), r, h});
          break;  // A tie for the first level is tracked through its first member.
        }
      }
    }
  }

  const std::vector<AwardOutput>& outputs = result.outputs;
  const SobolFunctionFactory factory = [&]() -> SobolFunction {
    struct Scratch {
      explicit Scratch(const UncertaintyModel& u, std::size_t categories, std::size_t group_count)
          : state(u), workspaces(categories), keys(group_count), uniforms(group_count, 0.0) {}
      DrawState state;
      std::vector<Workspace> workspaces;
      std::vector<std::uint64_t> keys;
      std::vector<double> uniforms;
    };
    auto scratch = std::make_shared<Scratch>(uncertainty, models.size(), groups.size());
    return [&, scratch](std::span<const GroupDraw> draws, std::span<double> out) {
      for (std::size_t g = 0; g < draws.size(); ++g) {
        scratch->keys[g] = draws[g].key;
        scratch->uniforms[g] = draws[g].uniforms.empty() ? 0.0 : draws[g].uniforms[0];
      }
      ApplyDraw(uncertainty, scratch->keys, scratch->state, scratch->uniforms);
      std::size_t o = 0;
      for (std::size_t c = 0; c < models.size(); ++c) {
        const Outcome& outcome =
            Evaluate(models[c], scratch->state.perturbation(c), scratch->workspaces[c]);
        for (; o < outputs.size() && outputs[o].category == static_cast<int>(c); ++o) {
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
    };
  };
  result.indices = ComputeSobolIndices(groups, static_cast<int>(outputs.size()), factory, options);
  return result;
}

}  // namespace jobaward
