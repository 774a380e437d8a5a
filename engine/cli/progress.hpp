// The progress bar every long-running command shows on a terminal: one line on stderr, labelled
// with the phase it measures, e.g.
//   추출 [##########..........]  50%  5,000 / 10,000회  2,411회/초  남은 시간 2초
// or, for a phase that has nothing to count, its label alone ("채점 …").
// Nothing is printed when stderr is not a terminal (pipes, files, tests), so outputs and logs
// stay clean; the line is cleared when the command finishes.
//
// Call from one thread (the library's progress callbacks run on the calling thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace jobaward::cli {

class ProgressBar {
 public:
  /// Shown only when stderr is a terminal.
  ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar();

  /// True when the bar is drawn (stderr is a terminal).
  [[nodiscard]] bool enabled() const noexcept { return enabled_; }

  /// Starts a phase: `label` names what is counted (e.g. "추출", "신뢰 계수 추출"), `unit` is
  /// the counter's unit (e.g. "회", "건"). Restarts the rate and the time estimate.
  void Phase(std::string label, std::string unit);

  /// `done` of `planned` (planned 0: unknown, only the count is shown). At most ten redraws a
  /// second.
  void Update(std::uint64_t done, std::uint64_t planned);

  /// Shows `label` alone, for a phase without a count (e.g. "채점 중"), until the next phase,
  /// Update or Finish.
  void Status(const std::string& label);

  /// Clears the line (also done by the destructor).
  void Finish();

 private:
  bool enabled_ = false;
  bool shown_ = false;
  std::string label_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace jobaward::cli
