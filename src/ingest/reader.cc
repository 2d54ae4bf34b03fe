// DocumentReader: dispatch by path and extension; .txt, .html, JSONL, WARC.
// Formats, fields and errors: docs/readers.md.
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <system_error>

#include "core/hash.h"
#include "ingest/html.h"
#include "ingest/source.h"
#include "rasd/ingest.h"
#include "rasd/text.h"

namespace rasd {
namespace {

namespace fs = std::filesystem;

enum class Format { kUnknown, kText, kHtml, kJsonl, kWarc };

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return r;
}

// The file name without directories, compression and format extensions.
struct PathInfo {
  Format format = Format::kUnknown;
  std::string stem;
};

PathInfo Classify(const std::string& path) {
  PathInfo info;
  std::string name = fs::path(path).filename().string();
  std::string lower = Lower(name);
  for (std::string_view z : {".gz", ".zst", ".zstd"}) {
    if (lower.size() > z.size() && lower.ends_with(z)) {
      lower.resize(lower.size() - z.size());
      name.resize(lower.size());
      break;
    }
  }
  static const std::pair<std::string_view, Format> kExt[] = {
      {".txt", Format::kText},     {".text", Format::kText},  {".html", Format::kHtml},
      {".htm", Format::kHtml},     {".xhtml", Format::kHtml}, {".jsonl", Format::kJsonl},
      {".ndjson", Format::kJsonl}, {".json", Format::kJsonl}, {".warc", Format::kWarc}};
  for (const auto& [ext, f] : kExt) {
    if (lower.size() > ext.size() && lower.ends_with(ext)) {
      info.format = f;
      info.stem = name.substr(0, name.size() - ext.size());
      return info;
    }
  }
  info.stem = name;
  return info;
}

// True for .jsonl / .ndjson (also compressed), where records are lines.
bool IsJsonLines(const std::string& path) {
  std::string lower = Lower(fs::path(path).filename().string());
  for (std::string_view z : {".gz", ".zst", ".zstd"})
    if (lower.ends_with(z)) lower.resize(lower.size() - z.size());
  return lower.ends_with(".jsonl") || lower.ends_with(".ndjson");
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
    s.remove_suffix(1);
  return s;
}

// Valid UTF-8 without NUL: what SanitizeUtf8 would leave unchanged.
bool CleanUtf8(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    const auto b = static_cast<unsigned char>(s[pos]);
    if (b < 0x80) {
      if (b == 0) return false;
      ++pos;
      continue;
    }
    bool ok = true;
    text::DecodeUtf8(s, &pos, &ok);
    if (!ok) return false;
  }
  return true;
}

// nlohmann messages start with "[json.exception.parse_error.101] "; drop it.
std::string JsonMessage(const char* what) {
  std::string_view m(what);
  if (!m.empty() && m.front() == '[') {
    const size_t close = m.find("] ");
    if (close != std::string_view::npos) m.remove_prefix(close + 2);
  }
  return std::string(m);
}

std::string JsonString(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// Fills *doc from one JSONL record (fields: docs/readers.md).
Status DocumentFromJson(nlohmann::json& j, const std::string& where, const std::string& default_id,
                        Document* doc) {
  if (!j.is_object()) return Status::InvalidArgument(where + ": not a JSON object");
  auto text_it = j.find("text");
  if (text_it == j.end()) return Status::InvalidArgument(where + ": missing field 'text'");
  if (!text_it->is_string()) return Status::InvalidArgument(where + ": field 'text' is not a string");
  doc->origin = where;
  if (auto it = j.find("id");
      it != j.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
    doc->id = it->get<std::string>();
  } else if (it != j.end() && it->is_number()) {
    doc->id = it->dump();
  } else {
    doc->id = default_id;
  }
  // Escapes such as \u0000 survive parsing; sanitise the decoded strings too.
  text::SanitizeUtf8(JsonString(j, "title"), &doc->title);
  // The line was sanitised before parsing; only escapes (\u0000) can bring
  // back what SanitizeUtf8 removes, so the decoded text is moved, not copied,
  // when it is clean.
  std::string body;
  if (CleanUtf8(text_it->get_ref<const std::string&>()))
    body = std::move(text_it->get_ref<std::string&>());
  else
    text::SanitizeUtf8(text_it->get_ref<const std::string&>(), &body);
  if (!doc->title.empty()) {
    doc->text.reserve(doc->title.size() + 1 + body.size());
    doc->text = doc->title;
    doc->text += '\n';
    doc->text += body;
  } else {
    doc->text = std::move(body);
  }
  if (auto it = j.find("published"); it != j.end()) {
    if (it->is_string())
      doc->published = ParsePublishedDate(it->get_ref<const std::string&>());
    else if (it->is_number_integer())
      doc->published = ParsePublishedDate(it->dump());
  }
  text::SanitizeUtf8(JsonString(j, "url"), &doc->url);
  text::SanitizeUtf8(JsonString(j, "source"), &doc->source);
  return Status::Ok();
}

// The header value of "Name: value" when the line has that name.
bool Header(std::string_view line, std::string_view name, std::string* value) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  if (Lower(line.substr(0, name.size())) != Lower(name)) return false;
  *value = std::string(Trim(line.substr(name.size() + 1)));
  return true;
}

