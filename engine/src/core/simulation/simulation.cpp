// Monte Carlo simulation: blocks of draws on worker threads, integer accumulators, summaries.
#include "jobaward/simulation/simulation.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "jobaward/scoring/award_plan.hpp"
#include "src/core/simulation/rank_histogram.hpp"
#include "src/core/simulation/simulation_workers.hpp"

namespace jobaward {
namespace {

using simulation_detail::CheckConfig;
using simulation_detail::Estimated;
using simulation_detail::ForEachBlock;
using simulation_detail::RunWorkers;

// Central weights are summed in fixed point (2^-20 points) so that sums are exact integers and
// independent of the order in which threads merge them.
constexpr double kWeightScale = 1048576.0;

/// What does not change between draws of one category: shapes and the baseline.
struct Layout {
  int rows = 0;
  std::size_t cohort_count = 0;
  int levels = 0, nationals = 0, specials = 0, places = 0;
  int units = 0;
  bool cohorts_vary = false;
  std::vector<int> baseline_cohort;
  std::vector<int> baseline_rank;
  std::vector<int> baseline_place;
  std::vector<std::vector<int>> members;  // Per cohort, rows in baseline rank order.
  std::vector<char> pairs;                // Per cohort: its pairwise counts are kept.
  std::vector<std::size_t> pair_offset;   // Per cohort, into the pairwise counts.
  std::vector<std::size_t> plane_offset;  // Per cohort, into Counts::planes.
  std::vector<std::size_t> pair_words;    // Per cohort: 64-bit words of one member's row.
  std::vector<std::vector<int>> winners;  // Per cohort, baseline rank-1 rows.
  std::size_t pair_cells = 0, plane_words = 0;
};

// Pairwise counts of fixed cohorts are kept bit-sliced between flushes: bit j of plane p of
// member i's row is bit p of the number of draws since the last flush in which i ranked above
// j. Adding a draw's row (the members ranked below i, one bit each) is a ripple-carry add of
// 64 pairs per word, which for one draw touches about two planes; an int64 per pair and draw
// would be 64 times the work.
constexpr int kPlanes = 8;
constexpr int kDrawsPerFlush = (1 << kPlanes) - 1;
// Draws whose per-row outcomes are buffered before they are counted (Counts::FlushRows): a
// bundled block is 32 x 243 rows x 13 bytes, within the second-level cache.
constexpr int kRowBlock = 32;

/// Integer counts of one category over some draws. Adding two is exact and commutative.
struct Counts {
  std::vector<std::int64_t> place, any, advanced, pair, winner_wins, weight_sum;
  // Per row: draws at each rank, between the best and the worst seen (rank_histogram.hpp).
  std::vector<detail::RankHistogram> rank;
  std::vector<int> rank_scratch, cohort_scratch;  // Per cohort, reused by Record.
  std::vector<std::uint64_t> planes;              // Bit-sliced pairwise counts (see kPlanes).
  std::vector<std::uint64_t> below;               // One cohort's running row.
  std::vector<int> by_rank, next_same_rank;       // One cohort's members bucketed by rank.
  int pending = 0;                                // Draws in `planes`.
  // The per-row outcomes of the last draws, row-major (draw, row), added to the counts above a
  // block at a time (FlushRows): row by row, a government's counters stay in registers and its
  // rank band is extended once per block instead of tested in every draw.
  std::vector<int> block_rank, block_primary, block_special;  // Primary: level or national.
  std::vector<char> block_advanced;
  std::vector<std::int64_t> block_weights;  // Per draw and weight unit, fixed point.
  int block_draws = 0;

  explicit Counts(const Layout& l)
      : place(static_cast<std::size_t>(l.rows * l.places)),
        any(static_cast<std::size_t>(l.rows)),
        advanced(static_cast<std::size_t>(l.rows)),
        pair(l.pair_cells),
        winner_wins(l.members.size()),
        weight_sum(static_cast<std::size_t>(l.rows * l.units)),
        rank(static_cast<std::size_t>(l.rows)),
        planes(l.plane_words),
        block_rank(static_cast<std::size_t>(kRowBlock * l.rows)),
        block_primary(block_rank.size()),
        block_special(block_rank.size()),
        block_advanced(block_rank.size()),
        block_weights(static_cast<std::size_t>(kRowBlock * l.units)) {}

