// Vectorised counter-based variates (variates.hpp). Highway compiles the kernels below once per
// target (foreach_target re-includes this file) and dispatches at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "src/core/simulation/variates.cpp"
// The SSSE3/SSE4 targets would add compile time for CPUs that have neither AVX2 nor AVX-512
// and still run correctly on the baseline.
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_SSE4)
#endif
#include <hwy/foreach_target.h>  // IWYU pragma: keep
// clang-format off: highway.h must follow foreach_target.h.
#include <hwy/highway.h>
// clang-format on

#include <immintrin.h>

#include <Random123/philox.h>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "jobaward/simulation/uncertainty.hpp"
#include "src/core/simulation/variates.hpp"

#ifndef JOBAWARD_VARIATES_ONCE
#define JOBAWARD_VARIATES_ONCE
// SLEEF's exp without fused multiply-add, one variant per vector width. sleef.h declares the
// vector ones only when the whole translation unit is compiled for AVX / AVX-512; here only the
// dispatched functions are, so they are declared with the target they need.
extern "C" {
double Sleef_expd1_u10purec(double);
__attribute__((target("avx"))) __m256d Sleef_expd4_u10avx(__m256d);
__attribute__((target("avx512f"))) __m512d Sleef_expd8_u10avx512fnofma(__m512d);
}

namespace jobaward::detail {
namespace {

constexpr double kZigguratR = 3.442619855899;

double Uniform53(std::uint32_t high, std::uint32_t low) {
  return static_cast<double>((static_cast<std::uint64_t>(high) << 21) | (low >> 11)) * 0x1.0p-53;
}
// In (0, 1): log() stays finite.
double OpenUniform53(std::uint32_t high, std::uint32_t low) {
  return (static_cast<double>((static_cast<std::uint64_t>(high) << 21) | (low >> 11)) + 0.5) *
         0x1.0p-53;
}

}  // namespace

void Philox(const std::uint32_t counter[4], std::uint64_t key, std::uint32_t out[4]) {
  const r123::Philox4x32_R<10> rng;
  const r123::Philox4x32_R<10>::ctr_type c = {{counter[0], counter[1], counter[2], counter[3]}};
  const r123::Philox4x32_R<10>::key_type k = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  const auto r = rng(c, k);
  for (int i = 0; i < 4; ++i) out[i] = r[static_cast<std::size_t>(i)];
}

// The ziggurat's slow path for a candidate (hz, layer) whose fast test failed. Further blocks
// come from the counters {block, stream, sub, 2 attempt + half}, attempt = 1, 2, ...: word 3 is
// 0 in the first blocks, and the two halves of a block never share a later one.
double ZigguratSlow(const ZigguratTables& zig, std::uint64_t key, std::uint32_t stream,
                    std::uint32_t sub, std::uint32_t block, std::uint32_t half,
                    std::uint32_t hz_bits, std::uint32_t layer_bits) {
  auto hz = static_cast<std::int32_t>(hz_bits);
  int layer = static_cast<int>(layer_bits & 127U);
  std::uint32_t words[4];
  for (std::uint32_t attempt = 1;; ++attempt) {
    const std::uint32_t counter[4] = {block, stream, sub, 2 * attempt + half};
    Philox(counter, key, words);
    if (layer == 0) {
      // The tail beyond r (Marsaglia 1964); the candidate's sign stays.
      const double tail = -std::log(OpenUniform53(words[0], words[1])) / kZigguratR;
      const double y = -std::log(OpenUniform53(words[2], words[3]));
      if (y + y >= tail * tail) return hz > 0 ? kZigguratR + tail : -kZigguratR - tail;
      continue;
    }
    const double x = hz * zig.w[layer];
    const double u = Uniform53(words[0], words[1]);
    if (zig.f[layer] + u * (zig.f[layer - 1] - zig.f[layer]) < std::exp(-0.5 * x * x)) return x;
    hz = static_cast<std::int32_t>(words[2]);
    layer = static_cast<int>(words[3] & 127U);
    const std::int64_t magnitude = hz < 0 ? -static_cast<std::int64_t>(hz) : hz;
    if (magnitude < static_cast<std::int64_t>(zig.k[layer])) return hz * zig.w[layer];
  }
}

// Normal `half` (0: words 0-1, 1: words 2-3) of the first block of counter `block`.
double ScalarNormal(std::uint64_t key, std::uint32_t stream, std::uint32_t sub, std::uint32_t block,
                    std::uint32_t half) {
  const ZigguratTables& zig = Ziggurat();
  const std::uint32_t counter[4] = {block, stream, sub, 0};
  std::uint32_t words[4];
  Philox(counter, key, words);
  const auto hz = static_cast<std::int32_t>(words[2 * half]);
  const auto layer = words[2 * half + 1] & 127U;
  const std::int64_t magnitude = hz < 0 ? -static_cast<std::int64_t>(hz) : hz;
  if (magnitude < static_cast<std::int64_t>(zig.k[layer])) return hz * zig.w[layer];
  return ZigguratSlow(zig, key, stream, sub, block, half, words[2 * half], words[2 * half + 1]);
}

double CounterUniform(std::uint64_t key, std::uint32_t stream, std::uint32_t sub,
                      std::uint32_t index) {
  const std::uint32_t counter[4] = {index, stream, sub, 0};
  std::uint32_t words[4];
  Philox(counter, key, words);
  return Uniform53(words[0], words[1]);
}

}  // namespace jobaward::detail
#endif  // JOBAWARD_VARIATES_ONCE

