// The data model shared by every stage: documents in, mentions and events out.
//
// All spans inside the engine are BYTE offsets into Document::text, which is
// always valid UTF-8 (readers replace invalid bytes with U+FFFD and count them).
// The JSON writers convert byte offsets to the Unicode code-point offsets that
// the output contract (shared/spec/EVENTS.md) promises; see CodePointIndex.
//
// Thread-safety: plain values.
#ifndef RASD_DOCUMENT_H_
#define RASD_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rasd {

// Half-open byte range [begin, end) into Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return end <= begin; }
  uint32_t size() const { return end - begin; }
  friend bool operator==(const Span&, const Span&) = default;
};

struct Document {
  std::string id;
  std::string title;
  std::string text;       // As the engine reads it: title, '\n', body (JSONL), or the whole file.
  std::string published;  // "YYYY-MM-DD", or empty when unknown.
  std::string url;
  std::string source;     // Outlet name, when the input says.
  std::string origin;     // Where it came from: "path" or "path:line", for messages.
  uint32_t invalid_utf8 = 0;  // Bytes replaced by U+FFFD while reading.
};

enum class MentionKind { kActor, kPlace, kDate, kTrigger, kEntity };
const char* MentionKindName(MentionKind kind);

// Something the engine recognised in the text. Which fields are set depends on
// the kind (see the annotate format in EVENTS.md).
struct Mention {
  MentionKind kind = MentionKind::kActor;
  Span span;
  std::string code;     // actor: CAMEO actor code; trigger: CAMEO event code.
  std::string country;  // place: ISO 3166-1 alpha-3.
  std::string name_en;  // place: English name.
  double lat = 0, lon = 0;
  bool has_coords = false;
  std::string value;    // date: resolved "YYYY-MM-DD" (or "YYYY-MM", "YYYY").
  std::string type;     // entity: PERS/LOC/ORG/MISC.
  std::string rule;     // Which dictionary entry or model produced it.
  std::string note;     // Optional explanation (e.g. why a place reading was chosen).
};

struct ActorRef {
  Span span;
  std::string code;
};

struct Location {
  Span span;
  std::string name_en;
  std::string country;
  double lat = 0, lon = 0;
};

enum class Modality { kAsserted, kReported, kPlanned, kConditional, kHypothetical, kNegated };
const char* ModalityName(Modality m);

enum class AttributionKind { kNone, kNamed, kAnonymous, kOfficial, kMedia };
const char* AttributionKindName(AttributionKind k);

struct Event {
  std::string doc_id;
  std::string event_id;
  uint32_t sentence_index = 0;
  Span sentence;
  Span trigger;
  std::optional<ActorRef> source;
  std::optional<ActorRef> target;
  std::string cameo;
  std::string cameo_root;
  double goldstein = 0;
  int quad_class = 0;
  std::string plover_event;
  std::string plover_mode;
  Modality modality = Modality::kAsserted;
  AttributionKind attribution_kind = AttributionKind::kNone;
  Span attribution;  // Empty when kind is kNone.
  std::string date;  // "YYYY-MM-DD", or empty.
  std::string date_precision;  // "day", "month", "year", or empty.
  std::optional<Location> location;
  double confidence = 0;
  std::string rule;
  // Features seen by the report filter; filled only when
  // PipelineOptions::collect_report_features is set (for training).
  std::vector<std::string> report_features;
};

// Everything the engine produced for one document.
struct AnnotatedDocument {
  Document doc;
  std::vector<Span> sentences;
  std::vector<Mention> mentions;
  std::vector<Event> events;
};

// Maps byte offsets in a UTF-8 string to code-point offsets in O(1) after an
// O(n) build. Reuse one instance across documents to avoid reallocation.
class CodePointIndex {
 public:
  void Build(std::string_view utf8);
  // Code-point offset of byte offset `byte` (byte must be <= size).
  uint32_t operator()(uint32_t byte) const { return cp_[byte]; }

 private:
  std::vector<uint32_t> cp_;
};

}  // namespace rasd

#endif  // RASD_DOCUMENT_H_
