// Sobol indices against closed forms, through the same machinery as the award analysis.
#include "jobaward/sensitivity/sobol.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <pcg_random.hpp>
#include <random>
#include <thread>
#include <vector>

namespace jobaward {
namespace {

// Checks `expected` lies in [low, high] of group g, output 0, with the estimate reported.
void CheckInInterval(const Eigen::MatrixXd& estimate, const Eigen::MatrixXd& low,
                     const Eigen::MatrixXd& high, int g, double expected) {
  INFO("group " << g << ": estimate " << estimate(g, 0) << " CI [" << low(g, 0) << ", "
                << high(g, 0) << "] expected " << expected);
  CHECK(low(g, 0) <= expected);
  CHECK(expected <= high(g, 0));
}

SobolFunctionFactory Ishigami() {
  return [] {
    return [](std::span<const GroupDraw> draws, std::span<double> out) {
      constexpr double kPi = std::numbers::pi;
      const double x1 = -kPi + 2 * kPi * draws[0].uniforms[0];
      const double x2 = -kPi + 2 * kPi * draws[1].uniforms[0];
      const double x3 = -kPi + 2 * kPi * draws[2].uniforms[0];
      out[0] = std::sin(x1) + 7 * std::pow(std::sin(x2), 2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
    };
  };
}

}  // namespace

TEST_SUITE("sobol") {
  TEST_CASE("Ishigami indices (a=7, b=0.1) lie within the bootstrap intervals") {
    const std::vector<SobolGroup> groups = {{"x1", 1}, {"x2", 1}, {"x3", 1}};
    for (const bool quasi : {true, false}) {
      INFO("quasi_random " << quasi);
      SobolOptions options;
      options.base_samples = 8192;
      options.seed = 7;
      options.quasi_random = quasi;
      options.bootstrap_units = 256;
      const SobolIndices s = ComputeSobolIndices(groups, 1, Ishigami(), options);
      const double first[] = {0.3139, 0.4424, 0.0};
      const double total[] = {0.5576, 0.4424, 0.2437};
      for (int g = 0; g < 3; ++g) {
        CheckInInterval(s.first, s.first_low, s.first_high, g, first[g]);
        CheckInInterval(s.total, s.total_low, s.total_high, g, total[g]);
      }
      // Analytic mean a/2 and variance a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2.
      const double pi4 = std::pow(std::numbers::pi, 4);
      CHECK(s.mean[0] == doctest::Approx(3.5).epsilon(0.05));
      CHECK(s.variance[0] ==
            doctest::Approx(49.0 / 8 + 0.1 * pi4 / 5 + 0.01 * pi4 * pi4 / 18 + 0.5).epsilon(0.03));
      CHECK(s.evaluations == 8192 * 5 + 1);
    }
  }

  TEST_CASE("a linear model has S_i = ST_i = w_i² σ_i² / Σ w_j² σ_j², with keyed vector groups") {
    // y = Σ w_i x_i with x_i ~ N(0, σ_i²) drawn by the model from the group's own stream (the
    // scheme used for vectors of random numbers such as reviewer noise).
    const std::vector<double> w = {1.0, 2.0, 0.5, 0.0};
    const std::vector<double> sigma = {1.0, 0.5, 3.0, 1.0};
    std::vector<SobolGroup> groups;
    for (std::size_t i = 0; i < w.size(); ++i) groups.push_back({"x" + std::to_string(i), 0});
    const SobolFunctionFactory factory = [&] {
      return [&](std::span<const GroupDraw> draws, std::span<double> out) {
        out[0] = 10;  // A large mean next to the spread: the centring keeps estimates stable.
        for (std::size_t i = 0; i < w.size(); ++i) {
          pcg64 rng(draws[i].key);
          std::normal_distribution<double> normal(0.0, sigma[i]);
          out[0] += w[i] * normal(rng);
        }
        out[1] = 4.0;  // A constant output: indices undefined.
      };
    };
    SobolOptions options;
    options.base_samples = 4096;
    options.seed = 11;
    options.bootstrap_units = 4096;
    const SobolIndices s = ComputeSobolIndices(groups, 2, factory, options);
    double sum = 0;
    for (std::size_t i = 0; i < w.size(); ++i) sum += w[i] * w[i] * sigma[i] * sigma[i];
    for (int g = 0; g < 4; ++g) {
      const auto gi = static_cast<std::size_t>(g);
      const double expected = w[gi] * w[gi] * sigma[gi] * sigma[gi] / sum;
      CheckInInterval(s.first, s.first_low, s.first_high, g, expected);
      CheckInInterval(s.total, s.total_low, s.total_high, g, expected);
    }
    CHECK(s.total(3, 0) == 0.0);  // x3 has weight 0: f_A = f_AB3 exactly.
    CHECK(std::isnan(s.first(0, 1)));
    CHECK(std::isnan(s.total_high(0, 1)));
  }

  TEST_CASE("indices are bit-identical for 1, 2 and 3 threads") {
    const std::vector<SobolGroup> groups = {{"x1", 1}, {"x2", 1}, {"x3", 1}};
    SobolOptions options;
    options.base_samples = 1000;
    options.bootstrap_units = 10;
    options.bootstrap_resamples = 50;
    const SobolIndices one = ComputeSobolIndices(groups, 1, Ishigami(), options);
    for (const int threads : {2, 3}) {
      options.threads = threads;
      const SobolIndices many = ComputeSobolIndices(groups, 1, Ishigami(), options);
      CHECK((one.first.array() == many.first.array()).all());
      CHECK((one.total.array() == many.total.array()).all());
      CHECK((one.first_low.array() == many.first_low.array()).all());
      CHECK((one.total_high.array() == many.total_high.array()).all());
    }
  }

  TEST_CASE("progress counts evaluations on the calling thread and ends at the total") {
    const std::vector<SobolGroup> groups = {{"x1", 1}, {"x2", 1}, {"x3", 1}};
    SobolOptions options;
    options.base_samples = 256;
    options.bootstrap_units = 16;
    options.threads = 3;
    const SobolIndices plain = ComputeSobolIndices(groups, 1, Ishigami(), options);
    std::vector<std::int64_t> done;
    const std::thread::id caller = std::this_thread::get_id();
    bool same_thread = true;
    options.progress = [&](std::int64_t d, std::int64_t planned) {
      CHECK_EQ(planned, 256 * 5 + 1);
      same_thread = same_thread && std::this_thread::get_id() == caller;
      done.push_back(d);
    };
    const SobolIndices reported = ComputeSobolIndices(groups, 1, Ishigami(), options);
    CHECK(same_thread);
    REQUIRE(!done.empty());
    CHECK(std::is_sorted(done.begin(), done.end()));
    CHECK_EQ(done.back(), reported.evaluations);
    // Watching does not change what is computed.
    CHECK_EQ(reported.first, plain.first);
    CHECK_EQ(reported.total_high, plain.total_high);
  }

  TEST_CASE("Sobol points are boost's, origin excluded: (1/2, 1/2, 1/2), (3/4, 1/4, 1/4), ...") {
    CHECK(SobolPoint(3, 0) == std::vector<double>{0.5, 0.5, 0.5});
    CHECK(SobolPoint(3, 1) == std::vector<double>{0.75, 0.25, 0.25});
    CHECK(SobolPoint(3, 2) == std::vector<double>{0.25, 0.75, 0.75});
    CHECK(SobolPoint(3, 3) == std::vector<double>{0.375, 0.375, 0.625});
  }

  TEST_CASE("stream keys differ by matrix, sample and group, and repeat for equal arguments") {
    CHECK(GroupStreamKey(1, 'A', 0, 0) == GroupStreamKey(1, 'A', 0, 0));
    CHECK(GroupStreamKey(1, 'A', 0, 0) != GroupStreamKey(1, 'B', 0, 0));
    CHECK(GroupStreamKey(1, 'A', 0, 0) != GroupStreamKey(1, 'A', 1, 0));
    CHECK(GroupStreamKey(1, 'A', 0, 0) != GroupStreamKey(1, 'A', 0, 1));
    CHECK(GroupStreamKey(1, 'A', 0, 0) != GroupStreamKey(2, 'A', 0, 0));
  }
}

}  // namespace jobaward
