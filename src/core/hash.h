// Internal: FNV-1a, the project's stable 64-bit string hash. Stable across
// builds and platforms (never std::hash): shard assignment, GDELT event ids
// and the NER model file depend on its values.
#ifndef RASD_CORE_HASH_H_
#define RASD_CORE_HASH_H_

#include <cstdint>
#include <string_view>

namespace rasd {

inline constexpr uint64_t kFnvOffset = 1469598103934665603ull;

// FNV-1a, 64 bit; `h` continues an earlier hash.
constexpr uint64_t Fnv1a(std::string_view s, uint64_t h = kFnvOffset) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace rasd

#endif  // RASD_CORE_HASH_H_
