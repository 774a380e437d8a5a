// Random variates for the Monte Carlo draws, vectorised and counter-based (internal to
// jobaward_core).
//
// Counter-based: variate number `index` of (key, stream, sub) is a pure function of those four
// numbers — half (index & 1) of the Philox4x32-10 block (Salmon et al. 2011; Random123's
// reference implementation, which the vector code is tested against bit for bit) of the counter
// {index >> 1, stream, sub, 0} under the 64-bit key, each half giving one ziggurat candidate
// (32 bits of magnitude and sign, 7 bits of layer) — so a
// government's noise does not depend on which other governments are drawn in the same call
// (stage-2 panels are drawn only for the governments that advance) nor on the order of calls.
// Normals: the ziggurat of Marsaglia & Tsang (2000) with 128 layers (the tables of
// GroupStream); the fast path (98.8 % of variates) is one Philox block, a table look-up and a
// compare per lane, the rest go through the scalar wedge/tail code with further counters
// {block, stream, sub, 2 attempt + half}.
// exp: SLEEF's u1.0 exp.
//
// SIMD: Highway's runtime dispatch picks AVX-512, AVX2 or the portable baseline (EMU128) once.
// Results are bit-identical on every target: Philox is integer arithmetic, the ziggurat's fast
// path one multiplication, the slow path shared scalar code, and exp is SLEEF's variant without
// fused multiply-add on every target (sse2/avx/avx512fnofma/purec compute the same operations
// in the same order; tests/unit/simulation/variates_test.cpp compares the forced baseline with the
// dispatched target). Thread-safe: no state besides Highway's one-off target choice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace jobaward::detail {

/// out[i] = standard normal number index[i] of (key, stream, sub). REQUIRES: out has
/// index.size() elements.
void CounterNormals(std::uint64_t key, std::uint32_t stream, std::uint32_t sub,
                    std::span<const std::uint32_t> index, double* out);

/// The same for the consecutive indices first, first + 1, ..., first + n - 1.
void CounterNormals(std::uint64_t key, std::uint32_t stream, std::uint32_t sub, std::uint32_t first,
                    std::size_t n, double* out);

/// Uniform in [0, 1) (53 bits) number `index` of (key, stream, sub).
[[nodiscard]] double CounterUniform(std::uint64_t key, std::uint32_t stream, std::uint32_t sub,
                                    std::uint32_t index);

/// out[i] = clamp(v[i] * exp(a * z[i] + b), lo, hi) (lognormal noise); a NaN v[i] stays NaN.
void ApplyLognormal(const double* v, const double* z, std::size_t n, double a, double b, double lo,
                    double hi, double* out);

/// out[i] = clamp(v[i] + a * z[i], lo, hi) (normal noise); a NaN v[i] stays NaN.
void ApplyNormal(const double* v, const double* z, std::size_t n, double a, double lo, double hi,
                 double* out);

/// out[i] = clamp(v[i] + shift + a * z[i], lo, hi) (reviewer noise on a score column, with the
/// reviewer's leniency shift), in that order of operations; a NaN v[i] stays NaN.
void ApplyShiftedNormal(const double* v, const double* z, std::size_t n, double shift, double a,
                        double lo, double hi, double* out);

/// The SIMD target the kernels run on ("AVX3", "AVX2", "EMU128", ...).
[[nodiscard]] const char* VariateTarget();

/// Philox4x32-10 of `counter` under `key` (the scalar reference path, from Random123).
void Philox(const std::uint32_t counter[4], std::uint64_t key, std::uint32_t out[4]);

}  // namespace jobaward::detail
