// Evaluate (matrices -> scores, stages, ranks, awards); Compile is in compile.cpp.
// Formulas: rubrics/README.md. Evaluate allocates only when the workspace is first sized for a
// model (and when an unresolved tie is bigger than any before).
#include "jobaward/scoring/scoring.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <span>

#include "src/core/scoring/indicator_methods.hpp"

namespace jobaward {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using detail::Quantise;

// One evaluation's state: the model, the perturbed inputs and the workspace.
struct Pass {
  const ScoringModel& m;
  const Eigen::MatrixXd& fields;
  const std::vector<Eigen::MatrixXd>& panels;
  const Eigen::VectorXd& points;
  const std::vector<int>& row_cohort;
  const std::vector<char>* award_eligible;  // Null: every row may receive awards.
  Outcome& o;
  detail::Scratch& s;
  Eigen::Index rows;
  Eigen::Index cohort_count;

  [[nodiscard]] std::pair<int, int> Members(Eigen::Index c) const {
    return {s.cohort_start[static_cast<std::size_t>(c)],
            s.cohort_start[static_cast<std::size_t>(c) + 1]};
  }
  [[nodiscard]] bool Eligible(int row, int stage) const {
    return stage == 1 || o.advanced[static_cast<std::size_t>(row)] != 0;
  }
  [[nodiscard]] bool MayWin(int row) const {
    return award_eligible == nullptr || (*award_eligible)[static_cast<std::size_t>(row)] != 0;
  }

  void GroupByCohort();
  // Phase 0: every raw column but the deferred ones; phase 1: the deferred ones (stage-2 panel
  // indicators when the perturbation fills stage-2 panels after the advance), advanced rows.
  void RawValues(int phase);
  [[nodiscard]] bool Deferred(std::size_t j) const {
    return s.defer_stage2 && m.compiled[j].stage == 2 && m.compiled[j].method == Method::kPanel &&
           !s.special_reads[j];
  }
  // The combined reviewer scores of indicator c's panel for every row (s.values is scratch).
  void CombinePanel(const detail::CompiledIndicator& c, double* out) {
    const Eigen::MatrixXd& panel = panels[static_cast<std::size_t>(c.panel)];
    detail::CombinePanel(panel.data(), static_cast<std::size_t>(rows),
                         static_cast<std::size_t>(panel.cols()), c.params.combine, s.values, out);
  }
  void IndicatorPoints(int stage);
  void AbsolutePoints(Eigen::Index j, int stage);
  void RelativePoints(Eigen::Index j, int stage);
  void FillMissing(Eigen::Index j, int stage);
  void Stage1();
  void Advance();
  void Finish();
  void Rank();
  void AllocateLevels();
  void NationalPrizes();
  void SizeAdjustedZ();
  void SpecialPrizes();

