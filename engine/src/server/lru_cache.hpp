// A small least-recently-used cache of shared, immutable values by key, safe to use from the
// server's request threads at once: the evaluations of recent scenarios (evaluation.hpp) and the
// recorded base awards of recent seeds (what_if_service.cpp). Linear lookup: the capacities are
// a few dozen at most.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <utility>

namespace jobaward::server_detail {

template <typename Key, typename Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

  /// The value of `key` (now the most recently used), or null.
  [[nodiscard]] std::shared_ptr<const Value> Find(const Key& key) {
    const std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first == key) {
        entries_.splice(entries_.begin(), entries_, it);
        return entries_.front().second;
      }
    }
    return nullptr;
  }

  /// Keeps `value` as the value of `key`, dropping the least recently used beyond capacity.
  void Put(const Key& key, std::shared_ptr<const Value> value) {
    if (capacity_ == 0) return;
    const std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first == key) {
        entries_.erase(it);
        break;
      }
    }
    entries_.emplace_front(key, std::move(value));
    if (entries_.size() > capacity_) entries_.pop_back();
  }

 private:
  std::mutex mutex_;
  std::size_t capacity_;
  std::list<std::pair<Key, std::shared_ptr<const Value>>> entries_;  // Newest first.
};

}  // namespace jobaward::server_detail
