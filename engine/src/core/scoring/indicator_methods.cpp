#include "src/core/scoring/indicator_methods.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace jobaward::detail {

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

}  // namespace jobaward::detail
