// Shared helpers of the libFuzzer targets in fuzz/ (docs/robustness.md).
//
// Check() traps on a broken invariant so that libFuzzer records the input as a
// crash, exactly like a sanitizer report.
#ifndef RASD_FUZZ_FUZZ_UTIL_H_
#define RASD_FUZZ_FUZZ_UTIL_H_

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/document.h"
#include "rasd/ingest.h"
#include "rasd/text.h"

namespace rasd::fuzz {

inline void Check(bool ok) {
  if (!ok) __builtin_trap();
}

inline bool ValidUtf8(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    bool ok = true;
    text::DecodeUtf8(s, &pos, &ok);
    if (!ok) return false;
  }
  return true;
}

inline bool InText(Span s, std::string_view text) { return s.begin <= s.end && s.end <= text.size(); }

// A small segmenter of our own words (the real one is backed by the lexicon).
inline const text::Segmenter& TestSegmenter() {
  static const std::set<std::string, std::less<>> known = {"جزائر", "جيش", "زياره", "يزور", "وزير", "بلد"};
  static const text::Segmenter seg([](std::string_view s) { return known.count(s) > 0; });
  return seg;
}

// The whole text layer on valid UTF-8 `text`, checking the invariants the
// later stages rely on: an offset map one longer than the normalised text and
// monotonic, sentences and tokens inside the text and in order.
inline void TextLayer(const std::string& text) {
  Check(ValidUtf8(text));
  text::NormalizedText nt;
  text::Normalize(text, &nt);
  Check(nt.orig.size() == nt.text.size() + 1);
  Check(ValidUtf8(nt.text));
  for (size_t i = 1; i < nt.orig.size(); ++i)
    Check(nt.orig[i - 1] <= nt.orig[i] && nt.orig[i] <= text.size());

  std::vector<Span> sentences;
  text::SplitSentences(text, &sentences);
  uint32_t last = 0;
  for (const auto& s : sentences) {
    Check(s.begin < s.end && s.end <= text.size() && s.begin >= last);
    last = s.end;
  }
  sentences.clear();
  text::SplitSentences(nt.text, &sentences);

  std::vector<text::Token> tokens;
  std::vector<std::string> candidates;
  uint32_t last_end = 0;
  for (const auto& s : sentences) {
    Check(s.end <= nt.text.size());
    tokens.clear();
    text::Tokenize(nt, s.begin, s.end, TestSegmenter(), &tokens);
    for (const text::Token& t : tokens) {
      Check(InText(t.span, text));
      Check(t.nbegin < t.nend && t.nend <= s.end);
      Check(t.span.begin >= last_end);
      last_end = t.span.end;
      Check(t.stem.size() <= t.norm.size());
      candidates.clear();
      text::VerbCandidates(t.stem, &candidates);
      for (const auto& c : candidates) Check(ValidUtf8(c));
    }
  }
  const std::string d = FindDateline(text);
  Check(d.empty() || d.size() == 10);
}

// A temporary file path unique to this process (for loaders that read files).
inline std::string TempPath(const char* name) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/rasd_fuzz_" + std::to_string(getpid()) + "_" + name;
}

}  // namespace rasd::fuzz

#endif  // RASD_FUZZ_FUZZ_UTIL_H_