  // -1 when row a ranks strictly before row b, 1 when after, 0 when equal on every key: from
  // key `from` (0: advanced, 1: final score) on, then the rubric's tie-break keys. Those are
  // quantised only when the first two keys are equal, which is rare.
  [[nodiscard]] int Compare(int a, int b, Eigen::Index from) const {
    for (Eigen::Index c = from; c < 2; ++c) {
      const double ka = s.keys(a, c);
      const double kb = s.keys(b, c);
      if (ka != kb) return ka > kb ? -1 : 1;
    }
    for (std::size_t k = 0; k < m.rubric.tie_break.size(); ++k) {
      const double ka = TieBreakKey(a, k);
      const double kb = TieBreakKey(b, k);
      if (ka != kb) return ka > kb ? -1 : 1;
    }
    return 0;
  }
  [[nodiscard]] double TieBreakKey(int row, std::size_t k) const {
    const auto& key = m.rubric.tie_break[k];
    switch (key.kind) {
      case TieBreakKey::Kind::kDomain:
        return Quantise(o.domain(row, static_cast<int>(key.domain)));
      case TieBreakKey::Kind::kStage1:
        return Quantise(o.stage1(row));
      case TieBreakKey::Kind::kStage2:
        return Quantise(o.stage2(row));
      case TieBreakKey::Kind::kIndicator:
        break;
    }
    return Quantise(o.points(row, s.keys_indicator[k]));
  }
  // Strict total order for sorting: the keys, then row (registry) order, which only makes the
  // listing deterministic — equal rows share their rank and any place at stake is a tie.
  [[nodiscard]] bool SortsBefore(int a, int b, Eigen::Index from) const {
    const int c = Compare(a, b, from);
    return c < 0 || (c == 0 && a < b);
  }
  void RecordTie(TieKind kind, int cohort, int place, const int* members, int count) {
    UnresolvedTie t;
    t.kind = kind;
    t.cohort = cohort;
    t.place = place;
    t.first_member = static_cast<int>(o.tie_members.size());
    t.member_count = count;
    o.tie_members.insert(o.tie_members.end(), members, members + count);
    o.ties.push_back(t);
  }
  // Picks the best `count` of s.index[0, n) (already sorted best first by `equal`-compatible
  // order) and marks them with `mark`; a tie straddling the boundary gets the place entirely.
  template <typename Equal>
  void PickTop(int n, int count, Equal equal, std::vector<int>& mark, int value, TieKind kind) {
    int taken = 0;
    int p = 0;
    while (p < n && taken < count) {
      int q = p + 1;
      while (q < n &&
             equal(s.index[static_cast<std::size_t>(p)], s.index[static_cast<std::size_t>(q)])) {
        ++q;
      }
      for (int k = p; k < q; ++k)
        mark[static_cast<std::size_t>(s.index[static_cast<std::size_t>(k)])] = value;
      if (taken + (q - p) > count)
        RecordTie(kind, -1, value, &s.index[static_cast<std::size_t>(p)], q - p);
      taken += q - p;
      p = q;
    }
  }
};

void Pass::GroupByCohort() {
  s.cohort_start.assign(static_cast<std::size_t>(cohort_count) + 1, 0);
  for (Eigen::Index i = 0; i < rows; ++i) {
    const int c = row_cohort[static_cast<std::size_t>(i)];
    Require(c >= 0 && c < cohort_count, "Evaluate: row cohort out of range");
    ++s.cohort_start[static_cast<std::size_t>(c) + 1];
  }
  for (std::size_t c = 0; c < static_cast<std::size_t>(cohort_count); ++c) {
    s.cohort_start[c + 1] += s.cohort_start[c];
  }
  s.cursor.assign(s.cohort_start.begin(), s.cohort_start.end() - 1);
  s.order.resize(static_cast<std::size_t>(rows));
  for (Eigen::Index i = 0; i < rows; ++i) {
    const auto c = static_cast<std::size_t>(row_cohort[static_cast<std::size_t>(i)]);
    s.order[static_cast<std::size_t>(s.cursor[c]++)] = static_cast<int>(i);
  }
}

// The input columns an indicator's raw value is computed from, in a fixed order.
struct RawInputs {
  std::span<const double> first, second;
};

void Pass::RawValues(int phase) {
  const auto k = static_cast<Eigen::Index>(m.compiled.size());
  if (phase == 0) {
    s.raw_cache.resize(static_cast<std::size_t>(k));
    s.raw_recomputed.assign(static_cast<std::size_t>(k), 1);
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    const detail::CompiledIndicator& c = m.compiled[static_cast<std::size_t>(j)];
    if (Deferred(static_cast<std::size_t>(j)) != (phase == 1)) continue;
    if (phase == 1) {
      // Only the advanced rows' panels were drawn; no cache (they change every draw).
      s.raw_cache[static_cast<std::size_t>(j)].valid = false;
      // Combined for every row (whole columns cost less than picking rows), kept for the
      // advanced ones.
      auto raw = o.raw.col(j);
      CombinePanel(c, raw.data());
      for (Eigen::Index i = 0; i < rows; ++i) {
        if (o.advanced[static_cast<std::size_t>(i)] == 0) raw(i) = kNaN;
        o.missing[static_cast<std::size_t>(i * k + j)] = std::isnan(raw(i)) ? 1 : 0;
      }
      continue;
    }
    // A raw column is a pure function of (method, combination, input columns). Callers that
    // change one input at a time (the Sobol analysis: one uncertainty group per evaluation)
    // would otherwise recompute every panel combination on every call.
    RawInputs in;
    const auto column = [&](int col) {
      return std::span<const double>(fields.col(col).data(), static_cast<std::size_t>(rows));
    };
    if (c.method == Method::kPanel) {
      const Eigen::MatrixXd& panel = panels[static_cast<std::size_t>(c.panel)];
      in.first = std::span<const double>(panel.data(), static_cast<std::size_t>(panel.size()));
    } else {
      in.first = column(c.column_a);
      if (c.method == Method::kTargetRatio || c.method == Method::kChange) {
        in.second = column(c.column_b);
      }
    }
    detail::RawCache& cache = s.raw_cache[static_cast<std::size_t>(j)];
    // Bitwise (NaN = missing must match too); memcmp only on non-empty spans (a null data
    // pointer is undefined behaviour even with size 0).
    const auto same_bits = [](const double* x, std::span<const double> y) {
      return y.empty() || std::memcmp(x, y.data(), y.size_bytes()) == 0;
    };
    const auto equal = [&](const std::vector<double>& kept, std::span<const double> a,
                           std::span<const double> b) {
      return kept.size() == a.size() + b.size() && same_bits(kept.data(), a) &&
             same_bits(kept.data() + a.size(), b);
    };
    if (s.reuse && cache.valid && cache.method == c.method && cache.combine == c.params.combine &&
        equal(cache.inputs, in.first, in.second)) {
      s.raw_recomputed[static_cast<std::size_t>(j)] = 0;
      continue;
    }
    cache.valid = s.reuse;
    if (s.reuse) {
      cache.method = c.method;
      cache.combine = c.params.combine;
      cache.inputs.assign(in.first.begin(), in.first.end());
      cache.inputs.insert(cache.inputs.end(), in.second.begin(), in.second.end());
    }

    auto raw = o.raw.col(j);
    switch (c.method) {
      case Method::kTargetRatio:
        for (Eigen::Index i = 0; i < rows; ++i) {
          raw(i) = detail::TargetRatioAttainment(fields(i, c.column_a), fields(i, c.column_b));
        }
        break;
      case Method::kChange:
        raw = fields.col(c.column_a) - fields.col(c.column_b);
        break;
      case Method::kPanel:
        CombinePanel(c, raw.data());
        break;
      default:
        raw = fields.col(c.column_a);
        break;
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
      o.missing[static_cast<std::size_t>(i * k + j)] = std::isnan(raw(i)) ? 1 : 0;
    }
  }
}

bool IsRelative(Method method) {
  return method == Method::kMinMax || method == Method::kZScore || method == Method::kPercentile;
}

void Pass::IndicatorPoints(int stage) {
  const auto k = static_cast<Eigen::Index>(m.compiled.size());
  for (Eigen::Index j = 0; j < k; ++j) {
    const detail::CompiledIndicator& c = m.compiled[static_cast<std::size_t>(j)];
    if (c.stage != stage) continue;
    // Points are a pure function of the raw column, the indicator's points and parameters, who
    // is eligible (stage 2: who advanced) and, for relative methods and the cohort-mean fill,
    // the cohorts: when none of these changed since the previous call, the column stands.
    detail::PointsCache& cache = s.points_cache[static_cast<std::size_t>(j)];
    const bool uses_cohorts = IsRelative(c.method) || c.missing != MissingPolicy::kZero;
    if (s.reuse && cache.valid && s.raw_recomputed[static_cast<std::size_t>(j)] == 0 &&
        cache.points == points(j) && cache.method == c.method && cache.direction == c.direction &&
        cache.missing == c.missing && cache.stage == c.stage && cache.params == c.params &&
        (stage == 1 || s.same_advanced) && (!uses_cohorts || s.same_cohorts)) {
      continue;
    }
    cache.valid = true;
    cache.points = points(j);
    cache.method = c.method;
    cache.direction = c.direction;
    cache.missing = c.missing;
    cache.stage = c.stage;
    cache.params = c.params;
    if (IsRelative(c.method)) {
      RelativePoints(j, stage);
    } else {
      AbsolutePoints(j, stage);
    }
    FillMissing(j, stage);
  }
}

// Points of an indicator whose fraction depends on the value alone: one pass over the rows per
// method, no cohort grouping (the common case, and the hot loop of a Monte Carlo draw).
void Pass::AbsolutePoints(Eigen::Index j, int stage) {
  const detail::CompiledIndicator& c = m.compiled[static_cast<std::size_t>(j)];
  const MethodParams& p = c.params;
  o.cohort_stat_a.col(j).setConstant(kNaN);
  o.cohort_stat_b.col(j).setConstant(kNaN);
  o.cohort_count.col(j).setZero();
  const double pts = points(j);
  const double* raw = o.raw.col(j).data();
  double* out = o.points.col(j).data();
  const auto map = [&](auto fraction) {
    if (stage == 1) {  // Everyone is eligible: a loop without the advance flags.
      for (Eigen::Index i = 0; i < rows; ++i) {
        const double x = raw[i];
        out[i] = !std::isnan(x) ? pts * fraction(x) : 0.0;
      }
      return;
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double x = raw[i];
      out[i] = Eligible(static_cast<int>(i), stage) && !std::isnan(x) ? pts * fraction(x) : 0.0;
    }
  };
  switch (c.method) {
    case Method::kTargetRatio:
      map([&](double x) { return detail::TargetRatioFraction(x, p); });
      break;
    case Method::kLinear:
    case Method::kChange:
      map([&](double x) { return detail::LinearFraction(x, p.lo, p.hi, c.direction); });
      break;
    case Method::kBands:
      map([&](double x) { return detail::BandsFraction(x, p.bands, c.direction); });
      break;
    case Method::kGrade:
      map([&](double x) { return detail::GradeFraction(x, p); });
      break;
    case Method::kPanel:
      map([&](double x) { return detail::PanelFraction(x, p); });
      break;
    case Method::kBoolean:
      map([&](double x) { return detail::BooleanFraction(x, c.direction); });
      break;
    case Method::kMinMax:
    case Method::kZScore:
    case Method::kPercentile:
      Require(false, "AbsolutePoints: relative method");
  }
}

// Points of a cohort-relative indicator: statistics over the cohort's eligible members with
// data, then each member against them.
void Pass::RelativePoints(Eigen::Index j, int stage) {
  const detail::CompiledIndicator& c = m.compiled[static_cast<std::size_t>(j)];
  const MethodParams& p = c.params;
  const double pts = points(j);
  for (Eigen::Index coh = 0; coh < cohort_count; ++coh) {
    const auto [begin, end] = Members(coh);
    double a = kNaN;
    double b = kNaN;
    s.values.clear();
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      if (Eligible(i, stage) && !std::isnan(o.raw(i, j))) s.values.push_back(o.raw(i, j));
    }
    const auto n = static_cast<double>(s.values.size());
    if (!s.values.empty()) {
      if (c.method == Method::kMinMax) {
        const auto [mn, mx] = std::minmax_element(s.values.begin(), s.values.end());
        a = *mn;
        b = *mx;
      } else if (c.method == Method::kZScore) {
        double sum = 0;
        for (double v : s.values) sum += v;
        a = sum / n;
        double ss = 0;
        for (double v : s.values) ss += (v - a) * (v - a);
        b = std::sqrt(ss / n);
      } else {
        std::sort(s.values.begin(), s.values.end());
      }
    }
    o.cohort_stat_a(coh, j) = a;
    o.cohort_stat_b(coh, j) = b;
    o.cohort_count(coh, j) = n;
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      const double x = o.raw(i, j);
      if (!Eligible(i, stage) || std::isnan(x)) {
        o.points(i, j) = 0;
        continue;
      }
      double f = 0;
      if (c.method == Method::kMinMax) {
        f = detail::MinMaxFraction(x, a, b, p, c.direction);
      } else if (c.method == Method::kZScore) {
        f = detail::ZScoreFraction(x, a, b, p, c.direction);
      } else {
        const auto lo = std::lower_bound(s.values.begin(), s.values.end(), x);
        const auto hi = std::upper_bound(lo, s.values.end(), x);
        f = detail::PercentileFraction(static_cast<double>(lo - s.values.begin()),
                                       static_cast<double>(hi - lo), n, p, c.direction);
      }
      o.points(i, j) = pts * f;
    }
  }
}

