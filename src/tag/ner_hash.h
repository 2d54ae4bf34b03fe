// Internal: stable hashing and a flat read-only hash map for the NER.
//
// Hashes are part of the model file format (feature slots, gazetteer phrases,
// cluster keys), so they are spelled out here and never depend on std::hash.
#ifndef RASD_TAG_NER_HASH_H_
#define RASD_TAG_NER_HASH_H_

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/huge_pages.h"

namespace rasd::tag {

using ::rasd::Fnv1a;  // src/core/hash.h
using ::rasd::kFnvOffset;

// A strong 64-bit finaliser (splitmix64): spreads FNV's low-entropy bits.
constexpr uint64_t Mix64(uint64_t h) {
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

// Open addressing, linear probing, power-of-two capacity; key 0 marks an
// empty cell (callers never insert 0: Key() maps it away). Built once, then
// read concurrently.
template <typename V>
class FlatMap {
 public:
  static uint64_t Key(uint64_t h) { return h == 0 ? 1 : h; }

  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    std::vector<std::pair<uint64_t, V>> old;
    old.reserve(size_);
    for (size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i] != 0) old.emplace_back(keys_[i], vals_[i]);
    keys_.assign(cap, 0);
    vals_.assign(cap, V{});
    size_ = 0;
    for (auto& [k, v] : old) *Insert(k) = v;
  }
  // Returns the value cell for `key`, default-constructed when new.
  V* Insert(uint64_t key) {
    key = Key(key);
    if (2 * (size_ + 1) > keys_.size()) Reserve(size_ + 1 > 8 ? 2 * (size_ + 1) : 8);
    const size_t mask = keys_.size() - 1;
    for (size_t i = Mix64(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return &vals_[i];
      if (keys_[i] == 0) {
        keys_[i] = key;
        ++size_;
        return &vals_[i];
      }
    }
  }
  const V* Find(uint64_t key) const {
    if (size_ == 0) return nullptr;
    key = Key(key);
    const size_t mask = keys_.size() - 1;
    for (size_t i = Mix64(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return &vals_[i];
      if (keys_[i] == 0) return nullptr;
    }
  }
  // Starts fetching the cell where a Find(key) begins (a hint; no effect on results).
  void Prefetch(uint64_t key) const {
    if (size_ == 0) return;
    const size_t i = Mix64(Key(key)) & (keys_.size() - 1);
    __builtin_prefetch(&keys_[i]);
    __builtin_prefetch(&vals_[i]);
  }
  size_t size() const { return size_; }
  // Entries sorted by key (for deterministic serialisation).
  std::vector<std::pair<uint64_t, V>> Sorted() const;

 private:
  // In huge pages where the system allows: read at random (src/core/huge_pages.h).
  std::vector<uint64_t, HugePageAllocator<uint64_t>> keys_;
  std::vector<V, HugePageAllocator<V>> vals_;
  size_t size_ = 0;
};

template <typename V>
std::vector<std::pair<uint64_t, V>> FlatMap<V>::Sorted() const {
  std::vector<std::pair<uint64_t, V>> out;
  out.reserve(size_);
  for (size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] != 0) out.emplace_back(keys_[i], vals_[i]);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

}  // namespace rasd::tag

#endif  // RASD_TAG_NER_HASH_H_
