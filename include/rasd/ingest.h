// Document readers: .txt, .html/.htm, .jsonl (+ .gz, .zst), .warc(.gz),
// directories (recursively, in sorted order) and "-" for standard input.
//
// Readers stream: one Document at a time goes to the caller's callback, so a
// 31k-article archive never sits in memory. A bad record (malformed JSON, a
// missing field, an unreadable file) is reported through the error callback
// with the file and line, and reading continues with the next record.
//
// Thread-safety: a DocumentReader is used by one thread at a time.
#ifndef RASD_INGEST_H_
#define RASD_INGEST_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/document.h"
#include "rasd/status.h"

namespace rasd {

namespace ingest {
class LineReader;  // src/ingest/source.h
}  // namespace ingest

struct ReadStats {
  size_t documents = 0;  // Documents delivered.
  size_t errors = 0;     // Records or files that failed.
  size_t bytes = 0;      // Input bytes read (uncompressed).
  size_t skipped = 0;    // Records and files left to other shards (see Shard).
};

// A deterministic share of the inputs, so that N processes (machines, Slurm
// array tasks) each read every input but handle a disjoint part of it:
// shard K of N takes record i of the file with key F when
// (FNV-1a(F) + i) % N == K. F is the path below the command-line argument,
// prefixed by the argument's own file name ("corpus/2018/a.jsonl.zst"), so it
// is the same on machines that mount the data in different places; i is the
// line number (JSONL), the record number (WARC), the array index (.json) or
// 0 (a .txt/.html file, which is then not even opened by other shards).
// Records of one JSONL file are dealt round-robin, so shards stay balanced.
struct Shard {
  uint32_t index = 0;  // K, 0 <= K < N.
  uint32_t count = 1;  // N.
  bool all() const { return count <= 1; }
};
// Parses "K/N" with 0 <= K < N <= 1,000,000 (InvalidArgument otherwise).
Result<Shard> ParseShard(std::string_view text);

// Return false from the document callback to stop reading early.
using DocumentCallback = std::function<bool(Document&&)>;
// Receives one Status per failed record; its message names "path:line".
using ErrorCallback = std::function<void(const Status&)>;

class DocumentReader {
 public:
  DocumentReader(DocumentCallback on_doc, ErrorCallback on_error);
  // Reads every document under `path` ("-" = stdin, read as JSONL when it
  // starts with '{', else as one text document with id "stdin").
  void Read(const std::string& path);
  // Reads documents from bytes already in memory (an upload, a fuzzer input),
  // choosing the format from `name`'s extensions exactly as Read does for a
  // file; ids, origins and messages use `name` as the path.
  void ReadBytes(std::string_view data, const std::string& name);
  // Reads only this shard's records from now on.
  void SetShard(Shard shard) { shard_ = shard; }
  const ReadStats& stats() const { return stats_; }
  // Bytes taken so far from the input files as stored (compressed bytes for
  // .gz/.zst), including the file being read: the position for an ETA.
  uint64_t input_position() const;

  // Directories with more entries than this are read in the file system's
  // order, streaming, instead of being listed whole and sorted.
  static constexpr size_t kSortedDirectoryLimit = 100000;
  void set_sorted_directory_limit(size_t n) { sorted_directory_limit_ = n; }  // For tests.

 private:
  void ReadFile(const std::string& path, const std::string& key);
  void ReadJsonl(std::string_view data, const std::string& origin);
  void ReadText(std::string_view data, const std::string& path, const std::string& id);
  void ReadHtml(std::string_view data, const std::string& path, const std::string& id);
  void ReadWarc(std::string_view data, const std::string& origin);
  bool Deliver(Document&& doc);

  // Streaming forms: the string_view readers above wrap their data in a
  // LineReader and call these; files and stdin are read through them directly.
  void ReadDirectory(const std::string& path, const std::string& key);
  // Shard selection for record `i` of the current file (see Shard).
  bool Mine(uint64_t i) {
    if (shard_.all() || (key_hash_ + i) % shard_.count == shard_.index) return true;
    stats_.skipped++;
    return false;
  }
  void SetKey(std::string_view key);
  uint64_t key_hash_ = 0;
  Shard shard_;
  const ingest::LineReader* current_ = nullptr;  // Stream being read (for input_position).
  uint64_t done_bytes_ = 0;                      // Raw bytes of finished files.
  size_t sorted_directory_limit_ = kSortedDirectoryLimit;
  void ReadJsonlStream(ingest::LineReader* lines, const std::string& origin);
  void ReadJsonlLine(std::string_view line, const std::string& origin, size_t lineno, const std::string& stem);
  void ReadWarcStream(ingest::LineReader* lines, const std::string& origin);
  void ReadWarcRecord(std::string_view block, const std::string& origin, const std::string& uri,
                      const std::string& warc_date, bool is_response);
  void ReadStdin();
  void Error(Status st);
  std::string line_;     // Reused line buffer.
  std::string scratch_;  // Reused sanitised-line buffer.

  DocumentCallback on_doc_;
  ErrorCallback on_error_;
  ReadStats stats_;
  bool stopped_ = false;
};

// Limits that keep memory bounded on hostile input (docs/robustness.md).
// A document larger than this (a .txt or .html file or a WARC record, after
// decompression, or a JSONL line) is reported and skipped: news articles are
// a few kB, and a decompression bomb stops here instead of filling memory.
// (Analysing a document takes about 70 bytes of memory per byte of text.)
inline constexpr size_t kMaxDocumentBytes = size_t{8} << 20;
// A .json file holding one array of records is parsed whole, up to this size.
inline constexpr size_t kMaxJsonArrayBytes = size_t{64} << 20;

// Reads a whole file into *out, decompressing .gz and .zst by extension.
// InvalidArgument, without reading further, when the (decompressed) contents
// exceed max_bytes.
Status ReadFileContents(const std::string& path, std::string* out, size_t max_bytes = SIZE_MAX);

// Parses a publication date ("2016-02-16", "2016-02-16T10:00:00Z",
// "Tue, 16 Feb 2016 10:00:00 GMT", "16/02/2016") into "YYYY-MM-DD".
// Returns an empty string when the value is not a date.
std::string ParsePublishedDate(std::string_view value);

// Finds a dateline in Arabic or English text ("فبراير 16, 2016",
// "16 فيفري 2016", "2016/02/16") within the first `window` bytes and returns
// it as "YYYY-MM-DD", or an empty string.
std::string FindDateline(std::string_view text, size_t window = 2000);

}  // namespace rasd

#endif  // RASD_INGEST_H_
