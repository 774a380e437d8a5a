// Tests of the vectorised counter-based variates (engine/src/core/simulation/variates.hpp): Philox
// against Random123's known answers, every SIMD target against the forced baseline bit for bit (the
// variates and a whole simulation of the bundled 2020 award), the counter property, and the
// moments of the normals.
#include "src/core/simulation/variates.hpp"

#include <doctest/doctest.h>
#include <hwy/targets.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>
#include <vector>

#include "bundled_inputs.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/simulation/simulation.hpp"
#include "simulation_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

// Runs `f` with Highway restricted to its portable baseline, then restores the CPU's targets.
template <typename F>
auto OnBaseline(F f) {
  hwy::SetSupportedTargetsForTest(HWY_SCALAR);
  struct Restore {
    ~Restore() { hwy::SetSupportedTargetsForTest(0); }
  } restore;
  return f();
}

bool SameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::vector<double> Range(std::uint64_t key, std::uint32_t first, std::size_t n) {
  std::vector<double> out(n);
  detail::CounterNormals(key, 3, 7, first, n, out.data());
  return out;
}

TEST_SUITE("variates") {
  TEST_CASE("Philox4x32-10 gives Random123's known answers") {
    // Random123 1.14, kat_vectors: philox4x32 10 (counter, key, result).
    const auto kat = [](std::array<std::uint32_t, 4> counter, std::uint32_t key_lo,
                        std::uint32_t key_hi, std::array<std::uint32_t, 4> expected) {
      std::uint32_t out[4];
      detail::Philox(counter.data(), (static_cast<std::uint64_t>(key_hi) << 32) | key_lo, out);
      for (int i = 0; i < 4; ++i) CHECK_EQ(out[i], expected[static_cast<std::size_t>(i)]);
    };
    kat({0, 0, 0, 0}, 0, 0, {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
    kat({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, 0xffffffff, 0xffffffff,
        {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
    kat({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, 0xa4093822, 0x299f31d0,
        {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
  }

  TEST_CASE("the dispatched SIMD target gives the baseline's bits") {
    INFO("dispatched target: " << detail::VariateTarget());
    // 10,007 normals: every vector width's remainder, and about 280 of the slow path (whose
    // scalar Philox the vector Philox must match for the normals to agree).
    const std::size_t n = 10007;
    const auto fast = Range(0x9e3779b97f4a7c15ULL, 0, n);
    const auto base = OnBaseline([&] { return Range(0x9e3779b97f4a7c15ULL, 0, n); });
    CHECK(SameBits(fast, base));
    std::vector<std::uint32_t> index(n);
    for (std::size_t i = 0; i < n; ++i) index[i] = static_cast<std::uint32_t>((i * 7919) % 20011);
    const auto gathered = [&] {
      std::vector<double> out(n);
      detail::CounterNormals(0x9e3779b97f4a7c15ULL, 3, 7, index, out.data());
      return out;
    };
    CHECK(SameBits(gathered(), OnBaseline(gathered)));
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i)
      values[i] = i % 97 == 0 ? NAN : 0.5 + static_cast<double>(i);
    const auto lognormal = [&] {
      std::vector<double> out(n);
      detail::ApplyLognormal(values.data(), fast.data(), n, 0.3, -0.045, 0, 5000, out.data());
      return out;
    };
    const auto normal = [&] {
      std::vector<double> out(n);
      detail::ApplyNormal(values.data(), fast.data(), n, 2.5, 1, 9000, out.data());
      return out;
    };
    const auto shifted = [&] {
      std::vector<double> out(n);
      detail::ApplyShiftedNormal(values.data(), fast.data(), n, -1.75, 5, 0, 100, out.data());
      return out;
    };
    CHECK(SameBits(lognormal(), OnBaseline(lognormal)));
    CHECK(SameBits(normal(), OnBaseline(normal)));
    CHECK(SameBits(shifted(), OnBaseline(shifted)));
    const auto l = lognormal();
    CHECK(std::isnan(l[0]));
    CHECK_EQ(l[1], 1.5 * std::exp(0.3 * fast[1] - 0.045));  // Both exp within 1 ulp: SLEEF u1.0.
  }

  TEST_CASE("reviewer noise on a score column is the scalar formula, clipped, NaN kept") {
    // Scores around both bounds, so that both clips and the open range are exercised.
    const std::size_t n = 1001;
    const auto z = Range(11, 0, n);
    std::vector<double> scores(n);
    for (std::size_t i = 0; i < n; ++i)
      scores[i] = i % 50 == 7 ? NAN : static_cast<double>(i % 101);
    std::vector<double> out(n);
    detail::ApplyShiftedNormal(scores.data(), z.data(), n, 1.25, 5, 0, 100, out.data());
    std::size_t clipped_low = 0, clipped_high = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(scores[i])) {
        CHECK(std::isnan(out[i]));
        continue;
      }
      const double expected = std::clamp(scores[i] + 1.25 + 5 * z[i], 0.0, 100.0);
      CHECK_EQ(std::memcmp(&out[i], &expected, sizeof(double)), 0);
      clipped_low += out[i] == 0 ? 1 : 0;
      clipped_high += out[i] == 100 ? 1 : 0;
    }
    CHECK(clipped_low > 0);
    CHECK(clipped_high > 0);
  }

  TEST_CASE("a variate depends on its own counter only") {
    const auto all = Range(42, 0, 1000);
    // Odd and even starts, any subset, any order.
    const auto tail = Range(42, 301, 200);
    for (std::size_t i = 0; i < tail.size(); ++i) CHECK_EQ(tail[i], all[301 + i]);
    const std::vector<std::uint32_t> some = {999, 5, 6, 500, 0};
    std::vector<double> picked(some.size());
    detail::CounterNormals(42, 3, 7, some, picked.data());
    for (std::size_t i = 0; i < some.size(); ++i) CHECK_EQ(picked[i], all[some[i]]);
    // Another stream, sub or key gives other values.
    std::vector<double> other(1000);
    detail::CounterNormals(42, 3, 8, 0, 1000, other.data());
    CHECK_NE(other[10], all[10]);
  }

  TEST_CASE("counter normals have mean 0, variance 1 and the right tails") {
    const std::size_t n = 400000;
    const auto z = Range(2020, 0, n);
    double sum = 0, sum2 = 0;
    std::size_t beyond1 = 0, beyond3 = 0;
    for (const double v : z) {
      sum += v;
      sum2 += v * v;
      beyond1 += std::fabs(v) > 1 ? 1 : 0;
      beyond3 += std::fabs(v) > 3 ? 1 : 0;
    }
    const auto nn = static_cast<double>(n);
    // 4 standard errors each: mean sd 1/sqrt(n); variance sd sqrt(2/n); the tail counts binomial.
    CHECK(std::fabs(sum / nn) < 4 / std::sqrt(nn));
    CHECK(std::fabs(sum2 / nn - 1) < 4 * std::sqrt(2 / nn));
    const double p1 = 0.31731050786291415, p3 = 0.0026997960632601866;
    CHECK(std::fabs(static_cast<double>(beyond1) / nn - p1) < 4 * std::sqrt(p1 * (1 - p1) / nn));
    CHECK(std::fabs(static_cast<double>(beyond3) / nn - p3) < 4 * std::sqrt(p3 * (1 - p3) / nn));
  }

  TEST_CASE("a simulation of the bundled award gives the same bytes on the baseline target") {
    AwardPaths paths = test::BundledAwardPaths();
    const ScoringSetup setup = LoadScoringSetup(paths);
    const auto models = CompileReports(setup, test::SourcePath("examples/2020/reports"));
    const auto uncertainty =
        CompileUncertainty(LoadUncertainty(test::SourcePath("examples/2020/uncertainty.yaml")),
                           models, &setup.rules, &setup.registry);
    SimulationConfig config;
    config.seed = 7;
    config.draws = 300;
    config.confidence_draws = 20;
    const auto run = [&] { return test::Fingerprint(Simulate(models, uncertainty, config)); };
    const std::string dispatched = run();
    CHECK(dispatched == OnBaseline(run));
  }
}

}  // namespace
}  // namespace jobaward