// Decodes an HTTP/1.1 chunked body; on malformed input returns what it has.
std::string Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) break;
    size_t n = 0;
    bool any = false;
    for (size_t i = pos; i < eol; ++i) {
      const char c = body[i];
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) break;
      if (n > (size_t{1} << 40)) return out;
      n = n * 16 + d;
      any = true;
    }
    if (!any || n == 0) break;
    pos = eol + 1;
    out.append(body.substr(pos, std::min(n, body.size() - pos)));
    pos += n;
    while (pos < body.size() && (body[pos] == '\r' || body[pos] == '\n')) ++pos;
  }
  return out;
}

// The shard key of a command-line path: its own file name ("corpus" for
// "/data/corpus/", the current directory's name for ".").
std::string RootKey(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec);
  if (ec) p = path;
  p = p.lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return p.filename().string();
}

// Reads the rest of `r` into *out, stopping once more than `max` bytes came:
// returns false then (a decompression bomb is not inflated further).
bool ReadAllCapped(ingest::LineReader* r, size_t max, std::string* out) {
  out->clear();
  std::string chunk;
  while (r->ReadBytes(size_t{1} << 20, &chunk) > 0) {
    out->append(chunk);
    if (out->size() > max) return false;
  }
  return true;
}

std::string MiB(size_t n) { return std::to_string(n >> 20) + " MiB"; }

std::string TooLarge(const std::string& where) {
  return where + ": document larger than " + MiB(kMaxDocumentBytes) + " (after decompression), skipped";
}

}  // namespace

Result<Shard> ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  auto number = [](std::string_view d, uint32_t* v) {
    if (d.empty() || d.size() > 7) return false;
    uint32_t n = 0;
    for (char c : d) {
      if (c < '0' || c > '9') return false;
      n = n * 10 + static_cast<uint32_t>(c - '0');
    }
    *v = n;
    return true;
  };
  Shard sh;
  if (slash == std::string_view::npos || !number(text.substr(0, slash), &sh.index) ||
      !number(text.substr(slash + 1), &sh.count) || sh.count == 0 || sh.count > 1000000 ||
      sh.index >= sh.count)
    return Status::InvalidArgument("shard '" + std::string(text.substr(0, 40)) +
                                   "': expected K/N with 0 <= K < N (e.g. 0/4 ... 3/4)");
  return sh;
}

void DocumentReader::SetKey(std::string_view key) { key_hash_ = Fnv1a(key); }

uint64_t DocumentReader::input_position() const {
  return done_bytes_ + (current_ != nullptr ? current_->raw_bytes() : 0);
}

DocumentReader::DocumentReader(DocumentCallback on_doc, ErrorCallback on_error)
    : on_doc_(std::move(on_doc)), on_error_(std::move(on_error)) {}

void DocumentReader::Error(Status st) {
  stats_.errors++;
  if (on_error_) on_error_(st);
}

bool DocumentReader::Deliver(Document&& doc) {
  if (stopped_) return false;
  // Ids and urls come from file names and WARC headers, which may hold any
  // bytes; every string leaving the reader is valid UTF-8.
  for (std::string* field : {&doc.id, &doc.title, &doc.url, &doc.source, &doc.origin}) {
    if (CleanUtf8(*field)) continue;  // Almost always: no copy.
    text::SanitizeUtf8(*field, &scratch_);
    field->swap(scratch_);
  }
  stats_.documents++;
  if (on_doc_ && !on_doc_(std::move(doc))) stopped_ = true;
  return !stopped_;
}