  /// Counts the buffered draws and moves the bit-sliced pairwise counts into `pair`. Call before
  /// reading or adding any count.
  void Flush(const Layout& l) {
    FlushRows(l);
    FlushPairs(l);
  }

  void FlushPairs(const Layout& l) {
    if (pending == 0) return;
    for (std::size_t c = 0; c < l.members.size(); ++c) {
      if (l.pairs[c] == 0) continue;
      const std::size_t n = l.members[c].size();
      const std::size_t words = l.pair_words[c];
      for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t* row = &planes[l.plane_offset[c] + i * words * kPlanes];
        std::int64_t* cell = &pair[l.pair_offset[c] + i * n];
        for (std::size_t w = 0; w < words; ++w) {
          for (int p = 0; p < kPlanes; ++p) {
            std::uint64_t bits = row[w * kPlanes + static_cast<std::size_t>(p)];
            row[w * kPlanes + static_cast<std::size_t>(p)] = 0;
            while (bits != 0) {
              const auto b = static_cast<std::size_t>(__builtin_ctzll(bits));
              cell[w * 64 + b] += std::int64_t{1} << p;
              bits &= bits - 1;
            }
          }
        }
      }
    }
    pending = 0;
  }

  // Adds this draw's "i ranks strictly above j in the same cohort" for the members of baseline
  // cohort c (their ranks and this draw's cohorts in rank_scratch / cohort_scratch): members
  // from the worst rank up, each row = the members of its own cohort seen so far, which have a
  // worse rank (equal ranks are added after their whole group).
  void RecordPairs(const Layout& l, std::size_t c) {
    const std::size_t n = l.members[c].size();
    if (n == 0) return;
    const std::size_t words = l.pair_words[c];
    std::size_t worst = 1;
    for (std::size_t i = 0; i < n; ++i)
      worst = std::max(worst, static_cast<std::size_t>(std::max(rank_scratch[i], 1)));
    by_rank.assign(worst + 1, -1);
    next_same_rank.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto r = static_cast<std::size_t>(std::max(rank_scratch[i], 1));
      next_same_rank[i] = by_rank[r];
      by_rank[r] = static_cast<int>(i);
    }
    // One running row per cohort of this draw (members of baseline cohort c may be in others).
    below.assign(l.cohort_count * words, 0);
    std::uint64_t* base = &planes[l.plane_offset[c]];
    for (std::size_t r = worst; r >= 1; --r) {
      for (int i = by_rank[r]; i >= 0; i = next_same_rank[static_cast<std::size_t>(i)]) {
        const auto u = static_cast<std::size_t>(i);
        const std::uint64_t* seen = &below[static_cast<std::size_t>(cohort_scratch[u]) * words];
        std::uint64_t* row = base + u * words * kPlanes;
        for (std::size_t w = 0; w < words; ++w) {
          std::uint64_t carry = seen[w];
          for (int p = 0; p < kPlanes && carry != 0; ++p) {
            std::uint64_t& plane = row[w * kPlanes + static_cast<std::size_t>(p)];
            const std::uint64_t overflow = plane & carry;
            plane ^= carry;
            carry = overflow;
          }
        }
      }
      for (int i = by_rank[r]; i >= 0; i = next_same_rank[static_cast<std::size_t>(i)]) {
        const auto u = static_cast<std::size_t>(i);
        below[static_cast<std::size_t>(cohort_scratch[u]) * words + u / 64] |= std::uint64_t{1}
                                                                               << (u % 64);
      }
    }
  }

  void Add(const Counts& o) {
    auto add = [](std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b) {
      for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
    };
    add(place, o.place);
    add(any, o.any);
    add(advanced, o.advanced);
    for (std::size_t r = 0; r < rank.size(); ++r) rank[r].Merge(o.rank[r]);
    add(pair, o.pair);
    add(winner_wins, o.winner_wins);
    add(weight_sum, o.weight_sum);
  }

