// Tests of the Monte Carlo engine (simulation.hpp) on tiny in-memory awards built through the
// real scoring engine, and of `jobaward simulate` on the bundled 2020 data. Fixed seeds.
#include "jobaward/simulation/simulation.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include <cmath>
#include <nlohmann/json.hpp>

#include "jobaward/results/simulation_result.hpp"
#include "simulation_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

using test::Fingerprint;
using test::MakeTinyAward;

UncertaintySpec FieldNoise(double sd) {
  UncertaintySpec spec;
  MeasurementNoiseSpec m;
  m.field = "x";
  m.kind = NoiseKind::kAbsolute;
  m.sd = sd;
  spec.measurement_noise.push_back(m);
  return spec;
}

double Phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

TEST_SUITE("simulation") {
  TEST_CASE("with zero noise every draw reproduces the deterministic award") {
    auto t = MakeTinyAward({3, 1, 2, 5});
    UncertaintySpec spec = FieldNoise(0.0);
    spec.measurement_noise[0].sd = 0;
    ReviewerNoiseSpec rn;
    rn.indicator = "review";
    rn.sd = 0;
    spec.reviewer_noise.push_back(rn);
    WeightUncertaintySpec w;
    w.method = WeightMethod::kUniform;
    w.factor_min = w.factor_max = 1;
    spec.weights = w;
    const auto um = CompileUncertainty(spec, t.models);
    SimulationConfig config;
    config.draws = 300;
    config.seed = 7;
    const auto result = Simulate(t.models, um, config);
    const ScoreResult score = Score(t.rubric, t.registry, t.cohorts, t.reports);
    REQUIRE_EQ(result.draws, 300U);
    const auto& cat = result.categories.at(0);
    for (std::size_t i = 0; i < cat.governments.size(); ++i) {
      const auto& g = cat.governments[i];
      const auto& s = score.governments[i];
      CHECK_EQ(g.code, s.code);
      CHECK_EQ(g.baseline_rank, s.rank);
      for (std::size_t p = 0; p < cat.places.size(); ++p) {
        CHECK_EQ(g.place[p].p, cat.places[p] == s.award_id ? 1.0 : 0.0);
        CHECK_EQ(g.place[p].se, 0.0);
      }
      CHECK_EQ(g.any_award.p, s.award_id.empty() ? 0.0 : 1.0);
      CHECK_EQ(g.mean_rank, static_cast<double>(s.rank));
      CHECK_EQ(g.rank_p5, s.rank);
      CHECK_EQ(g.rank_p95, s.rank);
      CHECK_EQ(g.advanced.p, s.advanced ? 1.0 : 0.0);
    }
    CHECK_EQ(cat.cohorts.at(0).baseline_winner_wins.p, 1.0);
    CHECK_EQ(result.max_se, 0.0);
  }

  TEST_CASE("P(win) of a normal score difference is Phi(mu / sigma) within 4 standard errors") {
    // x = 1 and 0 with absolute noise sd 1 each: x1 - x2 ~ N(1, 2), the linear indicator is
    // monotone in x and the panel scores are equal, so P(government 1 first) = Phi(1 / sqrt 2).
    auto t = MakeTinyAward({1, 0});
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.draws = 20000;
    config.seed = 20201;
    const auto result = Simulate(t.models, um, config);
    const auto& g = result.categories.at(0).governments;
    const double expected = Phi(1.0 / std::sqrt(2.0));
    CHECK(std::abs(g[0].first.p - expected) < 4 * g[0].first.se);
    CHECK(std::abs(g[0].place[0].p - expected) < 4 * g[0].place[0].se);
    CHECK_EQ(g[0].first.p + g[1].first.p, 1.0);
    const auto& pairwise = result.categories[0].cohorts[0].pairwise;
    CHECK_EQ(pairwise(0, 1), g[0].first.p);
    CHECK_EQ(pairwise(0, 1) + pairwise(1, 0), 1.0);
  }

  TEST_CASE("rank-acceptability rows and columns sum to 1") {
    auto t = MakeTinyAward({1, 0.5, 0, -0.5, 2});
    UncertaintySpec spec = FieldNoise(1.0);
    ReviewerNoiseSpec rn;
    rn.indicator = "review";
    rn.sd = 5;
    rn.leniency_sd = 2;
    spec.reviewer_noise.push_back(rn);
    const auto um = CompileUncertainty(spec, t.models);
    SimulationConfig config;
    config.draws = 2000;
    const auto result = Simulate(t.models, um, config);
    const auto& a = result.categories.at(0).cohorts.at(0).acceptability;
    REQUIRE_EQ(a.rows(), 5);
    REQUIRE_EQ(a.cols(), 5);
    for (Eigen::Index i = 0; i < 5; ++i) {
      CHECK(a.row(i).sum() == doctest::Approx(1.0).epsilon(1e-12));
      CHECK(a.col(i).sum() == doctest::Approx(1.0).epsilon(1e-12));
    }
  }

  TEST_CASE("a cohort over the matrix limit has no matrices and the same per-government figures") {
    auto t = MakeTinyAward({1, 0.5, 0, -0.5, 2});
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.draws = 600;
    const auto full = Simulate(t.models, um, config);
    config.matrix_cohort_limit = 4;  // The cohort has 5 members.
    const auto limited = Simulate(t.models, um, config);
    const CohortSimulation& cohort = limited.categories.at(0).cohorts.at(0);
    CHECK_FALSE(cohort.matrices);
    CHECK_EQ(cohort.acceptability.size(), 0);
    CHECK_EQ(cohort.pairwise.size(), 0);
    CHECK(full.categories.at(0).cohorts.at(0).matrices);
    for (std::size_t i = 0; i < 5; ++i) {
      const auto& a = full.categories[0].governments[i];
      const auto& b = limited.categories[0].governments[i];
      CHECK_EQ(a.any_award.p, b.any_award.p);
      CHECK_EQ(a.first.p, b.first.p);
      CHECK_EQ(a.mean_rank, b.mean_rank);
      CHECK_EQ(a.rank_p95, b.rank_p95);
    }
    // The tables say what they leave out.
    const Result r = MakeSimulationResult(limited, t.models, t.registry);
    CHECK_EQ(r.Find("pairwise")->rows().size(), 0U);
    bool noted = false;
    for (const std::string& note : r.notes)
      noted |= note.find("pairwise left out") != std::string::npos;
    CHECK(noted);
  }

  TEST_CASE("pairwise winning indices count every draw's strict rank order") {
    // 70 members (two 64-bit words per row of the bit-sliced counts) and 600 draws (flushed
    // every 255), against the draws replayed here with the plain count of r_i < r_j.
    std::vector<double> x(70);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(i % 9) * 0.3;
    auto t = MakeTinyAward(x);
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.seed = 5;
    config.draws = 600;
    const auto result = Simulate(t.models, um, config);
    const auto& cohort = result.categories[0].cohorts[0];
    const auto n = static_cast<Eigen::Index>(cohort.members.size());
    REQUIRE_EQ(n, 70);
    Eigen::MatrixXd wins = Eigen::MatrixXd::Zero(n, n);
    DrawState state(um);
    Workspace ws;
    std::vector<std::uint64_t> keys(um.groups().size());
    for (std::uint64_t d = 0; d < config.draws; ++d) {
      for (std::size_t g = 0; g < keys.size(); ++g) keys[g] = GroupKey(config.seed, d, g);
      ApplyDraw(um, keys, state);
      const Outcome& o = Evaluate(t.models[0], state.perturbation(0), ws);
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
          wins(i, j) +=
              o.rank[static_cast<std::size_t>(cohort.members[static_cast<std::size_t>(i)])] <
                      o.rank[static_cast<std::size_t>(cohort.members[static_cast<std::size_t>(j)])]
                  ? 1
                  : 0;
    }
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) CHECK_EQ(cohort.pairwise(i, j), wins(i, j) / 600.0);
  }

  TEST_CASE("threads 1 and 2 give identical results") {
    auto t = MakeTinyAward({1, 0.5, 0, -0.5, 2});
    UncertaintySpec spec = FieldNoise(1.0);
    WeightUncertaintySpec w;
    w.method = WeightMethod::kDirichlet;
    w.level = WeightLevel::kIndicator;
    w.concentration = 20;
    spec.weights = w;
    const auto um = CompileUncertainty(spec, t.models);
    SimulationConfig config;
    config.draws = 3000;  // Not a multiple of the block size.
    config.confidence_draws = 300;
    config.threads = 1;
    const auto one = Simulate(t.models, um, config);
    config.threads = 2;
    const auto two = Simulate(t.models, um, config);
    CHECK_EQ(Fingerprint(one), Fingerprint(two));
    CHECK_FALSE(one.categories[0].governments[4].central_weights.empty());
    CHECK(one.categories[0].governments[4].confidence.has_value());
  }

  TEST_CASE("until-se stops once every standard error is below the target") {
    auto t = MakeTinyAward({1, 0});
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.draws = 1000;
    config.until_se = 0.005;
    config.max_draws = 100000;
    const auto result = Simulate(t.models, um, config);
    CHECK(result.max_se <= 0.005);
    // Rounds of 1000, 2000, 4000, 8000 draws; P(first) ~ 0.76: sqrt(0.76 * 0.24 / 8000) < 0.005.
    CHECK_EQ(result.draws, 8000U);
  }

  TEST_CASE("until-se not met within max-draws is an error naming both numbers") {
    auto t = MakeTinyAward({1, 0});
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.draws = 1000;
    config.until_se = 0.001;
    config.max_draws = 4000;
    try {
      (void)Simulate(t.models, um, config);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 1U);
      const std::string text = e.diagnostics()[0].ToString();
      CHECK_EQ(text.substr(0, text.find(" is ")),
               "--until-se: until-se: the largest standard error");
      CHECK_NE(text.find("> --until-se 0.001 after --max-draws 4000 draws"), std::string::npos);
    }
  }

  TEST_CASE("a stop request returns the completed blocks") {
    auto t = MakeTinyAward({1, 0});
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.draws = 100000000;
    config.threads = 2;
    config.stop_requested = [] { return true; };
    const auto result = Simulate(t.models, um, config);
    CHECK(result.interrupted);
    CHECK_LT(result.draws, result.planned_draws);
    CHECK_EQ(result.draws % kSimulationBlock, 0U);
  }

  TEST_CASE("a bad configuration names the setting") {
    auto t = MakeTinyAward({1, 0});
    const auto um = CompileUncertainty(FieldNoise(1.0), t.models);
    SimulationConfig config;
    config.threads = 0;
    try {
      (void)Simulate(t.models, um, config);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(e.diagnostics().at(0).ToString(),
               "simulation config: threads: must be at least 1, got 0");
    }
  }
}

}  // namespace
}  // namespace jobaward

