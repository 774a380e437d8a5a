#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "jobaward/render/text_table.hpp"

namespace jobaward::cli {

ProgressBar::ProgressBar()
    : enabled_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - std::chrono::seconds(1)) {}

ProgressBar::~ProgressBar() { Finish(); }

void ProgressBar::Phase(std::string label, std::string unit) {
  label_ = std::move(label);
  unit_ = std::move(unit);
  start_ = std::chrono::steady_clock::now();
  last_draw_ = start_ - std::chrono::seconds(1);
}

void ProgressBar::Update(std::uint64_t done, std::uint64_t planned) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // The last update of a known total is always drawn (100 %); an open count (planned 0) is
  // drawn at most ten times a second like the rest.
  if (now - last_draw_ < std::chrono::milliseconds(100) && (planned == 0 || done < planned)) {
    return;
  }
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  std::string line = "\r" + label_ + " ";
  if (planned > 0) {
    const double fraction = std::min(1.0, static_cast<double>(done) / static_cast<double>(planned));
    constexpr int kWidth = 20;
    std::string bar(static_cast<std::size_t>(fraction * kWidth), '#');
    bar.resize(kWidth, '.');
    line += "[" + bar + "] " + FormatFixed(fraction * 100, 0) + "%  " +
            FormatThousands(static_cast<double>(done)) + " / " +
            FormatThousands(static_cast<double>(planned)) + unit_;
    if (rate > 0) {
      line += "  " + FormatThousands(rate) + unit_ + "/초  남은 시간 " +
              FormatFixed(static_cast<double>(planned - std::min(done, planned)) / rate, 0) + "초";
    }
  } else {
    line += FormatThousands(static_cast<double>(done)) + unit_;
  }
  std::fputs((line + "\033[K").c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressBar::Status(const std::string& label) {
  if (!enabled_) return;
  std::fputs(("\r" + label + " …\033[K").c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

void ProgressBar::Finish() {
  if (shown_) std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace jobaward::cli
