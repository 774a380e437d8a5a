// Calibration to published facts: the bundled 2020 facts are met (and CheckFacts agrees on the
// result), a fact that no report can change stops at once naming it, a winner named in a cohort
// it is not in stops before any draw, and a fact the search cannot meet is named at the end.
#include <doctest/doctest.h>

#include "bundled_inputs.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/published_yaml.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/calibrate.hpp"
#include "test_support.hpp"

namespace jobaward {

namespace {

ScoringSetup Bundled() {
  AwardPaths paths = test::BundledAwardPaths();
  return LoadScoringSetup(paths);
}

PublishedFacts Facts(const ScoringSetup& setup, const std::string& body) {
  return ParsePublishedFacts("year: 2020\nfacts:\n" + body, "facts.yaml", setup.registry);
}

SynthOptions Options() {
  SynthOptions o;
  o.seed = 2020;
  o.provenance = "test";
  return o;
}

std::string ErrorOf(const ScoringSetup& setup, const PublishedFacts& facts,
                    CalibrationOptions calibration = {}) {
  try {
    (void)Calibrate(setup.registry, setup.membership, setup.rubrics, setup.schema, facts, Options(),
                    calibration);
  } catch (const InputError& e) {
    return e.diagnostics().front().ToString();
  }
  return "";
}

}  // namespace

TEST_SUITE("calibrate") {
  TEST_CASE("a few winners are met, and the engine's own check agrees") {
    const ScoringSetup setup = Bundled();
    const PublishedFacts facts = Facts(setup,
                                       "  - {id: g, kind: winner, category: disclosure, award: "
                                       "grand, government: '26000', source: s}\n"
                                       "  - {id: t, kind: winner, category: disclosure, award: "
                                       "top, government: '11530', cohort: 바, source: s}\n");
    const CalibrationResult result =
        Calibrate(setup.registry, setup.membership, setup.rubrics, setup.schema, facts, Options());
    CHECK(result.rounds >= 1);
    CHECK(result.conditioned >= 2);
    std::vector<ScoringModel> models;
    for (const Rubric& r : setup.rubrics) {
      models.push_back(Compile(r, setup.registry, setup.membership, result.reports));
    }
    const std::vector<ScoreResult> results = ScoreAward(models);
    for (const FactResult& r :
         CheckFacts(facts, ModelView{setup.registry, setup.membership, setup.rubrics, results})) {
      CHECK_MESSAGE(r.met, std::string(r.statement + ": " + r.model));
    }
    // The conditioned winner's report says what it was conditioned on.
    const Report& busan = result.reports[*setup.registry.IndexOf("26000")];
    CHECK(busan.provenance.find("conditioned on the published result: 종합대상") !=
          std::string::npos);
  }

  TEST_CASE("calibration reports each scoring round, and the reports do not depend on it") {
    const ScoringSetup setup = Bundled();
    const PublishedFacts facts = Facts(setup,
                                       "  - {id: t, kind: winner, category: disclosure, award: "
                                       "top, government: '11530', cohort: 바, source: s}\n");
    std::vector<std::uint64_t> rounds;
    CalibrationOptions calibration;
    calibration.progress = [&](std::uint64_t done, std::uint64_t limit) {
      rounds.push_back(done);
      CHECK_EQ(limit, 400U);
    };
    const CalibrationResult watched = Calibrate(setup.registry, setup.membership, setup.rubrics,
                                                setup.schema, facts, Options(), calibration);
    const CalibrationResult plain =
        Calibrate(setup.registry, setup.membership, setup.rubrics, setup.schema, facts, Options());
    REQUIRE_EQ(rounds.size(), static_cast<std::size_t>(watched.rounds));
    for (std::size_t i = 0; i < rounds.size(); ++i) CHECK_EQ(rounds[i], i + 1);
    CHECK_EQ(watched.rounds, plain.rounds);
    REQUIRE_EQ(watched.reports.size(), plain.reports.size());
    for (std::size_t i = 0; i < plain.reports.size(); ++i) {
      CHECK(FormatReportYaml(watched.reports[i], setup.schema, setup.registry) ==
            FormatReportYaml(plain.reports[i], setup.schema, setup.registry));
    }
  }

  TEST_CASE("a fact no report can change stops at once, naming it") {
    const ScoringSetup setup = Bundled();
    const PublishedFacts facts =
        Facts(setup,
              "  - {id: prize-top, kind: prize_money, category: disclosure, award: top, value: "
              "120000000, source: s}\n");
    CHECK_EQ(ErrorOf(setup, facts),
             "facts.yaml:3:5: facts.prize-top: cannot be met by any reports: 상금: 최우수상 "
             "(지역일자리 목표공시제): published 120000000, the model gives 100000000 (it depends "
             "only on the registry, the cohort rules and the rubrics)");
  }

  TEST_CASE("a winner named in a cohort it is not in stops before any draw") {
    const ScoringSetup setup = Bundled();
    const PublishedFacts facts = Facts(setup,
                                       "  - {id: t, kind: winner, category: disclosure, award: "
                                       "top, government: '11530', cohort: 사, source: s}\n");
    CHECK_EQ(ErrorOf(setup, facts),
             "facts.yaml:3:5: facts.t: cannot be met: government 11530 구로구 is in cohort 바, not "
             "사 (the cohort rules decide it, not the reports)");
  }

  TEST_CASE("a count the quotas fix cannot be calibrated") {
    const ScoringSetup setup = Bundled();
    const PublishedFacts facts =
        Facts(setup,
              "  - {id: n, kind: count, of: awards, category: disclosure, value: 60, source: s}\n");
    CHECK(ErrorOf(setup, facts)
              .rfind("facts.yaml:3:5: facts.n: cannot be met by any reports: "
                     "수상 수 (지역일자리 목표공시제): published 60, the model "
                     "gives 58",
                     0) == 0);
  }

  TEST_CASE("contradicting facts are named when the rounds run out") {
    const ScoringSetup setup = Bundled();
    // Two governments cannot both hold the one 종합대상.
    const PublishedFacts facts = Facts(setup,
                                       "  - {id: a, kind: winner, category: disclosure, award: "
                                       "grand, government: '26000', source: s}\n"
                                       "  - {id: b, kind: winner, category: disclosure, award: "
                                       "grand, government: '11000', source: s}\n");
    const std::string error = ErrorOf(setup, facts, {.max_rounds = 5});
    CHECK(error.find("not met after 5 rounds of calibration: 종합대상") != std::string::npos);
  }
}

}  // namespace jobaward
