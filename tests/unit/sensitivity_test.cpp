// Sobol indices of uncertainty groups on award outputs, through the real pipeline.
#include <doctest/doctest.h>

#include <cmath>

#include "jobaward/sensitivity.hpp"
#include "jobaward/uncertainty.hpp"
#include "simulation_fixture.hpp"

namespace jobaward {
namespace {

UncertaintyModel NoiseOnTiny(const test::TinyAward& award, double field_sd, double reviewer_sd) {
  UncertaintySpec spec;
  ReviewerNoiseSpec reviewer;
  reviewer.indicator = "review";
  reviewer.sd = reviewer_sd;
  spec.reviewer_noise = {reviewer};
  MeasurementNoiseSpec measurement;
  measurement.field = "x";
  measurement.kind = NoiseKind::kAbsolute;
  measurement.sd = field_sd;
  spec.measurement_noise = {measurement};
  return CompileUncertainty(spec, award.models);
}

int GroupIndex(const AwardSobolResult& result, const std::string& prefix) {
  for (std::size_t g = 0; g < result.groups.size(); ++g) {
    if (result.groups[g].rfind(prefix, 0) == 0) return static_cast<int>(g);
  }
  FAIL("no group " << prefix);
  return -1;
}

}  // namespace

TEST_SUITE("sensitivity") {
  TEST_CASE("score indices match the closed form of a linear indicator plus a reviewer panel") {
    // score = 60 (x + e + 1000)/2000 + 40 mean_k(s_k + r_k)/100 with e ~ N(0, 50²) and
    // r_k ~ N(0, 3²) on 3 reviewers (no clipping at 70..80): Var = (0.03·50)² + 0.4²·9/3, so
    // S_field = 2.25/2.73 and S_reviewer = 0.48/2.73, first order = total (additive model).
    const auto award = test::MakeTinyAward({0, 10, 20, 30});
    const UncertaintyModel uncertainty = NoiseOnTiny(award, 50, 3);
    SobolOptions options;
    options.base_samples = 2048;
    options.seed = 5;
    options.bootstrap_units = 256;
    const AwardSobolResult result = RunAwardSobol(award.models, uncertainty, options);
    REQUIRE(result.groups.size() == 2);
    REQUIRE(result.outputs.size() == 4 + 4 + 1);
    const int field = GroupIndex(result, "field:x");
    const int reviewer = GroupIndex(result, "reviewer:");
    const double expected_field = 2.25 / 2.73;
    const double expected_reviewer = 0.48 / 2.73;
    for (int o = 0; o < 4; ++o) {
      REQUIRE(result.outputs[static_cast<std::size_t>(o)].kind == AwardOutput::Kind::kScore);
      const SobolIndices& s = result.indices;
      INFO("output " << o << " S_field " << s.first(field, o) << " ST_field " << s.total(field, o));
      CHECK(s.first_low(field, o) <= expected_field);
      CHECK(expected_field <= s.first_high(field, o));
      CHECK(s.total_low(field, o) <= expected_field);
      CHECK(expected_field <= s.total_high(field, o));
      CHECK(s.first_low(reviewer, o) <= expected_reviewer);
      CHECK(expected_reviewer <= s.first_high(reviewer, o));
      CHECK(s.variance[o] == doctest::Approx(2.73).epsilon(0.1));
    }
    const AwardOutput& keeps = result.outputs.back();
    CHECK(keeps.kind == AwardOutput::Kind::kWinnerKeeps);
    CHECK(keeps.row == 3);  // The largest x wins at baseline.
  }

  TEST_CASE("award Sobol indices are identical for 1 and 2 threads") {
    const auto award = test::MakeTinyAward({0, 1, 2, 3, 4});
    const UncertaintyModel uncertainty = NoiseOnTiny(award, 2, 5);
    SobolOptions options;
    options.base_samples = 256;
    options.bootstrap_units = 16;
    options.bootstrap_resamples = 40;
    const AwardSobolResult one = RunAwardSobol(award.models, uncertainty, options);
    options.threads = 2;
    const AwardSobolResult two = RunAwardSobol(award.models, uncertainty, options);
    const auto same = [](const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
      return ((a.array() == b.array()) || (a.array().isNaN() && b.array().isNaN())).all();
    };
    CHECK(same(one.indices.first, two.indices.first));
    CHECK(same(one.indices.total, two.indices.total));
    CHECK(same(one.indices.first_low, two.indices.first_low));
    CHECK(same(one.indices.total_high, two.indices.total_high));
  }

  TEST_CASE("an output no group can move has undefined (NaN) indices") {
    // Government 4 is so far ahead that its rank never changes.
    const auto award = test::MakeTinyAward({0, 1, 2, 3, 900});
    const UncertaintyModel uncertainty = NoiseOnTiny(award, 1, 1);
    SobolOptions options;
    options.base_samples = 64;
    options.bootstrap_units = 8;
    options.bootstrap_resamples = 20;
    const AwardSobolResult result = RunAwardSobol(award.models, uncertainty, options);
    const int rank_of_4 = 5 + 4;
    REQUIRE(result.outputs[rank_of_4].kind == AwardOutput::Kind::kRank);
    CHECK(result.indices.mean[rank_of_4] == 1.0);
    CHECK(std::isnan(result.indices.first(0, rank_of_4)));
  }
}

}  // namespace jobaward