// Missing values: zero (already 0), the cohort mean of the points of the eligible members with
// data, or an error (Compile rejected such reports; a perturbation must not introduce NaN).
void Pass::FillMissing(Eigen::Index j, int stage) {
  const detail::CompiledIndicator& c = m.compiled[static_cast<std::size_t>(j)];
  o.cohort_fill.col(j).setConstant(kNaN);
  if (c.missing == MissingPolicy::kZero) return;
  // Nothing to fill, the usual case: no cohort mean is used (cohort_fill stays NaN, "unused").
  bool any_missing = false;
  for (Eigen::Index i = 0; i < rows; ++i)
    any_missing |= Eligible(static_cast<int>(i), stage) && std::isnan(o.raw(i, j));
  if (!any_missing) return;
  s.cohort_sum.assign(static_cast<std::size_t>(cohort_count), 0.0);
  s.cohort_n.assign(static_cast<std::size_t>(cohort_count), 0.0);
  for (Eigen::Index i = 0; i < rows; ++i) {
    if (!Eligible(static_cast<int>(i), stage) || std::isnan(o.raw(i, j))) continue;
    const auto coh = static_cast<std::size_t>(row_cohort[static_cast<std::size_t>(i)]);
    s.cohort_sum[coh] += o.points(i, j);
    s.cohort_n[coh] += 1;
  }
  for (Eigen::Index coh = 0; coh < cohort_count; ++coh) {
    const auto u = static_cast<std::size_t>(coh);
    s.cohort_sum[u] = s.cohort_n[u] > 0 ? s.cohort_sum[u] / s.cohort_n[u] : 0.0;
    if (c.missing == MissingPolicy::kCohortMean) o.cohort_fill(coh, j) = s.cohort_sum[u];
  }
  for (Eigen::Index i = 0; i < rows; ++i) {
    if (!Eligible(static_cast<int>(i), stage) || !std::isnan(o.raw(i, j))) continue;
    Require(c.missing == MissingPolicy::kCohortMean,
            "Evaluate: missing value for a missing-policy 'error' indicator");
    o.points(i, j) =
        s.cohort_sum[static_cast<std::size_t>(row_cohort[static_cast<std::size_t>(i)])];
  }
}