HWY_BEFORE_NAMESPACE();
namespace jobaward::detail::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_TARGET != HWY_SCALAR
// hi:lo = x * m for every 32-bit lane.
template <class DU>
HWY_INLINE void MulHiLo(DU du, hn::Vec<DU> m, hn::Vec<DU> x, hn::Vec<DU>& hi, hn::Vec<DU>& lo) {
  const hn::RepartitionToWide<DU> dw;
  lo = x * m;
  const auto even = hn::MulEven(x, m);
  const auto odd = hn::MulEven(hn::BitCast(du, hn::ShiftRight<32>(hn::BitCast(dw, x))), m);
  hi = hn::OddEven(hn::BitCast(du, odd), hn::BitCast(du, hn::ShiftRight<32>(even)));
}

// Philox4x32-10 on one counter per lane (Random123's philox4x32round and key schedule).
template <class DU>
HWY_INLINE void PhiloxLanes(DU du, std::uint64_t key, hn::Vec<DU>& x0, hn::Vec<DU>& x1,
                            hn::Vec<DU>& x2, hn::Vec<DU>& x3) {
  const auto m0 = hn::Set(du, 0xD2511F53U);
  const auto m1 = hn::Set(du, 0xCD9E8D57U);
  auto k0 = static_cast<std::uint32_t>(key);
  auto k1 = static_cast<std::uint32_t>(key >> 32);
  for (int round = 0; round < 10; ++round) {
    hn::Vec<DU> hi0, lo0, hi1, lo1;
    MulHiLo(du, m0, x0, hi0, lo0);
    MulHiLo(du, m1, x2, hi1, lo1);
    x0 = hn::Xor(hn::Xor(hi1, x1), hn::Set(du, k0));
    x1 = lo1;
    x2 = hn::Xor(hn::Xor(hi0, x3), hn::Set(du, k1));
    x3 = lo0;
    k0 += 0x9E3779B9U;
    k1 += 0xBB67AE85U;
  }
}

