// The scoring methods as scalar formulas: value(s) in, fraction of the indicator's points out.
// One function per method, each the formula written in rubrics/README.md ("Methods"); the
// scorer (scoring.cpp) applies them column by column. Internal to jobaward_core.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "jobaward/scoring/rubric.hpp"

namespace jobaward::detail {

// The per-value formulas are defined here, inline: the scorer calls them once per government,
// indicator and Monte Carlo draw, and a call into another translation unit costs more than
// the formula.
inline double Clamp01(double v) { return std::clamp(v, 0.0, 1.0); }
inline double Flip(double fraction, Direction direction) {
  return direction == Direction::kLower ? 1.0 - fraction : fraction;
}

/// actual / target. target 0: attainment +inf when actual > 0 (any job beats a zero target,
/// clamped to cap later), 1 when actual is 0 as well. NaN when either is missing.
[[nodiscard]] inline double TargetRatioAttainment(double actual, double target) {
  if (std::isnan(actual) || std::isnan(target)) return std::numeric_limits<double>::quiet_NaN();
  if (target == 0) return actual > 0 ? std::numeric_limits<double>::infinity() : 1.0;
  return actual / target;
}
/// Rescale: (clamp(attainment, floor, cap) - floor) / (cap - floor). Zero: 0 below the
/// floor, min(attainment, cap) / cap from it on.
[[nodiscard]] inline double TargetRatioFraction(double attainment, const MethodParams& p) {
  if (p.below_floor == BelowFloor::kZero)
    return attainment < p.floor ? 0.0 : std::min(attainment, p.cap) / p.cap;
  const double a = std::clamp(attainment, p.floor, p.cap);
  return (a - p.floor) / (p.cap - p.floor);
}
/// clamp((x - lo) / (hi - lo), 0, 1); direction lower: 1 - that. Also used by `change`.
[[nodiscard]] inline double LinearFraction(double x, double lo, double hi, Direction direction) {
  return Flip(Clamp01((x - lo) / (hi - lo)), direction);
}
/// Higher: fraction of the highest band with x >= threshold; lower: of the lowest band with
/// x <= threshold; 0 when no band applies.
[[nodiscard]] double BandsFraction(double x, const std::vector<Band>& bands, Direction direction);
/// (x - min) / (max - min); max == min: degenerate_fraction. Lower: 1 - fraction (not applied
/// to the degenerate value).
[[nodiscard]] inline double MinMaxFraction(double x, double min, double max, const MethodParams& p,
                                           Direction direction) {
  if (!(max > min)) return p.degenerate_fraction;
  return Flip(Clamp01((x - min) / (max - min)), direction);
}
/// z = (x - mean) / sd clamped to [-zcap, zcap], fraction (z + zcap) / (2 zcap); sd == 0:
/// degenerate_fraction. Lower: uses -z.
[[nodiscard]] double ZScoreFraction(double x, double mean, double sd, const MethodParams& p,
                                    Direction direction);
/// Mid-rank percentile (below + (equal - 1) / 2) / (n - 1), where `below` members have a
/// smaller value and `equal` (including the government itself) the same; n <= 1:
/// degenerate_fraction. Lower: 1 - fraction.
[[nodiscard]] double PercentileFraction(double below, double equal, double n, const MethodParams& p,
                                        Direction direction);
/// grade_fractions[index] for index 0 (A) .. 4 (E).
[[nodiscard]] inline double GradeFraction(double grade_index, const MethodParams& p) {
  const auto g = static_cast<std::size_t>(std::clamp(grade_index, 0.0, 4.0));
  return p.grade_fractions[g];
}
/// Combines `count` scores (non-NaN) by mean, median, or trimmed mean (drop one highest and
/// one lowest; with fewer than 3 scores it is the mean). NaN if none.
[[nodiscard]] inline double CombineScores(const double* scores, std::size_t count,
                                          PanelCombine combine) {
  // Branch-free: this runs for every government, panel and Monte Carlo draw, on random scores
  // that defeat the branch predictor.
  if (count == 0) return std::numeric_limits<double>::quiet_NaN();
  if (combine == PanelCombine::kMean || (combine == PanelCombine::kTrimmedMean && count < 3)) {
    double sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum += scores[i];
    return sum / static_cast<double>(count);
  }
  if (combine == PanelCombine::kTrimmedMean) {
    double sum = 0;
    double lowest = scores[0];
    double highest = scores[0];
    for (std::size_t i = 0; i < count; ++i) {
      sum += scores[i];
      lowest = std::min(lowest, scores[i]);
      highest = std::max(highest, scores[i]);
    }
    return (sum - lowest - highest) / static_cast<double>(count - 2);
  }
  // Median. Panels have a handful of reviewers: an odd-even transposition sort of min/max
  // pairs has no data-dependent branch (std::sort mispredicts on random scores). Larger panels
  // (none in the rubrics we know) take a heap copy and std::sort.
  constexpr std::size_t kSmall = 16;
  double small[kSmall];
  std::vector<double> large;
  double* sorted = small;
  if (count > kSmall) {
    large.assign(scores, scores + count);
    std::sort(large.begin(), large.end());
    sorted = large.data();
  } else {
    std::copy(scores, scores + count, small);
    for (std::size_t pass = 0; pass < count; ++pass) {
      for (std::size_t i = pass % 2; i + 1 < count; i += 2) {
        const double lo = std::min(small[i], small[i + 1]);
        small[i + 1] = std::max(small[i], small[i + 1]);
        small[i] = lo;
      }
    }
  }
  return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
}

// Scores are compared after rounding to 1e-6 points, so that sums computed in a different order
// do not decide a rank by a rounding error.
// std::round inlined by hand: without SSE4.1 it is a libm call, and this runs for every key of
// every government in every Monte Carlo draw. Exact (v - trunc(v) is exact) for |x| < 2^52;
// larger, infinite or NaN values are already integral or unordered and pass through.
[[nodiscard]] inline double Quantise(double v) {
  const double x = v * 1e6;
  if (!(std::fabs(x) < 0x1p52)) return x;
  const auto t = static_cast<double>(static_cast<std::int64_t>(x));
  const double f = x - t;
  // Branch-free: the fraction is random, a branch on it mispredicts half of the time.
  return t + static_cast<double>(f >= 0.5) - static_cast<double>(f <= -0.5);
}

/// out[i] = Quantise(v[i]) for i < n: the same operations on vectors (Highway dispatch,
/// panel_simd.cpp), for the ranking keys of every row.
void QuantiseColumn(const double* v, std::size_t n, double* out);

/// CombineScores of every row of a panel at once: `panel` is rows x reviewers, column-major
/// (NaN: no score), out[i] the combination of row i. The scorer combines a panel for every
/// government in every Monte Carlo draw; one call per row (a gather, a call, a branchy loop over
/// 3 to 7 scores) cost more than the rest of the indicator. Here each step runs over all rows
/// of one reviewer column, a loop the compiler vectorises, and performs on each row the same
/// floating-point operations in the same order as CombineScores, so the results are the same
/// bits (tests/unit/scoring/indicator_methods_test.cpp compares the two). `scratch` is reused.
void CombinePanel(const double* panel, std::size_t rows, std::size_t reviewers,
                  PanelCombine combine, std::vector<double>& scratch, double* out);

/// clamp((combined - score_min) / (score_max - score_min), 0, 1).
[[nodiscard]] inline double PanelFraction(double combined, const MethodParams& p) {
  return Clamp01((combined - p.score_min) / (p.score_max - p.score_min));
}
/// Higher: flag (1 or 0); lower: 1 - flag.
[[nodiscard]] inline double BooleanFraction(double flag, Direction direction) {
  return Flip(flag != 0 ? 1.0 : 0.0, direction);
}

}  // namespace jobaward::detail