// Bonuses or penalties of every row: the sum of min(cap, per_unit x) over the items with data,
// capped. Item by item over the column, so that the loop vectorises; per row the same additions
// in the same order as a loop over the row's items (a missing value adds +0.0, which leaves the
// sum alone: it starts at +0.0 and is never -0.0).
void Adjust(const std::vector<detail::CompiledAdjustment>& items, const Eigen::MatrixXd& fields,
            double total_cap, Eigen::VectorXd& out) {
  out.setZero();
  double* sum = out.data();
  for (const auto& a : items) {
    const double cap = a.cap;
    const double per_unit = a.per_unit;
    const double* x = fields.col(a.column).data();
    for (Eigen::Index i = 0; i < out.size(); ++i) {
      const double add = std::min(cap, per_unit * x[i]);
      sum[i] += std::isnan(x[i]) ? 0.0 : add;
    }
  }
  for (Eigen::Index i = 0; i < out.size(); ++i) sum[i] = std::min(total_cap, sum[i]);
}

void Pass::Stage1() {
  const AdjustmentRules& adj = m.rubric.adjustments;
  o.stage1.setZero();
  for (std::size_t j = 0; j < m.compiled.size(); ++j) {
    if (m.compiled[j].stage == 1) o.stage1 += o.points.col(static_cast<Eigen::Index>(j));
  }
  Adjust(m.bonuses, fields, adj.bonus_cap, o.bonus);
  Adjust(m.penalties, fields, adj.penalty_cap, o.penalty);
  o.stage1 += o.bonus - o.penalty;
}

