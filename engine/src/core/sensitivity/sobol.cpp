// Sobol indices by Saltelli/Jansen estimators with a blocked bootstrap (see sobol.hpp).
#include "jobaward/sensitivity/sobol.hpp"

#include <algorithm>
#include <atomic>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <pcg_random.hpp>
#include <random>
#include <thread>

#include "jobaward/error.hpp"

namespace jobaward {
namespace {

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Domain separation: uniforms the machinery draws for a group in random mode must not be the
// numbers the model draws from the same key.
constexpr std::uint64_t kUniformStreamTag = 0x50b01ULL;

double ToUnit(std::uint64_t bits) { return std::ldexp(static_cast<double>(bits >> 11), -53); }

// Running sums of one unit (block of base samples), per output, of centred values:
// (4 + 2 groups) x outputs — sA, sA², sB, sB², first[i], total[i]. Row-major: every evaluation
// adds to whole rows.
using Sums = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Layout {
  int groups = 0;
  int outputs = 0;
  int total_dimension = 0;
  std::vector<int> offset;  // First coordinate of each group within one matrix.
};

// Evaluates base samples [begin, end) and accumulates into `sums` in sample order.
void RunUnit(const Layout& layout, const std::vector<SobolGroup>& groups,
             const SobolOptions& options, const Eigen::VectorXd& centre, SobolFunction& model,
             std::int64_t begin, std::int64_t end, Sums& sums) {
  const int k = layout.groups;
  const int d = layout.total_dimension;
  std::vector<double> uniforms_a(static_cast<std::size_t>(d)), uniforms_b(uniforms_a.size());
  std::vector<GroupDraw> draws_a(static_cast<std::size_t>(k)), draws_b(draws_a.size()),
      draws_ab(draws_a.size());
  Eigen::VectorXd fa(layout.outputs), fb(layout.outputs), fab(layout.outputs);
  boost::random::sobol sequence(static_cast<std::size_t>(std::max(1, 2 * d)));
  if (options.quasi_random && d > 0) sequence.seed(static_cast<std::uint64_t>(begin));
  for (std::int64_t j = begin; j < end; ++j) {
    if (options.quasi_random) {
      for (int c = 0; c < 2 * d; ++c) {
        const double u = std::ldexp(static_cast<double>(sequence() >> 11), -53);
        (c < d ? uniforms_a[static_cast<std::size_t>(c)]
               : uniforms_b[static_cast<std::size_t>(c - d)]) = u;
      }
    }
    for (int g = 0; g < k; ++g) {
      const auto gi = static_cast<std::size_t>(g);
      const auto off = static_cast<std::size_t>(layout.offset[gi]);
      const auto dim = static_cast<std::size_t>(groups[gi].dimension);
      const std::uint64_t key_a = GroupStreamKey(options.seed, 'A', j, g);
      const std::uint64_t key_b = GroupStreamKey(options.seed, 'B', j, g);
      if (!options.quasi_random && dim > 0) {
        pcg64 rng_a(key_a ^ kUniformStreamTag, key_a), rng_b(key_b ^ kUniformStreamTag, key_b);
        for (std::size_t c = 0; c < dim; ++c) {
          uniforms_a[off + c] = ToUnit(rng_a());
          uniforms_b[off + c] = ToUnit(rng_b());
        }
      }
      draws_a[gi] = {std::span<const double>(uniforms_a).subspan(off, dim), key_a};
      draws_b[gi] = {std::span<const double>(uniforms_b).subspan(off, dim), key_b};
    }
    // B before A: each AB_i below then differs from the previous evaluation in one or two
    // groups, and a model that redraws only changed inputs (ApplyDraw) does the least work.
    model(draws_b, std::span<double>(fb.data(), static_cast<std::size_t>(fb.size())));
    model(draws_a, std::span<double>(fa.data(), static_cast<std::size_t>(fa.size())));
    fa -= centre;
    fb -= centre;
    sums.row(0) += fa.transpose();
    sums.row(1) += fa.cwiseAbs2().transpose();
    sums.row(2) += fb.transpose();
    sums.row(3) += fb.cwiseAbs2().transpose();
    draws_ab = draws_a;
    for (int g = 0; g < k; ++g) {
      const auto gi = static_cast<std::size_t>(g);
      draws_ab[gi] = draws_b[gi];
      model(draws_ab, std::span<double>(fab.data(), static_cast<std::size_t>(fab.size())));
      draws_ab[gi] = draws_a[gi];
      fab -= centre;
      sums.row(4 + g) += (fb.array() * (fab - fa).array()).matrix().transpose();
      sums.row(4 + k + g) += (fa - fab).cwiseAbs2().transpose();
    }
  }
}

// Indices of one output from the (possibly resampled) sums; n = base samples counted.
void IndicesFromSums(const Eigen::Ref<const Eigen::VectorXd>& s, double n, int k,
                     Eigen::Ref<Eigen::VectorXd> first, Eigen::Ref<Eigen::VectorXd> total,
                     double* mean_out, double* variance_out) {
  const double mean = (s[0] + s[2]) / (2 * n);
  const double variance = (s[1] + s[3]) / (2 * n) - mean * mean;
  if (mean_out != nullptr) *mean_out = mean;
  if (variance_out != nullptr) *variance_out = variance;
  // A spread below rounding noise of the centred values is no spread: indices are undefined.
  const bool degenerate = !(variance > 1e-14 * std::max(1.0, (s[1] + s[3]) / (2 * n)));
  for (int g = 0; g < k; ++g) {
    first[g] = degenerate ? std::numeric_limits<double>::quiet_NaN() : s[4 + g] / n / variance;
    total[g] =
        degenerate ? std::numeric_limits<double>::quiet_NaN() : s[4 + k + g] / (2 * n) / variance;
  }
}

// Two percentiles of `values` (one sort), by linear interpolation between order statistics
// (type 7); NaN values are dropped. NaN when nothing is left.
std::pair<double, double> Percentiles(std::vector<double>& values, double q_low, double q_high) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
               values.end());
  if (values.empty()) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
  }
  std::sort(values.begin(), values.end());
  const auto at = [&](double q) {
    const double h = q * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
  };
  return {at(q_low), at(q_high)};
}

