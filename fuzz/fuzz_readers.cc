// libFuzzer target: the document readers (JSONL, HTML, text, WARC and their
// compressed forms) and the text layer on arbitrary bytes. Build: fuzz/README.md.
//
// The first input byte picks the reader; the rest is the file's content. Every
// delivered document then goes through the text layer, and the invariants the
// later stages rely on are checked: valid UTF-8, spans inside the text, an
// offset map one longer than the normalised text, tokens that slice the
// original in order.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "rasd/ingest.h"
#include "rasd/text.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool ValidUtf8(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    bool ok = true;
    rasd::text::DecodeUtf8(s, &pos, &ok);
    if (!ok) return false;
  }
  return true;
}

const rasd::text::Segmenter& TestSegmenter() {
  static const std::set<std::string, std::less<>> known = {"جزائر", "جيش", "زياره", "يزور", "وزير", "بلد"};
  static const rasd::text::Segmenter seg([](std::string_view s) { return known.count(s) > 0; });
  return seg;
}

void TextLayer(const std::string& text) {
  using namespace rasd::text;
  Check(ValidUtf8(text));
  NormalizedText nt;
  Normalize(text, &nt);
  Check(nt.orig.size() == nt.text.size() + 1);
  Check(ValidUtf8(nt.text));
  for (size_t i = 1; i < nt.orig.size(); ++i)
    Check(nt.orig[i - 1] <= nt.orig[i] && nt.orig[i] <= text.size());

  std::vector<rasd::Span> sentences;
  SplitSentences(text, &sentences);
  for (const auto& s : sentences) Check(s.begin < s.end && s.end <= text.size());
  sentences.clear();
  SplitSentences(nt.text, &sentences);

  std::vector<Token> tokens;
  uint32_t last_end = 0;
  for (const auto& s : sentences) {
    Check(s.end <= nt.text.size());
    tokens.clear();
    Tokenize(nt, s.begin, s.end, TestSegmenter(), &tokens);
    std::vector<std::string> candidates;
    for (const Token& t : tokens) {
      Check(t.span.begin <= t.span.end && t.span.end <= text.size());
      Check(t.nbegin < t.nend && t.nend <= s.end);
      Check(t.span.begin >= last_end);
      last_end = t.span.end;
      Check(t.stem.size() <= t.norm.size());
      candidates.clear();
      VerbCandidates(t.stem, &candidates);
      for (const auto& c : candidates) Check(ValidUtf8(c));
    }
  }
  const std::string d = rasd::FindDateline(text);
  Check(d.empty() || d.size() == 10);
}

constexpr const char* kNames[] = {"in.jsonl",    "in.html",    "in.txt",       "in.warc",
                                  "in.jsonl.gz", "in.warc.gz", "in.jsonl.zst", "in.htm"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string name = kNames[data[0] % (sizeof(kNames) / sizeof(kNames[0]))];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);

  rasd::DocumentReader reader(
      [](rasd::Document&& doc) {
        TextLayer(doc.text);
        Check(ValidUtf8(doc.title) && ValidUtf8(doc.url) && ValidUtf8(doc.source));
        Check(doc.published.empty() || doc.published.size() == 10);
        return true;
      },
      [](const rasd::Status& st) { Check(!st.ok() && !st.message().empty()); });
  reader.ReadBytes(bytes, name);

  // The raw bytes straight into the text layer and the date parser too.
  std::string clean;
  rasd::text::SanitizeUtf8(bytes, &clean);
  TextLayer(clean);
  const std::string d = rasd::ParsePublishedDate(bytes);
  Check(d.empty() || d.size() == 10);
  return 0;
}