void Pass::Advance() {
  const AdvanceRule& rule = m.rubric.stages.advance;
  detail::QuantiseColumn(o.stage1.data(), s.stage1_key.size(), s.stage1_key.data());
  for (Eigen::Index coh = 0; coh < cohort_count; ++coh) {
    const auto [begin, end] = Members(coh);
    const int size = end - begin;
    int limit = size;
    if (rule.top_n || rule.top_share) {
      limit = 0;
      if (rule.top_n) limit = *rule.top_n;
      if (rule.top_share) {
        limit = std::max(limit, static_cast<int>(std::ceil(*rule.top_share * size - 1e-9)));
      }
      limit = std::min(limit, size);
    }
    // The top `limit` by stage-1 score advance, and everyone tied with the last of them: that is
    // everyone at or above the limit-th best score, which a selection finds without a sort.
    double cutoff = 0;
    if (limit > 0) {
      s.values.clear();
      for (int q = begin; q < end; ++q) {
        s.values.push_back(
            s.stage1_key[static_cast<std::size_t>(s.order[static_cast<std::size_t>(q)])]);
      }
      std::nth_element(s.values.begin(), s.values.begin() + (limit - 1), s.values.end(),
                       std::greater<>());
      cutoff = s.values[static_cast<std::size_t>(limit - 1)];
    }
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      const double key = s.stage1_key[static_cast<std::size_t>(i)];
      bool ok = limit > 0 && key >= cutoff;
      if (rule.min_score && key < Quantise(*rule.min_score)) ok = false;
      o.advanced[static_cast<std::size_t>(i)] = ok ? 1 : 0;
    }
  }
}

void Pass::Finish() {
  o.stage2.setZero();
  for (std::size_t j = 0; j < m.compiled.size(); ++j) {
    if (m.compiled[j].stage == 2) o.stage2 += o.points.col(static_cast<Eigen::Index>(j));
  }
  o.domain.setZero();
  for (std::size_t j = 0; j < m.compiled.size(); ++j) {
    o.domain.col(m.compiled[j].domain) += o.points.col(static_cast<Eigen::Index>(j));
  }
  o.final_score =
      m.rubric.stages.stage1_weight * o.stage1 + m.rubric.stages.stage2_weight * o.stage2;
}

// Insertion sort that gives up (leaving a permutation of `v`) after `budget` moves.
template <typename Less>
bool InsertionSortWithin(std::vector<detail::RankEntry>& v, Less less, std::size_t budget) {
  std::size_t moves = 0;
  for (std::size_t i = 1; i < v.size(); ++i) {
    const detail::RankEntry x = v[i];
    std::size_t j = i;
    for (; j > 0 && less(x, v[j - 1]); --j) {
      v[j] = v[j - 1];
      if (++moves > budget) {
        v[j - 1] = x;
        return false;
      }
    }
    v[j] = x;
  }
  return true;
}

void Pass::Rank() {
  const bool warm =
      s.reuse && s.same_cohorts && s.rank_order.size() == static_cast<std::size_t>(rows);
  s.rank_order.resize(static_cast<std::size_t>(rows));
  s.values.resize(static_cast<std::size_t>(rows));
  detail::QuantiseColumn(o.final_score.data(), s.values.size(), s.values.data());
  for (Eigen::Index i = 0; i < rows; ++i) {
    s.keys(i, 0) = o.advanced[static_cast<std::size_t>(i)];
    s.keys(i, 1) = s.values[static_cast<std::size_t>(i)];
  }
  for (Eigen::Index coh = 0; coh < cohort_count; ++coh) {
    const auto [begin, end] = Members(coh);
    // Sort copies of the first two keys with the row, so that comparisons read contiguous
    // memory; only rows equal on both go back to the tie-break keys (and then row order).
    // With the same cohorts as the previous call, start from its order: after a small change
    // (the Sobol analysis changes one uncertainty group) it is nearly sorted and an insertion
    // sort needs a few moves; past a budget the general sort takes over. The comparison is a
    // strict total order, so the result does not depend on where the sort started.
    s.ranking.clear();
    for (int q = begin; q < end; ++q) {
      const int i =
          warm ? s.rank_order[static_cast<std::size_t>(q)] : s.order[static_cast<std::size_t>(q)];
      s.ranking.push_back({s.keys(i, 0), s.keys(i, 1), i});
    }
    const auto before = [&](const detail::RankEntry& a, const detail::RankEntry& b) {
      if (a.advanced != b.advanced) return a.advanced > b.advanced;
      if (a.score != b.score) return a.score > b.score;
      return SortsBefore(a.row, b.row, 2);
    };
    if (!warm || !InsertionSortWithin(s.ranking, before, 4 * s.ranking.size())) {
      std::sort(s.ranking.begin(), s.ranking.end(), before);
    }
    for (int q = begin; q < end; ++q) {
      const int row = s.ranking[static_cast<std::size_t>(q - begin)].row;
      s.order[static_cast<std::size_t>(q)] = row;
      s.rank_order[static_cast<std::size_t>(q)] = row;
    }
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      const int prev = q > begin ? s.order[static_cast<std::size_t>(q - 1)] : -1;
      o.rank[static_cast<std::size_t>(i)] = (prev >= 0 && Compare(prev, i, 0) == 0)
                                                ? o.rank[static_cast<std::size_t>(prev)]
                                                : q - begin + 1;
    }
  }
}

