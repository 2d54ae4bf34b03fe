#include "lexicon/lexicon.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdint>
#include <cstring>

namespace rasd::lexicon {
namespace {

enum SectionId : uint32_t { kBlob = 1, kEntries = 2, kPhrases = 3, kStems = 4, kSources = 5, kPostings = 6 };
constexpr size_t kHeaderSize = 8 + 4 + 4 + 8;

}  // namespace

Lexicon::~Lexicon() {
  if (map_ != nullptr) munmap(map_, map_size_);
}

Result<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::NotFound(path + ": cannot open compiled lexicon (" + std::strerror(errno) +
                            "); build it with `cmake --build build` or pass --data DIR");
  }
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(kHeaderSize)) {
    close(fd);
    return Status::Corrupt(path + ": file too small to be a compiled lexicon");
  }
  // Read into anonymous memory aligned for transparent huge pages rather
  // than mapping the file: phrase lookups read the tables at random, and a
  // few 2 MB pages miss the TLB far less often than a thousand 4 KB ones.
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t size = static_cast<size_t>(st.st_size);
  const size_t rounded = (size + kHuge - 1) / kHuge * kHuge;
  const size_t len = rounded + kHuge;  // room to align the start
  void* m = mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) {
    close(fd);
    return Status::IoError(path + ": mmap failed: " + std::strerror(errno));
  }
  std::unique_ptr<Lexicon> lex(new Lexicon());
  lex->map_ = m;
  lex->map_size_ = len;
  char* data = reinterpret_cast<char*>((reinterpret_cast<uintptr_t>(m) + kHuge - 1) / kHuge * kHuge);
#ifdef MADV_HUGEPAGE
  madvise(data, rounded, MADV_HUGEPAGE);  // advice only
#endif
  for (size_t done = 0; done < size;) {
    const ssize_t got = pread(fd, data + done, size - done, static_cast<off_t>(done));
    if (got <= 0) {
      if (got < 0 && errno == EINTR) continue;
      close(fd);
      return Status::IoError(path + ": cannot read compiled lexicon");
    }
    done += static_cast<size_t>(got);
  }
  close(fd);
  if (Status s = lex->Init(data, size, path); !s.ok()) return s;
  return lex;
}

Result<std::unique_ptr<Lexicon>> Lexicon::FromBuffer(std::string buffer, const std::string& name) {
  std::unique_ptr<Lexicon> lex(new Lexicon());
  lex->owned_ = std::move(buffer);
  if (Status s = lex->Init(lex->owned_.data(), lex->owned_.size(), name); !s.ok()) return s;
  return lex;
}

