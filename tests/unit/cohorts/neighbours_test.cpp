// Ranking neighbours and what separates two governments (neighbours.hpp), on hand-built
// results: the first key that differs decides, the advance flag before any score, equal keys
// are a tie; the neighbours are the places directly above and below in the same cohort only.
#include <doctest/doctest.h>

#include "jobaward/cohorts/neighbours.hpp"

namespace jobaward {
namespace {

GovernmentScore Gov(std::string code, int cohort, int rank, double final_score, double outcome,
                    bool advanced = true) {
  GovernmentScore g;
  g.code = std::move(code);
  g.cohort = cohort;
  g.rank = rank;
  g.final_score = final_score;
  g.advanced = advanced;
  g.tie_break = {{"final", final_score}, {"domain:outcome", outcome}};
  return g;
}

TEST_CASE("neighbours: the places directly above and below in the same cohort") {
  ScoreResult r;
  r.governments = {Gov("A", 0, 2, 80, 40), Gov("B", 0, 1, 90, 45), Gov("C", 1, 1, 99, 50),
                   Gov("D", 0, 3, 70, 30)};
  const Neighbours a = NeighboursOf(r, 0);
  CHECK(a.above == 1);
  CHECK(a.below == 3);
  const Neighbours b = NeighboursOf(r, 1);
  CHECK(b.above == -1);
  CHECK(b.below == 0);
  const Neighbours c = NeighboursOf(r, 2);  // Alone in its cohort.
  CHECK(c.above == -1);
  CHECK(c.below == -1);
}

TEST_CASE("neighbours: on a shared rank the earlier code is above") {
  ScoreResult r;
  r.governments = {Gov("B", 0, 1, 90, 45), Gov("A", 0, 1, 90, 45)};
  CHECK(NeighboursOf(r, 0).above == 1);
  CHECK(NeighboursOf(r, 1).below == 0);
}

TEST_CASE("separation: advance first, then the first ranking key that differs, else a tie") {
  const Separation by_score = SeparationOf(Gov("A", 0, 1, 90, 40), Gov("B", 0, 2, 80, 45));
  CHECK(by_score.kind == Separation::Kind::kKey);
  CHECK(by_score.key == "final");
  CHECK(by_score.higher_value == 90);
  CHECK(by_score.lower_value == 80);
  // Equal final scores (to 1e-6): the tie-break key decides.
  const Separation by_key = SeparationOf(Gov("A", 0, 1, 90.0000001, 45), Gov("B", 0, 2, 90, 40));
  CHECK(by_key.kind == Separation::Kind::kKey);
  CHECK(by_key.key == "domain:outcome");
  CHECK(by_key.higher_value == 45);
  CHECK(SeparationOf(Gov("A", 0, 1, 60, 40), Gov("B", 0, 2, 95, 45, false)).kind ==
        Separation::Kind::kAdvanced);
  CHECK(SeparationOf(Gov("A", 0, 1, 90, 45), Gov("B", 0, 1, 90, 45)).kind ==
        Separation::Kind::kTied);
}

}  // namespace
}  // namespace jobaward