int LevelQuota(const AwardLevel& level, const std::string& cohort_id, int size) {
  if (level.count) {
    for (const auto& [id, n] : level.count_by_cohort) {
      if (id == cohort_id) return n;
    }
    return *level.count;
  }
  const double q = *level.share * size;
  switch (level.rounding) {
    case Rounding::kFloor:
      return static_cast<int>(std::floor(q + 1e-9));
    case Rounding::kCeil:
      return static_cast<int>(std::ceil(q - 1e-9));
    case Rounding::kNearest:
      return static_cast<int>(std::floor(q + 0.5 + 1e-9));
  }
  return 0;
}

void Pass::AllocateLevels() {
  const auto& levels = m.rubric.levels;
  const int level_count = static_cast<int>(levels.size());
  std::fill(o.level.begin(), o.level.end(), -1);
  for (Eigen::Index coh = 0; coh < cohort_count; ++coh) {
    const auto [begin, end] = Members(coh);
    const int size = end - begin;
    const std::string& cohort_id = m.cohorts.ids[static_cast<std::size_t>(coh)];
    if (level_count == 0) continue;
    int level = 0;
    int level_end = LevelQuota(levels[0], cohort_id, size);
    int p = 0;  // Places used so far in this cohort.
    int q = begin;
    while (q < end) {
      const int first = s.order[static_cast<std::size_t>(q)];
      if (o.advanced[static_cast<std::size_t>(first)] == 0) break;
      int group_end = q + 1;
      while (group_end < end &&
             Compare(first, s.order[static_cast<std::size_t>(group_end)], 0) == 0) {
        ++group_end;
      }
      // Rows barred by a cross-category rule take no place: the group is its eligible members.
      s.eligible_group.clear();
      for (int g = q; g < group_end; ++g) {
        const int row = s.order[static_cast<std::size_t>(g)];
        if (MayWin(row)) s.eligible_group.push_back(row);
      }
      const int group = static_cast<int>(s.eligible_group.size());
      if (group == 0) {
        q = group_end;
        continue;
      }
      const double score = Quantise(o.final_score(first));
      while (level < level_count) {
        const auto& min = levels[static_cast<std::size_t>(level)].min_score;
        if (p >= level_end) {
          ++level;
          if (level < level_count) {
            level_end += LevelQuota(levels[static_cast<std::size_t>(level)], cohort_id, size);
          }
        } else if (min && score < Quantise(*min)) {
          // Unmet minimum: this level's remaining places stay empty.
          ++level;
          if (level < level_count) {
            level_end = p + LevelQuota(levels[static_cast<std::size_t>(level)], cohort_id, size);
          }
        } else {
          break;
        }
      }
      if (level >= level_count) break;
      for (const int row : s.eligible_group) o.level[static_cast<std::size_t>(row)] = level;
      if (p + group > level_end) {
        RecordTie(TieKind::kAward, static_cast<int>(coh), level, s.eligible_group.data(), group);
      }
      p += group;
      q = group_end;
    }
  }
}

bool Matches(GovernmentFilter filter, Level level) {
  return filter == GovernmentFilter::kAny ||
         (filter == GovernmentFilter::kMetropolitan) == (level == Level::kMetropolitan);
}

void Pass::NationalPrizes() {
  std::fill(o.national.begin(), o.national.end(), -1);
  const auto& prizes = m.rubric.national_prizes;
  bool adjusted = false;
  for (const auto& prize : prizes) adjusted |= prize.rank_by == NationalRanking::kSizeAdjustedZ;
  if (adjusted) SizeAdjustedZ();
  for (std::size_t p = 0; p < prizes.size(); ++p) {
    const int from = m.rubric.LevelIndex(prizes[p].from_level);
    int n = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const auto u = static_cast<std::size_t>(i);
      if (o.level[u] == from && o.national[u] < 0 && Matches(prizes[p].filter, m.row_level[u])) {
        s.index[static_cast<std::size_t>(n++)] = static_cast<int>(i);
      }
    }
    const bool by_z = prizes[p].rank_by == NationalRanking::kSizeAdjustedZ;
    auto compare = [&](int a, int b) {
      if (by_z) {
        const double ka = s.national_key[static_cast<std::size_t>(a)];
        const double kb = s.national_key[static_cast<std::size_t>(b)];
        if (ka != kb) return ka > kb ? -1 : 1;
      }
      return Compare(a, b, 1);
    };
    std::sort(s.index.begin(), s.index.begin() + n, [&](int a, int b) {
      const int c = compare(a, b);
      return c < 0 || (c == 0 && a < b);
    });
    PickTop(
        n, prizes[p].count, [&](int a, int b) { return compare(a, b) == 0; }, o.national,
        static_cast<int>(p), TieKind::kNationalPrize);
  }
}