// The ziggurat's fast path on one vector of candidates: the normals of the lower and upper
// half of the lanes, and which lanes passed (the others need ZigguratSlow).
template <class DI>
HWY_INLINE hn::Mask<DI> ZigguratFast(DI di, const ZigguratTables& zig, hn::Vec<DI> hz,
                                     hn::Vec<DI> layer_bits,
                                     hn::Vec<hn::Rebind<double, hn::Half<DI>>>& lower,
                                     hn::Vec<hn::Rebind<double, hn::Half<DI>>>& upper) {
  const hn::Half<DI> dih;
  const hn::Rebind<double, decltype(dih)> dd;
  const hn::Rebind<std::int64_t, decltype(dih)> dl;
  const auto layer = hn::And(layer_bits, hn::Set(di, 127));
  // k < 2^31: compared as signed; |INT32_MIN| does not fit and always takes the slow path.
  const auto k = hn::GatherIndex(di, reinterpret_cast<const std::int32_t*>(zig.k), layer);
  const auto accept = hn::And(hn::Lt(hn::Abs(hz), k), hn::Ne(hz, hn::Set(di, INT32_MIN)));
  lower = hn::Mul(hn::PromoteTo(dd, hn::LowerHalf(dih, hz)),
                  hn::GatherIndex(dd, zig.w, hn::PromoteTo(dl, hn::LowerHalf(dih, layer))));
  upper = hn::Mul(hn::PromoteTo(dd, hn::UpperHalf(dih, hz)),
                  hn::GatherIndex(dd, zig.w, hn::PromoteTo(dl, hn::UpperHalf(dih, layer))));
  return accept;
}

constexpr std::size_t kMaxLanes = HWY_MAX_BYTES / sizeof(std::uint32_t);

// Bit j set: lane j failed the fast test. About a third of the vectors have a failed lane, each
// with one or two: visiting those only, not every lane, is most of the slow path's overhead.
template <class DI>
HWY_INLINE std::uint64_t FailedLanes(DI di, hn::Mask<DI> ok) {
  std::uint8_t bytes[8] = {};
  hn::StoreMaskBits(di, hn::Not(ok), bytes);
  std::uint64_t bits = 0;
  std::memcpy(&bits, bytes, sizeof bits);
  return bits;
}

// Blocks first_block + [0, N) -> 2N consecutive normals (both halves of every block).
template <class DU>
HWY_INLINE void NormalsFromBlocks(DU du, const ZigguratTables& zig, std::uint64_t key,
                                  std::uint32_t stream, std::uint32_t sub,
                                  std::uint32_t first_block, double* HWY_RESTRICT out) {
  const hn::RebindToSigned<DU> di;
  const hn::Rebind<double, hn::Half<decltype(di)>> dd;
  const std::size_t n = hn::Lanes(du);
  const auto blocks = hn::Add(hn::Iota(du, 0), hn::Set(du, first_block));
  auto x0 = blocks;
  auto x1 = hn::Set(du, stream);
  auto x2 = hn::Set(du, sub);
  auto x3 = hn::Zero(du);
  PhiloxLanes(du, key, x0, x1, x2, x3);
  hn::Vec<decltype(dd)> a_lo, a_hi, b_lo, b_hi;
  const auto ok_a = ZigguratFast(di, zig, hn::BitCast(di, x0), hn::BitCast(di, x1), a_lo, a_hi);
  const auto ok_b = ZigguratFast(di, zig, hn::BitCast(di, x2), hn::BitCast(di, x3), b_lo, b_hi);
  // out[2j] = half 0 of block j, out[2j + 1] = half 1.
  hn::StoreInterleaved2(a_lo, b_lo, dd, out);
  hn::StoreInterleaved2(a_hi, b_hi, dd, out + n);
  if (HWY_LIKELY(hn::AllTrue(di, hn::And(ok_a, ok_b)))) return;
  HWY_ALIGN std::uint32_t w[4][kMaxLanes];
  hn::Store(x0, du, w[0]);
  hn::Store(x1, du, w[1]);
  hn::Store(x2, du, w[2]);
  hn::Store(x3, du, w[3]);
  const std::uint64_t failed[2] = {FailedLanes(di, ok_a), FailedLanes(di, ok_b)};
  for (std::uint32_t half = 0; half < 2; ++half) {
    for (std::uint64_t bits = failed[half]; bits != 0; bits &= bits - 1) {
      const auto j = static_cast<std::uint32_t>(__builtin_ctzll(bits));
      out[2 * j + half] = ZigguratSlow(zig, key, stream, sub, first_block + j, half, w[2 * half][j],
                                       w[2 * half + 1][j]);
    }
  }
}

