// AHP priorities: the Perron eigenvector of a positive matrix (see ahp.hpp).
#include "jobaward/sensitivity/ahp.hpp"

#include <Eigen/Eigenvalues>
#include <array>
#include <cmath>

#include "jobaward/error.hpp"

namespace jobaward {

double RandomIndex(int n) {
  // Saaty (1980), The Analytic Hierarchy Process, table of average random consistency indices.
  static constexpr std::array<double, kAhpMaxItems> kTable = {0,    0,    0.58, 0.90, 1.12,
                                                              1.24, 1.32, 1.41, 1.45, 1.49};
  Require(n >= 1 && n <= kAhpMaxItems, "RandomIndex: n out of 1..10");
  return kTable[static_cast<std::size_t>(n - 1)];
}

AhpResult ComputeAhp(const Eigen::MatrixXd& matrix) {
  const auto n = static_cast<int>(matrix.rows());
  // One or two items have no consistency to check (CI = 0 by construction), so a caller that
  // skipped the loader must not get a CR of 0 that looks like a passed check.
  Require(matrix.cols() == matrix.rows() && n >= kAhpMinItems && n <= kAhpMaxItems,
          "ComputeAhp: matrix must be square with 3..10 rows");
  Require((matrix.array() > 0).all(), "ComputeAhp: entries must be positive");
  AhpResult result;
  // By Perron's theorem the eigenvalue of largest real part of a positive matrix is real and
  // simple, and its eigenvector can be chosen positive; numerical noise only leaves tiny
  // imaginary parts, which are dropped.
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(matrix);
  Eigen::Index best = 0;
  for (Eigen::Index i = 1; i < solver.eigenvalues().size(); ++i) {
    if (solver.eigenvalues()[i].real() > solver.eigenvalues()[best].real()) best = i;
  }
  result.lambda_max = solver.eigenvalues()[best].real();
  Eigen::VectorXd vector = solver.eigenvectors().col(best).real().cwiseAbs();
  result.weights = vector / vector.sum();
  result.random_index = RandomIndex(n);
  result.consistency_index = n <= 2 ? 0.0 : (result.lambda_max - n) / (n - 1);
  // λmax >= n holds exactly; rounding can put it a hair below for a consistent matrix.
  if (std::fabs(result.consistency_index) < 1e-12) result.consistency_index = 0;
  result.consistency_ratio =
      result.random_index > 0 ? result.consistency_index / result.random_index : 0.0;
  return result;
}

}  // namespace jobaward