// The size-adjusted z of every advanced row (rubrics/README.md, "National prizes"):
// (final - cohort mean) / cohort sd over the cohort's advanced rows, minus E[max of n N(0,1)].
void Pass::SizeAdjustedZ() {
  if (s.expected_max.size() != static_cast<std::size_t>(rows) + 1) {
    // Blom's approximation of the expected largest of n standard normal draws.
    s.expected_max.assign(static_cast<std::size_t>(rows) + 1, 0.0);
    for (Eigen::Index n = 2; n <= rows; ++n) {
      const double nn = static_cast<double>(n);
      s.expected_max[static_cast<std::size_t>(n)] = boost::math::quantile(
          boost::math::normal_distribution<double>(), (nn - 0.375) / (nn + 0.25));
    }
  }
  for (Eigen::Index coh = 0; coh < cohort_count; ++coh) {
    const auto [begin, end] = Members(coh);
    double sum = 0;
    int n = 0;
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      if (o.advanced[static_cast<std::size_t>(i)] == 0) continue;
      sum += o.final_score(i);
      ++n;
    }
    const double mean = n > 0 ? sum / n : 0.0;
    double ss = 0;
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      if (o.advanced[static_cast<std::size_t>(i)] == 0) continue;
      ss += (o.final_score(i) - mean) * (o.final_score(i) - mean);
    }
    const double sd = n > 0 ? std::sqrt(ss / n) : 0.0;
    for (int q = begin; q < end; ++q) {
      const int i = s.order[static_cast<std::size_t>(q)];
      const bool defined = n >= 2 && Quantise(sd) > 0 && o.advanced[static_cast<std::size_t>(i)];
      s.national_key[static_cast<std::size_t>(i)] =
          defined ? Quantise((o.final_score(i) - mean) / sd -
                             s.expected_max[static_cast<std::size_t>(n)])
                  : 0.0;
    }
  }
}

void Pass::SpecialPrizes() {
  std::fill(o.special.begin(), o.special.end(), -1);
  const auto& prizes = m.rubric.special_prizes;
  for (std::size_t p = 0; p < prizes.size(); ++p) {
    const auto j = static_cast<Eigen::Index>(s.special_indicator[p]);
    const bool lower = m.compiled[static_cast<std::size_t>(j)].direction == Direction::kLower;
    int n = 0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const auto u = static_cast<std::size_t>(i);
      const bool eligible =
          o.level[u] < 0 && o.national[u] < 0 && o.special[u] < 0 && MayWin(static_cast<int>(i)) &&
          Matches(prizes[p].filter, m.row_level[u]) &&
          (!prizes[p].require_advanced || o.advanced[u] != 0) && !std::isnan(o.raw(i, j));
      if (!eligible) continue;
      s.special_key[u] = Quantise(lower ? -o.raw(i, j) : o.raw(i, j));
      s.index[static_cast<std::size_t>(n++)] = static_cast<int>(i);
    }
    auto compare = [&](int a, int b) {
      const double ka = s.special_key[static_cast<std::size_t>(a)];
      const double kb = s.special_key[static_cast<std::size_t>(b)];
      if (ka != kb) return ka > kb ? -1 : 1;
      return Compare(a, b, 1);
    };
    auto sorts_before = [&](int a, int b) {
      const int c = compare(a, b);
      return c < 0 || (c == 0 && a < b);
    };
    // Only the first `count` places and a tie straddling the last of them matter: sort those
    // (partial sort), then bring the rest's members of that tie right behind them.
    const int count = std::min(prizes[p].count, n);
    auto* first = s.index.data();
    std::partial_sort(first, first + count, first + n, sorts_before);
    int considered = count;
    if (count > 0) {
      const int last = first[count - 1];
      auto* tied_end = std::partition(first + count, first + n,
                                      [&](int row) { return compare(row, last) == 0; });
      considered = static_cast<int>(tied_end - first);
      std::sort(first + count, tied_end);
    }
    PickTop(
        considered, prizes[p].count, [&](int a, int b) { return compare(a, b) == 0; }, o.special,
        static_cast<int>(p), TieKind::kSpecialPrize);
  }
}

}  // namespace

