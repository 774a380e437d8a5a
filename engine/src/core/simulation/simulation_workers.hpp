// Internal to the Monte Carlo code (simulation.cpp, paired_simulation.cpp): the worker pool that
// runs blocks of draws, and the estimate of a probability from a count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>

#include "jobaward/simulation/simulation.hpp"

namespace jobaward::simulation_detail {

/// Runs worker(t) for t in [0, threads) on their own threads while the calling thread reports
/// config.progress(done, planned) about ten times a second and polls config.stop_requested
/// (setting `stop`) about twenty times a second. The first exception of a worker sets `stop`
/// and is rethrown once every worker has finished.
void RunWorkers(int threads, const SimulationConfig& config, std::atomic<bool>& stop,
                const std::atomic<std::uint64_t>& done, std::uint64_t planned,
                const std::function<void(int)>& worker);

/// The worker's side of RunWorkers: takes the next block of draws [start + b * kSimulationBlock,
/// ... + kSimulationBlock) below `end` from `next_block` (shared by the workers, so blocks are
/// taken in order), runs draws(first, last) and adds its draws to `done`, until every block is
/// taken or `stop` is set. A stop therefore ends each worker at a block boundary, and the
/// completed draws are exactly the first `done` ones.
template <typename Draws>
void ForEachBlock(std::uint64_t start, std::uint64_t end, std::atomic<std::uint64_t>& next_block,
                  const std::atomic<bool>& stop, std::atomic<std::uint64_t>& done, Draws&& draws) {
  const std::uint64_t blocks = (end - start + kSimulationBlock - 1) / kSimulationBlock;
  for (;;) {
    if (stop) return;
    const std::uint64_t block = next_block.fetch_add(1);
    if (block >= blocks) return;
    const std::uint64_t first = start + block * kSimulationBlock;
    const std::uint64_t last = std::min(first + kSimulationBlock, end);
    draws(first, last);
    done += last - first;
  }
}

/// Throws InputError (all problems at once) for draws or threads below 1, an until_se outside
/// (0, 0.5), or max_draws below draws with until_se.
void CheckConfig(const SimulationConfig& config);

/// p = k / n and its binomial standard error sqrt(p (1 - p) / n); zeros when n is 0.
[[nodiscard]] Estimate Estimated(std::int64_t k, std::uint64_t n);

}  // namespace jobaward::simulation_detail