  void Record(const Layout& l, const Outcome& o, const std::vector<int>& row_cohort,
              std::span<const double> weights) {
    BufferRows(l, o, weights);
    RecordCohorts(l, o, row_cohort);
    if (++pending == kDrawsPerFlush) FlushPairs(l);
  }

  // Appends the draw's per-row outcomes to the block (loops over whole columns, which GCC
  // vectorises); a full block is counted.
  void BufferRows(const Layout& l, const Outcome& o, std::span<const double> weights) {
    const auto rows = static_cast<std::size_t>(l.rows);
    const std::size_t at = static_cast<std::size_t>(block_draws) * rows;
    std::copy(o.rank.begin(), o.rank.end(), block_rank.begin() + static_cast<std::ptrdiff_t>(at));
    std::copy(o.special.begin(), o.special.end(),
              block_special.begin() + static_cast<std::ptrdiff_t>(at));
    std::copy(o.advanced.begin(), o.advanced.end(),
              block_advanced.begin() + static_cast<std::ptrdiff_t>(at));
    int* primary = &block_primary[at];
    for (std::size_t u = 0; u < rows; ++u)  // A national prize replaces the cohort level.
      primary[u] = o.national[u] >= 0 ? l.levels + o.national[u] : o.level[u];
    const auto units = static_cast<std::size_t>(l.units);
    for (std::size_t k = 0; k < units; ++k)
      block_weights[static_cast<std::size_t>(block_draws) * units + k] =
          static_cast<std::int64_t>(std::llround(weights[k] * kWeightScale));
    if (++block_draws == kRowBlock) FlushRows(l);
  }

  // Adds the buffered draws to the per-row counts, row by row.
  void FlushRows(const Layout& l) {
    const auto draws = static_cast<std::size_t>(block_draws);
    if (draws == 0) return;
    block_draws = 0;
    const auto rows = static_cast<std::size_t>(l.rows);
    const auto places = static_cast<std::size_t>(l.places);
    const auto specials_from = static_cast<std::size_t>(l.levels + l.nationals);
    const int* const ranks = block_rank.data();
    const int* const primaries = block_primary.data();
    const int* const specials = block_special.data();
    const char* const advances = block_advanced.data();
    for (std::size_t u = 0; u < rows; ++u) {
      std::int64_t* const my_place = &place[u * places];
      std::int64_t awarded = 0, advanced_draws = 0;
      int lo = std::numeric_limits<int>::max(), hi = 1;
      for (std::size_t at = u; at < draws * rows; at += rows) {
        const int primary = primaries[at];
        const int special = specials[at];
        if (primary >= 0) ++my_place[primary];
        if (special >= 0) ++my_place[specials_from + static_cast<std::size_t>(special)];
        awarded += (primary >= 0 || special >= 0) ? 1 : 0;
        advanced_draws += advances[at] != 0 ? 1 : 0;
        const int rk = std::max(ranks[at], 1);
        lo = std::min(lo, rk);
        hi = std::max(hi, rk);
      }
      any[u] += awarded;
      advanced[u] += advanced_draws;
      std::int64_t* const at_rank = rank[u].Band(lo, hi);
      for (std::size_t at = u; at < draws * rows; at += rows)
        ++at_rank[std::max(ranks[at], 1) - lo];
      if (lo == 1) AddCentralWeights(l, u, draws);
    }
  }

  // Adds the weights of the buffered draws in which row u ranks first to its sums (none when no
  // weights are drawn: weight_sum is then empty).
  void AddCentralWeights(const Layout& l, std::size_t u, std::size_t draws) {
    const auto rows = static_cast<std::size_t>(l.rows);
    const auto units = static_cast<std::size_t>(l.units);
    if (units == 0) return;
    std::int64_t* const sum = weight_sum.data() + u * units;
    for (std::size_t d = 0; d < draws; ++d) {
      if (std::max(block_rank[d * rows + u], 1) != 1) continue;
      for (std::size_t k = 0; k < units; ++k) sum[k] += block_weights[d * units + k];
    }
  }

