// Ranking neighbours and what separates two governments (see neighbours.hpp).
#include "jobaward/cohorts/neighbours.hpp"

#include <cmath>

namespace jobaward {

Neighbours NeighboursOf(const ScoreResult& result, std::size_t index) {
  const GovernmentScore& g = result.governments.at(index);
  Neighbours n;
  const GovernmentScore* above = nullptr;
  const GovernmentScore* below = nullptr;
  for (std::size_t i = 0; i < result.governments.size(); ++i) {
    const GovernmentScore& o = result.governments[i];
    if (o.cohort != g.cohort || i == index) continue;
    if (o.rank < g.rank || (o.rank == g.rank && o.code < g.code)) {
      if (above == nullptr || o.rank > above->rank) {
        above = &o;
        n.above = static_cast<int>(i);
      }
    } else if (below == nullptr || o.rank < below->rank) {
      below = &o;
      n.below = static_cast<int>(i);
    }
  }
  return n;
}

Separation SeparationOf(const GovernmentScore& higher, const GovernmentScore& lower) {
  Separation s;
  if (higher.advanced != lower.advanced) {
    s.kind = Separation::Kind::kAdvanced;
    return s;
  }
  for (std::size_t k = 0; k < higher.tie_break.size() && k < lower.tie_break.size(); ++k) {
    const double a = higher.tie_break[k].second;
    const double b = lower.tie_break[k].second;
    if (std::round(a * 1e6) != std::round(b * 1e6)) {
      s.kind = Separation::Kind::kKey;
      s.key = higher.tie_break[k].first;
      s.higher_value = a;
      s.lower_value = b;
      return s;
    }
  }
  return s;
}

}  // namespace jobaward
