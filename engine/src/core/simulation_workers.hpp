// Internal to the Monte Carlo code (simulation.cpp, paired_simulation.cpp): the worker pool that
// runs blocks of draws, and the estimate of a probability from a count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "jobaward/simulation.hpp"

namespace jobaward::simulation_detail {

/// Runs worker(t) for t in [0, threads) on their own threads while the calling thread reports
/// config.progress(done, planned) about ten times a second and polls config.stop_requested
/// (setting `stop`) about twenty times a second. The first exception of a worker sets `stop`
/// and is rethrown once every worker has finished.
void RunWorkers(int threads, const SimulationConfig& config, std::atomic<bool>& stop,
                const std::atomic<std::uint64_t>& done, std::uint64_t planned,
                const std::function<void(int)>& worker);

/// Throws InputError (all problems at once) for draws or threads below 1, an until_se outside
/// (0, 0.5), or max_draws below draws with until_se.
void CheckConfig(const SimulationConfig& config);

/// p = k / n and its binomial standard error sqrt(p (1 - p) / n); zeros when n is 0.
[[nodiscard]] Estimate Estimated(std::int64_t k, std::uint64_t n);

}  // namespace jobaward::simulation_detail
