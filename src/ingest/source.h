// Byte sources for the readers: plain files, standard input, memory, and
// streaming gzip / zstd decompression over any of them. A LineReader on top
// hands out one line (or an exact byte count, for WARC) at a time, so a
// compressed archive is never decompressed into memory as a whole.
//
// Internal to src/ingest/. Thread-safety: one thread per object.
#ifndef RASD_INGEST_SOURCE_H_
#define RASD_INGEST_SOURCE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "rasd/status.h"

namespace rasd::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf. Returns the count; 0 means end of input or
  // an error (then status() is not ok).
  virtual size_t Read(char* buf, size_t n) = 0;
  const Status& status() const { return status_; }
  // Bytes taken from the underlying file or memory so far (compressed bytes
  // for a decompressing source): the position for progress and ETA.
  virtual uint64_t raw_bytes() const = 0;

 protected:
  Status status_;
};

enum class Compression { kNone, kGzip, kZstd };

// "a.jsonl.zst" -> kZstd, "a.warc.gz" -> kGzip, else kNone.
Compression CompressionOf(std::string_view path);

// Opens `path` ("-" = standard input), decompressing as `c` says.
Result<std::unique_ptr<ByteSource>> OpenSource(const std::string& path, Compression c);
// A source over bytes the caller keeps alive.
std::unique_ptr<ByteSource> MemorySource(std::string_view data);
// Decompressing wrappers (take ownership of the inner source).
std::unique_ptr<ByteSource> GzipSource(std::unique_ptr<ByteSource> inner, std::string name);
std::unique_ptr<ByteSource> ZstdSource(std::unique_ptr<ByteSource> inner, std::string name);

// Buffered line access over a ByteSource.
class LineReader {
 public:
  // Lines longer than max_line are reported as too long (see ReadLine).
  explicit LineReader(std::unique_ptr<ByteSource> src, size_t max_line = size_t{64} << 20);
  // Reads the next line without its '\n' (and a trailing '\r' is kept; callers
  // trim). Returns false at end of input. *too_long is set when the line was
  // longer than max_line; its bytes are then skipped and *line is empty.
  bool ReadLine(std::string* line, bool* too_long = nullptr);
  // Reads exactly n bytes (fewer at end of input) into *out.
  size_t ReadBytes(size_t n, std::string* out);
  // Skips n bytes (fewer at end of input) without keeping them; returns the count.
  size_t Skip(size_t n);
  // Looks at the first non-whitespace byte without consuming; 0 at end.
  char PeekNonSpace();
  size_t bytes() const { return consumed_; }
  // Position in the underlying (possibly compressed) input; see ByteSource.
  uint64_t raw_bytes() const { return src_->raw_bytes(); }
  const Status& status() const { return src_->status(); }

 private:
  bool Fill();  // Appends more input to buf_; false at end.
  std::unique_ptr<ByteSource> src_;
  size_t max_line_;
  std::string buf_;
  size_t pos_ = 0;
  size_t consumed_ = 0;
  bool eof_ = false;
};

}  // namespace rasd::ingest

#endif  // RASD_INGEST_SOURCE_H_
