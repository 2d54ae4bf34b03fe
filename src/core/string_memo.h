// Internal: a small, bounded memo of a pure function of a string, for one
// thread.
//
// Natural text repeats its words (Zipf): a few thousand distinct words make
// up most tokens of a news corpus, so per-word work such as clitic
// segmentation or dictionary key building can be done once per distinct word
// and reused. A StringMemo maps a key string to a value in a fixed table of
// 4-way sets: a key may live in the 4 slots of the set its hash picks, and
// when those are full the least recently used of them gives way. Its memory
// is bounded, and on a long run the frequent words stay while rare ones come
// and go (a memo that started over whenever it was full lost its frequent
// words with the rare ones, every few hundred documents). Not thread-safe by
// design: keep one per thread (thread_local) or per worker, never behind a
// lock.
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
#include "core/huge_pages.h"

namespace rasd {

template <typename V>
class StringMemo {
 public:
  static constexpr size_t kWays = 4;

  // At most `capacity` entries (rounded up to a power of two, at least 8).
  // Keep it small enough for the caches: a memo that misses the cache on
  // every probe costs more than the work it saves.
  explicit StringMemo(size_t capacity = 4096) {
    size_t cap = 8;
    while (cap < capacity) cap <<= 1;
    capacity_ = cap;
    slots_.resize(cap);
  }

  // The value for `key`: computed by `compute(V*)` (into a value that may
  // hold an earlier entry's contents, to reuse its buffers: compute must set
  // it completely) on a miss, remembered, and returned. The reference stays
  // valid until the next call.
  template <typename F>
  const V& Get(std::string_view key, F&& compute) {
    const uint64_t h = Hash(key);
    const size_t set = (h & (capacity_ / kWays - 1)) * kWays;
    Slot* ways = &slots_[set];
    const uint32_t len = static_cast<uint32_t>(key.size());
    for (size_t w = 0; w < kWays; ++w) {
      Slot& s = ways[w];
      if (s.gen == gen_ && s.hash == h && s.len == len && KeyOf(set + w) == key) {
        ++hits_;
        s.used = ++tick_;
        return s.value;
      }
    }
    ++misses_;
    // A free way, else the least recently used one.
    size_t victim = 0;
    for (size_t w = 0; w < kWays; ++w) {
      if (ways[w].gen != gen_) {
        victim = w;
        ++size_;
        break;
      }
      if (ways[w].used < ways[victim].used) victim = w;
      if (w + 1 == kWays) ++evictions_;
    }
    Slot& s = ways[victim];
    s.gen = gen_;
    s.hash = h;
    s.len = len;
    s.used = ++tick_;
    if (key.size() <= kInline) {
      key.copy(s.inline_key, key.size());
    } else {
      if (long_keys_.empty()) long_keys_.resize(slots_.size());
      long_keys_[set + victim].assign(key);
    }
    compute(&s.value);
    return s.value;
  }

  // Forgets every entry (keeps the slots).
  void Clear() {
    if (++gen_ == 0) {  // wrapped: stale generations could match again
      for (Slot& s : slots_) s.gen = 0;
      gen_ = 1;
    }
    size_ = 0;
    ++clears_;
  }

  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  // Entries that gave way to a new one, and calls of Clear().
  uint64_t evictions() const { return evictions_; }
  uint64_t clears() const { return clears_; }

 private:
  static constexpr size_t kInline = 28;
  struct Slot {
    uint64_t hash = 0;
    uint32_t gen = 0;  // the entry is live when gen == gen_
    uint32_t len = 0;
    uint32_t used = 0;         // tick_ of its last use
    char inline_key[kInline];  // keys longer than kInline are in long_keys_
    V value{};
  };
  std::string_view KeyOf(size_t i) const {
    const Slot& s = slots_[i];
    return s.len <= kInline ? std::string_view(s.inline_key, s.len) : std::string_view(long_keys_[i]);
  }
  static uint64_t Hash(std::string_view key) {
    uint64_t h = Fnv1a(key);
    h ^= h >> 32;  // FNV's low bits alone are weak for short keys
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
  }

  std::vector<Slot, HugePageAllocator<Slot>> slots_;  // probed at random
  std::vector<std::string> long_keys_;  // by slot; empty until a long key comes
  uint32_t gen_ = 1;
  uint32_t tick_ = 0;
  size_t capacity_ = 0, size_ = 0;
  uint64_t hits_ = 0, misses_ = 0, evictions_ = 0, clears_ = 0;
};

}  // namespace rasd

#endif  // RASD_CORE_STRING_MEMO_H_
