// Streaming byte sources: files, stdin, memory, gzip (zlib) and zstd.
#include "ingest/source.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace rasd::ingest {
namespace {

constexpr size_t kChunk = size_t{1} << 17;

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != suffix[i]) return false;
  }
  return true;
}

class FileSource : public ByteSource {
 public:
  FileSource(std::FILE* f, bool owned, std::string name) : f_(f), owned_(owned), name_(std::move(name)) {}
  ~FileSource() override {
    if (owned_) std::fclose(f_);
  }
  size_t Read(char* buf, size_t n) override {
    const size_t got = std::fread(buf, 1, n, f_);
    if (got == 0 && std::ferror(f_))
      status_ = Status::IoError(name_ + ": read error: " + std::strerror(errno));
    read_ += got;
    return got;
  }
  uint64_t raw_bytes() const override { return read_; }

 private:
  std::FILE* f_;
  bool owned_;
  std::string name_;
  uint64_t read_ = 0;
};

class MemSource : public ByteSource {
 public:
  explicit MemSource(std::string_view d) : d_(d) {}
  size_t Read(char* buf, size_t n) override {
    n = std::min(n, d_.size());
    std::memcpy(buf, d_.data(), n);
    d_.remove_prefix(n);
    read_ += n;
    return n;
  }
  uint64_t raw_bytes() const override { return read_; }

 private:
  std::string_view d_;
  uint64_t read_ = 0;
};

class GzSource : public ByteSource {
 public:
  GzSource(std::unique_ptr<ByteSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)) {
    std::memset(&z_, 0, sizeof(z_));
    // 15 + 32: zlib or gzip header, detected automatically.
    if (inflateInit2(&z_, 15 + 32) != Z_OK)
      status_ = Status::Internal(name_ + ": cannot initialise zlib");
    else
      init_ = true;
    in_.resize(kChunk);
  }
  ~GzSource() override {
    if (init_) inflateEnd(&z_);
  }
  size_t Read(char* buf, size_t n) override {
    if (!status_.ok() || done_) return 0;
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    auto produced = [&] { return static_cast<size_t>(reinterpret_cast<char*>(z_.next_out) - buf); };
    for (;;) {
      if (z_.avail_in == 0 && !eof_) {
        const size_t got = inner_->Read(in_.data(), in_.size());
        if (got == 0) {
          eof_ = true;
          if (!inner_->status().ok()) {
            status_ = inner_->status();
            done_ = true;
            break;
          }
        } else {
          z_.next_in = reinterpret_cast<Bytef*>(in_.data());
          z_.avail_in = static_cast<uInt>(got);
        }
      }
      // Between members with no input left: the end.
      if (z_.avail_in == 0 && eof_ && !in_member_) {
        done_ = true;
        break;
      }
      in_member_ = true;
      // Called even without new input: inflate may hold output it could not
      // write into the last buffer.
      const int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // Concatenated members (WARC .gz files have one per record).
        in_member_ = false;
        inflateReset(&z_);
      } else if (rc == Z_BUF_ERROR) {
        if (eof_ && z_.avail_in == 0 && produced() == 0) {
          status_ = Status::Corrupt(name_ + ": truncated gzip stream");
          done_ = true;
          break;
        }
      } else if (rc != Z_OK) {
        status_ =
            Status::Corrupt(name_ + ": corrupt gzip data" + (z_.msg ? std::string(" (") + z_.msg + ")" : ""));
        done_ = true;
        break;
      }
      if (produced() > 0) break;
    }
    return produced();
  }
  uint64_t raw_bytes() const override { return inner_->raw_bytes(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string name_;
  z_stream z_;
  bool init_ = false;
  bool in_member_ = false;
  bool eof_ = false;
  bool done_ = false;
  std::vector<char> in_;
};

class ZsSource : public ByteSource {
 public:
  ZsSource(std::unique_ptr<ByteSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)), ds_(ZSTD_createDStream()) {
    in_.resize(ZSTD_DStreamInSize());
    if (ds_ == nullptr) status_ = Status::Internal(name_ + ": cannot initialise zstd");
  }
  ~ZsSource() override { ZSTD_freeDStream(ds_); }
  size_t Read(char* buf, size_t n) override {
    if (!status_.ok() || done_) return 0;
    ZSTD_outBuffer out{buf, n, 0};
    for (;;) {
      if (in_buf_.pos == in_buf_.size && !eof_) {
        const size_t got = inner_->Read(in_.data(), in_.size());
        if (got == 0) {
          eof_ = true;
          if (!inner_->status().ok()) {
            status_ = inner_->status();
            done_ = true;
            break;
          }
        } else {
          in_buf_ = ZSTD_inBuffer{in_.data(), got, 0};
        }
      }
      const bool no_input = eof_ && in_buf_.pos == in_buf_.size;
      if (no_input && !pending_) {
        done_ = true;
        break;
      }
      // Called even without new input: the decoder may hold output it could
      // not write into the last buffer.
      const size_t rc = ZSTD_decompressStream(ds_, &out, &in_buf_);
      if (ZSTD_isError(rc)) {
        status_ = Status::Corrupt(name_ + ": corrupt zstd data (" + ZSTD_getErrorName(rc) + ")");
        done_ = true;
        break;
      }
      pending_ = rc != 0;  // 0: a frame just ended and is fully flushed.
      if (out.pos > 0) break;
      if (no_input) {
        status_ = Status::Corrupt(name_ + ": truncated zstd stream");
        done_ = true;
        break;
      }
    }
    return out.pos;
  }
  uint64_t raw_bytes() const override { return inner_->raw_bytes(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  std::string name_;
  ZSTD_DStream* ds_;
  std::vector<char> in_;
  ZSTD_inBuffer in_buf_{nullptr, 0, 0};
  bool pending_ = false;
  bool eof_ = false;
  bool done_ = false;
};

}  // namespace

Compression CompressionOf(std::string_view path) {
  if (EndsWith(path, ".gz")) return Compression::kGzip;
  if (EndsWith(path, ".zst") || EndsWith(path, ".zstd")) return Compression::kZstd;
  return Compression::kNone;
}

std::unique_ptr<ByteSource> MemorySource(std::string_view data) { return std::make_unique<MemSource>(data); }

std::unique_ptr<ByteSource> GzipSource(std::unique_ptr<ByteSource> inner, std::string name) {
  return std::make_unique<GzSource>(std::move(inner), std::move(name));
}

std::unique_ptr<ByteSource> ZstdSource(std::unique_ptr<ByteSource> inner, std::string name) {
  return std::make_unique<ZsSource>(std::move(inner), std::move(name));
}

Result<std::unique_ptr<ByteSource>> OpenSource(const std::string& path, Compression c) {
  std::unique_ptr<ByteSource> src;
  if (path == "-") {
    src = std::make_unique<FileSource>(stdin, false, "stdin");
  } else {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      const int err = errno;
      std::string msg = path + ": " + std::strerror(err);
      if (err == ENOENT) return Status::NotFound(msg);
      return Status::IoError(msg);
    }
    src = std::make_unique<FileSource>(f, true, path);
  }
  if (c == Compression::kGzip) return GzipSource(std::move(src), path);
  if (c == Compression::kZstd) return ZstdSource(std::move(src), path);
  return src;
}

