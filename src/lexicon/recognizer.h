// Recognition over tokens: dictionary phrases in one pass (longest match),
// then actor composition (role + country, people by date), place
// disambiguation by document context, and date expressions resolved against
// the publication date.
#ifndef RASD_LEXICON_RECOGNIZER_H_
#define RASD_LEXICON_RECOGNIZER_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "lexicon/key_memo.h"
#include "lexicon/keys.h"
#include "lexicon/lexicon.h"
#include "rasd/document.h"
#include "rasd/pipeline.h"

namespace rasd::lexicon {

// A dictionary phrase found at tokens [tb, te).
struct PhraseMatch {
  uint32_t tb = 0, te = 0;
  uint32_t first = 0, count = 0;  // Entries in Recognition::pool.
  uint8_t cls = 0;                // Key classes used (MatchClass bits).
};

struct ActorMention {
  uint32_t sentence = 0;
  uint32_t tb = 0, te = 0;  // Tokens.
  Span span;
  std::string code;
  std::string rule;
  int strength = 0;  // 3 person/org/role+country, 2 country name, 1 bare nisba or role only
  bool role_only = false;
  bool nisba_only = false;
};

struct PlaceMention {
  uint32_t sentence = 0;
  uint32_t tb = 0, te = 0;
  Span span;
  uint32_t entry = 0;  // Chosen reading.
  std::string note;
  bool dateline = false;  // where the report was filed (دبي، الإمارات (CNN) --), not where it happened
};

struct DateMention {
  uint32_t sentence = 0;
  uint32_t tb = 0, te = 0;
  Span span;
  std::string value;      // YYYY-MM-DD, YYYY-MM, YYYY, or empty (unresolved)
  std::string precision;  // day, month, year
  bool relative = false;
  bool future = false;
};

struct TriggerMatch {
  uint32_t sentence = 0;
  uint32_t tb = 0, te = 0;
  Span span;
  uint32_t entry = 0;
  uint8_t cls = 0;
};

struct CueMatch {
  uint32_t sentence = 0;
  uint32_t tb = 0, te = 0;
  Span span;
  CueKind kind = CueKind::kSpeech;
  uint32_t entry = 0;
};

}  // namespace rasd::lexicon

namespace rasd {

// Everything the recognizer found in one document (reused between documents).
struct Recognition {
  std::vector<lexicon::PhraseMatch> matches;
  std::vector<uint32_t> pool;
  std::vector<lexicon::ActorMention> actors;
  std::vector<lexicon::PlaceMention> places;
  std::vector<lexicon::DateMention> dates;
  std::vector<lexicon::TriggerMatch> triggers;
  std::vector<lexicon::CueMatch> cues;
  std::vector<lexicon::TokenKey> keys;
  std::vector<std::string> scratch;
  // Every token's dictionary keys (computed once per document by Run), and
  // buffers of the phrase search kept from one document to the next.
  lexicon::DocumentKeys doc_keys;
  struct Frame {
    uint32_t j;
    std::string key;
    uint8_t cls;
  };
  std::vector<Frame> frames;
  std::string key_buf;
  std::vector<uint32_t> order;  // sorting the mentions
  std::vector<Mention> sorted;
  void clear() {
    matches.clear(), pool.clear(), actors.clear(), places.clear(), dates.clear(), triggers.clear(), cues.clear();
  }
};

}  // namespace rasd

namespace rasd::lexicon {

class Recognizer {
 public:
  explicit Recognizer(const Lexicon& lex) : lex_(lex) {}
  // Fills ws->recognition and appends actor/place/date/trigger mentions.
  void Run(const Document& doc, Workspace* ws, std::vector<Mention>* mentions) const;
  const Lexicon& lexicon() const { return lex_; }

 private:
  void MatchSentence(const Workspace& ws, const Sentence& s, Recognition* r) const;
  void ComposeActors(const Document& doc, const Workspace& ws, uint32_t si, size_t mfirst, Recognition* r) const;
  void ResolvePlaces(const Workspace& ws, Recognition* r) const;
  // Marks the places of a dateline (بيروت (رويترز) -، دبي، الإمارات العربية
  // المتحدة (CNN) --) and drops the actors there: the bureau is no party.
  void MarkDatelines(const Workspace& ws, Recognition* r) const;
  // بلاده/بلادها/بلادهم: the country of the nearest actor before it.
  void ResolveHomeland(const Workspace& ws, Recognition* r) const;
  void FindDates(const Document& doc, const Workspace& ws, uint32_t si, size_t mfirst, Recognition* r) const;
  void FindGappedLightVerbs(const Workspace& ws, Recognition* r) const;
  void FindGappedFrom(const Workspace& ws, const Sentence& s, std::span<const KeyView> vkeys,
                      TriggerMatch* tm, Recognition* r) const;
  void RemoveLightNouns(Recognition* r) const;
  void UseEntities(const Workspace& ws, Recognition* r, std::vector<Mention>* mentions) const;

  const Lexicon& lex_;
};

// Date helpers (proleptic Gregorian).
int64_t DaysFromCivil(int y, int m, int d);
void CivilFromDays(int64_t z, int* y, int* m, int* d);
// Parses "YYYY-MM-DD"; returns false if not a full date.
bool ParseIsoDate(const std::string& s, int* y, int* m, int* d);
std::string FormatDate(int y, int m, int d);

}  // namespace rasd::lexicon

#endif  // RASD_LEXICON_RECOGNIZER_H_
