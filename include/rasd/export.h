// Event output at scale, shared by `rasd code` and `rasd export`:
//
//  - deduplication across articles: the same event reported by many outlets
//    (same source, target, CAMEO code and place, dates within a window)
//    becomes one group with its number of mentions, its outlets and the list
//    of supporting articles, like GDELT's Mentions table;
//  - CSV rows (the columns of `rasd export --format csv`);
//  - GDELT 2.0 event-table rows (61 tab-separated columns, no header).
//
// Formats and the meaning of every column: docs/export.md.
//
// Thread-safety: plain values; an EventDeduplicator is used by one thread.
#ifndef RASD_EXPORT_H_
#define RASD_EXPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rasd/document.h"
#include "rasd/store.h"

namespace rasd {

// The flat form of an event of `doc` (as the store returns it), with its
// EVENTS.md JSON object in .json. `cpi` must be built over doc.text.
StoredEvent ToStoredEvent(const Event& ev, const Document& doc, const CodePointIndex& cpi);

// The outlet of an article: its source field, else the host of its URL, else
// empty (unknown).
std::string OutletOf(std::string_view source, std::string_view url);

struct DedupOptions {
  // Events whose dates are at most this many days apart (and whose source,
  // target, CAMEO code and place agree) are one event. 0: the same day only.
  int window_days = 1;
};

// One deduplicated event.
struct EventGroup {
  StoredEvent event;                  // The first mention seen stands for the group.
  size_t mentions = 0;                // Event mentions merged (one article may report it twice).
  std::vector<std::string> sources;   // Distinct outlets, in order of first mention.
  std::vector<std::string> articles;  // Distinct document ids, in order of first mention.
  std::string first_date, last_date;  // Range of the mentions' dates ("YYYY-MM-DD"), empty if undated.
};

// Groups events as they arrive. The date of a mention is its event date
// when known to the day, else its article's publication date. A mention
// joins the earliest group with the same key whose first date is within the
// window; mentions without any date group with undated mentions of the same
// key. Groups come out in order of their first mention, so output is
// deterministic for a given input order. Memory: one StoredEvent per group.
class EventDeduplicator {
 public:
  explicit EventDeduplicator(DedupOptions opts = {}) : opts_(opts) {}
  // `outlet`: see OutletOf.
  void Add(StoredEvent ev, std::string_view outlet);
  const std::vector<EventGroup>& groups() const { return groups_; }
  size_t mentions() const { return mentions_; }

 private:
  struct Member {
    size_t group;
    int64_t day;  // Days since 1970-01-01; INT64_MIN when undated.
  };
  DedupOptions opts_;
  std::vector<EventGroup> groups_;
  std::unordered_map<std::string, std::vector<Member>> by_key_;
  std::string key_;
  size_t mentions_ = 0;
};

// Days since 1970-01-01 of "YYYY-MM-DD" (false if it is not a valid day).
bool DayNumber(std::string_view date, int64_t* day);

// The event JSON object of g.event with "mentions", "sources", "articles",
// "first_date" and "last_date" added (no trailing newline).
void AppendGroupJson(const EventGroup& g, std::string* out);

// CSV (RFC 4180) header and rows. With `grouped`, three columns follow the
// export columns: mentions, sources and articles (';'-separated lists).
std::string EventCsvHeader(bool grouped);
void AppendEventCsv(const StoredEvent& e, const EventGroup* group, std::string* out);

// GDELT 2.0 event table: the 61 column names in order (files carry no header).
const std::vector<std::string>& GdeltColumns();
// One row (with '\n'); `group` gives NumMentions/NumSources/NumArticles
// (1, 1, 1 when null).
void AppendGdeltRow(const StoredEvent& e, const EventGroup* group, std::string* out);

}  // namespace rasd

#endif  // RASD_EXPORT_H_
