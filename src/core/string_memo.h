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
  // twice as many slots, so probes stay short. Keep it small enough for the
  // caches: a memo that misses the cache on every probe costs more than the
  // work it saves.
  explicit StringMemo(size_t capacity = 4096) {
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
    for (; slots_[i].gen == gen_; i = (i + 1) & mask)
      if (slots_[i].hash == h && KeyOf(slots_[i]) == key) {
        ++hits_;
        return slots_[i].value;
      }
    ++misses_;
    if (size_ >= capacity_) {
      Clear();
      i = h & mask;
    }
    Slot& s = slots_[i];
    s.gen = gen_;
    s.hash = h;
    s.len = static_cast<uint32_t>(key.size());
    if (key.size() <= kInline) {
      key.copy(s.inline_key, key.size());
    } else {
      s.offset = static_cast<uint32_t>(long_keys_.size());
      long_keys_.append(key);
    }
    compute(&s.value);
    ++size_;
    return s.value;
  }

  // Forgets every entry (keeps the slots).
  void Clear() {
    if (++gen_ == 0) {  // wrapped: stale generations could match again
      for (Slot& s : slots_) s.gen = 0;
      gen_ = 1;
    }
    long_keys_.clear();
    size_ = 0;
    ++clears_;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  uint64_t clears() const { return clears_; }

 private:
  static constexpr size_t kInline = 24;
  struct Slot {
    uint64_t hash = 0;
    uint32_t gen = 0;  // the entry is live when gen == gen_
    uint32_t len = 0;
    union {
      char inline_key[kInline];
      uint32_t offset;  // into long_keys_, for keys longer than kInline
    };
    V value{};
  };
  std::string_view KeyOf(const Slot& s) const {
    return s.len <= kInline ? std::string_view(s.inline_key, s.len) : std::string_view(long_keys_).substr(s.offset, s.len);
  }
  static uint64_t Hash(std::string_view key) {
    uint64_t h = Fnv1a(key);
    h ^= h >> 32;  // FNV's low bits alone are weak for short keys
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
  }

  std::vector<Slot> slots_;
  std::string long_keys_;
  uint32_t gen_ = 1;
  size_t capacity_ = 0, size_ = 0;
  uint64_t hits_ = 0, misses_ = 0, clears_ = 0;
};

}  // namespace rasd

#endif  // RASD_CORE_STRING_MEMO_H_