// Normals index[0..N): block index >> 1, half index & 1 (one block per lane).
template <class DU>
HWY_INLINE void NormalsAtIndices(DU du, const ZigguratTables& zig, std::uint64_t key,
                                 std::uint32_t stream, std::uint32_t sub,
                                 const std::uint32_t* HWY_RESTRICT index,
                                 double* HWY_RESTRICT out) {
  const hn::RebindToSigned<DU> di;
  const hn::Rebind<double, hn::Half<decltype(di)>> dd;
  const auto wanted = hn::LoadU(du, index);
  const auto odd = hn::Ne(hn::And(wanted, hn::Set(du, 1U)), hn::Zero(du));
  auto x0 = hn::ShiftRight<1>(wanted);
  auto x1 = hn::Set(du, stream);
  auto x2 = hn::Set(du, sub);
  auto x3 = hn::Zero(du);
  PhiloxLanes(du, key, x0, x1, x2, x3);
  const auto hz = hn::IfThenElse(odd, x2, x0);
  const auto layer = hn::IfThenElse(odd, x3, x1);
  hn::Vec<decltype(dd)> lo, hi;
  const auto ok = ZigguratFast(di, zig, hn::BitCast(di, hz), hn::BitCast(di, layer), lo, hi);
  hn::StoreU(lo, dd, out);
  hn::StoreU(hi, dd, out + hn::Lanes(dd));
  if (HWY_LIKELY(hn::AllTrue(di, ok))) return;
  HWY_ALIGN std::uint32_t hz_bits[kMaxLanes], layer_bits[kMaxLanes];
  hn::Store(hz, du, hz_bits);
  hn::Store(layer, du, layer_bits);
  for (std::uint64_t bits = FailedLanes(di, ok); bits != 0; bits &= bits - 1) {
    const auto j = static_cast<std::size_t>(__builtin_ctzll(bits));
    out[j] = ZigguratSlow(zig, key, stream, sub, index[j] >> 1, index[j] & 1U, hz_bits[j],
                          layer_bits[j]);
  }
}
#endif  // HWY_TARGET != HWY_SCALAR

void NormalsAtIndicesKernel(std::uint64_t key, std::uint32_t stream, std::uint32_t sub,
                            const std::uint32_t* index, std::size_t n, double* out) {
#if HWY_TARGET == HWY_SCALAR
  for (std::size_t i = 0; i < n; ++i)
    out[i] = ScalarNormal(key, stream, sub, index[i] >> 1, index[i] & 1U);
#else
  const hn::ScalableTag<std::uint32_t> du;
  const std::size_t lanes = hn::Lanes(du);
  std::size_t i = 0;
  const ZigguratTables& zig = Ziggurat();
  for (; i + lanes <= n; i += lanes)
    NormalsAtIndices(du, zig, key, stream, sub, index + i, out + i);
  if (i == n) return;
  // The last partial vector: padded copies (the padding's variates are dropped).
  HWY_ALIGN std::uint32_t padded[kMaxLanes] = {};
  HWY_ALIGN double result[kMaxLanes];
  std::copy(index + i, index + n, padded);
  NormalsAtIndices(du, zig, key, stream, sub, padded, result);
  std::copy(result, result + (n - i), out + i);
#endif
}