  // The per-cohort counts of one draw: pairwise and baseline winners.
  void RecordCohorts(const Layout& l, const Outcome& o, const std::vector<int>& row_cohort) {
    for (std::size_t c = 0; c < l.members.size(); ++c) {
      const auto& m = l.members[c];
      const std::size_t n = m.size();
      if (l.pairs[c] != 0) {
        // The members' ranks and cohorts in this draw, for RecordPairs.
        rank_scratch.resize(n);
        cohort_scratch.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
          rank_scratch[i] = o.rank[static_cast<std::size_t>(m[i])];
          cohort_scratch[i] = row_cohort[static_cast<std::size_t>(m[i])];
        }
        RecordPairs(l, c);
      }
      for (const int w : l.winners[c]) {
        const auto u = static_cast<std::size_t>(w);
        if (o.rank[u] == 1 && (!l.cohorts_vary || row_cohort[u] == static_cast<int>(c))) {
          ++winner_wins[c];
          break;
        }
      }
    }
  }
};

Layout MakeLayout(const ScoringModel& model, const Outcome& base,
                  const UncertaintyModel& uncertainty, std::size_t category, bool cohorts_vary,
                  std::size_t matrix_cohort_limit) {
  Layout l;
  l.rows = static_cast<int>(model.row_code.size());
  l.cohort_count = model.cohorts.ids.size();
  l.levels = static_cast<int>(model.rubric.levels.size());
  l.nationals = static_cast<int>(model.rubric.national_prizes.size());
  l.specials = static_cast<int>(model.rubric.special_prizes.size());
  l.places = l.levels + l.nationals + l.specials;
  l.units = uncertainty.varies_weights()
                ? static_cast<int>(uncertainty.weight_names(category).size())
                : 0;
  l.cohorts_vary = cohorts_vary;

  const auto cohorts = model.cohorts.ids.size();
  l.members.resize(cohorts);
  l.winners.resize(cohorts);
  l.baseline_cohort = model.row_cohort;
  l.baseline_rank.assign(base.rank.begin(), base.rank.end());
  l.baseline_place.assign(static_cast<std::size_t>(l.rows), -1);
  for (int r = 0; r < l.rows; ++r) {
    const auto u = static_cast<std::size_t>(r);
    if (base.national[u] >= 0) {
      l.baseline_place[u] = l.levels + base.national[u];
    } else if (base.level[u] >= 0) {
      l.baseline_place[u] = base.level[u];
    } else if (base.special[u] >= 0) {
      l.baseline_place[u] = l.levels + l.nationals + base.special[u];
    }
    l.members[static_cast<std::size_t>(model.row_cohort[u])].push_back(r);
  }
  for (std::size_t c = 0; c < cohorts; ++c) {
    auto& m = l.members[c];
    std::stable_sort(m.begin(), m.end(), [&](int a, int b) {
      return l.baseline_rank[static_cast<std::size_t>(a)] <
             l.baseline_rank[static_cast<std::size_t>(b)];
    });
    for (const int r : m)
      if (l.baseline_rank[static_cast<std::size_t>(r)] == 1) l.winners[c].push_back(r);
  }
  for (std::size_t c = 0; c < cohorts; ++c) {
    // Pairwise counts cost n² per cohort in memory and n²/64 per draw: kept up to the limit.
    l.pairs.push_back(l.members[c].size() <= matrix_cohort_limit ? 1 : 0);
    const std::size_t n = l.pairs.back() != 0 ? l.members[c].size() : 0;
    l.pair_offset.push_back(l.pair_cells);
    l.pair_cells += n * n;
    l.pair_words.push_back((n + 63) / 64);
    l.plane_offset.push_back(l.plane_words);
    l.plane_words += n * l.pair_words.back() * kPlanes;
  }
  return l;
}

double MaxSe(const std::vector<Counts>& counts, std::uint64_t n) {
  double worst = 0;
  auto scan = [&](const std::vector<std::int64_t>& v) {
    for (const auto k : v) worst = std::max(worst, Estimated(k, n).se);
  };
  for (const auto& c : counts) {
    scan(c.place);
    scan(c.any);
    scan(c.advanced);
    for (const auto& hist : c.rank) scan(hist.counts());
    scan(c.pair);
    scan(c.winner_wins);
  }
  return worst;
}

