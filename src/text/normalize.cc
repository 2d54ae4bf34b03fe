// Arabic normalisation with an offset map. Rules and reasons: docs/text.md.
#include <utf8proc.h>

#include "rasd/text.h"

namespace rasd::text {
namespace {

// Returns true when the code point is dropped from the matching form.
bool IsDropped(char32_t cp) {
  return cp == 0x0640 ||                     // tatweel
         (cp >= 0x064B && cp <= 0x065F) ||   // tashkeel: tanween, fatha, damma, kasra, shadda, sukun ...
         cp == 0x0670 ||                     // superscript alef
         (cp >= 0x06D6 && cp <= 0x06ED) ||   // Quranic annotation marks
         (cp >= 0x200B && cp <= 0x200F) ||   // zero-width space/joiners, LRM, RLM
         (cp >= 0x202A && cp <= 0x202E) ||   // bidi embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) ||   // bidi isolates
         cp == 0xFEFF || cp == 0x061C ||     // BOM / zero-width no-break space, Arabic letter mark
         cp == 0x00AD;                       // soft hyphen
}

bool IsSpaceLike(char32_t cp) {
  return cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x00A0 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Maps one code point to its normalised form (0 = drop). Multi-character
// results (presentation-form ligatures) are handled by the caller.
char32_t MapOne(char32_t cp, const NormalizeOptions& opts) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v') return ' ';
    return cp;
  }
  if (IsDropped(cp)) return 0;
  if (IsSpaceLike(cp)) return ' ';
  switch (cp) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
      return 0x0627;  // آ أ إ ٱ -> ا
    case 0x0649: return opts.fold_ya_ta_marbuta ? 0x064A : cp;  // ى -> ي
    case 0x0629: return opts.fold_ya_ta_marbuta ? 0x0647 : cp;  // ة -> ه
    case 0x06CC: case 0x06D2: return 0x064A;  // Persian/Urdu yeh
    case 0x06A9: return 0x0643;  // keheh -> kaf
    case 0x06C1: return 0x0647;  // heh goal
    case 0x060C: return ',';
    case 0x061B: return ';';
    case 0x061F: return '?';
    case 0x066A: return '%';
    case 0x066B: return '.';  // Arabic decimal separator
    case 0x066C: return ',';  // Arabic thousands separator
    case 0x06D4: return '.';  // Arabic full stop
    default: break;
  }
  if (cp >= 0x0660 && cp <= 0x0669) return '0' + (cp - 0x0660);
  if (cp >= 0x06F0 && cp <= 0x06F9) return '0' + (cp - 0x06F0);
  return cp;
}

bool IsPresentationForm(char32_t cp) {
  return (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC);
}

}  // namespace

bool IsArabicLetter(char32_t cp) {
  return (cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) ||
         (cp >= 0x0671 && cp <= 0x06D3) || (cp >= 0x06FA && cp <= 0x06FC);
}

void Normalize(std::string_view in, NormalizedText* out, const NormalizeOptions& opts) {
  out->text.clear();
  out->orig.clear();
  out->text.reserve(in.size());
  out->orig.reserve(in.size() + 1);
  auto emit = [&](char32_t cp, uint32_t origin) {
    const size_t before = out->text.size();
    AppendUtf8(cp, &out->text);
    out->orig.insert(out->orig.end(), out->text.size() - before, origin);
  };
  size_t pos = 0;
  while (pos < in.size()) {
    const auto origin = static_cast<uint32_t>(pos);
    const auto b = static_cast<unsigned char>(in[pos]);
    if (b < 0x80) {  // ASCII fast path
      ++pos;
      emit(MapOne(b, opts), origin);
      continue;
    }
    const char32_t cp = DecodeUtf8(in, &pos);
    if (IsPresentationForm(cp)) {
      utf8proc_int32_t buf[8];
      const utf8proc_ssize_t n = utf8proc_decompose_char(
          static_cast<utf8proc_int32_t>(cp), buf, 8, static_cast<utf8proc_option_t>(UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE), nullptr);
      if (n > 0 && n <= 8) {
        for (utf8proc_ssize_t k = 0; k < n; ++k) {
          const char32_t m = MapOne(static_cast<char32_t>(buf[k]), opts);
          if (m) emit(m, origin);
        }
        continue;
      }
    }
    const char32_t m = MapOne(cp, opts);
    if (m) emit(m, origin);
  }
  out->orig.push_back(static_cast<uint32_t>(in.size()));
}

std::string NormalizeString(std::string_view in, const NormalizeOptions& opts) {
  NormalizedText nt;
  Normalize(in, &nt, opts);
  return std::move(nt.text);
}

}  // namespace rasd::text
