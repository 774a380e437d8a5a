// Two scenarios on common random numbers (paired_simulation.hpp): exact cases on tiny in-memory
// awards through the real engine, and `jobaward compare --simulate` on the bundled 2020 data.
#include "jobaward/simulation/paired_simulation.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "simulation_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

using test::MakeTinyAward;

// Government x values 1, 0, 0.5 measured with absolute noise sd 1: every one wins sometimes.
constexpr double kX[] = {1.0, 0.0, 0.5};

UncertaintySpec FieldNoise() {
  UncertaintySpec spec;
  MeasurementNoiseSpec m;
  m.field = "x";
  m.kind = NoiseKind::kAbsolute;
  m.sd = 1.0;
  spec.measurement_noise.push_back(m);
  return spec;
}

SimulationConfig Config(std::uint64_t draws, int threads = 1) {
  SimulationConfig config;
  config.draws = draws;
  config.seed = 11;
  config.threads = threads;
  return config;
}

test::TinyAward Tiny() { return MakeTinyAward({kX[0], kX[1], kX[2]}); }

// The same award with `change` applied to its rubric, recompiled.
template <typename Change>
test::TinyAward Changed(Change change) {
  test::TinyAward t = Tiny();
  change(t.rubric);
  ValidateRubric(t.rubric);
  t.models = {Compile(t.rubric, t.registry, t.cohorts, t.reports)};
  return t;
}

}  // namespace

