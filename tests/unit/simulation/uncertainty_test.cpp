// Tests of the uncertainty model (uncertainty.hpp) and its YAML loader (uncertainty_yaml.hpp).
#include "jobaward/simulation/uncertainty.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "bundled_inputs.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "simulation_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

using test::MakeTinyAward;

std::vector<std::uint64_t> Keys(const UncertaintyModel& model, std::uint64_t seed,
                                std::uint64_t draw) {
  std::vector<std::uint64_t> keys(model.groups().size());
  for (std::size_t g = 0; g < keys.size(); ++g) keys[g] = GroupKey(seed, draw, g);
  return keys;
}

std::string Message(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.ToString() + "\n";
    return all;
  }
  return "no error";
}

// Reviewer noise with leniency, relative measurement noise on x and uniform domain weights on
// the tiny award: one group of every kind but thresholds (4 groups).
UncertaintySpec EveryKindOfNoise() {
  UncertaintySpec spec;
  spec.reviewer_noise.push_back({"review", 5.0, 1.0, {}});
  spec.measurement_noise.push_back({"x", "", NoiseKind::kRelative, 0.1, {}});
  WeightUncertaintySpec w;
  w.factor_min = 0.5;
  w.factor_max = 1.5;
  spec.weights = w;
  return spec;
}