std::string FormatSe(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

}  // namespace

SimulationResult Simulate(std::span<const ScoringModel> categories,
                          const UncertaintyModel& uncertainty, const SimulationConfig& config) {
  CheckConfig(config);
  Require(categories.size() == uncertainty.category_count(),
          "Simulate: the uncertainty model was compiled for other categories");
  const std::size_t nc = categories.size();
  const std::size_t groups = uncertainty.groups().size();
  bool cohorts_vary = false;
  for (const auto& g : uncertainty.groups()) cohorts_vary |= g.kind == GroupKind::kThreshold;

  // Cross-category rules (award_plan.hpp): every draw evaluates the categories in plan order.
  const AwardPlan plan(categories);
  AwardWorkspace baseline;
  const std::vector<const Outcome*>& base = EvaluateAward(plan, categories, {}, baseline);
  std::vector<Layout> layouts;
  std::vector<Counts> total;
  for (std::size_t c = 0; c < nc; ++c) {
    layouts.push_back(MakeLayout(categories[c], *base[c], uncertainty, c, cohorts_vary,
                                 config.matrix_cohort_limit));
    total.emplace_back(layouts.back());
  }

  SimulationResult result;
  result.seed = config.seed;
  result.until_se = config.until_se;
  result.groups = uncertainty.groups();

  std::atomic<bool> stop{false};
  if (config.phase) config.phase(SimulationPhase::kDraws);
  std::uint64_t completed = 0;  // Draws in `total`.
  std::uint64_t start = 0;      // First draw of the next round.
  std::uint64_t target = config.draws;
  for (;;) {
    std::atomic<std::uint64_t> next_block{0};
    std::atomic<std::uint64_t> done{completed};
    std::vector<std::vector<Counts>> local(static_cast<std::size_t>(config.threads));
    RunWorkers(config.threads, config, stop, done, target, [&](int t) {
      DrawState state(uncertainty);
      state.DrawStage2ForAdvancersOnly(true);
      AwardWorkspace award;
      std::vector<Perturbation> perturbations(nc);
      std::vector<std::uint64_t> keys(groups);
      auto& counts = local[static_cast<std::size_t>(t)];
      for (std::size_t c = 0; c < nc; ++c) counts.emplace_back(layouts[c]);
      ForEachBlock(start, target, next_block, stop, done, [&](auto first, auto last) {
        for (std::uint64_t d = first; d < last; ++d) {
          for (std::size_t g = 0; g < groups; ++g) keys[g] = GroupKey(config.seed, d, g);
          ApplyDraw(uncertainty, keys, state);
          for (std::size_t c = 0; c < nc; ++c) perturbations[c] = state.perturbation(c);
          const auto& outcomes = EvaluateAward(plan, categories, perturbations, award);
          for (std::size_t c = 0; c < nc; ++c) {
            const Perturbation& p = perturbations[c];
            counts[c].Record(layouts[c], *outcomes[c],
                             p.row_cohort ? *p.row_cohort : categories[c].row_cohort,
                             state.weights(c));
          }
        }
      });
    });
    for (auto& thread_counts : local) {
      for (std::size_t c = 0; c < thread_counts.size(); ++c) {
        thread_counts[c].Flush(layouts[c]);
        total[c].Add(thread_counts[c]);
      }
    }
    completed = done.load();
    result.planned_draws = target;
    if (stop) {
      result.interrupted = true;
      break;
    }
    if (!config.until_se) break;
    const double worst = MaxSe(total, completed);
    if (worst <= *config.until_se) break;
    if (target >= config.max_draws) {
      throw InputError(Diagnostic{{"--until-se", 0, 0},
                                  "until-se",
                                  "the largest standard error is " + FormatSe(worst) +
                                      " > --until-se " + FormatSe(*config.until_se) +
                                      " after --max-draws " + std::to_string(config.max_draws) +
                                      " draws; raise --max-draws or --until-se",
                                  {}});
    }
    start = target;
    target = std::min(2 * target, config.max_draws);
  }
  result.draws = completed;
  result.max_se = MaxSe(total, completed);
  const std::uint64_t n = completed;

  // Summaries.
  for (std::size_t c = 0; c < nc; ++c) {
    const ScoringModel& model = categories[c];
    const Layout& l = layouts[c];
    const Counts& k = total[c];
    CategorySimulation cat;
    cat.rubric_id = model.rubric.id;
    cat.category = model.rubric.category;
    cat.name_ko = model.rubric.name_ko;
    for (const auto& lv : model.rubric.levels) {
      cat.places.push_back(lv.id);
      cat.place_names_ko.push_back(lv.name_ko);
    }
    for (const auto& p : model.rubric.national_prizes) {
      cat.places.push_back(p.id);
      cat.place_names_ko.push_back(p.name_ko);
    }
    for (const auto& p : model.rubric.special_prizes) {
      cat.places.push_back(p.id);
      cat.place_names_ko.push_back(p.name_ko);
    }
    if (l.units > 0) {
      cat.weight_names = uncertainty.weight_names(c);
      cat.nominal_weights = uncertainty.nominal_weights(c);
    }
    for (int r = 0; r < l.rows; ++r) {
      const auto u = static_cast<std::size_t>(r);
      GovernmentSimulation g;
      g.row = r;
      g.code = model.row_code[u];
      g.cohort = l.baseline_cohort[u];
      g.baseline_rank = l.baseline_rank[u];
      g.baseline_place = l.baseline_place[u];
      for (int p = 0; p < l.places; ++p)
        g.place.push_back(Estimated(
            k.place[u * static_cast<std::size_t>(l.places) + static_cast<std::size_t>(p)], n));
      g.any_award = Estimated(k.any[u], n);
      g.advanced = Estimated(k.advanced[u], n);
      const detail::RankHistogram& hist = k.rank[u];
      const std::int64_t first = hist.Count(1);
      g.first = Estimated(first, n);
      double sum = 0, sum2 = 0;
      std::int64_t cumulative = 0;
      const auto nn = static_cast<double>(n);
      for (int rk = hist.first_rank(); rk >= 1 && rk <= hist.last_rank(); ++rk) {
        const auto h = hist.Count(rk);
        sum += static_cast<double>(h) * rk;
        sum2 += static_cast<double>(h) * rk * rk;
        cumulative += h;
        const auto cum = static_cast<double>(cumulative);
        if (g.rank_p5 == 0 && cum >= 0.05 * nn) g.rank_p5 = rk;
        if (g.median_rank == 0 && cum >= 0.5 * nn) g.median_rank = rk;
        if (g.rank_p95 == 0 && cum >= 0.95 * nn) g.rank_p95 = rk;
      }
      if (n > 0) {
        g.mean_rank = sum / nn;
        const double variance = std::max(0.0, sum2 / nn - g.mean_rank * g.mean_rank);
        g.mean_rank_se = std::sqrt(variance / nn);
      }
      if (l.units > 0 && first > 0) {
        for (int w = 0; w < l.units; ++w)
          g.central_weights.push_back(
              static_cast<double>(k.weight_sum[u * static_cast<std::size_t>(l.units) +
                                               static_cast<std::size_t>(w)]) /
              kWeightScale / static_cast<double>(first));
      }
      cat.governments.push_back(std::move(g));
    }
    for (std::size_t co = 0; co < l.members.size(); ++co) {
      CohortSimulation cs;
      cs.id = model.cohorts.ids[co];
      cs.label = model.cohorts.labels[co];
      cs.members = l.members[co];
      cs.baseline_winners = l.winners[co];
      cs.baseline_winner_wins = Estimated(k.winner_wins[co], n);
      cs.matrices = l.pairs[co] != 0;
      if (!cs.matrices) {  // Too large to tabulate: the per-government statistics only.
        cat.cohorts.push_back(std::move(cs));
        continue;
      }
      const auto m = static_cast<Eigen::Index>(cs.members.size());
      std::size_t columns = cs.members.size();  // Up to the worst rank seen.
      for (const int r : cs.members) {
        columns = std::max(
            columns, static_cast<std::size_t>(k.rank[static_cast<std::size_t>(r)].last_rank()));
      }
      cs.acceptability = Eigen::MatrixXd::Zero(m, static_cast<Eigen::Index>(columns));
      for (Eigen::Index i = 0; i < m; ++i) {
        const auto& hist =
            k.rank[static_cast<std::size_t>(cs.members[static_cast<std::size_t>(i)])];
        for (int rk = hist.first_rank(); rk >= 1 && rk <= hist.last_rank(); ++rk)
          cs.acceptability(i, rk - 1) = Estimated(hist.Count(rk), n).p;
      }
      cs.pairwise.resize(m, m);
      for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = 0; j < m; ++j)
          cs.pairwise(i, j) =
              Estimated(k.pair[l.pair_offset[co] + static_cast<std::size_t>(i * m + j)], n).p;
      cat.cohorts.push_back(std::move(cs));
    }
    result.categories.push_back(std::move(cat));
  }

  // SMAA-2 confidence factors: for every government that ranks first in some draw, the share of
  // draws 0..M-1 (same keys as the main run: common random numbers) in which it ranks first when
  // the weights are fixed at its central weights.
  if (uncertainty.varies_weights() && config.confidence_draws > 0 && !result.interrupted && n > 0) {
    struct Task {
      std::size_t category;
      int row;
    };
    std::vector<Task> tasks;
    for (std::size_t c = 0; c < nc; ++c)
      for (const auto& g : result.categories[c].governments)
        if (!g.central_weights.empty()) tasks.push_back({c, g.row});
    const std::uint64_t m = config.confidence_draws;
    const std::uint64_t blocks_per_task = (m + kSimulationBlock - 1) / kSimulationBlock;
    const std::uint64_t items = tasks.size() * blocks_per_task;
    std::atomic<std::uint64_t> next_item{0};
    std::atomic<std::uint64_t> done{0};
    std::vector<std::vector<std::int64_t>> wins(static_cast<std::size_t>(config.threads),
                                                std::vector<std::int64_t>(tasks.size()));
    if (config.phase) config.phase(SimulationPhase::kConfidence);
    RunWorkers(config.threads, config, stop, done, tasks.size() * m, [&](int t) {
      DrawState state(uncertainty);
      state.DrawStage2ForAdvancersOnly(true);
      std::vector<Workspace> workspaces(nc);
      std::vector<std::uint64_t> keys(groups);
      auto& my_wins = wins[static_cast<std::size_t>(t)];
      for (;;) {
        if (stop) return;
        const std::uint64_t item = next_item.fetch_add(1);
        if (item >= items) return;
        const std::size_t ti = item / blocks_per_task;
        const Task& task = tasks[ti];
        const std::uint64_t first = (item % blocks_per_task) * kSimulationBlock;
        const std::uint64_t last = std::min(first + kSimulationBlock, m);
        state.ReleaseWeights();
        state.RestrictTo(task.category);
        state.FixWeights(task.category, result.categories[task.category]
                                            .governments[static_cast<std::size_t>(task.row)]
                                            .central_weights);
        for (std::uint64_t d = first; d < last; ++d) {
          for (std::size_t g = 0; g < groups; ++g) keys[g] = GroupKey(config.seed, d, g);
          ApplyDraw(uncertainty, keys, state);
          const Outcome& o = Evaluate(categories[task.category], state.perturbation(task.category),
                                      workspaces[task.category]);
          if (o.rank[static_cast<std::size_t>(task.row)] == 1) ++my_wins[ti];
        }
        done += last - first;
      }
    });
    if (stop) {
      result.interrupted = true;
    } else {
      for (std::size_t ti = 0; ti < tasks.size(); ++ti) {
        std::int64_t w = 0;
        for (const auto& per_thread : wins) w += per_thread[ti];
        result.categories[tasks[ti].category]
            .governments[static_cast<std::size_t>(tasks[ti].row)]
            .confidence = Estimated(w, m);
      }
      result.confidence_draws = m;
    }
  }
  return result;
}

}  // namespace jobaward
