// Two scenarios on common random numbers (see paired_simulation.hpp).
#include "jobaward/simulation/paired_simulation.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "jobaward/error.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "src/core/simulation/simulation_workers.hpp"

namespace jobaward {

namespace {

using simulation_detail::Estimated;

// A category both sides have, and the rows of each government in both.
struct Pairing {
  std::size_t base = 0;  // Category index on each side.
  std::size_t alt = 0;
  std::vector<int> base_rows;  // Parallel: the same government's rows.
  std::vector<int> alt_rows;
};

std::vector<Pairing> PairCategories(std::span<const ScoringModel> base,
                                    std::span<const ScoringModel> alt) {
  std::vector<Pairing> out;
  for (std::size_t b = 0; b < base.size(); ++b) {
    for (std::size_t a = 0; a < alt.size(); ++a) {
      if (alt[a].rubric.category != base[b].rubric.category) continue;
      Pairing p{b, a, {}, {}};
      for (int r = 0; r < static_cast<int>(base[b].row_code.size()); ++r) {
        const int ar = alt[a].RowOf(base[b].row_code[static_cast<std::size_t>(r)]);
        if (ar < 0) continue;
        p.base_rows.push_back(r);
        p.alt_rows.push_back(ar);
      }
      out.push_back(std::move(p));
      break;
    }
  }
  if (out.empty()) {
    throw InputError(Diagnostic{{"compare", 0, 0},
                                "category",
                                "the two scenarios have no award category in common, so there is "
                                "nothing to compare draw by draw",
                                {}});
  }
  return out;
}

// For each group of the alternative, the index its key is derived from: the base group of the
// same name, or one after all base groups.
std::vector<std::uint64_t> GroupIndices(const UncertaintyModel& base, const UncertaintyModel& alt,
                                        std::vector<std::string>& unmatched) {
  std::unordered_map<std::string, std::uint64_t> index_of;
  for (std::size_t g = 0; g < base.groups().size(); ++g) index_of[base.groups()[g].name] = g;
  std::vector<std::uint64_t> out;
  std::uint64_t next = base.groups().size();
  for (const UncertaintyGroup& g : alt.groups()) {
    const auto it = index_of.find(g.name);
    if (it != index_of.end()) {
      out.push_back(it->second);
    } else {
      out.push_back(next++);
      unmatched.push_back(g.name);
    }
  }
  return out;
}

bool HoldsAward(const Outcome& o, int row) {
  const auto u = static_cast<std::size_t>(row);
  return o.level[u] >= 0 || o.national[u] >= 0 || o.special[u] >= 0;
}

// Integer counts per pairing and government: award under base, under alt, under both.
struct PairCounts {
  std::vector<std::vector<std::int64_t>> base, alt, both;

  explicit PairCounts(const std::vector<Pairing>& pairings) {
    for (const Pairing& p : pairings) {
      base.emplace_back(p.base_rows.size(), 0);
      alt.emplace_back(p.base_rows.size(), 0);
      both.emplace_back(p.base_rows.size(), 0);
    }
  }
  void Add(const PairCounts& o) {
    for (std::size_t c = 0; c < base.size(); ++c) {
      for (std::size_t i = 0; i < base[c].size(); ++i) {
        base[c][i] += o.base[c][i];
        alt[c][i] += o.alt[c][i];
        both[c][i] += o.both[c][i];
      }
    }
  }
};

// One side of the comparison, per thread: its draw state and award workspace.
struct Side {
  Side(std::span<const ScoringModel> side_models, const AwardPlan& side_plan,
       const UncertaintyModel& side_uncertainty)
      : models(side_models),
        plan(side_plan),
        uncertainty(side_uncertainty),
        state(side_uncertainty) {
    state.DrawStage2ForAdvancersOnly(true);
    perturbations.resize(models.size());
    keys.resize(uncertainty.groups().size());
  }
  const std::vector<const Outcome*>& Draw(std::uint64_t seed, std::uint64_t draw,
                                          std::span<const std::uint64_t> indices) {
    for (std::size_t g = 0; g < keys.size(); ++g) keys[g] = GroupKey(seed, draw, indices[g]);
    ApplyDraw(uncertainty, keys, state);
    for (std::size_t c = 0; c < models.size(); ++c) perturbations[c] = state.perturbation(c);
    return EvaluateAward(plan, models, perturbations, award);
  }

