// The rank histogram of one government (src/core/simulation/rank_histogram.hpp): counts kept
// between the best and the worst rank seen, read as if it held every rank.
#include "src/core/simulation/rank_histogram.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

using jobaward::detail::RankHistogram;

TEST_SUITE("rank histogram") {
  TEST_CASE("an empty histogram has seen no rank and counts nothing") {
    const RankHistogram h;
    CHECK_EQ(h.first_rank(), 0);
    CHECK_EQ(h.last_rank(), 0);
    CHECK_EQ(h.Count(1), 0);
    CHECK(h.counts().empty());
  }

  TEST_CASE("it holds only the band of ranks seen, growing on both sides") {
    RankHistogram h;
    for (const int rank : {700, 702, 699, 702, 705}) h.Add(rank);
    CHECK_EQ(h.first_rank(), 699);
    CHECK_EQ(h.last_rank(), 705);
    CHECK_EQ(h.counts(), std::vector<std::int64_t>{1, 1, 0, 2, 0, 0, 1});
    CHECK_EQ(h.Count(702), 2);
    CHECK_EQ(h.Count(1), 0);
    CHECK_EQ(h.Count(698), 0);
    CHECK_EQ(h.Count(706), 0);
  }

  TEST_CASE("merging adds counts rank by rank, whichever bands the two hold") {
    RankHistogram a, b, empty;
    for (const int rank : {3, 4, 4}) a.Add(rank);
    for (const int rank : {1, 9}) b.Add(rank);
    RankHistogram ab = a, ba = b;
    ab.Merge(b);
    ba.Merge(a);
    CHECK_EQ(ab.counts(), ba.counts());
    CHECK_EQ(ab.first_rank(), 1);
    CHECK_EQ(ab.last_rank(), 9);
    CHECK_EQ(ab.counts(), std::vector<std::int64_t>{1, 0, 1, 2, 0, 0, 0, 0, 1});
    ab.Merge(empty);
    CHECK_EQ(ab.last_rank(), 9);
    empty.Merge(a);
    CHECK_EQ(empty.counts(), a.counts());
    CHECK_EQ(empty.first_rank(), 3);
  }

  TEST_CASE("a band of ranks is made room for at once and counted through its pointer") {
    // A block of draws with ranks 5, 7, 7 counted the way Simulate counts it.
    RankHistogram h, one_by_one;
    h.Add(6);
    std::int64_t* at = h.Band(5, 7);
    for (const int rank : {5, 7, 7}) ++at[rank - 5];
    for (const int rank : {6, 5, 7, 7}) one_by_one.Add(rank);
    CHECK_EQ(h.first_rank(), 5);
    CHECK_EQ(h.last_rank(), 7);
    CHECK_EQ(h.counts(), one_by_one.counts());
    // A band inside the one held changes nothing but the counts.
    ++h.Band(6, 6)[0];
    CHECK_EQ(h.counts(), std::vector<std::int64_t>{1, 2, 2});
  }
}
