// AHP priorities against Saaty's published drinks-consumption example, and consistency.
#include "jobaward/ahp.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace jobaward {

TEST_SUITE("ahp") {
  TEST_CASE("Saaty's drinks example reproduces the published eigenvector and CR 0.022") {
    // Saaty, "Decision making with the analytic hierarchy process", Int. J. Services Sciences
    // 1(1), 2008, table 2 (relative consumption of drinks in the US); items in its order.
    // Published priorities: coffee .177, wine .019, tea .042, beer .116, sodas .190, milk .129,
    // water .327; C.R. = .022.
    Eigen::MatrixXd a(7, 7);
    a << 1, 9, 5, 2, 1, 1, 1.0 / 2,                               //
        1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9,  //
        1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9,        //
        1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,                    //
        1, 9, 4, 2, 1, 2, 1.0 / 2,                                //
        1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3,                          //
        2, 9, 9, 3, 2, 3, 1;
    const AhpResult r = ComputeAhp(a);
    const double published[] = {0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327};
    for (int i = 0; i < 7; ++i) {
      INFO("item " << i << " weight " << r.weights[i]);
      CHECK(std::fabs(r.weights[i] - published[i]) <= 0.0005 + 1e-12);  // Published to 3 places.
    }
    CHECK(r.weights.sum() == doctest::Approx(1.0));
    CHECK(r.random_index == 1.32);
    CHECK(r.consistency_ratio == doctest::Approx(0.022).epsilon(0.1));
    CHECK(r.consistency_index == doctest::Approx((r.lambda_max - 7) / 6));
  }

  TEST_CASE(
      "a consistent matrix has lambda_max = n, CR = 0 and weights proportional to its ratios") {
    const Eigen::Vector4d w(0.4, 0.3, 0.2, 0.1);
    Eigen::MatrixXd a(4, 4);
    for (int i = 0; i < 4; ++i) {
      for (int j = 0; j < 4; ++j) a(i, j) = w[i] / w[j];
    }
    const AhpResult r = ComputeAhp(a);
    CHECK(r.lambda_max == doctest::Approx(4.0));
    CHECK(r.consistency_ratio == doctest::Approx(0.0).scale(1));
    for (int i = 0; i < 4; ++i) CHECK(r.weights[i] == doctest::Approx(w[i]));
  }

  TEST_CASE("two items are always consistent; one item has weight 1") {
    Eigen::MatrixXd two(2, 2);
    two << 1, 5, 0.2, 1;
    const AhpResult r = ComputeAhp(two);
    CHECK(r.weights[0] == doctest::Approx(5.0 / 6));
    CHECK(r.consistency_ratio == 0.0);
    CHECK(ComputeAhp(Eigen::MatrixXd::Ones(1, 1)).weights[0] == 1.0);
  }

  TEST_CASE("RandomIndex is Saaty's table for n = 1..10") {
    const double table[] = {0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49};
    for (int n = 1; n <= 10; ++n) CHECK(RandomIndex(n) == table[n - 1]);
  }
}

}  // namespace jobaward
