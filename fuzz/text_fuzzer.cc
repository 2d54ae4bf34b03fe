// libFuzzer target: the text layer on arbitrary bytes. UTF-8 decoding and
// sanitising, normalisation with its offset map, sentence splitting,
// tokenisation, clitic segmentation, verb candidates, dateline and
// publication-date parsing.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "rasd/ingest.h"
#include "rasd/text.h"

using rasd::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // Decoding always makes progress and never reads past the end.
  size_t pos = 0, count = 0;
  while (pos < bytes.size()) {
    const size_t before = pos;
    bool ok = true;
    const char32_t cp = rasd::text::DecodeUtf8(bytes, &pos, &ok);
    Check(pos > before && pos <= bytes.size() && cp <= 0x10FFFF);
    Check(ok || (cp == rasd::text::kReplacementChar && pos == before + 1));
    ++count;
  }

  std::string clean;
  const size_t replaced = rasd::text::SanitizeUtf8(bytes, &clean);
  Check(rasd::fuzz::ValidUtf8(clean));
  // Invalid bytes become U+FFFD and NUL a space: nothing else changes.
  Check(replaced > 0 || bytes.find('\0') != std::string_view::npos || clean == bytes);
  Check(clean.find('\0') == std::string::npos);
  Check(rasd::text::CountCodePoints(clean) == count);

  // Re-encoding the decoded code points reproduces the sanitised text.
  std::string re;
  for (size_t p = 0; p < clean.size();) rasd::text::AppendUtf8(rasd::text::DecodeUtf8(clean, &p), &re);
  Check(re == clean);

  rasd::fuzz::TextLayer(clean);
  Check(rasd::fuzz::ValidUtf8(rasd::text::NormalizeString(clean)));

  rasd::CodePointIndex cpi;
  cpi.Build(clean);
  Check(cpi(static_cast<uint32_t>(clean.size())) == count);

  const std::string d = rasd::ParsePublishedDate(bytes);
  Check(d.empty() || d.size() == 10);
  return 0;
}