Status Lexicon::Init(const char* data, size_t size, const std::string& name) {
  if (size < kHeaderSize || std::memcmp(data, kMagic, 8) != 0) {
    return Status::Corrupt(name + ": not a rasd lexicon (bad magic)");
  }
  uint32_t version, nsections;
  uint64_t checksum;
  std::memcpy(&version, data + 8, 4);
  std::memcpy(&nsections, data + 12, 4);
  std::memcpy(&checksum, data + 16, 8);
  if (version != kFormatVersion) {
    return Status::Unsupported(name + ": lexicon format version " + std::to_string(version) +
                               ", this rasd reads version " + std::to_string(kFormatVersion) +
                               "; rebuild the data with `cmake --build build`");
  }
  if (HashKey(std::string_view(data + kHeaderSize, size - kHeaderSize)) != checksum) {
    return Status::Corrupt(name + ": checksum mismatch (truncated or damaged file)");
  }
  if (nsections > 64 || kHeaderSize + nsections * 12ull > size) return Status::Corrupt(name + ": bad section table");
  const char* blob = nullptr;
  size_t blob_size = 0;
  struct Sec { uint32_t id, off, size; };
  std::vector<Sec> secs(nsections);
  for (uint32_t i = 0; i < nsections; ++i) {
    std::memcpy(&secs[i], data + kHeaderSize + i * 12, 12);
    if (static_cast<uint64_t>(secs[i].off) + secs[i].size > size || secs[i].off % 4 != 0) {
      return Status::Corrupt(name + ": section out of bounds");
    }
    if (secs[i].id == kBlob) blob = data + secs[i].off, blob_size = secs[i].size;
  }
  if (blob == nullptr) return Status::Corrupt(name + ": no string section");
  blob_ = blob;
  bool have_entries = false, have_phrases = false, have_stems = false;
  for (const Sec& s : secs) {
    const char* p = data + s.off;
    switch (s.id) {
      case kEntries:
        if (s.size % sizeof(EntryRecord) != 0) return Status::Corrupt(name + ": bad entry section");
        entries_ = reinterpret_cast<const EntryRecord*>(p);
        entry_count_ = s.size / sizeof(EntryRecord);
        have_entries = true;
        break;
      case kPostings:
        if (s.size % 4 != 0) return Status::Corrupt(name + ": bad postings section");
        postings_ = reinterpret_cast<const uint32_t*>(p);
        postings_size_ = s.size / 4;
        break;
      case kPhrases:
        have_phrases = phrases_.Init(p, s.size, blob, blob_size);
        break;
      case kStems:
        have_stems = stems_.Init(p, s.size, blob, blob_size);
        break;
      case kSources: {
        std::string_view all(p, s.size);
        size_t start = 0;
        while (start < all.size()) {
          size_t nl = all.find('\n', start);
          if (nl == std::string_view::npos) nl = all.size();
          sources_.emplace_back(all.substr(start, nl - start));
          start = nl + 1;
        }
        break;
      }
      default:
        break;
    }
  }
  if (!have_entries || !have_phrases || !have_stems || postings_ == nullptr) return Status::Corrupt(name + ": missing or bad sections");
  // Every string an entry names lies inside the blob (str() does not check).
  auto in_blob = [&](uint32_t off) {
    if (static_cast<uint64_t>(off) + 2 > blob_size) return false;
    return static_cast<uint64_t>(off) + 2 + BlobString(blob, off).size() <= blob_size;
  };
  for (uint32_t i = 0; i < entry_count_; ++i) {
    const EntryRecord& e = entries_[i];
    // CAMEO entries keep the PLOVER mode's string in `to`.
    const bool cameo = e.category == static_cast<uint8_t>(Category::kCameo);
    if (!in_blob(e.code) || !in_blob(e.name) || !in_blob(e.extra) || (cameo && !in_blob(e.to)))
      return Status::Corrupt(name + ": entry " + std::to_string(i) + " names a string outside the string section");
    // People's validity dates are yyyymmdd (0 = open); the recogniser subtracts them.
    if (e.category == static_cast<uint8_t>(Category::kPerson) &&
        (e.from < 0 || e.from > 99991231 || e.to < 0 || e.to > 99991231))
      return Status::Corrupt(name + ": entry " + std::to_string(i) + " has a bad validity date");
  }
  return Status::Ok();
}

std::string Lexicon::Source(const EntryRecord& e) const {
  // One allocation at most (a copy of the file name, then two
  // concatenations, made three for every candidate entry).
  const uint32_t file = e.source >> 20, line = e.source & 0xFFFFF;
  const std::string_view f =
      file < sources_.size() ? std::string_view(sources_[file]) : std::string_view("?");
  char num[16];
  const auto [end, ec] = std::to_chars(num, num + sizeof num, line);
  (void)ec;  // 7 digits at most fit
  std::string out;
  out.reserve(f.size() + 1 + static_cast<size_t>(end - num));
  out.append(f);
  out += ':';
  out.append(num, end);
  return out;
}

const uint32_t* Lexicon::Postings(uint32_t v, uint32_t* count) const {
  const uint32_t off = v & 0x7FFFFFFFu;
  if (!HasEntries(v) || off >= postings_size_ || postings_[off] > postings_size_ - off - 1) {
    *count = 0;
    return nullptr;
  }
  *count = postings_[off];
  const uint32_t* p = postings_ + off + 1;
  for (uint32_t i = 0; i < *count; ++i)
    if (p[i] >= entry_count_) {  // corrupt index: refuse rather than read out of bounds
      *count = 0;
      return nullptr;
    }
  return p;
}

const EntryRecord* Lexicon::Cameo(std::string_view code) const {
  std::string key = "\x01";
  key += code;
  uint32_t n = 0;
  const uint32_t* p = Postings(phrases_.Find(key), &n);
  // Only a CAMEO entry carries the fields callers read (PLOVER mode in `to`).
  return n > 0 && entries_[p[0]].category == static_cast<uint8_t>(Category::kCameo) ? &entries_[p[0]] : nullptr;
}

}  // namespace rasd::lexicon