  std::span<const ScoringModel> models;
  const AwardPlan& plan;
  const UncertaintyModel& uncertainty;
  DrawState state;
  AwardWorkspace award;
  std::vector<Perturbation> perturbations;
  std::vector<std::uint64_t> keys;
};

PairedGovernment Summarise(const std::string& code, int base_row, int alt_row, std::int64_t kb,
                           std::int64_t ka, std::int64_t kab, std::uint64_t n) {
  PairedGovernment g;
  g.code = code;
  g.base_row = base_row;
  g.alt_row = alt_row;
  g.base = Estimated(kb, n);
  g.alt = Estimated(ka, n);
  if (n == 0) return g;
  const double nn = static_cast<double>(n);
  g.difference = static_cast<double>(ka - kb) / nn;
  const double mean_square = static_cast<double>(ka + kb - 2 * kab) / nn;
  g.paired_se = std::sqrt(std::max(0.0, mean_square - g.difference * g.difference) / nn);
  g.unpaired_se = std::sqrt(g.base.se * g.base.se + g.alt.se * g.alt.se);
  return g;
}

std::vector<std::uint64_t> RowCounts(std::span<const ScoringModel> models) {
  std::vector<std::uint64_t> rows;
  for (const ScoringModel& m : models) rows.push_back(m.row_code.size());
  return rows;
}

}  // namespace

BaseAwardRecord RecordBaseAwards(std::span<const ScoringModel> base,
                                 const UncertaintyModel& base_uncertainty,
                                 const SimulationConfig& config, const BaseAwardRecord* prefix) {
  simulation_detail::CheckConfig(config);
  Require(base.size() == base_uncertainty.category_count(),
          "RecordBaseAwards: the uncertainty model was compiled for other categories");
  BaseAwardRecord r;
  r.seed_ = config.seed;
  r.rows_ = RowCounts(base);
  Require(prefix == nullptr || (prefix->seed_ == r.seed_ && prefix->rows_ == r.rows_),
          "RecordBaseAwards: the prefix is of another seed or base");
  // A block's bits are whole words (kSimulationBlock is a multiple of 64), so no two workers
  // ever write the same word; the prefix is reused block by block for the same reason.
  static_assert(kSimulationBlock % 64 == 0);
  const std::uint64_t first_block =
      prefix == nullptr ? 0 : std::min(prefix->draws_, config.draws) / kSimulationBlock;
  for (std::size_t c = 0; c < base.size(); ++c) {
    r.bits_.emplace_back((config.draws * r.rows_[c] + 63) / 64, 0);
    if (first_block > 0) {
      const std::uint64_t words = first_block * kSimulationBlock * r.rows_[c] / 64;
      std::copy_n(prefix->bits_[c].begin(), words, r.bits_[c].begin());
    }
  }
  std::vector<std::uint64_t> indices(base_uncertainty.groups().size());
  for (std::size_t g = 0; g < indices.size(); ++g) indices[g] = g;
  const AwardPlan plan(base);
  std::atomic<std::uint64_t> next_block{first_block};
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> stop{false};
  simulation_detail::RunWorkers(config.threads, config, stop, done, config.draws, [&](int) {
    Side side(base, plan, base_uncertainty);
    simulation_detail::ForEachBlock(
        0, config.draws, next_block, stop, done, [&](auto first, auto last) {
          for (std::uint64_t d = first; d < last; ++d) {
            const std::vector<const Outcome*>& outcomes = side.Draw(config.seed, d, indices);
            for (std::size_t c = 0; c < base.size(); ++c) {
              for (std::uint64_t row = 0; row < r.rows_[c]; ++row) {
                if (!HoldsAward(*outcomes[c], static_cast<int>(row))) continue;
                const std::uint64_t bit = d * r.rows_[c] + row;
                r.bits_[c][bit / 64] |= std::uint64_t{1} << (bit % 64);
              }
            }
          }
        });
  });
  // The recorded draws are exactly the first `done` after the prefix (ForEachBlock).
  r.draws_ = first_block * kSimulationBlock + done.load();
  return r;
}

PairedSimulationResult SimulatePaired(std::span<const ScoringModel> base,
                                      const UncertaintyModel& base_uncertainty,
                                      std::span<const ScoringModel> alt,
                                      const UncertaintyModel& alt_uncertainty,
                                      const SimulationConfig& config,
                                      const BaseAwardRecord* base_awards) {
  simulation_detail::CheckConfig(config);
  Require(base_awards == nullptr ||
              (base_awards->seed() == config.seed && base_awards->draws() >= config.draws &&
               base_awards->rows() == RowCounts(base)),
          "SimulatePaired: the base award record is of another seed or base, or too short");
  if (config.until_se) {
    throw InputError(
        Diagnostic{{"--until-se", 0, 0},
                   "until-se",
                   "a paired comparison runs a fixed number of draws; give --simulate N",
                   {}});
  }
  Require(base.size() == base_uncertainty.category_count() &&
              alt.size() == alt_uncertainty.category_count(),
          "SimulatePaired: an uncertainty model was compiled for other categories");
  const std::vector<Pairing> pairings = PairCategories(base, alt);
  PairedSimulationResult result;
  result.seed = config.seed;
  std::vector<std::uint64_t> base_indices(base_uncertainty.groups().size());
  for (std::size_t g = 0; g < base_indices.size(); ++g) base_indices[g] = g;
  const std::vector<std::uint64_t> alt_indices =
      GroupIndices(base_uncertainty, alt_uncertainty, result.unmatched_groups);
  const AwardPlan base_plan(base);
  const AwardPlan alt_plan(alt);

  std::atomic<std::uint64_t> next_block{0};
  std::atomic<std::uint64_t> done{0};
  std::atomic<bool> stop{false};
  std::vector<PairCounts> local(static_cast<std::size_t>(config.threads), PairCounts(pairings));
  simulation_detail::RunWorkers(config.threads, config, stop, done, config.draws, [&](int t) {
    std::optional<Side> b;  // Without a record of the base's awards, the base is simulated too.
    if (base_awards == nullptr) b.emplace(base, base_plan, base_uncertainty);
    Side a(alt, alt_plan, alt_uncertainty);
    PairCounts& counts = local[static_cast<std::size_t>(t)];
    simulation_detail::ForEachBlock(
        0, config.draws, next_block, stop, done, [&](auto first, auto last) {
          for (std::uint64_t d = first; d < last; ++d) {
            const std::vector<const Outcome*>* ob =
                b ? &b->Draw(config.seed, d, base_indices) : nullptr;
            const std::vector<const Outcome*>& oa = a.Draw(config.seed, d, alt_indices);
            for (std::size_t c = 0; c < pairings.size(); ++c) {
              const Pairing& p = pairings[c];
              for (std::size_t i = 0; i < p.base_rows.size(); ++i) {
                const bool in_base = ob != nullptr ? HoldsAward(*(*ob)[p.base], p.base_rows[i])
                                                   : base_awards->Holds(p.base, d, p.base_rows[i]);
                const bool in_alt = HoldsAward(*oa[p.alt], p.alt_rows[i]);
                counts.base[c][i] += in_base ? 1 : 0;
                counts.alt[c][i] += in_alt ? 1 : 0;
                counts.both[c][i] += in_base && in_alt ? 1 : 0;
              }
            }
          }
        });
  });
  // The completed draws are exactly the first `done` (ForEachBlock).
  PairCounts total(pairings);
  for (const PairCounts& c : local) total.Add(c);
  const std::uint64_t n = done.load();
  result.draws = n;
  result.interrupted = n < config.draws;
  for (std::size_t c = 0; c < pairings.size(); ++c) {
    const Pairing& p = pairings[c];
    PairedCategory pc;
    pc.category = base[p.base].rubric.category;
    pc.base_rubric_id = base[p.base].rubric.id;
    pc.alt_rubric_id = alt[p.alt].rubric.id;
    for (std::size_t i = 0; i < p.base_rows.size(); ++i) {
      pc.governments.push_back(
          Summarise(base[p.base].row_code[static_cast<std::size_t>(p.base_rows[i])], p.base_rows[i],
                    p.alt_rows[i], total.base[c][i], total.alt[c][i], total.both[c][i], n));
    }
    result.categories.push_back(std::move(pc));
  }
  return result;
}

}  // namespace jobaward
