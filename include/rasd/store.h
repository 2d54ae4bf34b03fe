// The event store: annotated documents kept in a database and queried by the
// API server (src/server/) and `rasd export`.
//
// Two backends behind one interface, chosen by the URL given to Store::Open:
//   "rasd.db", "sqlite:rasd.db"              embedded SQLite file (WAL)
//   "postgresql://user@host/db", "postgres://..."   PostgreSQL through libpq
// Both hold the same tables (docs/store.md) and answer every query the same way.
//
// Writes: PutDocument stores one AnnotatedDocument. A document whose id and
// content hash (text + published + engine version) are already stored is left
// alone (kUnchanged); a changed one has its sentences, mentions and events
// replaced atomically. Begin()/Commit() group many puts in one transaction.
//
// Offsets in everything read back (Stored*) are Unicode code points, as in the
// JSON output contract (shared/spec/EVENTS.md).
//
// Thread-safety: a Store is a single database connection; use it from one
// thread at a time (the server keeps one Store per worker). Many Stores may
// read a SQLite file while one writes it.
#ifndef RASD_STORE_H_
#define RASD_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rasd/document.h"
#include "rasd/status.h"

namespace rasd {

// The engine string mixed into content hashes and reported by /api/stats.
std::string EngineVersion();

// Content hash of a document as PutDocument computes it (hex).
std::string DocumentContentHash(const Document& doc, const std::string& engine);

enum class PutOutcome { kNew, kReplaced, kUnchanged };
const char* PutOutcomeName(PutOutcome o);

// ---- Query types ----------------------------------------------------------

struct BoundingBox {
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
};

// Event filters shared by the event list, timeline, network and actor counts.
// Empty fields do not filter. All set filters must hold.
struct EventFilter {
  std::string actor;                      // Source or target code starts with this.
  std::string source;                     // Source code starts with this.
  std::string target;                     // Target code starts with this.
  std::string country;                    // Source/target code starts with it, or location country equals it.
  std::string cameo;                      // CAMEO code prefix.
  std::vector<std::string> roots;         // cameo_root in this set.
  std::vector<std::string> plover;        // plover_event in this set (upper case).
  std::vector<std::string> modalities;    // modality name in this set.
  std::vector<std::string> attributions;  // attribution kind name in this set.
  std::string from, to;                   // Inclusive "YYYY-MM-DD" on the event's date (else published).
  std::optional<BoundingBox> bbox;
  std::string q;       // Full-text query over documents (see docs/store.md).
  std::string doc_id;  // Events of this document only.
};

inline constexpr size_t kDefaultPageSize = 50;
inline constexpr size_t kMaxPageSize = 1000;
inline constexpr size_t kMaxExportRows = 100000;

// One stored event, flat, with its document's title and publication date.
struct StoredEvent {
  std::string event_id, doc_id, doc_title, published;
  std::string doc_source, doc_url;  // The document's outlet and URL (may be empty).
  int64_t sentence_index = 0;
  std::string sentence;
  int64_t sentence_start = 0, sentence_end = 0;
  std::string trigger_text;
  std::string source_code, source_text;  // Empty when there is no source.
  std::string target_code, target_text;
  std::string cameo, cameo_root;
  double goldstein = 0;
  int64_t quad_class = 0;
  std::string plover_event, plover_mode;
  std::string modality, attribution_kind, attribution_text;
  std::string date, date_precision;
  std::string location_text, location_name_en, location_country;
  std::optional<double> lat, lon;
  double confidence = 0;
  std::string rule;
  std::string json;  // The EVENTS.md event object exactly as `rasd code` wrote it.
};

struct StoredMention {
  std::string kind, text;
  int64_t start = 0, end = 0;
  std::string code, country, name_en, value, type, rule, note;
  std::optional<double> lat, lon;
};

struct StoredDocument {
  std::string id, title, text, published, url, source;
  std::string content_hash, engine, ingested_at;
  std::vector<std::pair<int64_t, int64_t>> sentences;  // [start, end) code points.
  std::vector<StoredMention> mentions;
  std::vector<StoredEvent> events;
};

struct DocumentSummary {
  std::string id, title, published, source, url;
  int64_t events = 0;
  std::string snippet;                               // ~200 characters of the original text.
  std::optional<std::pair<int64_t, int64_t>> match;  // Matched word inside snippet (code points).
};

struct ActorCount {
  std::string code;
  int64_t count = 0, as_source = 0, as_target = 0;
};
enum class ActorRole { kAny, kSource, kTarget };

enum class TimelineInterval { kDay, kWeek };
enum class TimelineKey { kRoot, kQuad, kPlover };
struct TimelineSeries {
  std::string key;
  int64_t total = 0;
  std::vector<std::pair<std::string, int64_t>> points;  // (date, count), by date.
};

struct NetworkEdge {
  std::string source, target;
  int64_t count = 0;
  double goldstein = 0;  // Mean.
};
struct NetworkNode {
  std::string id;
  int64_t count = 0;
};
struct Network {
  std::vector<NetworkNode> nodes;
  std::vector<NetworkEdge> edges;
};

struct StoreStats {
  int64_t documents = 0, events = 0, sentences = 0, mentions = 0;
  std::map<std::string, int64_t> roots;
  std::string first_date, last_date;  // Empty when no event has a date.
  int schema_version = 0;
};

struct StoreOptions {
  std::string engine;             // Empty: EngineVersion().
  bool create_if_missing = true;  // SQLite: create the file (false: NotFound when absent).
};

// ---- The store ----------------------------------------------------------------

class Store {
 public:
  // Opens (creating and migrating when writable) the database named by `url`.
  static Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& opts = {});
  virtual ~Store() = default;