// Runs `work(item)` for item in [0, count) on `threads` threads; rethrows the first exception.
template <typename Work>
void ParallelFor(int threads, std::int64_t count, const Work& work) {
  std::atomic<std::int64_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto worker = [&](int thread) {
    try {
      for (std::int64_t item = next++; item < count; item = next++) work(thread, item);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = count;
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

std::uint64_t GroupStreamKey(std::uint64_t seed, char matrix, std::int64_t sample, int group) {
  std::uint64_t h = SplitMix64(seed);
  h = SplitMix64(h ^ static_cast<std::uint64_t>(static_cast<unsigned char>(matrix)));
  h = SplitMix64(h ^ static_cast<std::uint64_t>(sample));
  return SplitMix64(h ^ static_cast<std::uint64_t>(group));
}

std::vector<double> SobolPoint(int dimension, std::uint64_t index) {
  Require(dimension >= 1 && dimension <= BOOST_RANDOM_SOBOL_MAX_DIMENSION,
          "SobolPoint: dimension out of range");
  boost::random::sobol sequence(static_cast<std::size_t>(dimension));
  sequence.seed(index);
  std::vector<double> point(static_cast<std::size_t>(dimension));
  for (auto& u : point) u = std::ldexp(static_cast<double>(sequence() >> 11), -53);
  return point;
}

SobolIndices ComputeSobolIndices(const std::vector<SobolGroup>& groups, int output_count,
                                 const SobolFunctionFactory& factory, const SobolOptions& options) {
  Require(!groups.empty() && output_count >= 1, "ComputeSobolIndices: no groups or outputs");
  Require(options.base_samples >= 2 && options.threads >= 1 && options.bootstrap_units >= 1 &&
              options.bootstrap_resamples >= 0,
          "ComputeSobolIndices: bad options");
  Layout layout;
  layout.groups = static_cast<int>(groups.size());
  layout.outputs = output_count;
  for (const auto& group : groups) {
    Require(group.dimension >= 0, "ComputeSobolIndices: negative dimension");
    layout.offset.push_back(layout.total_dimension);
    layout.total_dimension += group.dimension;
  }
  Require(2 * layout.total_dimension <= BOOST_RANDOM_SOBOL_MAX_DIMENSION,
          "ComputeSobolIndices: too many quasi-random dimensions for the Sobol table");
  const int k = layout.groups;
  const std::int64_t n = options.base_samples;

  // Reference point for centring: f at the first A sample, evaluated on its own.
  Eigen::VectorXd centre = Eigen::VectorXd::Zero(output_count);
  {
    SobolFunction model = factory();
    Sums scratch = Sums::Zero(4 + 2 * k, output_count);
    // Centre-free sums of sample 0 give f(A_0) in row 0.
    RunUnit(layout, groups, options, centre, model, 0, 1, scratch);
    centre = scratch.row(0).transpose();
  }

  const auto units = static_cast<int>(std::min<std::int64_t>(options.bootstrap_units, n));
  std::vector<Sums> unit_sums(static_cast<std::size_t>(units));
  const int threads = std::max(1, std::min(options.threads, units));
  std::vector<SobolFunction> models(static_cast<std::size_t>(threads));
  for (auto& model : models) model = factory();
  // Each base sample costs k + 2 evaluations; the centre took one.
  const std::int64_t planned = n * (k + 2) + 1;
  std::atomic<std::int64_t> samples_done{0};
  ParallelFor(threads, units, [&](int thread, std::int64_t unit) {
    auto& sums = unit_sums[static_cast<std::size_t>(unit)];
    sums = Sums::Zero(4 + 2 * k, output_count);
    RunUnit(layout, groups, options, centre, models[static_cast<std::size_t>(thread)],
            unit * n / units, (unit + 1) * n / units, sums);
    samples_done += (unit + 1) * n / units - unit * n / units;
    // Worker 0 is the calling thread (ParallelFor), the only one that may call back.
    if (thread == 0 && options.progress) options.progress(samples_done * (k + 2) + 1, planned);
  });
  if (options.progress) options.progress(planned, planned);
  Sums total_sums = Sums::Zero(4 + 2 * k, output_count);
  for (const auto& sums : unit_sums) total_sums += sums;

  SobolIndices result;
  result.first.resize(k, output_count);
  result.total.resize(k, output_count);
  result.mean.resize(output_count);
  result.variance.resize(output_count);
  for (int o = 0; o < output_count; ++o) {
    double mean = 0, variance = 0;
    Eigen::VectorXd first(k), total(k);
    IndicesFromSums(total_sums.col(o), static_cast<double>(n), k, first, total, &mean, &variance);
    result.first.col(o) = first;
    result.total.col(o) = total;
    result.mean[o] = mean + centre[o];
    result.variance[o] = variance;
  }
  result.evaluations = n * (k + 2) + 1;

  // Bootstrap: resample units with replacement; the multiplicities are shared by all outputs.
  const int resamples = options.bootstrap_resamples;
  Eigen::MatrixXd counts = Eigen::MatrixXd::Zero(units, std::max(resamples, 1));
  Eigen::VectorXd unit_size(units);
  for (int u = 0; u < units; ++u) {
    unit_size[u] = static_cast<double>((u + 1) * n / units - u * n / units);
  }
  for (int r = 0; r < resamples; ++r) {
    pcg64 rng(SplitMix64(options.seed ^ 0xb0075ULL), static_cast<std::uint64_t>(r));
    std::uniform_int_distribution<int> pick(0, units - 1);
    for (int u = 0; u < units; ++u) counts(pick(rng), r) += 1;
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  result.first_low = result.first_high = result.total_low = result.total_high =
      Eigen::MatrixXd::Constant(k, output_count, nan);
  if (resamples == 0) return result;
  const double q_low = (1 - options.confidence) / 2, q_high = 1 - q_low;
  const Eigen::VectorXd resampled_n = counts.transpose() * unit_size;
  ParallelFor(threads, output_count, [&](int, std::int64_t output) {
    const auto o = static_cast<Eigen::Index>(output);
    Eigen::MatrixXd stacked(4 + 2 * k, units);  // This output's sums, one column per unit.
    for (int u = 0; u < units; ++u) stacked.col(u) = unit_sums[static_cast<std::size_t>(u)].col(o);
    const Eigen::MatrixXd resampled = stacked * counts;  // (4 + 2k) x resamples.
    Eigen::MatrixXd first(k, resamples), total(k, resamples);
    for (int r = 0; r < resamples; ++r) {
      IndicesFromSums(resampled.col(r), resampled_n[r], k, first.col(r), total.col(r), nullptr,
                      nullptr);
    }
    std::vector<double> values;
    for (int g = 0; g < k; ++g) {
      for (int pass = 0; pass < 2; ++pass) {
        const Eigen::MatrixXd& source = pass == 0 ? first : total;
        values.resize(static_cast<std::size_t>(resamples));
        for (int r = 0; r < resamples; ++r) values[static_cast<std::size_t>(r)] = source(g, r);
        const auto [lo, hi] = Percentiles(values, q_low, q_high);
        (pass == 0 ? result.first_low : result.total_low)(g, o) = lo;
        (pass == 0 ? result.first_high : result.total_high)(g, o) = hi;
      }
    }
  });
  return result;
}

}  // namespace jobaward
