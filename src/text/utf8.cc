// UTF-8 decoding that never fails: invalid bytes become U+FFFD one at a time.
#include "rasd/text.h"

namespace rasd::text {

char32_t DecodeUtf8Slow(std::string_view s, size_t* pos, bool* valid) {
  const size_t i = *pos;
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto fail = [&]() -> char32_t {
    *pos = i + 1;
    if (valid) *valid = false;
    return kReplacementChar;
  };
  if (valid) *valid = true;
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  int len;
  char32_t cp;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return fail();
  }
  if (i + len > s.size()) return fail();
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return fail();
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail();
  *pos = i + len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

size_t SanitizeUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  size_t bad = 0;
  size_t pos = 0;
  size_t run = 0;  // Start of the valid bytes not yet copied: copied in one append per run.
  while (pos < in.size()) {
    // ASCII other than NUL, the common case in markup and Latin text.
    const auto b = static_cast<unsigned char>(in[pos]);
    if (b < 0x80 && b != 0) {
      ++pos;
      continue;
    }
    const size_t start = pos;
    bool ok = true;
    const char32_t cp = DecodeUtf8(in, &pos, &ok);
    if (ok && cp != 0) continue;
    out->append(in.substr(run, start - run));
    run = pos;
    if (!ok) {
      ++bad;
      AppendUtf8(kReplacementChar, out);
    } else {
      out->push_back(' ');  // NUL bytes would truncate C consumers downstream.
    }
  }
  out->append(in.substr(run));
  return bad;
}

size_t CountCodePoints(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace rasd::text
