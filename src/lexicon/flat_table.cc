#include "lexicon/flat_table.h"

#include <cstring>

namespace rasd::lexicon {

uint64_t HashKey(std::string_view s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a 64
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h ^ (h >> 29);
}

StringBlobBuilder::StringBlobBuilder() { blob_.assign(2, '\0'); }

uint32_t StringBlobBuilder::Intern(std::string_view s) {
  if (s.empty()) return 0;
  if (s.size() > 0xFFFF) s = s.substr(0, 0xFFFF);
  auto it = index_.find(std::string(s));
  if (it != index_.end()) return it->second;
  const auto off = static_cast<uint32_t>(blob_.size());
  blob_.push_back(static_cast<char>(s.size() & 0xFF));
  blob_.push_back(static_cast<char>(s.size() >> 8));
  blob_.append(s);
  index_.emplace(std::string(s), off);
  return off;
}

void FlatTableBuilder::Put(std::string_view key, uint32_t key_offset, uint32_t value) {
  map_[std::string(key)] = {key_offset, value};
}

bool FlatTableBuilder::Get(std::string_view key, uint32_t* value) const {
  auto it = map_.find(std::string(key));
  if (it == map_.end()) return false;
  *value = it->second.second;
  return true;
}

void FlatTableBuilder::Serialize(std::string* out) const {
  uint32_t slots = 16;
  while (slots < map_.size() * 2) slots <<= 1;  // load factor <= 0.5
  std::vector<uint32_t> table(2 * slots, kNone);
  for (const auto& [key, kv] : map_) {
    uint32_t i = static_cast<uint32_t>(HashKey(key)) & (slots - 1);
    while (table[2 * i] != kNone) i = (i + 1) & (slots - 1);
    table[2 * i] = kv.first;
    table[2 * i + 1] = kv.second;
  }
  const uint32_t header[2] = {slots, static_cast<uint32_t>(map_.size())};
  out->append(reinterpret_cast<const char*>(header), sizeof header);
  out->append(reinterpret_cast<const char*>(table.data()), table.size() * sizeof(uint32_t));
}

bool FlatTableView::Init(const char* data, size_t size, const char* blob, size_t blob_size) {
  if (size < 8) return false;
  uint32_t header[2];
  std::memcpy(header, data, 8);
  const uint32_t slots = header[0];
  if (slots == 0 || (slots & (slots - 1)) != 0) return false;
  if (size != 8 + static_cast<size_t>(slots) * 8) return false;
  slots_ = reinterpret_cast<const uint32_t*>(data + 8);
  mask_ = slots - 1;
  size_ = header[1];
  blob_ = blob;
  blob_size_ = blob_size;
  return true;
}

uint32_t FlatTableView::Find(std::string_view key) const {
  if (slots_ == nullptr) return kNone;
  uint32_t i = static_cast<uint32_t>(HashKey(key)) & mask_;
  for (uint32_t probes = 0; probes <= mask_; ++probes, i = (i + 1) & mask_) {
    const uint32_t off = slots_[2 * i];
    if (off == kNone) return kNone;
    if (static_cast<uint64_t>(off) + 2 + key.size() <= blob_size_ && BlobString(blob_, off) == key)
      return slots_[2 * i + 1];
  }
  return kNone;
}

}  // namespace rasd::lexicon
