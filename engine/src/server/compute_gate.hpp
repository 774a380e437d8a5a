// A bounded door to the CPU: at most `slots` computations run at once, at most `queue_limit`
// wait for a slot, and none waits longer than `max_wait`. A request that finds the queue full,
// or waits too long, is refused with 429 and Retry-After, so that any number of clients costs a
// bounded amount of memory and CPU, and a client learns at once that it should retry.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace jobaward::server_detail {

class ComputeGate {
 public:
  ComputeGate(int slots, int queue_limit, std::chrono::milliseconds max_wait);

  /// Holds a slot for its lifetime.
  class Ticket {
   public:
    explicit Ticket(ComputeGate* gate) : gate_(gate) {}
    ~Ticket();
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket(Ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Ticket& operator=(Ticket&&) = delete;

   private:
    ComputeGate* gate_;
  };

  /// Waits for a slot. Throws RequestError(429) when `queue_limit` requests already wait or no
  /// slot frees within `max_wait`, RequestError(503) once Close() was called. `what` names the
  /// computation in the message ("simulation").
  [[nodiscard]] Ticket Enter(const char* what);

  /// Refuses every later Enter and wakes the waiting ones (they get 503).
  void Close();

 private:
  void Leave();

  std::mutex mutex_;
  std::condition_variable freed_;
  int slots_;
  int queue_limit_;
  std::chrono::milliseconds max_wait_;
  int running_ = 0;
  int waiting_ = 0;
  bool closed_ = false;
};

}  // namespace jobaward::server_detail
