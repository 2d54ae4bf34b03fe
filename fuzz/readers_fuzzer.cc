// libFuzzer target: the document readers (JSONL, HTML, text, WARC and their
// gzip / zstd forms) on arbitrary bytes, through DocumentReader::ReadBytes.
//
// The first input byte picks the reader (see kNames); the rest is the file's
// content. Every delivered document goes through the text layer and must be
// valid UTF-8 with a well-formed date; every error must carry a message.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "rasd/ingest.h"

namespace {

using rasd::fuzz::Check;
using rasd::fuzz::ValidUtf8;

constexpr const char* kNames[] = {"in.jsonl",    "in.html",    "in.txt",       "in.warc",
                                  "in.jsonl.gz", "in.warc.gz", "in.jsonl.zst", "in.htm",
                                  "in.json",     "in.txt.gz",  "in.html.zst",  "in.warc.zst"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string name = kNames[data[0] % (sizeof(kNames) / sizeof(kNames[0]))];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  size_t docs = 0, errors = 0;
  rasd::DocumentReader reader(
      [&](rasd::Document&& doc) {
        ++docs;
        rasd::fuzz::TextLayer(doc.text);
        Check(ValidUtf8(doc.id) && ValidUtf8(doc.title) && ValidUtf8(doc.url) && ValidUtf8(doc.source));
        Check(doc.published.empty() || doc.published.size() == 10);
        return true;
      },
      [&](const rasd::Status& st) {
        ++errors;
        // Every error names the input.
        Check(!st.ok() && st.message().find(name) != std::string::npos);
      });
  reader.ReadBytes(bytes, name);
  Check(reader.stats().documents == docs && reader.stats().errors == errors);
  return 0;
}
