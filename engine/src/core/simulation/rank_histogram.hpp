// The ranks one government was seen at over Monte Carlo draws (simulation.cpp), counted only
// between the best and the worst rank seen. With drawn cohort thresholds a government's cohort
// can hold thousands of members, yet from one draw to the next it lands within a narrow band of
// ranks: a histogram from rank 1 would be mostly zeros (5,000 reports: up to 8 KB per
// government, category and thread, 150 MB in all).
#pragma once

#include <cstdint>
#include <vector>

namespace jobaward::detail {

class RankHistogram {
 public:
  /// Counts one draw at `rank` (>= 1).
  void Add(int rank) {
    Cover(rank, rank);
    ++counts_[static_cast<std::size_t>(rank - first_)];
  }

  /// Extends the band to hold lo .. hi (1 <= lo <= hi) and returns the count of rank lo; the
  /// counts of lo .. hi follow it. For adding many draws whose ranks are known to lie there.
  std::int64_t* Band(int lo, int hi) {
    Cover(lo, hi);
    return &counts_[static_cast<std::size_t>(lo - first_)];
  }

  /// Adds the counts of `other` (exact and commutative).
  void Merge(const RankHistogram& other) {
    if (other.counts_.empty()) return;
    Cover(other.first_, other.last_rank());
    for (std::size_t i = 0; i < other.counts_.size(); ++i) {
      counts_[static_cast<std::size_t>(other.first_ - first_) + i] += other.counts_[i];
    }
  }

  /// The best and the worst rank seen; both 0 before the first draw.
  [[nodiscard]] int first_rank() const { return first_; }
  [[nodiscard]] int last_rank() const {
    return counts_.empty() ? 0 : first_ + static_cast<int>(counts_.size()) - 1;
  }

  /// Draws at `rank`; 0 outside the ranks seen.
  [[nodiscard]] std::int64_t Count(int rank) const {
    if (counts_.empty() || rank < first_ || rank > last_rank()) return 0;
    return counts_[static_cast<std::size_t>(rank - first_)];
  }

  /// The counts of first_rank() .. last_rank(), in that order.
  [[nodiscard]] const std::vector<std::int64_t>& counts() const { return counts_; }

 private:
  // Extends the band to hold lo .. hi.
  void Cover(int lo, int hi) {
    if (counts_.empty()) {
      first_ = lo;
      counts_.assign(static_cast<std::size_t>(hi - lo + 1), 0);
      return;
    }
    if (lo < first_) {
      counts_.insert(counts_.begin(), static_cast<std::size_t>(first_ - lo), 0);
      first_ = lo;
    }
    if (hi > last_rank()) counts_.resize(static_cast<std::size_t>(hi - first_ + 1), 0);
  }

  int first_ = 0;
  std::vector<std::int64_t> counts_;
};

}  // namespace jobaward::detail
