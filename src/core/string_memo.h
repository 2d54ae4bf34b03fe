// Internal: a small, bounded memo of a pure function of a string, for one
// thread.
//
// Natural text repeats its words (Zipf): a few thousand distinct words make
// up most tokens of a news corpus, so per-word work such as clitic
// segmentation or dictionary key building can be done once per distinct word
// and reused. A StringMemo maps a key string to a value with open
// addressing (linear probing) over a fixed power-of-two table; when it holds
// `capacity` entries the next insertion clears it first, so its memory is
// bounded and it never evicts entry by entry. Not thread-safe by design:
// keep one per thread (thread_local) or per worker, never behind a lock.
//
// Correctness rests on the caller: the key must determine the value (put
// every input of the function into the key), and the function must be pure.
#ifndef RASD_CORE_STRING_MEMO_H_
#define RASD_CORE_STRING_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"

namespace rasd {

template <typename V>
class StringMemo {
 public:
  // At most `capacity` entries (rounded up to a power of two); the table has
  // twice as many slots, so probes stay short.
  explicit StringMemo(size_t capacity = 8192) {
    size_t cap = 8;
    while (cap < capacity) cap <<= 1;
    capacity_ = cap;
    slots_.resize(2 * cap);
  }

  // The value for `key`: computed by `compute(V*)` (into a value that may
  // hold an earlier entry's contents, to reuse its buffers: compute must set
  // it completely) on a miss, remembered, and returned. The reference stays
  // valid until the next call.
  template <typename F>
  const V& Get(std::string_view key, F&& compute) {
    const uint64_t h = Hash(key);
    const size_t mask = slots_.size() - 1;
    size_t i = h & mask;
    for (; slots_[i].used; i = (i + 1) & mask)
      if (slots_[i].hash == h && slots_[i].key == key) {
        ++hits_;
        return slots_[i].value;
      }
    ++misses_;
    if (size_ >= capacity_) {
      Clear();
      for (i = h & mask; slots_[i].used; i = (i + 1) & mask) {
      }
    }
    Slot& s = slots_[i];
    s.used = true;
    s.hash = h;
    s.key.assign(key);
    compute(&s.value);
    ++size_;
    return s.value;
  }

  // Forgets every entry (keeps the slots' buffers).
  void Clear() {
    for (Slot& s : slots_) s.used = false;
    size_ = 0;
    ++clears_;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  uint64_t clears() const { return clears_; }

 private:
  struct Slot {
    bool used = false;
    uint64_t hash = 0;
    std::string key;
    V value{};
  };
  static uint64_t Hash(std::string_view key) {
    uint64_t h = Fnv1a(key);
    h ^= h >> 32;  // FNV's low bits alone are weak for short keys
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
  }

  std::vector<Slot> slots_;
  size_t capacity_ = 0, size_ = 0;
  uint64_t hits_ = 0, misses_ = 0, clears_ = 0;
};

}  // namespace rasd

#endif  // RASD_CORE_STRING_MEMO_H_
