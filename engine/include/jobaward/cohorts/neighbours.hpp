// The places next to a government in its cohort's ranking, and what separates two governments:
// the first ranking key — advanced to stage 2, then the final score, then the rubric's
// tie-break keys — on which they differ, compared as the scorer compares them (values rounded
// to 1e-6). Read from an explained ScoreResult (scoring.hpp); it never ranks again. Used by
// `jobaward explain` and the what-if page, so both say the same thing.
//
// Pure values; thread-compatible. Tests: tests/unit/cohorts/neighbours_test.cpp.
#pragma once

#include <cstddef>
#include <string>

#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// Indices into ScoreResult::governments, or -1 when there is no such place.
struct Neighbours {
  int above = -1;  ///< Ranked directly above (on a shared rank: the earlier code).
  int below = -1;  ///< Ranked directly below.
};

/// The neighbours of governments[index] in its cohort.
[[nodiscard]] Neighbours NeighboursOf(const ScoreResult& result, std::size_t index);

/// What puts `higher` above `lower`.
struct Separation {
  enum class Kind {
    kAdvanced,  ///< `higher` advanced to stage 2 and `lower` did not.
    kKey,       ///< The first ranking key that differs: `key` ("final", "domain:outcome", ...).
    kTied,      ///< Equal on every key (an unresolved tie, or the same rank).
  };
  Kind kind = Kind::kTied;
  std::string key;
  double higher_value = 0;
  double lower_value = 0;
};

[[nodiscard]] Separation SeparationOf(const GovernmentScore& higher, const GovernmentScore& lower);

}  // namespace jobaward
