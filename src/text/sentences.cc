// Sentence splitting for Arabic news text. Rules: docs/text.md.
#include <array>

#include "rasd/text.h"

namespace rasd::text {
namespace {

bool IsTerminator(char32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x061F || cp == 0x2026 || cp == 0x06D4;
}

bool IsCloser(char32_t cp) {
  return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x00BB /*»*/ ||
         cp == 0x201D /*”*/ || cp == 0x2019 /*’*/ || cp == 0x201C /*“ used as closer in RTL*/;
}

bool IsSpace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0xA0 || cp == '\n'; }
bool IsDigit(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06F0 && cp <= 0x06F9);
}

// Abbreviations that take a dot in Arabic and English news. Compared against
// the word before the dot.
constexpr std::array<std::string_view, 14> kAbbrev = {
    "ق.م", "ص.ب", "mr", "mrs", "dr", "st", "vs", "etc", "inc", "ltd", "jr", "sr", "no", "gen"};

// The word (letters only) that ends right before byte `end`. Only the last
// kMaxWordBytes are looked at: abbreviations are short, and scanning a whole
// run of "ب.ب.ب." back from every dot would be quadratic.
constexpr size_t kMaxWordBytes = 32;
std::string_view WordBefore(std::string_view s, size_t end) {
  size_t b = end;
  while (b > 0 && end - b < kMaxWordBytes) {
    size_t p = b - 1;
    while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    size_t q = p;
    const char32_t cp = DecodeUtf8(s, &q);
    if (IsSpace(cp) || cp == '(' || cp == '"' || cp == 0x00AB) break;
    b = p;
  }
  return s.substr(b, end - b);
}

bool IsAbbreviation(std::string_view word) {
  if (word.empty()) return false;
  // A single letter (Arabic د. م. أ. or Latin U. S.) is an initial.
  size_t pos = 0;
  DecodeUtf8(word, &pos);
  if (pos == word.size()) return true;
  std::string lower(word);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? c + 32 : c;
  for (auto a : kAbbrev)
    if (lower == a) return true;
  // Dotted initials such as "U.S", "ق.م" or "أ.د": every part between the
  // dots is one or two letters. A number ("3.5") or a domain ("gov.dz")
  // before a dot is not an abbreviation, so "بنسبة 3.5. وتراجع" splits.
  if (word.find('.') == std::string_view::npos) return false;
  size_t part = 0;
  for (size_t p = 0; p < word.size();) {
    const char32_t cp = DecodeUtf8(word, &p);
    if (cp == '.') {
      part = 0;
    } else if (IsDigit(cp) || ++part > 2) {
      return false;
    }
  }
  return true;
}

// Where to cut an over-long sentence [b, e) (e - b > kMaxSentenceBytes):
// after the last clause separator (، ؛ , ;) or else the last space in the
// second half of the allowed length, else at the last character boundary.
size_t LongSentenceCut(std::string_view s, size_t b) {
  size_t cut = b + kMaxSentenceBytes;
  while (cut > b && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  if (cut == b) cut = b + kMaxSentenceBytes;  // Not UTF-8: any byte will do.
  const size_t half = b + kMaxSentenceBytes / 2;
  size_t space = 0;
  for (size_t p = cut; p > half; --p) {
    const unsigned char c = s[p - 1];
    if (c != ' ' && c != '\t' && c != '\r') continue;
    if (space == 0) space = p;
    // "، " "؛ " (U+060C, U+061B) or ", " "; " right before this space.
    const unsigned char a = p >= 2 ? s[p - 2] : 0, z = p >= 3 ? s[p - 3] : 0;
    if (a == ',' || a == ';' || (z == 0xD8 && (a == 0x8C || a == 0x9B))) return p;
  }
  return space != 0 ? space : cut;
}

}  // namespace

void SplitSentences(std::string_view s, std::vector<Span>* out) {
  size_t start = 0;
  auto emit = [&](size_t b, size_t e) {
    while (b < e) {  // trim leading whitespace
      size_t q = b;
      if (!IsSpace(DecodeUtf8(s, &q))) break;
      b = q;
    }
    while (e > b) {  // trim trailing whitespace (ASCII/NBSP only)
      unsigned char c = s[e - 1];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        --e;
      } else if (e - b >= 2 && static_cast<unsigned char>(s[e - 2]) == 0xC2 && c == 0xA0) {
        e -= 2;
      } else {
        break;
      }
    }
    if (e > b) out->push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
  };
  auto flush = [&](size_t end) {
    size_t b = start;
    // The later stages are quadratic in the words of a sentence; no real
    // sentence comes near the limit, a line of 3 MB without punctuation does.
    while (end - b > kMaxSentenceBytes) {
      const size_t cut = LongSentenceCut(s, b);
      emit(b, cut);
      b = cut;
    }
    emit(b, end);
  };
  size_t pos = 0;
  char32_t prev = 0;
  while (pos < s.size()) {
    const size_t at = pos;
    const char32_t cp = DecodeUtf8(s, &pos);
    if (cp == '\n') {
      flush(at);
      start = pos;
      prev = cp;
      continue;
    }
    if (!IsTerminator(cp)) {
      prev = cp;
      continue;
    }
    // Absorb a run of terminators and closing quotes/brackets.
    size_t end = pos;
    while (end < s.size()) {
      size_t q = end;
      const char32_t c = DecodeUtf8(s, &q);
      if (!IsTerminator(c) && !IsCloser(c)) break;
      end = q;
    }
    char32_t next = 0;
    if (end < s.size()) {
      size_t q = end;
      next = DecodeUtf8(s, &q);
    }
    bool boundary = true;
    if (cp == '.') {
      if (IsDigit(prev) && IsDigit(next)) boundary = false;             // 3.5
      else if (next >= 'a' && next <= 'z') boundary = false;            // e.g. domain names
      else if (end == pos && IsAbbreviation(WordBefore(s, at))) boundary = false;
      else if (next != 0 && !IsSpace(next) && (next < 0x0600 || next > 0x06FF)) boundary = false;
    } else if (next != 0 && !IsSpace(next) && !(next >= 0x0600 && next <= 0x06FF) &&
               next != 0x00AB && next != '"') {
      boundary = false;  // "?!" inside a token, URLs with ?query
    }
    if (boundary) {
      flush(end);
      start = end;
    }
    pos = end;
    prev = cp;
  }
  flush(s.size());
}

}  // namespace rasd::text
