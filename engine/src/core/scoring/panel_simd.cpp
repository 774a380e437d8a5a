// CombinePanel and QuantiseColumn (indicator_methods.hpp): scoring steps over every row at once,
// with Highway's runtime dispatch (AVX-512, AVX2 or the portable baseline), as in variates.cpp.
// For panels a block of rows is one vector: the reviewer columns are contiguous in the
// column-major panel, so row i's scores are lane i of consecutive loads.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "src/core/scoring/panel_simd.cpp"
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_SSE4)
#endif
#include <hwy/foreach_target.h>  // IWYU pragma: keep
// clang-format off: highway.h must follow foreach_target.h.
#include <hwy/highway.h>
// clang-format on

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "src/core/scoring/indicator_methods.hpp"

#ifndef JOBAWARD_PANEL_SIMD_ONCE
#define JOBAWARD_PANEL_SIMD_ONCE
namespace jobaward::detail {
// Medians of larger panels (none in the rubrics we know) go row by row through CombineScores.
constexpr std::size_t kMaxNetwork = 16;
}  // namespace jobaward::detail
#endif

HWY_BEFORE_NAMESPACE();
namespace jobaward::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Calls block(load, store, first_row) for every block of rows: load(r) is reviewer r's scores
// of the block, store(v) writes the block's results. The last, partial block is padded with
// missing scores and only its real rows are written.
template <class DD, class Block>
void ForEachBlockOfRows(DD dd, const double* panel, std::size_t rows, double* out, Block block) {
  const std::size_t lanes = hn::Lanes(dd);
  std::size_t i = 0;
  for (; i + lanes <= rows; i += lanes) {
    block([&](std::size_t r) { return hn::LoadU(dd, panel + r * rows + i); },
          [&](hn::Vec<DD> v) { hn::StoreU(v, dd, out + i); });
  }
  if (i == rows) return;
  constexpr std::size_t kMax = HWY_MAX_BYTES / sizeof(double);
  HWY_ALIGN double pad[kMax];
  HWY_ALIGN double result[kMax];
  const std::size_t left = rows - i;
  block(
      [&](std::size_t r) {
        std::fill(pad, pad + kMax, kNaN);
        std::copy(panel + r * rows + i, panel + r * rows + rows, pad);
        return hn::Load(dd, pad);
      },
      [&](hn::Vec<DD> v) {
        hn::Store(v, dd, result);
        std::copy(result, result + left, out + i);
      });
}

// Mean and trimmed mean: per lane the running sum, lowest, highest and count in reviewer order,
// the operations of CombineScores. A missing score adds +0.0, which leaves the sum's bits
// alone (it starts at +0.0 and so is never -0.0), and is +inf to the lowest and -inf to the
// highest. Min/Max may keep the other sign of an equal zero, which (sum - lowest - highest)
// cannot show: x - (+0) and x - (-0) are both x, and +0 for x = +0.
void MeanKernel(const double* panel, std::size_t rows, std::size_t reviewers, bool trimmed,
                double* out) {
  const hn::ScalableTag<double> dd;
  const auto zero = hn::Zero(dd);
  const auto one = hn::Set(dd, 1.0);
  const auto two = hn::Set(dd, 2.0);
  const auto three = hn::Set(dd, 3.0);
  const auto inf = hn::Set(dd, kInf);
  const auto minus_inf = hn::Set(dd, -kInf);
  const auto nan = hn::Set(dd, kNaN);
  ForEachBlockOfRows(dd, panel, rows, out, [&](auto load, auto store) {
    auto sum = zero;
    auto lowest = inf;
    auto highest = minus_inf;
    auto count = zero;
    for (std::size_t r = 0; r < reviewers; ++r) {
      const auto v = load(r);
      const auto scored = hn::Not(hn::IsNaN(v));
      sum = hn::Add(sum, hn::IfThenElseZero(scored, v));
      lowest = hn::Min(lowest, hn::IfThenElse(scored, v, inf));
      highest = hn::Max(highest, hn::IfThenElse(scored, v, minus_inf));
      count = hn::Add(count, hn::IfThenElseZero(scored, one));
    }
    auto result = hn::Div(sum, count);
    if (trimmed) {
      const auto trim = hn::Div(hn::Sub(hn::Sub(sum, lowest), highest), hn::Sub(count, two));
      result = hn::IfThenElse(hn::Ge(count, three), trim, result);
    }
    store(hn::IfThenElse(hn::Eq(count, zero), nan, result));
  });
}

// Median of at most kMaxNetwork reviewers: missing scores become +inf, which sorts after every
// score; the odd-even transposition network of CombineScores then sorts each lane's column of
// `reviewers` values (as many passes as values), and lane i's first count[i] values are its
// scores in order. Min/Max may swap equal zeros of opposite sign (as the scalar network may):
// a median of +0 and -0 can carry either sign.