namespace jobaward {
namespace {

// `jobaward simulate` on the bundled 2020 data (rubrics, reports, cohort rules, registry).
TEST_SUITE("simulate command") {
  TEST_CASE("simulate prints the same bytes for 1 and 2 threads") {
    const std::vector<std::string> args = {"simulate", "--draws", "600", "--confidence-draws",
                                           "40",       "--seed",  "11",  "--format",
                                           "json"};
    auto one = args;
    one.insert(one.end(), {"--threads", "1"});
    auto two = args;
    two.insert(two.end(), {"--threads", "2"});
    const auto a = test::RunCli(one);
    const auto b = test::RunCli(two);
    REQUIRE_MESSAGE(a.exit_code == 0, a.err);
    REQUIRE_EQ(b.exit_code, 0);
    CHECK(a.out == b.out);
    CHECK(a.err.empty());  // No progress bar when stderr is not a terminal.
  }

  TEST_CASE("with every noise source at zero each draw reproduces the baseline award") {
    const auto r = test::RunCli({"simulate", "--draws", "300", "--format", "json", "--uncertainty",
                                 test::SourcePath("tests/data/simulation/zero-noise.yaml")});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const auto j = nlohmann::json::parse(r.out);
    CHECK_EQ(j["max_se"].get<double>(), 0.0);
    int awarded = 0;
    for (const auto& g : j["governments"]) {
      const std::string baseline =
          g["baseline_award"].is_null() ? "" : g["baseline_award"].get<std::string>();
      for (const auto& [key, value] : g.items()) {
        // The award places' probabilities (null: the category has no such place).
        if (key.rfind("p_", 0) != 0 || value.is_null() || key == "p_any" || key == "p_advance" ||
            key == "p_first") {
          continue;
        }
        CAPTURE(key);
        CHECK_EQ(value.get<double>(), key == "p_" + baseline ? 1.0 : 0.0);
      }
      CHECK_EQ(g["p_any"].get<double>(), baseline.empty() ? 0.0 : 1.0);
      CHECK_EQ(g["rank_p5"], g["baseline_rank"]);
      CHECK_EQ(g["rank_p95"], g["baseline_rank"]);
      awarded += baseline.empty() ? 0 : 1;
    }
    for (const auto& co : j["cohorts"]) CHECK_EQ(co["p_winner_keeps"], 1.0);
    CHECK_GT(awarded, 0);
  }

  TEST_CASE("report --simulation reads what simulate --format json writes") {
    const test::TempDir dir;
    const std::string sim = (dir.path() / "sim.json").string();
    const std::string html = (dir.path() / "report.html").string();
    const auto s = test::RunCli({"simulate", "--draws", "256", "--confidence-draws", "0", "--seed",
                                 "3", "--format", "json", "--out", sim});
    REQUIRE_MESSAGE(s.exit_code == 0, s.err);
    const auto r =
        test::RunCli({"report", "--simulation", sim, "--tornado-step", "0", "--out", html});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string page = test::Slurp(html);
    // The summary's most likely changes come from the file's 256 draws.
    CHECK_NE(page.find("불확실성 아래 가장 가능성 높은 변화 (256회 추출)"), std::string::npos);
    CHECK_NE(page.find("몬테카를로 256회 추출 (seed 3)"), std::string::npos);
  }

  TEST_CASE("an award id that would name one of simulate's probability columns is an input error") {
    const test::TempDir dir;
    std::string rubric = test::Slurp(test::SourcePath("rubrics/2020-disclosure.yaml"));
    const std::size_t at = rubric.find("- id: excellent");
    REQUIRE(at != std::string::npos);
    rubric.replace(at, 15, "- id: advance");
    const std::string path = (dir.path() / "clash.yaml").string();
    test::WriteBytes(path, rubric);
    const auto r =
        test::RunCli({"simulate", "--rubric", path, "--draws", "16", "--confidence-draws", "0"});
    CHECK_EQ(r.exit_code, 1);
    // At the award's id in the rubric.
    const auto line = 1 + std::count(rubric.begin(), rubric.begin() + static_cast<long>(at), '\n');
    const auto column = at - rubric.rfind('\n', at) + 2;
    CHECK_NE(r.err.find(path + ":" + std::to_string(line) + ":" + std::to_string(column) +
                        ": award id: award id 'advance' would name the probability column "
                        "p_advance, which simulate already uses; rename the award"),
             std::string::npos);
    CHECK(r.out.empty());
  }

  TEST_CASE("simulate --until-se that the cap cannot reach exits 1 naming both numbers") {
    const auto r = test::RunCli({"simulate", "--draws", "256", "--until-se", "0.0001",
                                 "--max-draws", "512", "--confidence-draws", "0"});
    CHECK_EQ(r.exit_code, 1);
    CHECK_NE(r.err.find("> --until-se 0.0001 after --max-draws 512 draws; raise --max-draws or "
                        "--until-se"),
             std::string::npos);
    CHECK(r.out.empty());
  }

  TEST_CASE("simulate --max-draws without --until-se is a usage error") {
    const auto r = test::RunCli({"simulate", "--max-draws", "512"});
    CHECK_EQ(r.exit_code, 2);
    CHECK_NE(r.err.find("--max-draws applies only with --until-se"), std::string::npos);
  }
}

}  // namespace
}  // namespace jobaward
