#include "indicator_methods.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace jobaward::detail {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

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

double CombineScores(const double* scores, std::size_t count, PanelCombine combine) {
  // Branch-free: this runs for every government, panel and Monte Carlo draw, on random scores
  // that defeat the branch predictor.
  if (count == 0) return kNaN;
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

}  // namespace jobaward::detail
