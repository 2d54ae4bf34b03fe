// A string -> uint32 hash table laid out flat in a byte buffer, so a compiled
// file can be mmapped and used without parsing (loading takes microseconds).
//
// Layout (little-endian, 4-byte aligned):
//   u32 slot_count (power of two)  u32 size
//   slot_count x {u32 key_offset, u32 value}   key_offset = 0xFFFFFFFF: empty
// Keys live in a shared string blob (u16 length + bytes) owned by the caller.
#ifndef RASD_LEXICON_FLAT_TABLE_H_
#define RASD_LEXICON_FLAT_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rasd::lexicon {

inline constexpr uint32_t kNone = 0xFFFFFFFFu;

uint64_t HashKey(std::string_view s);

// Interned strings: u16 length, bytes. Offset 0 is the empty string.
class StringBlobBuilder {
 public:
  StringBlobBuilder();
  uint32_t Intern(std::string_view s);
  const std::string& bytes() const { return blob_; }

 private:
  std::string blob_;
  std::unordered_map<std::string, uint32_t> index_;
};

inline std::string_view BlobString(const char* blob, uint32_t offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(blob + offset);
  const uint32_t len = p[0] | (p[1] << 8);
  return std::string_view(blob + offset + 2, len);
}

class FlatTableBuilder {
 public:
  // Adds or overwrites key -> value; key_offset is the key's offset in the blob.
  void Put(std::string_view key, uint32_t key_offset, uint32_t value);
  bool Get(std::string_view key, uint32_t* value) const;
  // Serialises the table (see layout above), appended to *out.
  void Serialize(std::string* out) const;

 private:
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> map_;
};

class FlatTableView {
 public:
  FlatTableView() = default;
  // `data` points at a serialised table; `blob` at the string blob.
  // Returns false if the table is malformed for the given size.
  bool Init(const char* data, size_t size, const char* blob, size_t blob_size);
  // Returns kNone when absent.
  uint32_t Find(std::string_view key) const;
  uint32_t size() const { return size_; }

 private:
  const uint32_t* slots_ = nullptr;
  uint32_t mask_ = 0;
  uint32_t size_ = 0;
  const char* blob_ = nullptr;
  size_t blob_size_ = 0;
};

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_FLAT_TABLE_H_