// Normals first, ..., first + n - 1; REQUIRES: first even.
void NormalsRangeKernel(std::uint64_t key, std::uint32_t stream, std::uint32_t sub,
                        std::uint32_t first, std::size_t n, double* out) {
#if HWY_TARGET == HWY_SCALAR
  for (std::size_t i = 0; i < n; ++i) {
    const auto index = first + static_cast<std::uint32_t>(i);
    out[i] = ScalarNormal(key, stream, sub, index >> 1, index & 1U);
  }
#else
  const hn::ScalableTag<std::uint32_t> du;
  const std::size_t per_vector = 2 * hn::Lanes(du);
  const ZigguratTables& zig = Ziggurat();
  std::size_t i = 0;
  for (; i + per_vector <= n; i += per_vector) {
    NormalsFromBlocks(du, zig, key, stream, sub, (first >> 1) + static_cast<std::uint32_t>(i / 2),
                      out + i);
  }
  if (i == n) return;
  HWY_ALIGN double result[2 * kMaxLanes];
  NormalsFromBlocks(du, zig, key, stream, sub, (first >> 1) + static_cast<std::uint32_t>(i / 2),
                    result);
  std::copy(result, result + (n - i), out + i);
#endif
}

template <class DD>
HWY_INLINE hn::Vec<DD> Exp(DD dd, hn::Vec<DD> v) {
#if HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL
  (void)dd;
  return hn::Vec<DD>{Sleef_expd8_u10avx512fnofma(v.raw)};
#elif HWY_TARGET == HWY_AVX2
  (void)dd;
  return hn::Vec<DD>{Sleef_expd4_u10avx(v.raw)};
#else
  constexpr std::size_t kMax = HWY_MAX_BYTES / sizeof(double);
  HWY_ALIGN double lanes[kMax];
  hn::Store(v, dd, lanes);
  for (std::size_t j = 0; j < hn::Lanes(dd); ++j) lanes[j] = Sleef_expd1_u10purec(lanes[j]);
  return hn::Load(dd, lanes);
#endif
}

// std::clamp's order of comparisons (and NaN in v kept), the same on every target.
template <class DD>
HWY_INLINE hn::Vec<DD> ClampKeepNaN(DD dd, hn::Vec<DD> v, hn::Vec<DD> r, double lo, double hi) {
  const auto vlo = hn::Set(dd, lo);
  const auto vhi = hn::Set(dd, hi);
  r = hn::IfThenElse(hn::Lt(r, vlo), vlo, hn::IfThenElse(hn::Lt(vhi, r), vhi, r));
  return hn::IfThenElse(hn::IsNaN(v), v, r);
}

enum class Noise { kLognormal, kNormal, kShiftedNormal };

// out[i] = clamp(f(v[i], z[i]), lo, hi) for the noise's f with parameters a, b; the operations of
// the scalar formulas in variates.hpp, in their order.
template <Noise kNoise>
void ApplyKernel(const double* v, const double* z, std::size_t n, double a, double b, double lo,
                 double hi, double* out) {
  const hn::ScalableTag<double> dd;
  const std::size_t lanes = hn::Lanes(dd);
  const auto va = hn::Set(dd, a);
  const auto vb = hn::Set(dd, b);
  const auto one = [&](hn::Vec<decltype(dd)> x, hn::Vec<decltype(dd)> zz) {
    if constexpr (kNoise == Noise::kLognormal) {
      return ClampKeepNaN(dd, x, hn::Mul(x, Exp(dd, hn::Add(hn::Mul(va, zz), vb))), lo, hi);
    } else if constexpr (kNoise == Noise::kNormal) {
      return ClampKeepNaN(dd, x, hn::Add(x, hn::Mul(va, zz)), lo, hi);
    } else {
      return ClampKeepNaN(dd, x, hn::Add(hn::Add(x, vb), hn::Mul(va, zz)), lo, hi);
    }
  };
  std::size_t i = 0;
  for (; i + lanes <= n; i += lanes)
    hn::StoreU(one(hn::LoadU(dd, v + i), hn::LoadU(dd, z + i)), dd, out + i);
  if (i == n) return;
  constexpr std::size_t kMax = HWY_MAX_BYTES / sizeof(double);
  HWY_ALIGN double pv[kMax] = {};
  HWY_ALIGN double pz[kMax] = {};
  HWY_ALIGN double result[kMax];
  std::copy(v + i, v + n, pv);
  std::copy(z + i, z + n, pz);
  hn::Store(one(hn::Load(dd, pv), hn::Load(dd, pz)), dd, result);
  std::copy(result, result + (n - i), out + i);
}

