// The Arabic text layer: UTF-8, normalisation with an offset map, sentence
// splitting, tokenisation and clitic segmentation.
//
// Every later span points at the ORIGINAL text: normalisation produces a new
// string plus, for each of its bytes, the byte offset in the original where the
// character it came from starts (see NormalizedText). The rules are listed in
// docs/text.md with their reasons.
//
// Thread-safety: free functions are reentrant; a Segmenter is immutable after
// construction and may be shared between threads.
#ifndef RASD_TEXT_H_
#define RASD_TEXT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "rasd/document.h"

namespace rasd::text {

// ---- UTF-8 ---------------------------------------------------------------

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point at s[*pos] and advances *pos. Invalid or truncated
// sequences (overlong forms, surrogates, > U+10FFFF) yield U+FFFD and advance
// by exactly one byte, so decoding always makes progress.
char32_t DecodeUtf8(std::string_view s, size_t* pos, bool* valid = nullptr);
// DecodeUtf8 out of line, for what its inline part does not take (three- and
// four-byte sequences, invalid bytes).
char32_t DecodeUtf8Slow(std::string_view s, size_t* pos, bool* valid);
// ASCII and two-byte sequences (all of Arabic) are decoded inline: the
// tokenizer, the normaliser and the NER call this for every character.
inline char32_t DecodeUtf8(std::string_view s, size_t* pos, bool* valid) {
  const size_t i = *pos;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *pos = i + 1;
    if (valid) *valid = true;
    return b0;
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < s.size()) {  // C0 and C1 start overlong forms
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      *pos = i + 2;
      if (valid) *valid = true;
      return (static_cast<char32_t>(b0 & 0x1F) << 6) | (b1 & 0x3F);
    }
  }
  return DecodeUtf8Slow(s, pos, valid);
}
void AppendUtf8(char32_t cp, std::string* out);
// Copies `in` to `out` replacing each invalid byte with U+FFFD. Returns the
// number of replaced bytes.
size_t SanitizeUtf8(std::string_view in, std::string* out);
size_t CountCodePoints(std::string_view utf8);

// ---- Normalisation -------------------------------------------------------

struct NormalizeOptions {
  bool fold_ya_ta_marbuta = true;  // ى->ي, ة->ه (matching form only).
};

// A normalised copy of a text with a map back to the original bytes.
// orig[i] is the original byte offset of the character that produced
// normalised byte i; orig[text.size()] is the original length. A normalised
// range [b, e) therefore maps to the original range [orig[b], orig[e]),
// which includes any characters the normaliser deleted inside or at the end
// of the range (diacritics, tatweel), so spans cover whole written words.
struct NormalizedText {
  std::string text;
  std::vector<uint32_t> orig;
  Span ToOriginal(uint32_t begin, uint32_t end) const { return Span{orig[begin], orig[end]}; }
  void clear() { text.clear(); orig.clear(); }
};

// Normalises `in` (valid UTF-8) into *out, reusing its buffers.
void Normalize(std::string_view in, NormalizedText* out, const NormalizeOptions& opts = {});
// Convenience for dictionary keys: the normalised string alone.
std::string NormalizeString(std::string_view in, const NormalizeOptions& opts = {});

// True for the Arabic letters (after normalisation: U+0621..U+064A, plus
// U+0671..U+06D3 extended letters such as Persian/Urdu ones).
bool IsArabicLetter(char32_t cp);

// ---- Sentences -----------------------------------------------------------

// Splits `text` (original or normalised) into sentences, appended to *out as
// byte spans with surrounding whitespace trimmed. Boundaries: . ! ? ؟ … and
// runs of them, followed by closing quotes/brackets; every newline ends a
// sentence (headlines and paragraphs). Not boundaries: a dot between digits
// (3.5), after a known abbreviation (د. م. ص.) or a single letter, a dot
// followed by a lowercase Latin letter.
// A sentence longer than kMaxSentenceBytes (no real one is: the longest of
// 31k news sentences is about 1,100 characters) is cut into pieces of at most
// that length, after a comma or at a space where possible, so that a
// megabyte-long line without punctuation costs linear time downstream.
inline constexpr size_t kMaxSentenceBytes = 4096;
void SplitSentences(std::string_view text, std::vector<Span>* out);

// ---- Tokens and clitics --------------------------------------------------

