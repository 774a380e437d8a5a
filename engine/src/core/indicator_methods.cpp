#include "indicator_methods.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace jobaward::detail {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
double Clamp01(double v) { return std::clamp(v, 0.0, 1.0); }
double Flip(double fraction, Direction direction) {
  return direction == Direction::kLower ? 1.0 - fraction : fraction;
}
}  // namespace

double TargetRatioAttainment(double actual, double target) {
  if (std::isnan(actual) || std::isnan(target)) return kNaN;
  if (target == 0) return actual > 0 ? std::numeric_limits<double>::infinity() : 1.0;
  return actual / target;
}

double TargetRatioFraction(double attainment, const MethodParams& p) {
  const double a = std::clamp(attainment, p.floor, p.cap);
  return (a - p.floor) / (p.cap - p.floor);
}

double LinearFraction(double x, double lo, double hi, Direction direction) {
  return Flip(Clamp01((x - lo) / (hi - lo)), direction);
}

double BandsFraction(double x, const std::vector<Band>& bands, Direction direction) {
  if (direction == Direction::kHigher) {
    for (auto it = bands.rbegin(); it != bands.rend(); ++it) {
      if (x >= it->threshold) return it->fraction;
    }
  } else {
    for (const Band& b : bands) {
      if (x <= b.threshold) return b.fraction;
    }
  }
  return 0.0;
}

double MinMaxFraction(double x, double min, double max, const MethodParams& p,
                      Direction direction) {
  if (!(max > min)) return p.degenerate_fraction;
  return Flip(Clamp01((x - min) / (max - min)), direction);
}

double ZScoreFraction(double x, double mean, double sd, const MethodParams& p,
                      Direction direction) {
  if (!(sd > 0)) return p.degenerate_fraction;
  double z = (x - mean) / sd;
  if (direction == Direction::kLower) z = -z;
  z = std::clamp(z, -p.zcap, p.zcap);
  return (z + p.zcap) / (2 * p.zcap);
}

double PercentileFraction(double below, double equal, double n, const MethodParams& p,
                          Direction direction) {
  if (n <= 1) return p.degenerate_fraction;
  return Flip((below + (equal - 1) / 2) / (n - 1), direction);
}

double GradeFraction(double grade_index, const MethodParams& p) {
  const auto g = static_cast<std::size_t>(std::clamp(grade_index, 0.0, 4.0));
  return p.grade_fractions[g];
}

double CombineScores(double* scores, std::size_t count, PanelCombine combine) {
  if (count == 0) return kNaN;
  if (combine == PanelCombine::kMean || (combine == PanelCombine::kTrimmedMean && count < 3)) {
    double sum = 0;
    for (std::size_t i = 0; i < count; ++i) sum += scores[i];
    return sum / static_cast<double>(count);
  }
  std::sort(scores, scores + count);
  if (combine == PanelCombine::kMedian) {
    return count % 2 == 1 ? scores[count / 2] : (scores[count / 2 - 1] + scores[count / 2]) / 2;
  }
  double sum = 0;
  for (std::size_t i = 1; i + 1 < count; ++i) sum += scores[i];
  return sum / static_cast<double>(count - 2);
}

double PanelFraction(double combined, const MethodParams& p) {
  return Clamp01((combined - p.score_min) / (p.score_max - p.score_min));
}

double BooleanFraction(double flag, Direction direction) {
  return Flip(flag != 0 ? 1.0 : 0.0, direction);
}

}  // namespace jobaward::detail
