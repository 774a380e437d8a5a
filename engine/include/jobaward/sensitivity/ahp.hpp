// Weights from pairwise comparisons by Saaty's Analytic Hierarchy Process (AHP): the principal
// (Perron) eigenvector of a positive reciprocal matrix, normalised to sum to 1, with λmax, the
// consistency index CI = (λmax − n)/(n − 1) and the consistency ratio CR = CI/RI against Saaty's
// random index RI. Formulas and the RI table are in engine/docs/sensitivity.md ("AHP weights").
// Pure values, no I/O; thread-safe.
//
// Tests (tests/unit/sensitivity/ahp_test.cpp) prove: Saaty's drinks-consumption example reproduces
// the published eigenvector (water 0.327 ... wine 0.019) and CR ≈ 0.022; a consistent matrix gives
// λmax = n and CR = 0; RandomIndex matches Saaty's table; the loader's reciprocity, positivity,
// shape and CR > 0.1 errors with exact messages; the rubric writer renormalises points.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace jobaward {

/// Largest matrix order AHP accepts: Saaty's random index table is given for n = 1..10.
inline constexpr int kAhpMaxItems = 10;

/// Smallest matrix order the loader accepts: with one or two items every matrix is consistent
/// (CI = 0 by construction), so the consistency check that makes AHP worth using is undefined.
inline constexpr int kAhpMinItems = 3;

/// Saaty's scale: a judgment says how many times more important one item is, 1 to 9 (and its
/// reciprocal 1/9 to 1). Entries beyond it (1e300) say nothing a reviewer meant and break the
/// eigenvector arithmetic (a CR of -1.72, a 100/0/0 rubric).
inline constexpr double kAhpMaxJudgment = 9;

/// The consistency ratio above which judgments are called inconsistent (Saaty's 10% rule).
inline constexpr double kAhpMaxConsistencyRatio = 0.1;

/// Saaty's random index for n items: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49.
/// REQUIRES: 1 <= n <= kAhpMaxItems.
[[nodiscard]] double RandomIndex(int n);

/// AHP priorities of one comparison matrix.
struct AhpResult {
  Eigen::VectorXd weights;       ///< Principal eigenvector, positive, sums to 1.
  double lambda_max = 0;         ///< Principal eigenvalue (>= n for a positive reciprocal matrix).
  double consistency_index = 0;  ///< (λmax − n)/(n − 1); 0 for n <= 2.
  double random_index = 0;       ///< RandomIndex(n).
  double consistency_ratio = 0;  ///< CI/RI; 0 when RI is 0 (n <= 2: always consistent).
};

/// Principal eigenvector, λmax, CI and CR of `matrix`.
/// REQUIRES: square, kAhpMinItems <= n <= kAhpMaxItems, positive entries (the loader checks
/// reciprocity); otherwise throws InternalError.
[[nodiscard]] AhpResult ComputeAhp(const Eigen::MatrixXd& matrix);

}  // namespace jobaward