void DocumentReader::Read(const std::string& path) {
  if (stopped_) return;
  if (path == "-") {
    SetKey("-");
    ReadStdin();
    return;
  }
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    Error(Status::NotFound(path + ": no such file or directory"));
    return;
  }
  const std::string key = RootKey(path);
  if (fs::is_directory(st)) {
    ReadDirectory(path, key);
  } else {
    ReadFile(path, key);
  }
}

void DocumentReader::ReadDirectory(const std::string& path, const std::string& key) {
  // Names only, and only candidates: a directory of millions of files costs
  // one pass of readdir, not millions of stat calls or directory_entry objects.
  struct Entry {
    std::string name;
    bool dir;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  fs::directory_iterator it(path, ec);
  const fs::directory_iterator end;
  bool streaming = false;
  auto visit = [&](const Entry& e) {
    const std::string child = path.ends_with('/') ? path + e.name : path + "/" + e.name;
    if (e.dir) {
      ReadDirectory(child, key + "/" + e.name);
    } else {
      ReadFile(child, key + "/" + e.name);
    }
  };
  for (; !ec && it != end && !stopped_; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // Hidden files and directories.
    std::error_code ec2;
    Entry e{std::move(name), false};
    if (it->is_directory(ec2)) {
      // Symlinked directories could loop back; only real subdirectories.
      if (it->is_symlink(ec2)) continue;
      e.dir = true;
    } else if (!it->is_regular_file(ec2) || Classify(e.name).format == Format::kUnknown) {
      continue;  // Unknown types are skipped inside directories.
    }
    if (streaming) {
      visit(e);
      continue;
    }
    entries.push_back(std::move(e));
    if (entries.size() > sorted_directory_limit_) {
      // Too many to list whole: handle what we have and stream the rest in
      // the file system's order.
      streaming = true;
      for (const Entry& x : entries) {
        if (stopped_) return;
        visit(x);
      }
      entries.clear();
      entries.shrink_to_fit();
    }
  }
  if (ec) {
    Error(Status::IoError(path + ": cannot list directory: " + ec.message()));
    if (entries.empty()) return;
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  for (const Entry& e : entries) {
    if (stopped_) return;
    visit(e);
  }
}

void DocumentReader::ReadFile(const std::string& path, const std::string& key) {
  const PathInfo info = Classify(path);
  SetKey(key);
  switch (info.format) {
    case Format::kUnknown:
      Error(Status::Unsupported(path + ": unknown file type (expected .txt, .html, .htm, .jsonl, .jsonl.gz, "
                                       ".jsonl.zst, .warc or .warc.gz)"));
      return;
    case Format::kJsonl:
    case Format::kWarc: {
      auto src = ingest::OpenSource(path, ingest::CompressionOf(path));
      if (!src.ok()) {
        Error(src.status());
        return;
      }
      ingest::LineReader lines(std::move(src.value()), kMaxDocumentBytes);
      current_ = &lines;
      if (info.format == Format::kJsonl) {
        ReadJsonlStream(&lines, path);
      } else {
        ReadWarcStream(&lines, path);
      }
      done_bytes_ += lines.raw_bytes();
      current_ = nullptr;
      return;
    }
    case Format::kText:
    case Format::kHtml: {
      if (!Mine(0)) return;  // Another shard's file: not even opened.
      std::string data;
      Status st = ReadFileContents(path, &data, kMaxDocumentBytes);
      stats_.bytes += data.size();
      {
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        done_bytes_ += ec ? data.size() : size;
      }
      if (!st.ok()) {
        Error(st);
        return;
      }
      if (info.format == Format::kText) {
        ReadText(data, path, info.stem);
      } else {
        ReadHtml(data, path, info.stem);
      }
      return;
    }
  }
}

void DocumentReader::ReadBytes(std::string_view data, const std::string& name) {
  if (stopped_) return;
  const PathInfo info = Classify(name);
  const ingest::Compression c = ingest::CompressionOf(name);
  SetKey(fs::path(name).filename().string());
  auto source = [&]() {
    auto src = ingest::MemorySource(data);
    if (c == ingest::Compression::kGzip) return ingest::GzipSource(std::move(src), name);
    if (c == ingest::Compression::kZstd) return ingest::ZstdSource(std::move(src), name);
    return src;
  };
  switch (info.format) {
    case Format::kUnknown:
      Error(Status::Unsupported(name + ": unknown file type"));
      return;
    case Format::kJsonl: {
      ingest::LineReader lines(source(), kMaxDocumentBytes);
      ReadJsonlStream(&lines, name);
      return;
    }
    case Format::kWarc: {
      ingest::LineReader lines(source(), kMaxDocumentBytes);
      ReadWarcStream(&lines, name);
      return;
    }
    case Format::kText:
    case Format::kHtml: {
      if (!Mine(0)) return;
      std::string plain;
      if (c != ingest::Compression::kNone) {
        ingest::LineReader r(source());
        if (!ReadAllCapped(&r, kMaxDocumentBytes, &plain)) {
          Error(Status::InvalidArgument(TooLarge(name)));
          return;
        }
        if (!r.status().ok()) {
          Error(r.status());
          return;
        }
        data = plain;
      }
      if (data.size() > kMaxDocumentBytes) {
        Error(Status::InvalidArgument(TooLarge(name)));
        return;
      }
      stats_.bytes += data.size();
      if (info.format == Format::kText) {
        ReadText(data, name, info.stem);
      } else {
        ReadHtml(data, name, info.stem);
      }
      return;
    }
  }
}

void DocumentReader::ReadStdin() {
  auto src = ingest::OpenSource("-", ingest::Compression::kNone);
  if (!src.ok()) {
    Error(src.status());
    return;
  }
  ingest::LineReader lines(std::move(src.value()), kMaxDocumentBytes);
  if (lines.PeekNonSpace() == '{') {
    ReadJsonlStream(&lines, "stdin");
    return;
  }
  if (!Mine(0)) return;
  std::string data;
  if (!ReadAllCapped(&lines, kMaxDocumentBytes, &data)) {
    Error(Status::InvalidArgument(TooLarge("stdin")));
    return;
  }
  stats_.bytes += data.size();
  if (!lines.status().ok()) {
    Error(lines.status());
    return;
  }
  ReadText(data, "stdin", "stdin");
}

void DocumentReader::ReadText(std::string_view data, const std::string& path, const std::string& id) {
  Document doc;
  doc.id = id;
  doc.origin = path;
  doc.invalid_utf8 = static_cast<uint32_t>(text::SanitizeUtf8(data, &doc.text));
  doc.published = FindDateline(doc.text);
  Deliver(std::move(doc));
}

void DocumentReader::ReadHtml(std::string_view data, const std::string& path, const std::string& id) {
  Document doc;
  doc.id = id;
  doc.origin = path;
  std::string html;
  doc.invalid_utf8 = static_cast<uint32_t>(text::SanitizeUtf8(data, &html));
  ingest::HtmlContent page;
  if (Status st = ingest::ExtractHtml(html, &page); !st.ok()) {
    Error(Status::InvalidArgument(path + ": " + st.message()));
    return;
  }
  doc.title = std::move(page.title);
  doc.text = std::move(page.text);
  doc.published = !page.published.empty() ? page.published : page.dateline;
  Deliver(std::move(doc));
}

void DocumentReader::ReadJsonl(std::string_view data, const std::string& origin) {
  ingest::LineReader lines(ingest::MemorySource(data), kMaxDocumentBytes);
  ReadJsonlStream(&lines, origin);
}

void DocumentReader::ReadJsonlStream(ingest::LineReader* lines, const std::string& origin) {
  const std::string stem = Classify(origin).stem;
  const size_t start_bytes = lines->bytes();
  size_t lineno = 0;
  bool too_long = false;
  if (lines->PeekNonSpace() == '[') {
    // A .json file holding one array of records: read whole (documented).
    std::string all;
    const bool fits = ReadAllCapped(lines, kMaxJsonArrayBytes, &all);
    stats_.bytes += all.size();
    if (!fits) {
      Error(Status::InvalidArgument(origin + ": JSON array larger than " + MiB(kMaxJsonArrayBytes) +
                                    ", not read (write one record a line instead)"));
      return;
    }
    if (!lines->status().ok()) {
      Error(lines->status());
      return;
    }
    const size_t invalid = text::SanitizeUtf8(all, &scratch_);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(scratch_);
    } catch (const nlohmann::json::exception& e) {
      if (IsJsonLines(origin) && all.find('\n') != std::string::npos) {
        // A .jsonl file whose first record is broken (or an array on a line
        // of its own): the rest are still records, one a line.
        std::string_view rest = all;
        for (size_t lineno = 1; !rest.empty() && !stopped_; ++lineno) {
          const size_t nl = rest.find('\n');
          if (std::min(nl, rest.size()) > kMaxDocumentBytes) {
            Error(Status::InvalidArgument(origin + ":" + std::to_string(lineno) + ": line too long, skipped"));
          } else {
            ReadJsonlLine(rest.substr(0, nl), origin, lineno, stem);
          }
          rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        }
        return;
      }
      Error(Status::Corrupt(origin + ": malformed JSON: " + JsonMessage(e.what())));
      return;
    }
    for (size_t i = 0; i < j.size() && !stopped_; ++i) {
      if (!Mine(i)) continue;
      Document doc;
      doc.invalid_utf8 = i == 0 ? static_cast<uint32_t>(invalid) : 0;
      Status st = DocumentFromJson(j[i], origin + "[" + std::to_string(i) + "]",
                                   stem + ":" + std::to_string(i + 1), &doc);
      if (st.ok()) {
        Deliver(std::move(doc));
      } else {
        Error(std::move(st));
      }
    }
    return;
  }
  while (!stopped_ && lines->ReadLine(&line_, &too_long)) {
    ++lineno;
    if (!Mine(lineno)) continue;  // Another shard's record: not even parsed.
    if (too_long) {
      Error(Status::InvalidArgument(origin + ":" + std::to_string(lineno) + ": line too long, skipped"));
      continue;
    }
    ReadJsonlLine(line_, origin, lineno, stem);
  }
  stats_.bytes += lines->bytes() - start_bytes;
  if (!lines->status().ok()) {
    Error(Status::Corrupt(origin + ":" + std::to_string(lineno + 1) + ": " + lines->status().message()));
  }
}

void DocumentReader::ReadJsonlLine(std::string_view line, const std::string& origin, size_t lineno,
                                   const std::string& stem) {
  line = Trim(line);
  if (line.empty()) return;
  const std::string where = origin + ":" + std::to_string(lineno);
  // Sanitise first: the JSON parser rejects a whole record for one bad byte.
  const size_t invalid = text::SanitizeUtf8(line, &scratch_);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(scratch_);
  } catch (const nlohmann::json::exception& e) {
    Error(Status::Corrupt(where + ": malformed JSON: " + JsonMessage(e.what())));
    return;
  }
  Document doc;
  doc.invalid_utf8 = static_cast<uint32_t>(invalid);
  Status st = DocumentFromJson(j, where, stem + ":" + std::to_string(lineno), &doc);
  if (!st.ok()) {
    Error(std::move(st));
    return;
  }
  Deliver(std::move(doc));
}