LineReader::LineReader(std::unique_ptr<ByteSource> src, size_t max_line)
    : src_(std::move(src)), max_line_(max_line) {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {  // Drop consumed bytes before growing.
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  const size_t old = buf_.size();
  buf_.resize(old + kChunk);
  const size_t got = src_->Read(buf_.data() + old, kChunk);
  buf_.resize(old + got);
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineReader::ReadLine(std::string* line, bool* too_long) {
  line->clear();
  if (too_long) *too_long = false;
  size_t scanned = pos_;
  bool skipping = false;
  for (;;) {
    const size_t nl = buf_.find('\n', scanned);
    if (nl != std::string::npos) {
      if (!skipping && nl - pos_ > max_line_) {
        skipping = true;
        if (too_long) *too_long = true;
      }
      if (!skipping) line->assign(buf_, pos_, nl - pos_);
      consumed_ += nl + 1 - pos_;
      pos_ = nl + 1;
      return true;
    }
    if (!skipping && buf_.size() - pos_ > max_line_) {
      // Drop what we have and skip to the next newline.
      skipping = true;
      if (too_long) *too_long = true;
    }
    if (skipping) {
      consumed_ += buf_.size() - pos_;
      pos_ = buf_.size();
    }
    const size_t before = buf_.size() - pos_;
    if (!Fill()) {
      if (buf_.size() == pos_ && !skipping) return false;
      if (!skipping && buf_.size() - pos_ > max_line_) {
        skipping = true;
        if (too_long) *too_long = true;
      }
      if (!skipping) line->assign(buf_, pos_, std::string::npos);
      consumed_ += buf_.size() - pos_;
      pos_ = buf_.size();
      return true;
    }
    scanned = pos_ + before;
  }
}

size_t LineReader::ReadBytes(size_t n, std::string* out) {
  out->clear();
  while (out->size() < n) {
    if (pos_ == buf_.size() && !Fill()) break;
    const size_t take = std::min(n - out->size(), buf_.size() - pos_);
    out->append(buf_, pos_, take);
    pos_ += take;
    consumed_ += take;
  }
  return out->size();
}

size_t LineReader::Skip(size_t n) {
  size_t skipped = 0;
  while (skipped < n) {
    if (pos_ == buf_.size() && !Fill()) break;
    const size_t take = std::min(n - skipped, buf_.size() - pos_);
    pos_ += take;
    consumed_ += take;
    skipped += take;
  }
  return skipped;
}

char LineReader::PeekNonSpace() {
  for (size_t i = pos_;; ++i) {
    if (i == buf_.size()) {
      const size_t off = i - pos_;
      if (!Fill()) return 0;
      i = pos_ + off;
    }
    const char c = buf_[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      // A UTF-8 byte order mark is whitespace here too.
      if (static_cast<unsigned char>(c) == 0xEF && i + 2 < buf_.size() &&
          static_cast<unsigned char>(buf_[i + 1]) == 0xBB &&
          static_cast<unsigned char>(buf_[i + 2]) == 0xBF) {
        i += 2;
        continue;
      }
      return c;
    }
  }
}

}  // namespace rasd::ingest
