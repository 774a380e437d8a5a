// The Monte Carlo worker pool and estimates (see simulation_workers.hpp).
#include "src/core/simulation/simulation_workers.hpp"

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobaward/error.hpp"

namespace jobaward::simulation_detail {

void RunWorkers(int threads, const SimulationConfig& config, std::atomic<bool>& stop,
                const std::atomic<std::uint64_t>& done, std::uint64_t planned,
                const std::function<void(int)>& worker) {
  std::mutex mutex;
  std::condition_variable finished_cv;
  int finished = 0;
  std::exception_ptr error;
  std::vector<std::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      try {
        worker(t);
      } catch (...) {
        stop = true;
        const std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      ++finished;
      finished_cv.notify_all();
    });
  }
  {
    std::unique_lock lock(mutex);
    auto last_progress = std::chrono::steady_clock::now();
    while (finished < threads) {
      finished_cv.wait_for(lock, std::chrono::milliseconds(50));
      lock.unlock();
      if (config.stop_requested && config.stop_requested()) stop = true;
      const auto now = std::chrono::steady_clock::now();
      if (config.progress && now - last_progress >= std::chrono::milliseconds(100)) {
        config.progress(done.load(), planned);
        last_progress = now;
      }
      lock.lock();
    }
  }
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

Estimate Estimated(std::int64_t k, std::uint64_t n) {
  if (n == 0) return {};
  const double p = static_cast<double>(k) / static_cast<double>(n);
  return {p, std::sqrt(p * (1.0 - p) / static_cast<double>(n))};
}

void CheckConfig(const SimulationConfig& config) {
  DiagnosticSink sink;
  const SourceLocation where{"simulation config", 0, 0};
  if (config.draws < 1) sink.Add(where, "draws", "must be at least 1, got 0");
  if (config.threads < 1)
    sink.Add(where, "threads", "must be at least 1, got " + std::to_string(config.threads));
  if (config.until_se && !(*config.until_se > 0 && *config.until_se < 0.5))
    sink.Add(where, "until_se", "must be in (0, 0.5), got " + std::to_string(*config.until_se));
  if (config.until_se && config.max_draws < config.draws)
    sink.Add(where, "max_draws",
             "must be at least draws (" + std::to_string(config.draws) + "), got " +
                 std::to_string(config.max_draws));
  sink.ThrowIfAny();
}

}  // namespace jobaward::simulation_detail