  // "sqlite" or "postgresql".
  virtual const char* backend() const = 0;
  // Schema version after migrations (see docs/store.md).
  virtual Result<int> SchemaVersion() = 0;

  // Batches: PutDocument calls between Begin and Commit share one transaction;
  // outside a batch each PutDocument is its own transaction. A put that fails
  // inside a batch is rolled back alone (savepoint); the batch goes on.
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;

  // Stores one document with its sentences, mentions and events.
  // `force` replaces even when the content hash is unchanged.
  virtual Result<PutOutcome> PutDocument(const AnnotatedDocument& ad, bool force = false) = 0;
  // Deletes a document with its sentences, mentions, events and search terms,
  // in one transaction (a savepoint inside a batch). False when no document
  // has that id.
  virtual Result<bool> DeleteDocument(const std::string& id) = 0;

  // ---- Queries ----
  virtual Result<int64_t> CountEvents(const EventFilter& f) = 0;
  // Events matching `f`, ordered by date (desc, undated last) then event_id.
  // `fn` returns false to stop.
  virtual Status ForEachEvent(const EventFilter& f, size_t offset, size_t limit,
                              const std::function<bool(const StoredEvent&)>& fn) = 0;
  Result<std::vector<StoredEvent>> ListEvents(const EventFilter& f, size_t offset, size_t limit);
  // NotFound when absent.
  virtual Result<StoredEvent> GetEvent(const std::string& event_id) = 0;
  virtual Result<StoredDocument> GetDocument(const std::string& id) = 0;

  virtual Result<int64_t> CountDocuments(const std::string& q) = 0;
  virtual Result<std::vector<DocumentSummary>> ListDocuments(const std::string& q, size_t offset,
                                                             size_t limit) = 0;

  virtual Result<std::vector<ActorCount>> Actors(const EventFilter& f, ActorRole role, size_t limit) = 0;
  virtual Result<std::vector<TimelineSeries>> Timeline(const EventFilter& f, TimelineInterval interval,
                                                       TimelineKey key) = 0;
  virtual Result<Network> ActorNetwork(const EventFilter& f, int64_t min_count, size_t limit) = 0;
  virtual Result<StoreStats> Stats() = 0;
};

// `url` with any password replaced by "***" (postgresql://u:***@host/db), for messages.
std::string RedactedUrl(const std::string& url);

// Validates a full-text query (InvalidArgument when it has no searchable word).
Status ValidateSearchQuery(const std::string& q);

}  // namespace rasd

#endif  // RASD_STORE_H_
