// The scoring methods as scalar formulas: value(s) in, fraction of the indicator's points out.
// One function per method, each the formula written in rubrics/README.md ("Methods"); the
// scorer (scoring.cpp) applies them column by column. Internal to jobaward_core.
#pragma once

#include <cstddef>
#include <vector>

#include "jobaward/rubric.hpp"

namespace jobaward::detail {

/// actual / target. target 0: attainment +inf when actual > 0 (any job beats a zero target,
/// clamped to cap later), 1 when actual is 0 as well. NaN when either is missing.
[[nodiscard]] double TargetRatioAttainment(double actual, double target);
/// (clamp(attainment, floor, cap) - floor) / (cap - floor).
[[nodiscard]] double TargetRatioFraction(double attainment, const MethodParams& p);
/// clamp((x - lo) / (hi - lo), 0, 1); direction lower: 1 - that. Also used by `change`.
[[nodiscard]] double LinearFraction(double x, double lo, double hi, Direction direction);
/// Higher: fraction of the highest band with x >= threshold; lower: of the lowest band with
/// x <= threshold; 0 when no band applies.
[[nodiscard]] double BandsFraction(double x, const std::vector<Band>& bands, Direction direction);
/// (x - min) / (max - min); max == min: degenerate_fraction. Lower: 1 - fraction (not applied
/// to the degenerate value).
[[nodiscard]] double MinMaxFraction(double x, double min, double max, const MethodParams& p,
                                    Direction direction);
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
[[nodiscard]] double GradeFraction(double grade_index, const MethodParams& p);
/// Combines `count` scores (non-NaN) by mean, median, or trimmed mean (drop one highest and
/// one lowest; with fewer than 3 scores it is the mean). NaN if none.
[[nodiscard]] double CombineScores(const double* scores, std::size_t count, PanelCombine combine);
/// clamp((combined - score_min) / (score_max - score_min), 0, 1).
[[nodiscard]] double PanelFraction(double combined, const MethodParams& p);
/// Higher: flag (1 or 0); lower: 1 - flag.
[[nodiscard]] double BooleanFraction(double flag, Direction direction);

}  // namespace jobaward::detail