void MedianKernel(const double* panel, std::size_t rows, std::size_t reviewers, double* out) {
  const hn::ScalableTag<double> dd;
  const std::size_t lanes = hn::Lanes(dd);
  constexpr std::size_t kMax = HWY_MAX_BYTES / sizeof(double);
  HWY_ALIGN double sorted[kMaxNetwork * kMax];
  HWY_ALIGN double counts[kMax];
  HWY_ALIGN double medians[kMax];
  const auto zero = hn::Zero(dd);
  const auto one = hn::Set(dd, 1.0);
  const auto inf = hn::Set(dd, kInf);
  ForEachBlockOfRows(dd, panel, rows, out, [&](auto load, auto store) {
    auto count = zero;
    for (std::size_t r = 0; r < reviewers; ++r) {
      const auto v = load(r);
      const auto scored = hn::Not(hn::IsNaN(v));
      hn::Store(hn::IfThenElse(scored, v, inf), dd, sorted + r * lanes);
      count = hn::Add(count, hn::IfThenElseZero(scored, one));
    }
    for (std::size_t pass = 0; pass < reviewers; ++pass) {
      for (std::size_t k = pass % 2; k + 1 < reviewers; k += 2) {
        const auto a = hn::Load(dd, sorted + k * lanes);
        const auto b = hn::Load(dd, sorted + (k + 1) * lanes);
        hn::Store(hn::Min(a, b), dd, sorted + k * lanes);
        hn::Store(hn::Max(a, b), dd, sorted + (k + 1) * lanes);
      }
    }
    hn::Store(count, dd, counts);
    for (std::size_t lane = 0; lane < lanes; ++lane) {
      const auto n = static_cast<std::size_t>(counts[lane]);
      const double* at = sorted + lane;
      medians[lane] = n == 0       ? kNaN
                      : n % 2 == 1 ? at[(n / 2) * lanes]
                                   : (at[(n / 2 - 1) * lanes] + at[(n / 2) * lanes]) / 2;
    }
    store(hn::Load(dd, medians));
  });
}

// Quantise: x = 1e6 v; for |x| < 2^52 trunc(x) + (f >= 0.5) - (f <= -0.5) with f = x - trunc(x),
// else x. Trunc gives -0.0 where Quantise's int64 round trip gives +0.0, which changes nothing:
// f is the same, and -0.0 + 0.0 is +0.0 as +0.0 + 0.0 is.
void QuantiseKernel(const double* v, std::size_t n, double* out) {
  const hn::ScalableTag<double> dd;
  const auto scale = hn::Set(dd, 1e6);
  const auto limit = hn::Set(dd, 0x1p52);
  const auto half = hn::Set(dd, 0.5);
  const auto minus_half = hn::Set(dd, -0.5);
  const auto one = hn::Set(dd, 1.0);
  const auto quantise = [&](hn::Vec<decltype(dd)> value) {
    const auto x = hn::Mul(value, scale);
    const auto t = hn::Trunc(x);
    const auto f = hn::Sub(x, t);
    const auto r = hn::Sub(hn::Add(t, hn::IfThenElseZero(hn::Ge(f, half), one)),
                           hn::IfThenElseZero(hn::Le(f, minus_half), one));
    return hn::IfThenElse(hn::Lt(hn::Abs(x), limit), r, x);
  };
  const std::size_t lanes = hn::Lanes(dd);
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes) hn::StoreU(quantise(hn::LoadU(dd, v + i)), dd, out + i);
  if (i == n) return;
  constexpr std::size_t kMax = HWY_MAX_BYTES / sizeof(double);
  HWY_ALIGN double pad[kMax] = {};
  HWY_ALIGN double result[kMax];
  std::copy(v + i, v + n, pad);
  hn::Store(quantise(hn::Load(dd, pad)), dd, result);
  std::copy(result, result + (n - i), out + i);
}

}  // namespace jobaward::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace jobaward::detail {

HWY_EXPORT(MeanKernel);
HWY_EXPORT(MedianKernel);
HWY_EXPORT(QuantiseKernel);

void QuantiseColumn(const double* v, std::size_t n, double* out) {
  HWY_DYNAMIC_DISPATCH(QuantiseKernel)(v, n, out);
}

void CombinePanel(const double* panel, std::size_t rows, std::size_t reviewers,
                  PanelCombine combine, std::vector<double>& scratch, double* out) {
  if (combine != PanelCombine::kMedian) {
    HWY_DYNAMIC_DISPATCH(MeanKernel)
    (panel, rows, reviewers, combine == PanelCombine::kTrimmedMean, out);
    return;
  }
  if (reviewers <= kMaxNetwork) {
    HWY_DYNAMIC_DISPATCH(MedianKernel)(panel, rows, reviewers, out);
    return;
  }
  scratch.resize(reviewers);
  for (std::size_t i = 0; i < rows; ++i) {
    std::size_t n = 0;
    for (std::size_t r = 0; r < reviewers; ++r) {
      scratch[n] = panel[r * rows + i];
      n += std::isnan(panel[r * rows + i]) ? 0U : 1U;
    }
    out[i] = CombineScores(scratch.data(), n, combine);
  }
}

}  // namespace jobaward::detail
#endif  // HWY_ONCE