void DocumentReader::ReadWarc(std::string_view data, const std::string& origin) {
  ingest::LineReader lines(ingest::MemorySource(data), kMaxDocumentBytes);
  ReadWarcStream(&lines, origin);
}

void DocumentReader::ReadWarcStream(ingest::LineReader* lines, const std::string& origin) {
  const size_t start_bytes = lines->bytes();
  size_t record = 0;
  std::string block;
  bool resync = false;  // After a broken record: skip to the next "WARC/" line.
  while (!stopped_) {
    // Version line, skipping the blank lines between records.
    if (!lines->ReadLine(&line_)) break;
    std::string_view version = Trim(line_);
    if (version.empty()) continue;
    if (!version.starts_with("WARC/")) {
      if (!resync)
        Error(Status::Corrupt(origin + ": record " + std::to_string(record + 1) + ": not a WARC record"));
      resync = true;
      continue;
    }
    resync = false;
    ++record;
    const std::string where = origin + ": record " + std::to_string(record);
    std::string type, uri, date, length, content_type, value;
    bool has_length = false;
    while (lines->ReadLine(&line_)) {
      const std::string_view h = Trim(line_);
      if (h.empty()) break;
      if (Header(h, "WARC-Type", &value))
        type = Lower(value);
      else if (Header(h, "WARC-Target-URI", &value))
        uri = value;
      else if (Header(h, "WARC-Date", &value))
        date = value;
      else if (Header(h, "Content-Type", &value))
        content_type = Lower(value);
      else if (Header(h, "Content-Length", &value))
        length = value, has_length = true;
    }
    size_t n = 0;
    bool ok = has_length && !length.empty() && length.size() < 16;
    for (char c : length) ok = ok && c >= '0' && c <= '9';
    if (ok) n = std::stoull(length);
    if (!ok) {
      Error(Status::Corrupt(where + ": missing or bad Content-Length"));
      resync = true;
      continue;
    }
    if (n > kMaxDocumentBytes) {
      const bool complete = lines->Skip(n) == n;
      Error(Status::InvalidArgument(where + ": record of " + std::to_string(n) + " bytes is larger than " +
                                    MiB(kMaxDocumentBytes) + ", skipped" + (complete ? "" : " (and truncated)")));
      if (!complete) break;
      continue;
    }
    if (lines->ReadBytes(n, &block) < n) {
      Error(Status::Corrupt(where + ": truncated record"));
      break;
    }
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    const bool http = type == "response" && content_type.find("application/http") != std::string::npos;
    const bool html = !http && (type == "resource" || type == "response") &&
                      content_type.find("html") != std::string::npos;
    if ((http || html) && Mine(record)) ReadWarcRecord(block, where, uri, date, http);
  }
  stats_.bytes += lines->bytes() - start_bytes;
  if (!lines->status().ok()) Error(lines->status());
}