enum class TokenKind : uint8_t { kArabic, kLatin, kNumber, kPunct, kSymbol };

// Proclitic flags, outermost first: conjunction (و ف), preposition (ب ل ك),
// future (س), definite article (ال, also the ل of لل).
enum Proclitic : uint8_t {
  kConjWa = 1, kConjFa = 2, kPrepBi = 4, kPrepLi = 8, kPrepKa = 16, kFutureSa = 32, kDefArticle = 64,
};

struct Token {
  Span span;              // Original bytes.
  uint32_t nbegin = 0;    // Normalised bytes [nbegin, nend).
  uint32_t nend = 0;
  TokenKind kind = TokenKind::kSymbol;
  uint8_t proclitics = 0; // Proclitic bit set.
  std::string_view norm;  // Whole normalised token (view into NormalizedText::text).
  std::string_view stem;  // norm without proclitics and enclitic.
  std::string_view enclitic;  // ه ها هم هما كم كن نا ي, or empty.
  bool has(Proclitic p) const { return proclitics & p; }
};

// Decides whether a normalised string is a known Arabic stem. Backed by the
// compiled word list (hunspell-ar stems plus every dictionary form).
using StemLookup = std::function<bool(std::string_view)>;

// Clitic segmentation. The rule (docs/text.md):
//  1. If the whole word is known, or shorter than 3 letters, do not split
//     (بلد، ولاية، كبير، وزير stay whole).
//  2. Otherwise try proclitic chains (longest first: وبال، وال، بال، لل، ولل،
//     فال، وب، ول، فب، ال، و، ف، ب، ل، ك، س …) and optional enclitics; take
//     the first analysis whose stem is known and at least 2 letters long.
//  3. If no analysis gives a known stem, strip only a definite-article chain
//     (ال، وال، بال، لل، فال، كال، وبال، ولل) when at least 3 letters remain.
class Segmenter {
 public:
  // `known`: any known stem (word list + dictionary keys); `preferred`: the
  // dictionary keys alone, which win over word-list-only readings.
  explicit Segmenter(StemLookup known = nullptr, StemLookup preferred = nullptr)
      : known_(std::move(known)), preferred_(std::move(preferred)), memo_id_(NewMemoId()) {}
  // Fills proclitics/stem/enclitic of an Arabic token from its norm. The
  // result depends only on the norm, so each thread remembers it per
  // distinct word (a bounded memo per segmenter; docs/performance.md).
  void Segment(Token* tok) const;
  // The same without the memo (tests compare the two).
  void SegmentUncached(Token* tok) const;

 private:
  static uint64_t NewMemoId();
  bool Known(std::string_view s) const { return known_ && known_(s); }
  bool Preferred(std::string_view s) const { return preferred_ && preferred_(s); }
  StemLookup known_;
  StemLookup preferred_;
  // Names this segmenter's word lists in the per-thread memo; copies share
  // it (same lists), a new segmenter gets a new one.
  uint64_t memo_id_;
};

// Splits the normalised text range [nbegin, nend) into tokens, appended to
// *out. Runs of Arabic letters, Latin letters/digits, and numbers (with
// internal . , : / separators between digits) are tokens; each punctuation
// mark is a token of its own.
void Tokenize(const NormalizedText& nt, uint32_t nbegin, uint32_t nend, const Segmenter& seg,
              std::vector<Token>* out);

// ---- Light stemming for verbs and verbal nouns ---------------------------

// Candidate base forms of an inflected verb or verbal noun stem (clitics
// already removed): e.g. زاروا -> {زاروا, زار}; تزور -> {تزور, يزور};
// يزورون -> {يزورون, يزور}; زيارتها (after enclitic split: زيارت) -> {زياره}.
// Candidates are appended to *out, most literal first.
void VerbCandidates(std::string_view stem, std::vector<std::string>* out);

// ---- Phrases ---------------------------------------------------------------

// Whether the word at `tb` stands in a locative phrase: right after في or ب
// (في برلين، بدمشق), or after في and up to three geographic nouns and definite
// adjectives in apposition (في العاصمة الألمانية برلين، في مدينة حلب). Such a
// place says where, not who. `sent_begin` bounds the look-back.
bool InLocativePhrase(const Token* toks, uint32_t tb, uint32_t sent_begin);

}  // namespace rasd::text

#endif  // RASD_TEXT_H_