TEST_SUITE("paired simulation") {
  TEST_CASE("a scenario against itself: difference and paired error exactly 0") {
    const auto t = Tiny();
    const auto um = CompileUncertainty(FieldNoise(), t.models);
    const auto r = SimulatePaired(t.models, um, t.models, um, Config(1000));
    REQUIRE_EQ(r.draws, 1000U);
    REQUIRE_EQ(r.categories.size(), 1U);
    for (const PairedGovernment& g : r.categories[0].governments) {
      CAPTURE(g.code);
      CHECK_EQ(g.difference, 0.0);
      CHECK_EQ(g.paired_se, 0.0);
      CHECK(g.base.p > 0.05);  // Everyone wins sometimes, so two runs would disagree.
      CHECK(g.unpaired_se > 0.01);
    }
  }

  TEST_CASE("each side's probabilities are Simulate's with the same seed") {
    const auto base = Tiny();
    const auto alt = Changed([](Rubric& r) { r.levels[0].count = 2; });
    const auto ub = CompileUncertainty(FieldNoise(), base.models);
    const auto ua = CompileUncertainty(FieldNoise(), alt.models);
    const auto paired = SimulatePaired(base.models, ub, alt.models, ua, Config(600));
    const auto sb = Simulate(base.models, ub, Config(600));
    const auto sa = Simulate(alt.models, ua, Config(600));
    for (std::size_t i = 0; i < 3; ++i) {
      const PairedGovernment& g = paired.categories[0].governments[i];
      CHECK_EQ(g.base.p, sb.categories[0].governments[i].any_award.p);
      CHECK_EQ(g.alt.p, sa.categories[0].governments[i].any_award.p);
      CHECK_EQ(g.base.se, sb.categories[0].governments[i].any_award.se);
    }
  }

  TEST_CASE(
      "two golds instead of one: ALT's winners include BASE's in every draw, so the paired "
      "error is that of a 0/1 difference, sqrt(d (1 - d) / n)") {
    const auto base = Tiny();
    const auto alt = Changed([](Rubric& r) { r.levels[0].count = 2; });
    const auto ub = CompileUncertainty(FieldNoise(), base.models);
    const auto ua = CompileUncertainty(FieldNoise(), alt.models);
    const std::uint64_t n = 2000;
    const auto r = SimulatePaired(base.models, ub, alt.models, ua, Config(n));
    double sum_base = 0;
    double sum_alt = 0;
    for (const PairedGovernment& g : r.categories[0].governments) {
      CAPTURE(g.code);
      CHECK(g.alt.p >= g.base.p);
      CHECK_EQ(g.difference, doctest::Approx(g.alt.p - g.base.p).epsilon(1e-12));
      const double d = g.difference;
      CHECK_EQ(g.paired_se,
               doctest::Approx(std::sqrt(d * (1 - d) / static_cast<double>(n))).epsilon(1e-12));
      CHECK_EQ(g.unpaired_se, doctest::Approx(std::hypot(g.base.se, g.alt.se)).epsilon(1e-12));
      sum_base += g.base.p;
      sum_alt += g.alt.p;
    }
    // One award per draw under BASE, two under ALT (no ties with continuous noise).
    CHECK_EQ(sum_base, doctest::Approx(1.0).epsilon(1e-12));
    CHECK_EQ(sum_alt, doctest::Approx(2.0).epsilon(1e-12));
  }

  TEST_CASE("a small rule change: the paired error is far below the unpaired one") {
    // Outcome (the panel) 45 points instead of 40, plan 55 instead of 60: the winner of a draw
    // rarely changes, so the difference is known much better than either probability.
    const auto base = Tiny();
    const auto alt = Changed([](Rubric& r) {
      r.domains[0].points = 55;
      r.indicators[0].points = 55;
      r.domains[2].points = 45;
      r.indicators[1].points = 45;
    });
    const auto ub = CompileUncertainty(FieldNoise(), base.models);
    const auto ua = CompileUncertainty(FieldNoise(), alt.models);
    const auto r = SimulatePaired(base.models, ub, alt.models, ua, Config(4000));
    for (const PairedGovernment& g : r.categories[0].governments) {
      CAPTURE(g.code);
      CHECK(g.unpaired_se > 0.005);
      CHECK(g.paired_se < 0.5 * g.unpaired_se);
    }
  }

  TEST_CASE("the result does not depend on the thread count") {
    const auto base = Tiny();
    const auto alt = Changed([](Rubric& r) { r.levels[0].count = 2; });
    const auto ub = CompileUncertainty(FieldNoise(), base.models);
    const auto ua = CompileUncertainty(FieldNoise(), alt.models);
    const auto one = SimulatePaired(base.models, ub, alt.models, ua, Config(1000, 1));
    const auto two = SimulatePaired(base.models, ub, alt.models, ua, Config(1000, 2));
    for (std::size_t i = 0; i < 3; ++i) {
      const auto& a = one.categories[0].governments[i];
      const auto& b = two.categories[0].governments[i];
      CHECK_EQ(a.base.p, b.base.p);
      CHECK_EQ(a.alt.p, b.alt.p);
      CHECK_EQ(a.paired_se, b.paired_se);
    }
  }

  TEST_CASE("a recorded base gives the same result as the simulated one") {
    const auto base = Tiny();
    const auto alt = Changed([](Rubric& r) { r.levels[0].count = 2; });
    const auto ub = CompileUncertainty(FieldNoise(), base.models);
    const auto ua = CompileUncertainty(FieldNoise(), alt.models);
    const auto simulated = SimulatePaired(base.models, ub, alt.models, ua, Config(1000, 2));
    // Whole, longer than the run, and extended from a prefix that ends inside a block.
    const BaseAwardRecord whole = RecordBaseAwards(base.models, ub, Config(1000, 2));
    const BaseAwardRecord longer = RecordBaseAwards(base.models, ub, Config(1500, 1));
    const BaseAwardRecord prefix = RecordBaseAwards(base.models, ub, Config(600, 1));
    const BaseAwardRecord extended = RecordBaseAwards(base.models, ub, Config(1000, 2), &prefix);
    CHECK_EQ(whole.draws(), 1000U);
    CHECK_EQ(extended.draws(), 1000U);
    for (const BaseAwardRecord* record : {&whole, &longer, &extended}) {
      const auto r = SimulatePaired(base.models, ub, alt.models, ua, Config(1000, 2), record);
      REQUIRE_EQ(r.draws, 1000U);
      for (std::size_t i = 0; i < 3; ++i) {
        const auto& a = simulated.categories[0].governments[i];
        const auto& b = r.categories[0].governments[i];
        CHECK_EQ(a.base.p, b.base.p);
        CHECK_EQ(a.alt.p, b.alt.p);
        CHECK_EQ(a.difference, b.difference);
        CHECK_EQ(a.paired_se, b.paired_se);
      }
    }
    // Draw by draw: exactly one government holds the single award of each draw.
    for (std::uint64_t d = 0; d < 1000; ++d) {
      int holders = 0;
      for (int row = 0; row < 3; ++row) holders += extended.Holds(0, d, row) ? 1 : 0;
      CHECK_EQ(holders, 1);
    }
    // A record of another seed, or too short, is a programming error, not a silent mix-up.
    SimulationConfig other = Config(1000);
    other.seed = 12;
    CHECK_THROWS_AS((void)SimulatePaired(base.models, ub, alt.models, ua, other, &whole),
                    InternalError);
    CHECK_THROWS_AS((void)SimulatePaired(base.models, ub, alt.models, ua, Config(1001), &whole),
                    InternalError);
  }

  TEST_CASE("sides without a common category are an input error") {
    const auto base = Tiny();
    auto alt = Changed([](Rubric& r) { r.category = "best_program"; });
    const auto ub = CompileUncertainty(FieldNoise(), base.models);
    const auto ua = CompileUncertainty(FieldNoise(), alt.models);
    CHECK_THROWS_AS((void)SimulatePaired(base.models, ub, alt.models, ua, Config(10)), InputError);
  }
}

