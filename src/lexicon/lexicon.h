// The compiled lexicon (rasd.lex): every dictionary the engine matches
// against, in one versioned, mmapped file. Format: docs/dictionaries.md.
//
//   "RASDLEX\0"  u32 version  u32 section_count  u64 checksum (FNV-1a of the rest)
//   sections: {u32 id, u32 offset, u32 size} x section_count, then their bytes
//     BLOB     interned strings
//     ENTRIES  EntryRecord x n
//     PHRASES  FlatTable: phrase key (token keys joined by ' ') -> offset of
//              its posting list in POSTINGS, with bit 31 set when the key is
//              also a proper prefix of a longer phrase; keys that are only
//              prefixes map to kPrefixOnly, so matching can stop early
//     POSTINGS u32 array: {count, entry index x count} per key
//     STEMS    FlatTable: known Arabic stems for the clitic segmenter; value
//              1 for dictionary words, 0 for hunspell-ar-only words
//     SOURCES  newline-separated source file names (for `rule` explanations)
//
// Thread-safety: immutable after Load; share freely.
#ifndef RASD_LEXICON_LEXICON_H_
#define RASD_LEXICON_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/flat_table.h"
#include "rasd/status.h"

namespace rasd::lexicon {

inline constexpr char kMagic[8] = {'R', 'A', 'S', 'D', 'L', 'E', 'X', '\0'};
inline constexpr uint32_t kFormatVersion = 2;  // 2: article flags in EntryRecord::reserved
inline constexpr uint32_t kPrefixOnly = 0xFFFFFFFEu;

enum class Category : uint8_t {
  kCountry = 1,  // kind: CountryKind
  kAgent,        // code = role
  kOrg,          // code = full actor code
  kPerson,       // code = actor code, from/to = yyyymmdd validity (0 = open)
  kPlace,        // code = iso3, lat/lon, kind = PlaceKind, from = population
  kDate,         // kind = DateKind, code = value
  kTrigger,      // code = CAMEO code, kind = TriggerKind, name = frame, extra = note
  kCue,          // kind = CueKind, extra = note
  kCameo,        // key "\x01<code>": code, name, goldstein, quad (from), plover event/mode
};
enum class CountryKind : uint8_t { kName = 1, kNisba, kCapital, kMetonym };
enum class PlaceKind : uint8_t { kCountry = 1, kCapital, kCity, kRegion, kSite };
enum class DateKind : uint8_t {
  kMonth = 1, kHijriMonth, kWeekday, kRelative, kUnit, kNumber, kPastMarker, kFutureMarker
};
enum class TriggerKind : uint8_t { kVerb = 1, kMasdar, kNoun, kLight };
enum class CueKind : uint8_t {
  kFuture = 1, kNegation, kHypothetical, kConditional, kReported, kSpeech, kAnonymous, kMedia, kOfficial,
  kOpinion, kHistory
};

// How a text token may reach an entry's key (TokenKeys in keys.h).
// kMatchFem: a final ة removed (رائدة -> رائد): fine for verbal nouns, wrong for
// role words and names (a رائدة company is not a major).
enum MatchClass : uint8_t { kMatchExact = 1, kMatchNoun = 2, kMatchVerb = 4, kMatchFem = 8 };

struct EntryRecord {
  uint8_t category;
  uint8_t kind;
  uint8_t match;      // MatchClass bits accepted for every token of the phrase.
  uint8_t ntokens;
  uint32_t code;      // blob offsets
  uint32_t name;
  uint32_t extra;
  int32_t from;
  int32_t to;
  float lat;
  float lon;
  uint32_t reserved;  // flags: kHasArticle, kArticleMustAgree
  uint32_t source;    // (file index << 20) | line
};
static_assert(sizeof(EntryRecord) == 40, "on-disk layout");

// EntryRecord::reserved flags. A name (country, place, organisation, person)
// matches only a text phrase whose first word agrees with it in definiteness.
inline constexpr uint32_t kHasArticle = 1;
inline constexpr uint32_t kArticleMustAgree = 2;
inline bool ArticleAgrees(const EntryRecord& e, bool token_has_article) {
  return !(e.reserved & kArticleMustAgree) || ((e.reserved & kHasArticle) != 0) == token_has_article;
}

class Lexicon {
 public:
  // Maps and validates a compiled file. Errors name the file and the problem
  // (missing, wrong magic, unsupported version, checksum mismatch, truncated).
  static Result<std::unique_ptr<Lexicon>> Load(const std::string& path);
  // Validates an in-memory image (for tests); the buffer must outlive the Lexicon.
  static Result<std::unique_ptr<Lexicon>> FromBuffer(std::string buffer, const std::string& name);
  ~Lexicon();

  // Raw table value for a phrase key: kNone (absent), kPrefixOnly, or a
  // posting offset with bit 31 set when the key is also a prefix.
  uint32_t FindPhrase(std::string_view key) const { return phrases_.Find(key); }
  static bool IsPrefix(uint32_t v) { return v == kPrefixOnly || (v != kNone && (v & 0x80000000u)); }
  static bool HasEntries(uint32_t v) { return v != kNone && v != kPrefixOnly; }
  // Entry indices of a table value with HasEntries(v).
  const uint32_t* Postings(uint32_t v, uint32_t* count) const;
  bool IsKnownStem(std::string_view stem) const { return stems_.Find(stem) != kNone; }
  // True when the stem is a word of some dictionary entry (not only hunspell-ar).
  bool IsDictionaryKey(std::string_view stem) const { return stems_.Find(stem) == 1; }
  const EntryRecord& entry(uint32_t i) const { return entries_[i]; }
  uint32_t entry_count() const { return entry_count_; }
  std::string_view str(uint32_t off) const { return BlobString(blob_, off); }
  // "countries.tsv:12" for an entry.
  std::string Source(const EntryRecord& e) const;
  // CAMEO code table lookup; nullptr if unknown.
  const EntryRecord* Cameo(std::string_view code) const;
  uint32_t stem_count() const { return stems_.size(); }
  uint32_t phrase_count() const { return phrases_.size(); }

 private:
  Lexicon() = default;
  Status Init(const char* data, size_t size, const std::string& name);

  void* map_ = nullptr;
  size_t map_size_ = 0;
  std::string owned_;
  const char* blob_ = nullptr;
  const EntryRecord* entries_ = nullptr;
  const uint32_t* postings_ = nullptr;
  uint32_t postings_size_ = 0;
  uint32_t entry_count_ = 0;
  FlatTableView phrases_;
  FlatTableView stems_;
  std::vector<std::string> sources_;
};

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_LEXICON_H_