void ApplyLognormalKernel(const double* v, const double* z, std::size_t n, double a, double b,
                          double lo, double hi, double* out) {
  ApplyKernel<Noise::kLognormal>(v, z, n, a, b, lo, hi, out);
}
void ApplyNormalKernel(const double* v, const double* z, std::size_t n, double a, double lo,
                       double hi, double* out) {
  ApplyKernel<Noise::kNormal>(v, z, n, a, 0.0, lo, hi, out);
}
void ApplyShiftedNormalKernel(const double* v, const double* z, std::size_t n, double shift,
                              double a, double lo, double hi, double* out) {
  ApplyKernel<Noise::kShiftedNormal>(v, z, n, a, shift, lo, hi, out);
}
const char* TargetKernel() { return hwy::TargetName(HWY_TARGET); }

}  // namespace jobaward::detail::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace jobaward::detail {

HWY_EXPORT(NormalsAtIndicesKernel);
HWY_EXPORT(NormalsRangeKernel);
HWY_EXPORT(ApplyLognormalKernel);
HWY_EXPORT(ApplyNormalKernel);
HWY_EXPORT(ApplyShiftedNormalKernel);
HWY_EXPORT(TargetKernel);

void CounterNormals(std::uint64_t key, std::uint32_t stream, std::uint32_t sub,
                    std::span<const std::uint32_t> index, double* out) {
  HWY_DYNAMIC_DISPATCH(NormalsAtIndicesKernel)(key, stream, sub, index.data(), index.size(), out);
}

void CounterNormals(std::uint64_t key, std::uint32_t stream, std::uint32_t sub, std::uint32_t first,
                    std::size_t n, double* out) {
  if (n == 0) return;
  if (first % 2 == 0) {
    HWY_DYNAMIC_DISPATCH(NormalsRangeKernel)(key, stream, sub, first, n, out);
    return;
  }
  // An odd start: its first normal is the second half of a block.
  const std::uint32_t index[1] = {first};
  HWY_DYNAMIC_DISPATCH(NormalsAtIndicesKernel)(key, stream, sub, index, 1, out);
  if (n > 1) HWY_DYNAMIC_DISPATCH(NormalsRangeKernel)(key, stream, sub, first + 1, n - 1, out + 1);
}

void ApplyLognormal(const double* v, const double* z, std::size_t n, double a, double b, double lo,
                    double hi, double* out) {
  HWY_DYNAMIC_DISPATCH(ApplyLognormalKernel)(v, z, n, a, b, lo, hi, out);
}

void ApplyNormal(const double* v, const double* z, std::size_t n, double a, double lo, double hi,
                 double* out) {
  HWY_DYNAMIC_DISPATCH(ApplyNormalKernel)(v, z, n, a, lo, hi, out);
}

void ApplyShiftedNormal(const double* v, const double* z, std::size_t n, double shift, double a,
                        double lo, double hi, double* out) {
  HWY_DYNAMIC_DISPATCH(ApplyShiftedNormalKernel)(v, z, n, shift, a, lo, hi, out);
}

const char* VariateTarget() { return HWY_DYNAMIC_DISPATCH(TargetKernel)(); }

}  // namespace jobaward::detail
#endif  // HWY_ONCE