TEST_SUITE("cli compare --simulate") {
  TEST_CASE(
      "compare default outcome-60 --simulate: P(award) on both sides, the paired error "
      "far below the unpaired one, the same result for any --threads") {
    const std::vector<std::string> args = {
        "compare",    "default", test::SourcePath("examples/2020/scenarios/outcome-60.yaml"),
        "--simulate", "300",     "--format",
        "json"};
    auto one_args = args;
    one_args.insert(one_args.end(), {"--threads", "1"});
    auto two_args = args;
    two_args.insert(two_args.end(), {"--threads", "2"});
    const test::CliResult one = test::RunCli(one_args);
    const test::CliResult two = test::RunCli(two_args);
    REQUIRE_MESSAGE(one.exit_code == 0, one.err);
    REQUIRE_EQ(two.exit_code, 0);
    const auto j1 = nlohmann::json::parse(one.out);
    const auto j2 = nlohmann::json::parse(two.out);
    CHECK_EQ(j1["award_probabilities"], j2["award_probabilities"]);
    CHECK_EQ(j1["simulate_draws"], 300);
    CHECK_EQ(j1["provenance"]["draws"], 300);
    // Never above the unpaired error (equal when one side's probability is 0 or 1: nothing to
    // share), and in total far below it: the paired variances sum to 24 % of the unpaired ones
    // with seed 2020 (measured).
    int rows = 0;
    double paired = 0;
    double unpaired = 0;
    for (const auto& row : j1["award_probabilities"]) {
      const double p = row["se_paired"].get<double>();
      const double u = row["se_unpaired"].get<double>();
      CHECK(p <= u * (1 + 1e-12));
      paired += p * p;
      unpaired += u * u;
      ++rows;
    }
    CHECK(rows > 100);
    CHECK(paired < 0.5 * unpaired);
  }

  TEST_CASE("--seed, --threads and --uncertainty need --simulate") {
    for (const char* flag : {"--seed", "--threads"}) {
      const auto r = test::RunCli({"compare", "default", "default", flag, "2"});
      CHECK_EQ(r.exit_code, 2);
      CHECK(r.err.find("applies only with --simulate") != std::string::npos);
    }
  }
}

}  // namespace jobaward