TEST_SUITE("uncertainty") {
  TEST_CASE("the normal generator has mean 0, variance 1 and the right tail") {
    GroupStream s(42);
    const int n = 400000;
    double sum = 0, sum2 = 0;
    int beyond = 0;
    for (int i = 0; i < n; ++i) {
      const double z = s.Normal();
      sum += z;
      sum2 += z * z;
      if (std::abs(z) > 3.0) ++beyond;
    }
    const double mean = sum / n;
    CHECK(std::abs(mean) < 4 / std::sqrt(n));
    CHECK(std::abs(sum2 / n - 1) < 4 * std::sqrt(2.0 / n));
    const double tail = 0.0026997960632601866;  // P(|Z| > 3)
    CHECK(std::abs(beyond / static_cast<double>(n) - tail) < 4 * std::sqrt(tail / n));
  }

  TEST_CASE("gamma variates have mean and variance equal to the shape") {
    for (const double shape : {0.3, 1.0, 7.5}) {
      GroupStream s(7);
      const int n = 200000;
      double sum = 0, sum2 = 0;
      for (int i = 0; i < n; ++i) {
        const double g = s.Gamma(shape);
        sum += g;
        sum2 += g * g;
      }
      const double mean = sum / n;
      CHECK(std::abs(mean - shape) < 5 * std::sqrt(shape / n));
      CHECK(sum2 / n - mean * mean == doctest::Approx(shape).epsilon(0.03));
    }
  }

  TEST_CASE("zero noise reproduces the base inputs bit for bit") {
    auto t = MakeTinyAward({3, 1, 2});
    UncertaintySpec spec;
    spec.reviewer_noise.push_back({"*", 0.0, 0.0, {}});
    spec.measurement_noise.push_back({"x", "", NoiseKind::kRelative, 0.0, {}});
    WeightUncertaintySpec w;
    spec.weights = w;  // uniform [1, 1]
    const auto model = CompileUncertainty(spec, t.models);
    DrawState state(model);
    ApplyDraw(model, Keys(model, 1, 0), state);
    const Perturbation& p = state.perturbation(0);
    REQUIRE(p.indicator_points != nullptr);
    CHECK(*p.indicator_points == t.models[0].indicator_points);
    if (p.fields != nullptr) CHECK(*p.fields == t.models[0].fields);
  }

  TEST_CASE("reviewer scores stay within the score range") {
    auto t = MakeTinyAward({1, 2}, {2, 98, 50});
    UncertaintySpec spec;
    spec.reviewer_noise.push_back({"review", 30.0, 10.0, {}});
    const auto model = CompileUncertainty(spec, t.models);
    DrawState state(model);
    for (std::uint64_t d = 0; d < 200; ++d) {
      ApplyDraw(model, Keys(model, 3, d), state);
      const auto& panel = state.perturbation(0).panels->at(0);
      CHECK(panel.minCoeff() >= 0.0);
      CHECK(panel.maxCoeff() <= 100.0);
    }
  }

  TEST_CASE("relative noise keeps the mean of a figure") {
    auto t = MakeTinyAward({200, 100});
    UncertaintySpec spec;
    spec.measurement_noise.push_back({"x", "", NoiseKind::kRelative, 0.2, {}});
    const auto model = CompileUncertainty(spec, t.models);
    DrawState state(model);
    const int n = 20000;
    double sum = 0;
    const int column = t.models[0].FieldColumn("x");
    for (int d = 0; d < n; ++d) {
      ApplyDraw(model, Keys(model, 5, static_cast<std::uint64_t>(d)), state);
      sum += (*state.perturbation(0).fields)(0, column);
    }
    // sd of x * exp(0.2 z - 0.02) is about 200 * 0.2; the mean is 200.
    CHECK(std::abs(sum / n - 200.0) < 4 * 200 * 0.2 / std::sqrt(n));
  }

  TEST_CASE("drawn weights sum to the nominal total and the dirichlet mean is the nominal split") {
    auto t = MakeTinyAward({1, 2});
    UncertaintySpec spec;
    WeightUncertaintySpec w;
    w.method = WeightMethod::kDirichlet;
    w.level = WeightLevel::kDomain;
    w.concentration = 50;
    spec.weights = w;
    const auto model = CompileUncertainty(spec, t.models);
    REQUIRE_EQ(model.weight_names(0), std::vector<std::string>{"plan", "outcome"});
    DrawState state(model);
    const int n = 20000;
    double plan = 0;
    for (int d = 0; d < n; ++d) {
      ApplyDraw(model, Keys(model, 9, static_cast<std::uint64_t>(d)), state);
      const auto weights = state.weights(0);
      CHECK(weights[0] + weights[1] == doctest::Approx(100.0).epsilon(1e-12));
      CHECK(state.perturbation(0).indicator_points->sum() == doctest::Approx(100.0).epsilon(1e-12));
      plan += weights[0];
    }
    // Beta(30, 20) * 100: mean 60, sd 100 * sqrt(0.6 * 0.4 / 51).
    CHECK(std::abs(plan / n - 60.0) < 4 * 100 * std::sqrt(0.24 / 51) / std::sqrt(n));
  }

  TEST_CASE("a group's values depend only on its own key") {
    auto t = MakeTinyAward({1, 2, 3});
    UncertaintySpec spec;
    spec.reviewer_noise.push_back({"review", 5.0, 0.0, {}});
    spec.measurement_noise.push_back({"x", "", NoiseKind::kAbsolute, 1.0, {}});
    const auto model = CompileUncertainty(spec, t.models);
    REQUIRE_EQ(model.groups().size(), 2U);
    CHECK_EQ(model.groups()[0].name, "reviewer:review");
    CHECK_EQ(model.groups()[1].name, "field:x");
    DrawState a(model);
    DrawState b(model);
    ApplyDraw(model, std::vector<std::uint64_t>{11, 22}, a);
    ApplyDraw(model, std::vector<std::uint64_t>{11, 33}, b);
    CHECK(*a.perturbation(0).panels == *b.perturbation(0).panels);
    CHECK(*a.perturbation(0).fields != *b.perturbation(0).fields);
  }

  TEST_CASE("a state that redraws only changed groups equals a fresh draw") {
    auto t = MakeTinyAward({1, 2, 3});
    const auto model = CompileUncertainty(EveryKindOfNoise(), t.models);
    const std::size_t groups = model.groups().size();
    auto same = [&](const DrawState& a, const DrawState& b) {
      return *a.perturbation(0).panels == *b.perturbation(0).panels &&
             *a.perturbation(0).fields == *b.perturbation(0).fields &&
             *a.perturbation(0).indicator_points == *b.perturbation(0).indicator_points;
    };
    DrawState reused(model);
    ApplyDraw(model, Keys(model, 1, 0), reused);
    // Change one group at a time, as the Sobol analysis does (A, then A with group g from B).
    for (std::size_t g = 0; g < groups; ++g) {
      auto keys = Keys(model, 1, 0);
      keys[g] = Keys(model, 2, 0)[g];
      ApplyDraw(model, keys, reused);
      DrawState fresh(model);
      ApplyDraw(model, keys, fresh);
      CHECK(same(reused, fresh));
    }
    // Supplied uniforms (Sobol's low-discrepancy points) count as part of a group's input.
    std::vector<double> uniforms(groups, 0.25);
    ApplyDraw(model, Keys(model, 1, 0), reused, uniforms);
    uniforms[groups - 1] = 0.75;
    ApplyDraw(model, Keys(model, 1, 0), reused, uniforms);
    DrawState fresh(model);
    ApplyDraw(model, Keys(model, 1, 0), fresh, uniforms);
    CHECK(same(reused, fresh));
    // Back to stream values for the same keys.
    ApplyDraw(model, Keys(model, 1, 0), reused);
    DrawState plain(model);
    ApplyDraw(model, Keys(model, 1, 0), plain);
    CHECK(same(reused, plain));
    // Releasing fixed weights draws them again.
    reused.FixWeights(0, std::vector<double>{30, 70});
    ApplyDraw(model, Keys(model, 1, 0), reused);
    reused.ReleaseWeights();
    ApplyDraw(model, Keys(model, 1, 0), reused);
    CHECK(same(reused, plain));
  }

  TEST_CASE("a reused workspace recomputes exactly the columns whose inputs changed") {
    auto t = MakeTinyAward({1, 2, 3});
    const ScoringModel& model = t.models[0];
    const auto uncertainty = CompileUncertainty(EveryKindOfNoise(), t.models);
    REQUIRE_EQ(uncertainty.groups().size(), 4U);  // Two weight units, reviewers, field.
    DrawState state(uncertainty);
    Workspace reused;
    reused.reuse_unchanged_columns = true;
    // One group at a time (weights, panel, field), then all, then back to a state seen before.
    const std::vector<std::vector<std::uint64_t>> sequence = {
        {1, 1, 1, 1}, {2, 1, 1, 1}, {2, 2, 1, 1}, {2, 2, 2, 1},
        {2, 2, 2, 2}, {3, 3, 3, 3}, {1, 1, 1, 1}, {1, 1, 1, 1}};
    for (const auto& keys : sequence) {
      ApplyDraw(uncertainty, keys, state);
      const Outcome& got = Evaluate(model, state.perturbation(0), reused);
      Workspace fresh;
      const Outcome& want = Evaluate(model, state.perturbation(0), fresh);
      CHECK(got.raw == want.raw);
      CHECK(got.points == want.points);
      CHECK(got.final_score == want.final_score);
      CHECK(got.rank == want.rank);
      CHECK(got.missing == want.missing);
    }
    // A model of the same shape with another combination rule is not served stale values.
    ScoringModel trimmed = model;
    for (auto& c : trimmed.compiled) c.params.combine = PanelCombine::kTrimmedMean;
    Eigen::MatrixXd panel = model.panels[0];
    panel(0, 0) = 0;
    panel(0, 2) = 100;  // Scores 0, 75, 100: mean 58.33, trimmed mean 75.
    const std::vector<Eigen::MatrixXd> panels = {panel};
    Perturbation p;
    p.panels = &panels;
    const int review = 1;
    CHECK(Evaluate(model, p, reused).raw(0, review) == doctest::Approx(175.0 / 3));
    CHECK(Evaluate(trimmed, p, reused).raw(0, review) == doctest::Approx(75));
  }

  TEST_CASE("stage-2 panels drawn for the advancers only hold the full draw's scores of them") {
    // The bundled award: interview panels read by stage 2 only, drawn after the advance.
    const ScoringSetup setup = LoadScoringSetup(test::BundledAwardPaths());
    const auto models = CompileReports(setup, test::SourcePath("examples/2020/reports"));
    const auto model =
        CompileUncertainty(LoadUncertainty(test::SourcePath("examples/2020/uncertainty.yaml")),
                           models, &setup.rules, &setup.registry);
    const auto keys = Keys(model, 11, 3);
    DrawState full(model), deferred(model);
    deferred.DrawStage2ForAdvancersOnly(true);
    ApplyDraw(model, keys, full);
    ApplyDraw(model, keys, deferred);
    for (std::size_t c = 0; c < models.size(); ++c) {
      CAPTURE(c);
      const Perturbation& p = deferred.perturbation(c);
      REQUIRE(p.before_stage2);
      std::vector<char> advanced(models[c].row_code.size());
      for (std::size_t r = 0; r < advanced.size(); ++r)
        advanced[r] = r % 3 == 0 || r % 7 == 1 ? 1 : 0;
      p.before_stage2(advanced);
      const auto& drawn = *full.perturbation(c).panels;
      const auto& picked = *p.panels;
      std::size_t compared = 0;
      for (std::size_t q = 0; q < drawn.size(); ++q) {
        for (Eigen::Index k = 0; k < drawn[q].cols(); ++k) {
          for (Eigen::Index r = 0; r < drawn[q].rows(); ++r) {
            if (advanced[static_cast<std::size_t>(r)] == 0 || std::isnan(drawn[q](r, k))) continue;
            const double a = drawn[q](r, k), b = picked[q](r, k);
            CHECK_EQ(std::memcmp(&a, &b, sizeof a), 0);
            ++compared;
          }
        }
      }
      CHECK(compared > 0);
    }
  }

  TEST_CASE("fixed weights replace the drawn ones") {
    auto t = MakeTinyAward({1, 2});
    UncertaintySpec spec;
    WeightUncertaintySpec w;
    w.factor_min = 0.5;
    w.factor_max = 1.5;
    spec.weights = w;
    const auto model = CompileUncertainty(spec, t.models);
    DrawState state(model);
    const std::vector<double> fixed = {30, 70};
    state.FixWeights(0, fixed);
    ApplyDraw(model, Keys(model, 1, 0), state);
    CHECK(state.weights(0)[0] == doctest::Approx(30));
    CHECK((*state.perturbation(0).indicator_points)[1] == doctest::Approx(70));
  }

  TEST_CASE("an indicator that is not re-weighted keeps its points and stays out of the sum") {
    // rubrics/README.md, "Weights": plan 30, execution 30, outcome 40 + a 100-point interview;
    // factors 1.2, 1.2, 0.8 (fixed as unit weights 36, 36, 32).
    for (const bool reweighted : {false, true}) {
      auto t = MakeTinyAward({1, 2});
      Rubric& r = t.rubric;
      Indicator plan = r.indicators[0];
      plan.points = 30;
      Indicator execution = plan;
      execution.id = "execution";
      execution.domain = Domain::kExecution;
      Indicator outcome = plan;
      outcome.id = "outcome";
      outcome.domain = Domain::kOutcome;
      outcome.points = 40;
      Indicator interview = r.indicators[1];
      interview.points = 100;
      interview.stage = 2;
      interview.reweighted = reweighted;
      r.indicators = {plan, execution, outcome, interview};
      r.domains[0].points = 30;
      r.domains[1].points = 30;
      r.domains[2].points = 140;
      r.total_points = 200;
      ValidateRubric(r);
      const std::vector<ScoringModel> models = {Compile(r, t.registry, t.cohorts, t.reports)};
      UncertaintySpec spec;
      WeightUncertaintySpec w;
      w.factor_min = 0.8;
      w.factor_max = 1.2;
      spec.weights = w;
      const auto model = CompileUncertainty(spec, models);
      DrawState state(model);
      // The outcome unit's nominal points: 40 alone, or 140 with the interview.
      const double outcome_points = reweighted ? 140 : 40;
      REQUIRE_EQ(model.nominal_weights(0), std::vector<double>{30, 30, outcome_points});
      state.FixWeights(0, std::vector<double>{36, 36, 0.8 * outcome_points});
      ApplyDraw(model, Keys(model, 1, 0), state);
      const Eigen::VectorXd& points = *state.perturbation(0).indicator_points;
      if (reweighted) {
        CHECK(points[0] == doctest::Approx(36 * 200.0 / 184));
        CHECK(points[3] == doctest::Approx(80 * 200.0 / 184));  // 86.957
        CHECK(points.sum() == doctest::Approx(200));
      } else {
        CHECK(points[0] == doctest::Approx(36 * 100.0 / 104));  // 34.615
        CHECK(points[1] == doctest::Approx(36 * 100.0 / 104));
        CHECK(points[2] == doctest::Approx(32 * 100.0 / 104));  // 30.769
        CHECK(points[3] == 100);
        const auto weights = state.weights(0);
        CHECK(weights[0] + weights[1] + weights[2] == doctest::Approx(100));
      }
    }
  }

  TEST_CASE("compile errors name the spec entry and suggest names") {
    auto t = MakeTinyAward({1, 2});
    UncertaintySpec spec;
    spec.reviewer_noise.push_back({"reveiw", 5.0, 0.0, {"u.yaml", 3, 5}});
    spec.reviewer_noise.push_back({"measure", 5.0, 0.0, {"u.yaml", 6, 5}});
    spec.measurement_noise.push_back({"review", "", NoiseKind::kAbsolute, 1.0, {"u.yaml", 9, 5}});
    spec.cohort_thresholds.push_back({"split", 0.4, 0.6, {"u.yaml", 12, 5}});
    CHECK_EQ(
        Message([&] { (void)CompileUncertainty(spec, t.models); }),
        "u.yaml:3:5: reviewer_noise[0].indicator: no rubric has an indicator 'reveiw', did you "
        "mean 'review'?\n"
        "u.yaml:6:5: reviewer_noise[1].indicator: indicator 'measure' uses method linear; "
        "reviewer noise applies to panel indicators\n"
        "u.yaml:9:5: measurement_noise[0].field: field 'review' is of type scores; "
        "measurement noise applies to number and count fields\n"
        "u.yaml:12:5: cohort_thresholds: cohort thresholds need the cohort rules, which were "
        "not given\n");
  }

  TEST_CASE("the loader reads every source of uncertainty") {
    const auto spec = ParseUncertainty(R"(reviewer_noise:
  - indicator: "*"
    sd: 4
    leniency_sd: 1.5
measurement_noise:
  - field: x
    relative_sd: 0.05
  - indicator: measure
    absolute_sd: 0.3
weights:
  method: dirichlet
  level: indicator
  concentration: 200
cohort_thresholds:
  - parameter: district_split
    range: [0.45, 0.55]
)",
                                       "u.yaml");
    REQUIRE_EQ(spec.reviewer_noise.size(), 1U);
    CHECK_EQ(spec.reviewer_noise[0].leniency_sd, 1.5);
    REQUIRE_EQ(spec.measurement_noise.size(), 2U);
    CHECK_EQ(spec.measurement_noise[0].kind, NoiseKind::kRelative);
    CHECK_EQ(spec.measurement_noise[1].kind, NoiseKind::kAbsolute);
    CHECK_EQ(spec.measurement_noise[1].indicator, "measure");
    CHECK_EQ(spec.measurement_noise[1].where.line, 8);
    REQUIRE(spec.weights.has_value());
    CHECK_EQ(spec.weights->method, WeightMethod::kDirichlet);
    CHECK_EQ(spec.weights->concentration, 200);
    REQUIRE_EQ(spec.cohort_thresholds.size(), 1U);
    CHECK_EQ(spec.cohort_thresholds[0].max, 0.55);
  }

  TEST_CASE("the loader reports every problem with file, line, column and key") {
    const std::string text = R"(reviewer_noise:
  - indicator: plan_review
    sd: -1
measurement_noise:
  - field: x
    indicator: measure
    relative_sd: 0.1
weights:
  method: uniform
  range: [1.2, 0.8]
cohort_thresholds:
  - parameter: split
    rnage: [0, 1]
)";
    CHECK_EQ(Message([&] { (void)ParseUncertainty(text, "u.yaml"); }),
             "u.yaml:3:9: reviewer_noise[0].sd: expected a number >= 0, got -1\n"
             "u.yaml:5:5: measurement_noise[0]: give either 'field' or 'indicator', not both\n"
             "u.yaml:10:10: weights.range: min 1.2 is above max 0.8\n"
             "u.yaml:13:5: cohort_thresholds[0].rnage: unknown key 'rnage', did you mean "
             "'range'?\n"
             "u.yaml:12:5: cohort_thresholds[0].range: is required: a range [min, max]\n");
  }
}

}  // namespace
}  // namespace jobaward
