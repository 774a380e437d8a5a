// One-at-a-time weight changes against a direct evaluation of the moved rubric.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "jobaward/sensitivity/sensitivity.hpp"
#include "sensitivity_fixture.hpp"

namespace jobaward {

TEST_SUITE("tornado") {
  TEST_CASE("a weight line keeps the rubric total and passes through the nominal points") {
    const auto award = test::MakeSensitivityAward(1);
    const auto weights = MovableWeights(award.model);
    REQUIRE(weights.size() == 3 + 4);
    CHECK(weights[0].name == "domain:plan");
    CHECK(weights[2].name == "domain:outcome");
    CHECK(weights[2].nominal == 40);
    CHECK(weights[6].name == "indicator:out_z");
    for (const auto& weight : weights) {
      const WeightLine line = LineOf(award.model, weight);
      CHECK(line.total == 100);
      for (const double t : {0.0, 12.5, weight.nominal, 77.0, 100.0}) {
        CHECK(line.At(t).sum() == doctest::Approx(100));
      }
      const Eigen::VectorXd nominal = line.At(weight.nominal);
      for (Eigen::Index i = 0; i < nominal.size(); ++i) {
        CHECK(nominal[i] == doctest::Approx(award.model.indicator_points[i]));
      }
    }
    // Moving the outcome domain to 60 scales its two indicators alike, the others by 40/60.
    const Eigen::VectorXd moved = LineOf(award.model, weights[2]).At(60);
    CHECK(moved[0] == doctest::Approx(20));
    CHECK(moved[1] == doctest::Approx(20));
    CHECK(moved[2] == doctest::Approx(30));
    CHECK(moved[3] == doctest::Approx(30));
  }

  TEST_CASE("tornado deltas equal a direct evaluation with the moved points, sorted by impact") {
    const auto award = test::MakeSensitivityAward(2);
    const auto rows = RunTornado(award.model, {.step = 0.2});
    REQUIRE(rows.size() == 7);
    for (std::size_t i = 1; i < rows.size(); ++i) {
      CHECK((rows[i - 1].award_changes > rows[i].award_changes ||
             (rows[i - 1].award_changes == rows[i].award_changes &&
              rows[i - 1].max_abs_own_change >= rows[i].max_abs_own_change)));
    }
    Workspace workspace;
    for (const auto& row : rows) {
      for (const TornadoCase* c : {&row.down, &row.up}) {
        CHECK(c->new_weight == doctest::Approx(row.weight.nominal * (1 + c->sign * 0.2)));
        const Eigen::VectorXd points = LineOf(award.model, row.weight).At(c->new_weight);
        Perturbation perturbation;
        perturbation.indicator_points = &points;
        const Outcome& direct = Evaluate(award.model, perturbation, workspace);
        int award_changes = 0;
        for (const auto& change : c->changes) {
          CHECK(change.new_score == direct.final_score[change.row]);
          CHECK(change.new_rank == direct.rank[static_cast<std::size_t>(change.row)]);
          CHECK(change.new_award == AwardLabel(award.model, direct, change.row));
          if (change.new_award != change.base_award) ++award_changes;
        }
        CHECK(award_changes == c->award_changes);
      }
    }
  }

  TEST_CASE("tornado progress: once per weight on the calling thread, the rows unchanged") {
    const auto award = test::MakeSensitivityAward(2);
    std::vector<std::uint64_t> done;
    TornadoOptions options{.step = 0.2};
    options.progress = [&](std::uint64_t d, std::uint64_t planned) {
      done.push_back(d);
      CHECK_EQ(planned, 7U);
    };
    const auto watched = RunTornado(award.model, options);
    CHECK_EQ(done, std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7});
    const auto plain = RunTornado(award.model, {.step = 0.2});
    REQUIRE_EQ(watched.size(), plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
      CHECK_EQ(watched[i].weight.name, plain[i].weight.name);
      CHECK_EQ(watched[i].max_abs_score_change, plain[i].max_abs_score_change);
    }
  }

  TEST_CASE("the own effect holds the stage-2 list: equal to the total while nobody crosses") {
    // Top 3 of 6 advance; with 20% steps some weights move a government across the cut-off.
    int crossings = 0, without = 0;
    for (const std::uint64_t seed : {2U, 5U, 11U}) {
      const auto award = test::MakeSensitivityAward(seed);
      for (const auto& row : RunTornado(award.model, {.step = 0.2})) {
        for (const TornadoCase* c : {&row.down, &row.up}) {
          int entered_or_left = 0;
          for (const auto& change : c->changes) {
            if (change.new_advanced != change.base_advanced) ++entered_or_left;
          }
          CHECK(entered_or_left == c->advance_changes);
          if (c->advance_changes == 0) {
            // Same stage-2 list: holding it changes nothing, so own = total for everyone.
            ++without;
            for (const auto& change : c->changes) {
              CHECK(change.own_score == doctest::Approx(change.new_score).epsilon(1e-9));
            }
            CHECK(c->max_abs_own_change == doctest::Approx(c->max_abs_score_change));
          } else {
            ++crossings;
          }
        }
        // Held fixed, scores are affine in the weight: ±20% move them by opposite amounts.
        for (std::size_t r = 0; r < row.up.changes.size(); ++r) {
          const auto& up = row.up.changes[r];
          const auto& down = row.down.changes[r];
          CHECK(up.own_score - up.base_score ==
                doctest::Approx(-(down.own_score - down.base_score)).epsilon(1e-9));
        }
      }
    }
    CHECK(crossings > 0);  // The fixture exercises both branches.
    CHECK(without > 0);
  }

  TEST_CASE("a government that crosses the cut-off has a total effect of its stage-2 score") {
    // Find a crossing: the government that leaves stage 2 loses its stage-2 points (total) while
    // its own change is the few points the weight moved; the own effect stays within the
    // weight's reach (|Δw| points at most, as no indicator earns more than its points).
    bool seen = false;
    for (const std::uint64_t seed : {2U, 5U, 11U}) {
      const auto award = test::MakeSensitivityAward(seed);
      for (const auto& row : RunTornado(award.model, {.step = 0.2})) {
        for (const TornadoCase* c : {&row.down, &row.up}) {
          const double moved = std::fabs(c->new_weight - row.weight.nominal);
          for (const auto& change : c->changes) {
            CHECK(std::fabs(change.own_score - change.base_score) <= moved + 1e-9);
            if (change.base_advanced && !change.new_advanced) {
              seen = true;
              CHECK(std::fabs(change.new_score - change.base_score) >
                    std::fabs(change.own_score - change.base_score));
            }
          }
        }
      }
    }
    CHECK(seen);
  }

  TEST_CASE("a step of 100% takes a weight to zero and doubles it (capped at the total)") {
    const auto award = test::MakeSensitivityAward(3);
    const auto rows = RunTornado(award.model, {.step = 1.0});
    for (const auto& row : rows) {
      CHECK(row.down.new_weight == 0.0);
      CHECK(row.up.new_weight == std::min(2 * row.weight.nominal, 100.0));
    }
  }
}

}  // namespace jobaward