void DocumentReader::ReadWarcRecord(std::string_view block, const std::string& origin, const std::string& uri,
                                    const std::string& warc_date, bool is_response) {
  std::string_view body = block;
  std::string decoded;
  if (is_response) {
    if (!block.starts_with("HTTP/")) return;
    size_t end = block.find("\r\n\r\n");
    size_t skip = 4;
    if (end == std::string_view::npos) end = block.find("\n\n"), skip = 2;
    if (end == std::string_view::npos) return;
    const std::string_view head = block.substr(0, end);
    body = block.substr(end + skip);
    // Status line: only successful responses carry articles.
    const size_t sp = head.find(' ');
    if (sp == std::string_view::npos || sp + 1 >= head.size() || head[sp + 1] != '2') return;
    std::string content_type, transfer, encoding, value;
    size_t pos = head.find('\n');
    while (pos != std::string_view::npos && pos < head.size()) {
      size_t eol = head.find('\n', pos + 1);
      const std::string_view h =
          Trim(head.substr(pos + 1, eol == std::string_view::npos ? eol : eol - pos - 1));
      if (Header(h, "Content-Type", &value))
        content_type = Lower(value);
      else if (Header(h, "Transfer-Encoding", &value))
        transfer = Lower(value);
      else if (Header(h, "Content-Encoding", &value))
        encoding = Lower(value);
      pos = eol;
    }
    if (content_type.empty() ? Trim(body).substr(0, 1) != "<"
                             : content_type.find("html") == std::string::npos)
      return;
    if (transfer.find("chunked") != std::string::npos) {
      decoded = Dechunk(body);
      body = decoded;
    }
    if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
      auto src = ingest::GzipSource(ingest::MemorySource(body), origin);
      std::string inflated;
      ingest::LineReader r(std::move(src));
      if (!ReadAllCapped(&r, kMaxDocumentBytes, &inflated)) {
        Error(Status::InvalidArgument(TooLarge(origin + " (" + uri + ")")));
        return;
      }
      if (!r.status().ok()) {
        Error(Status::Corrupt(origin + " (" + uri + "): " + r.status().message()));
        return;
      }
      decoded = std::move(inflated);
      body = decoded;
    }
  }
  Document doc;
  doc.id = uri.empty() ? origin : uri;
  doc.url = uri;
  doc.origin = origin;
  std::string html;
  doc.invalid_utf8 = static_cast<uint32_t>(text::SanitizeUtf8(body, &html));
  ingest::HtmlContent page;
  if (Status st = ingest::ExtractHtml(html, &page); !st.ok()) {
    Error(Status::InvalidArgument(origin + (uri.empty() ? "" : " (" + uri + ")") + ": " + st.message()));
    return;
  }
  doc.title = std::move(page.title);
  doc.text = std::move(page.text);
  doc.published = !page.published.empty()  ? page.published
                  : !page.dateline.empty() ? page.dateline
                                           : ParsePublishedDate(warc_date);
  Deliver(std::move(doc));
}

Status ReadFileContents(const std::string& path, std::string* out, size_t max_bytes) {
  out->clear();
  auto src = ingest::OpenSource(path, ingest::CompressionOf(path));
  if (!src.ok()) return src.status();
  ingest::ByteSource& s = *src.value();
  std::error_code ec;
  if (ingest::CompressionOf(path) == ingest::Compression::kNone) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size < (uintmax_t{1} << 34) && size <= max_bytes) out->reserve(size);
  }
  constexpr size_t kChunk = size_t{1} << 16;
  for (;;) {
    const size_t old = out->size();
    out->resize(old + kChunk);
    const size_t got = s.Read(out->data() + old, kChunk);
    out->resize(old + got);
    if (got == 0) break;
    if (out->size() > max_bytes) {
      out->clear();
      return Status::InvalidArgument(path + ": larger than " + MiB(max_bytes) + " (after decompression), not read");
    }
  }
  return s.status();
}

}  // namespace rasd
