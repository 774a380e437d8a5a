// Bounded concurrency with a bounded queue (see compute_gate.hpp).
#include "compute_gate.hpp"

#include <string>

#include "request_error.hpp"

namespace jobaward::server_detail {

ComputeGate::ComputeGate(int slots, int queue_limit, std::chrono::milliseconds max_wait)
    : slots_(slots < 1 ? 1 : slots),
      queue_limit_(queue_limit < 0 ? 0 : queue_limit),
      max_wait_(max_wait) {}

ComputeGate::Ticket::~Ticket() {
  if (gate_ != nullptr) gate_->Leave();
}

ComputeGate::Ticket ComputeGate::Enter(const char* what) {
  std::unique_lock lock(mutex_);
  const auto stopping = [&] { return RequestError(503, "", "the server is stopping"); };
  if (closed_) throw stopping();
  if (running_ < slots_ && waiting_ == 0) {
    ++running_;
    return Ticket(this);
  }
  if (waiting_ >= queue_limit_) {
    throw RequestError(429, "",
                       std::string("the server is busy: ") + std::to_string(waiting_) +
                           " requests already wait for a " + what + " slot; retry shortly");
  }
  ++waiting_;
  const bool got = freed_.wait_for(lock, max_wait_, [&] { return closed_ || running_ < slots_; });
  --waiting_;
  if (closed_) throw stopping();
  if (!got) {
    throw RequestError(429, "",
                       std::string("the server is busy: no ") + what + " slot freed within " +
                           std::to_string(max_wait_.count()) + " ms; retry shortly");
  }
  ++running_;
  return Ticket(this);
}

void ComputeGate::Leave() {
  {
    const std::lock_guard lock(mutex_);
    --running_;
  }
  freed_.notify_one();
}

void ComputeGate::Close() {
  {
    const std::lock_guard lock(mutex_);
    closed_ = true;
  }
  freed_.notify_all();
}

}  // namespace jobaward::server_detail