const Outcome& Evaluate(const ScoringModel& model, const Perturbation& perturbation,
                        Workspace& workspace, EvaluateScope scope) {
  const Eigen::MatrixXd& fields = perturbation.fields ? *perturbation.fields : model.fields;
  const auto& panels = perturbation.panels ? *perturbation.panels : model.panels;
  const Eigen::VectorXd& points =
      perturbation.indicator_points ? *perturbation.indicator_points : model.indicator_points;
  const auto& row_cohort = perturbation.row_cohort ? *perturbation.row_cohort : model.row_cohort;
  const Eigen::Index rows = model.fields.rows();
  const auto k = static_cast<Eigen::Index>(model.compiled.size());
  const auto cohorts = static_cast<Eigen::Index>(model.cohorts.ids.size());
  Require(fields.rows() == rows && fields.cols() == model.fields.cols(),
          "Evaluate: perturbed fields have the wrong shape");
  Require(panels.size() == model.panels.size(), "Evaluate: perturbed panels have the wrong count");
  for (std::size_t p = 0; p < panels.size(); ++p) {
    Require(panels[p].rows() == rows, "Evaluate: perturbed panel has the wrong row count");
  }
  Require(points.size() == k, "Evaluate: perturbed indicator points have the wrong size");
  Require(row_cohort.size() == static_cast<std::size_t>(rows),
          "Evaluate: perturbed cohorts have the wrong size");
  Require(perturbation.award_eligible == nullptr ||
              perturbation.award_eligible->size() == static_cast<std::size_t>(rows),
          "Evaluate: award eligibility has the wrong size");

  Outcome& o = workspace.outcome;
  detail::Scratch& s = workspace.scratch;
  const auto n = static_cast<std::size_t>(rows);
  if (o.raw.rows() != rows || o.raw.cols() != k || o.cohort_stat_a.rows() != cohorts) {
    // A new shape loses the columns the caches describe.
    s.raw_cache.clear();
    s.points_cache.clear();
    s.last_row_cohort.clear();
    s.last_advanced.clear();
  }
  s.points_cache.resize(static_cast<std::size_t>(k));
  s.reuse = workspace.reuse_unchanged_columns;
  s.same_cohorts = s.reuse && s.last_row_cohort == row_cohort;
  if (s.reuse && !s.same_cohorts) s.last_row_cohort = row_cohort;
  o.raw.resize(rows, k);
  o.points.resize(rows, k);
  o.domain.resize(rows, kDomainCount);
  o.cohort_stat_a.resize(cohorts, k);
  o.cohort_stat_b.resize(cohorts, k);
  o.cohort_count.resize(cohorts, k);
  o.cohort_fill.resize(cohorts, k);
  o.bonus.resize(rows);
  o.penalty.resize(rows);
  o.stage1.resize(rows);
  o.stage2.resize(rows);
  o.final_score.resize(rows);
  o.advanced.resize(n);
  o.missing.resize(n * static_cast<std::size_t>(k));
  o.rank.resize(n);
  o.level.resize(n);
  o.national.resize(n);
  o.special.resize(n);
  if (perturbation.award_eligible != nullptr) {
    o.excluded.resize(n);
    for (std::size_t i = 0; i < n; ++i) o.excluded[i] = (*perturbation.award_eligible)[i] == 0;
  } else {
    o.excluded.assign(n, 0);
  }
  o.ties.clear();
  o.tie_members.clear();
  s.keys.resize(rows, 2);
  s.index.resize(n);
  s.special_key.resize(n);
  s.stage1_key.resize(n);
  s.national_key.resize(n);
  if (s.eligible_group.capacity() < n) s.eligible_group.reserve(n);
  if (s.values.capacity() < n) s.values.reserve(n);
  s.keys_indicator.resize(model.rubric.tie_break.size());
  for (std::size_t t = 0; t < model.rubric.tie_break.size(); ++t) {
    s.keys_indicator[t] = -1;
    for (std::size_t j = 0; j < model.rubric.indicators.size(); ++j) {
      if (model.rubric.indicators[j].id == model.rubric.tie_break[t].indicator) {
        s.keys_indicator[t] = static_cast<int>(j);
      }
    }
  }
  s.special_indicator.resize(model.rubric.special_prizes.size());
  s.special_reads.assign(static_cast<std::size_t>(k), 0);
  for (std::size_t t = 0; t < model.rubric.special_prizes.size(); ++t) {
    const Indicator* ind = model.rubric.FindIndicator(model.rubric.special_prizes[t].indicator);
    Require(ind != nullptr, "Evaluate: special prize indicator unknown");
    s.special_indicator[t] = static_cast<int>(ind - model.rubric.indicators.data());
    s.special_reads[static_cast<std::size_t>(s.special_indicator[t])] = 1;
  }
  s.defer_stage2 = static_cast<bool>(perturbation.before_stage2);

  Pass pass{model, fields, panels, points, row_cohort, perturbation.award_eligible,
            o,     s,      rows,   cohorts};
  std::fill(o.advanced.begin(), o.advanced.end(), 1);  // Stage-1 indicators: everyone eligible.
  pass.GroupByCohort();
  pass.RawValues(0);
  pass.IndicatorPoints(1);
  pass.Stage1();
  pass.Advance();
  if (s.defer_stage2) {
    perturbation.before_stage2(o.advanced);
    pass.RawValues(1);
  }
  s.same_advanced = s.reuse && s.last_advanced == o.advanced;
  if (s.reuse && !s.same_advanced) s.last_advanced = o.advanced;
  pass.IndicatorPoints(2);
  pass.Finish();
  pass.Rank();
  pass.AllocateLevels();
  if (scope == EvaluateScope::kWithoutPrizes) {
    std::fill(o.national.begin(), o.national.end(), -1);
  } else {
    pass.NationalPrizes();
  }
  if (scope == EvaluateScope::kEverything) {
    pass.SpecialPrizes();
  } else {
    std::fill(o.special.begin(), o.special.end(), -1);
  }
  return o;
}

}  // namespace jobaward
