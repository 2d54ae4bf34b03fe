// The Store over a SqlConn: one implementation for SQLite and PostgreSQL.
// Writes are per document (PutDocument); reads build their WHERE clause from
// an EventFilter (BuildEventWhere) so every endpoint filters the same way.
#include "store/sql_store.h"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

#include "core/civil_date.h"
#include "rasd/output.h"
#include "rasd/text.h"
#include "store/schema.h"
#include "store/search.h"

namespace rasd::store {
namespace {

std::string_view Slice(const Document& doc, Span s) {
  if (s.end > doc.text.size() || s.begin > s.end) return {};
  return std::string_view(doc.text).substr(s.begin, s.size());
}

int64_t Cp(const CodePointIndex& cpi, const Document& doc, uint32_t byte) {
  return cpi(std::min<uint32_t>(byte, static_cast<uint32_t>(doc.text.size())));
}

// "2016-02" -> "2016-02-01", "2016" -> "2016-01-01"; other values as given.
std::string FullDate(const std::string& d) {
  if (d.size() == 4) return d + "-01-01";
  if (d.size() == 7) return d + "-01";
  return d;
}

// A stable id for events the coder left without one.
std::string SyntheticEventId(const Event& ev, const std::string& doc_id) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
  };
  mix(doc_id);
  mix(std::to_string(ev.sentence_index));
  mix(std::to_string(ev.trigger.begin) + ":" + std::to_string(ev.trigger.end));
  mix(ev.cameo);
  mix(ev.source ? ev.source->code : "");
  mix(ev.target ? ev.target->code : "");
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Upper bound of the range of strings starting with `p` (byte-wise), or empty
// when there is none representable.
std::string PrefixEnd(std::string p) {
  while (!p.empty()) {
    auto c = static_cast<unsigned char>(p.back());
    if (c < 0x7f) {
      p.back() = static_cast<char>(c + 1);
      return p;
    }
    p.pop_back();
  }
  return p;
}

std::string CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y + (m <= 2)), m, d);
  return buf;
}

// The Monday starting the week of "YYYY-MM-DD" (the date itself when unparsable).
std::string WeekStart(const std::string& date) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(date.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
    return date;
  const int64_t days = DaysFromCivil(y, m, d);
  const int64_t weekday = ((days % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday; 0 = Monday.
  return CivilFromDays(days - weekday);
}

constexpr const char* kEventColumns =
    "e.event_id, e.doc_id, d.title, d.published, e.sentence_index, e.sentence, e.sentence_start, "
    "e.sentence_end, e.trigger_text, e.source_code, e.source_text, e.target_code, e.target_text, e.cameo, "
    "e.cameo_root, e.goldstein, e.quad_class, e.plover_event, e.plover_mode, e.modality, e.attribution_kind, "
    "e.attribution_text, e.date, e.date_precision, e.location_text, e.location_name_en, e.location_country, "
    "e.location_lat, e.location_lon, e.confidence, e.rule, e.event_json, d.source, d.url";

StoredEvent ReadEvent(const Row& r) {
  StoredEvent e;
  e.event_id = r.Str(0);
  e.doc_id = r.Str(1);
  e.doc_title = r.Str(2);
  e.published = r.Str(3);
  e.sentence_index = r.Int(4);
  e.sentence = r.Str(5);
  e.sentence_start = r.Int(6);
  e.sentence_end = r.Int(7);
  e.trigger_text = r.Str(8);
  e.source_code = r.Str(9);
  e.source_text = r.Str(10);
  e.target_code = r.Str(11);
  e.target_text = r.Str(12);
  e.cameo = r.Str(13);
  e.cameo_root = r.Str(14);
  e.goldstein = r.Double(15);
  e.quad_class = r.Int(16);
  e.plover_event = r.Str(17);
  e.plover_mode = r.Str(18);
  e.modality = r.Str(19);
  e.attribution_kind = r.Str(20);
  e.attribution_text = r.Str(21);
  e.date = r.Str(22);
  e.date_precision = r.Str(23);
  e.location_text = r.Str(24);
  e.location_name_en = r.Str(25);
  e.location_country = r.Str(26);
  if (!r.IsNull(27)) e.lat = r.Double(27);
  if (!r.IsNull(28)) e.lon = r.Double(28);
  e.confidence = r.Double(29);
  e.rule = r.Str(30);
  e.json = r.Str(31);
  e.doc_source = r.Str(32);
  e.doc_url = r.Str(33);
  return e;
}

// ~200 characters of `text` around code-point range `match` (or from the
// start of the body), cut at spaces, with "…" where it was cut.
void MakeSnippet(const std::string& text, const std::string& title,
                 std::optional<std::pair<size_t, size_t>> match, DocumentSummary* out) {
  constexpr size_t kWidth = 200;
  std::u32string cps;
  for (size_t pos = 0; pos < text.size();) cps.push_back(text::DecodeUtf8(text, &pos));
  size_t begin = 0;
  if (match) {
    begin = match->first > kWidth / 3 ? match->first - kWidth / 3 : 0;
  } else if (!title.empty() && text.compare(0, title.size(), title) == 0) {
    begin = text::CountCodePoints(title);  // Skip the title line: the list shows it already.
  }
  // Move forward to a word start and skip whitespace.
  if (begin > 0) {
    size_t b = begin;
    while (b < cps.size() && b < (match ? match->first : cps.size()) && cps[b] != ' ' && cps[b] != '\n') ++b;
    if (b < cps.size() && (!match || b < match->first)) begin = b;
  }
  while (begin < cps.size() && (cps[begin] == ' ' || cps[begin] == '\n')) ++begin;
  size_t end = std::min(cps.size(), begin + kWidth);
  if (end < cps.size()) {
    size_t e = end;
    while (e > begin + kWidth / 2 && cps[e] != ' ' && cps[e] != '\n') --e;
    if (e > begin + kWidth / 2 && (!match || e >= match->second)) end = e;
  }
  std::string s;
  size_t shift = 0;
  if (begin > 0) {
    s += "\xe2\x80\xa6";  // …
    shift = 1;
  }
  for (size_t i = begin; i < end; ++i) text::AppendUtf8(cps[i] == '\n' ? U' ' : cps[i], &s);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (end < cps.size()) s += "\xe2\x80\xa6";
  out->snippet = std::move(s);
  if (match && match->first >= begin && match->second <= end) {
    out->match = std::make_pair(static_cast<int64_t>(match->first - begin + shift),
                                static_cast<int64_t>(match->second - begin + shift));
  }
}

}  // namespace

SqlStore::SqlStore(std::unique_ptr<SqlConn> conn, std::string engine)
    : c_(std::move(conn)), engine_(std::move(engine)) {}

SqlStore::~SqlStore() {
  if (in_batch_) (void)c_->Exec("ROLLBACK");
  // Refreshes the query planner's statistics after writing, sampling at most
  // 1000 rows per index (0.4 s on the 31k-document corpus; turns a 70 ms
  // country filter into 7 ms). PostgreSQL's autovacuum does this itself.
  if (!pg() && wrote_) (void)c_->Exec("PRAGMA analysis_limit = 1000; ANALYZE");
}

const char* SqlStore::backend() const { return pg() ? "postgresql" : "sqlite"; }

Result<int> SqlStore::SchemaVersion() { return CurrentSchemaVersion(c_.get()); }

Status SqlStore::Begin() {
  if (in_batch_) return Status::Internal("store: Begin inside a batch");
  RASD_RETURN_IF_ERROR(c_->Exec(pg() ? "BEGIN" : "BEGIN IMMEDIATE"));
  in_batch_ = true;
  return Status::Ok();
}

Status SqlStore::Commit() {
  if (!in_batch_) return Status::Internal("store: Commit without Begin");
  in_batch_ = false;
  Status st = FlushSearchIndex();
  if (!st.ok()) {
    (void)c_->Exec("ROLLBACK");
    return st;
  }
  return c_->Exec("COMMIT");
}

Status SqlStore::Rollback() {
  pending_fts_.clear();
  if (!in_batch_) return Status::Ok();
  in_batch_ = false;
  return c_->Exec("ROLLBACK");
}

// SQLite's FTS5 writes its pending terms out at every SAVEPOINT of a
// transaction that touched it, and PutDocument takes one savepoint per
// document: so a batch queues its index changes and applies them, in order,
// just before COMMIT (2000 documents: 2.7 s -> 2.0 s on one thread).
Status SqlStore::FlushSearchIndex() {
  for (PendingFts& p : pending_fts_) {
    if (p.remove) {
      RASD_RETURN_IF_ERROR(c_->Run("DELETE FROM documents_fts WHERE rowid = ?", {p.key}));
    } else {
      RASD_RETURN_IF_ERROR(
          c_->Run("INSERT INTO documents_fts (rowid, terms) VALUES (?, ?)", {p.key, std::move(p.terms)}));
    }
  }
  pending_fts_.clear();
  return Status::Ok();
}

// ---- Writes ---------------------------------------------------------------

Status SqlStore::InsertRows(const std::string& table, const std::string& columns, size_t ncols,
                            std::vector<SqlValue>* values, const char* suffix) {
  const size_t nrows = values->size() / ncols;
  if (nrows == 0) return Status::Ok();
  std::string one = "(";
  for (size_t i = 0; i < ncols; ++i) one += i ? ",?" : "?";
  one += ')';
  const std::string head = "INSERT INTO " + table + " (" + columns + ") VALUES ";
  if (!pg()) {
    // SQLite: one cached single-row statement; stepping it is the fast path.
    const std::string sql = head + one + suffix;
    std::vector<SqlValue> row(ncols);
    for (size_t r = 0; r < nrows; ++r) {
      for (size_t i = 0; i < ncols; ++i) row[i] = std::move((*values)[r * ncols + i]);
      RASD_RETURN_IF_ERROR(c_->Run(sql, row, true));
    }
    return Status::Ok();
  }
  // PostgreSQL: multi-row statements save round trips; full chunks are prepared once.
  constexpr size_t kChunk = 100;
  for (size_t r = 0; r < nrows; r += kChunk) {
    const size_t n = std::min(kChunk, nrows - r);
    std::string sql = head;
    for (size_t i = 0; i < n; ++i) {
      if (i) sql += ',';
      sql += one;
    }
    sql += suffix;
    std::vector<SqlValue> chunk(std::make_move_iterator(values->begin() + r * ncols),
                                std::make_move_iterator(values->begin() + (r + n) * ncols));
    RASD_RETURN_IF_ERROR(c_->Run(sql, chunk, n == kChunk));
  }
  return Status::Ok();
}

Result<PutOutcome> SqlStore::PutDocument(const AnnotatedDocument& ad, bool force) {
  const Document& doc = ad.doc;
  if (doc.id.empty()) return Status::InvalidArgument("store: document without an id (" + doc.origin + ")");
  const std::string hash = DocumentContentHash(doc, engine_);
  std::optional<int64_t> key;
  std::string old_hash;
  RASD_RETURN_IF_ERROR(c_->Query(
      "SELECT key, content_hash FROM documents WHERE id = ?", {doc.id},
      [&](const Row& r) {
        key = r.Int(0);
        old_hash = r.Str(1);
        return false;
      },
      true));
  if (key && old_hash == hash && !force) return PutOutcome::kUnchanged;
  RASD_RETURN_IF_ERROR(c_->Exec(in_batch_ ? "SAVEPOINT rasd_put" : (pg() ? "BEGIN" : "BEGIN IMMEDIATE")));
  const size_t pending = pending_fts_.size();
  wrote_ = true;
  Status st = WriteDocument(ad, hash, key);
  if (st.ok() && !in_batch_) st = FlushSearchIndex();
  if (!st.ok()) {
    pending_fts_.resize(pending);
    (void)c_->Exec(in_batch_ ? "ROLLBACK TO SAVEPOINT rasd_put; RELEASE SAVEPOINT rasd_put" : "ROLLBACK");
    return st;
  }
  RASD_RETURN_IF_ERROR(c_->Exec(in_batch_ ? "RELEASE SAVEPOINT rasd_put" : "COMMIT"));
  return key ? PutOutcome::kReplaced : PutOutcome::kNew;
}

Result<bool> SqlStore::DeleteDocument(const std::string& id) {
  RASD_RETURN_IF_ERROR(c_->Exec(in_batch_ ? "SAVEPOINT rasd_put" : (pg() ? "BEGIN" : "BEGIN IMMEDIATE")));
  const size_t pending = pending_fts_.size();
  std::optional<int64_t> key;
  Status st = c_->Query(
      "SELECT key FROM documents WHERE id = ?", {id},
      [&](const Row& r) {
        key = r.Int(0);
        return false;
      },
      true);
  if (st.ok() && key) {
    wrote_ = true;
    for (const char* table : {"events", "mentions", "sentences"}) {
      if (st.ok()) st = c_->Run(std::string("DELETE FROM ") + table + " WHERE doc_id = ?", {id});
    }
    if (st.ok()) st = c_->Run("DELETE FROM documents WHERE key = ?", {*key});
    if (st.ok() && !pg()) {
      pending_fts_.push_back(PendingFts{*key, true, {}});
      if (!in_batch_) st = FlushSearchIndex();
    }
  }
  if (!st.ok()) {
    pending_fts_.resize(pending);
    (void)c_->Exec(in_batch_ ? "ROLLBACK TO SAVEPOINT rasd_put; RELEASE SAVEPOINT rasd_put" : "ROLLBACK");
    return st;
  }
  RASD_RETURN_IF_ERROR(c_->Exec(in_batch_ ? "RELEASE SAVEPOINT rasd_put" : "COMMIT"));
  return key.has_value();
}

Status SqlStore::WriteDocument(const AnnotatedDocument& ad, const std::string& hash,
                               std::optional<int64_t> key) {
  const Document& doc = ad.doc;
  cpi_.Build(doc.text);
  if (key) {
    for (const char* table : {"events", "mentions", "sentences"}) {
      RASD_RETURN_IF_ERROR(c_->Run(std::string("DELETE FROM ") + table + " WHERE doc_id = ?", {doc.id}));
    }
    if (!pg()) pending_fts_.push_back(PendingFts{*key, true, {}});
  }

  // Search terms: the text, and the title when the text does not start with it.
  std::string searchable;
  if (!doc.title.empty() && doc.text.compare(0, doc.title.size(), doc.title) != 0) {
    searchable = doc.title + "\n";
  }
  searchable += doc.text;
  const std::vector<std::string> terms = IndexTerms(searchable);

  // Events first (deduplicated by id) so the document row carries its count.
  std::vector<SqlValue> ev_rows;
  std::unordered_set<std::string> ids;
  std::string json;
  size_t n_events = 0;
  for (const Event& src : ad.events) {
    Event ev = src;
    if (ev.doc_id.empty()) ev.doc_id = doc.id;
    if (ev.event_id.empty()) ev.event_id = SyntheticEventId(ev, doc.id);
    if (!ids.insert(ev.event_id).second) continue;
    json.clear();
    AppendEventJson(ev, doc, cpi_, &json);
    auto span_values = [&](Span s) -> std::pair<SqlValue, SqlValue> {
      return {Cp(cpi_, doc, s.begin), Cp(cpi_, doc, s.end)};
    };
    std::string sort_date = FullDate(ev.date.empty() ? doc.published : ev.date);
    const auto sentence = span_values(ev.sentence);
    const auto trigger = span_values(ev.trigger);
    ev_rows.insert(ev_rows.end(), {ev.event_id, doc.id, static_cast<int64_t>(n_events),
                                   static_cast<int64_t>(ev.sentence_index),
                                   std::string(Slice(doc, ev.sentence)), sentence.first, sentence.second,
                                   std::string(Slice(doc, ev.trigger)), trigger.first, trigger.second});
    for (const auto* actor : {&ev.source, &ev.target}) {
      if (actor->has_value()) {
        const auto sp = span_values((*actor)->span);
        ev_rows.insert(ev_rows.end(), {std::string(Slice(doc, (*actor)->span)), TextOrNull((*actor)->code),
                                       sp.first, sp.second});
      } else {
        ev_rows.insert(ev_rows.end(),
                       {std::monostate{}, std::monostate{}, std::monostate{}, std::monostate{}});
      }
    }
    ev_rows.insert(ev_rows.end(), {TextOrNull(ev.cameo), TextOrNull(ev.cameo_root), ev.goldstein,
                                   static_cast<int64_t>(ev.quad_class), TextOrNull(ev.plover_event),
                                   TextOrNull(ev.plover_mode), std::string(ModalityName(ev.modality))});
    if (ev.attribution.empty()) {
      ev_rows.insert(ev_rows.end(), {std::monostate{}, std::string(AttributionKindName(ev.attribution_kind)),
                                     std::monostate{}, std::monostate{}});
    } else {
      const auto sp = span_values(ev.attribution);
      ev_rows.insert(ev_rows.end(),
                     {std::string(Slice(doc, ev.attribution)),
                      std::string(AttributionKindName(ev.attribution_kind)), sp.first, sp.second});
    }
    ev_rows.insert(ev_rows.end(), {TextOrNull(ev.date), TextOrNull(ev.date_precision)});
    if (ev.location) {
      const Location& l = *ev.location;
      const auto sp = span_values(l.span);
      ev_rows.insert(ev_rows.end(), {std::string(Slice(doc, l.span)), TextOrNull(l.name_en),
                                     TextOrNull(l.country), l.lat, l.lon, sp.first, sp.second});
    } else {
      for (int i = 0; i < 7; ++i) ev_rows.emplace_back(std::monostate{});
    }
    ev_rows.insert(ev_rows.end(), {ev.confidence, TextOrNull(ev.rule), TextOrNull(sort_date), json});
    ++n_events;
  }

  // The document row.
  std::vector<SqlValue> doc_values = {doc.title,
                                      doc.text,
                                      TextOrNull(doc.published),
                                      TextOrNull(doc.url),
                                      TextOrNull(doc.source),
                                      hash,
                                      engine_,
                                      NowIso(),
                                      static_cast<int64_t>(n_events),
                                      static_cast<int64_t>(ad.sentences.size()),
                                      static_cast<int64_t>(ad.mentions.size())};
  if (pg()) doc_values.emplace_back(PgArrayLiteral(terms));
  int64_t doc_key = 0;
  if (key) {
    doc_values.emplace_back(*key);
    RASD_RETURN_IF_ERROR(
        c_->Run(pg() ? "UPDATE documents SET title = ?, text = ?, published = ?, url = ?, source = ?, "
                       "content_hash = ?, engine = ?, ingested_at = ?, n_events = ?, n_sentences = ?, "
                       "n_mentions = ?, search_terms = ? WHERE key = ?"
                     : "UPDATE documents SET title = ?, text = ?, published = ?, url = ?, source = ?, "
                       "content_hash = ?, engine = ?, ingested_at = ?, n_events = ?, n_sentences = ?, "
                       "n_mentions = ? WHERE key = ?",
                doc_values));
    doc_key = *key;
  } else {
    doc_values.insert(doc_values.begin(), doc.id);
    RASD_RETURN_IF_ERROR(c_->Query(
        pg() ? "INSERT INTO documents (id, title, text, published, url, source, content_hash, engine, "
               "ingested_at, "
               "n_events, n_sentences, n_mentions, search_terms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
               "RETURNING key"
             : "INSERT INTO documents (id, title, text, published, url, source, content_hash, engine, "
               "ingested_at, "
               "n_events, n_sentences, n_mentions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING key",
        doc_values,
        [&](const Row& r) {
          doc_key = r.Int(0);
          return false;
        },
        true));
  }
  if (!pg()) {
    std::string joined;
    for (const std::string& t : terms) {
      if (!joined.empty()) joined += ' ';
      joined += t;
    }
    pending_fts_.push_back(PendingFts{doc_key, false, std::move(joined)});
  }

  std::vector<SqlValue> rows;
  rows.reserve(ad.sentences.size() * 4);
  for (size_t i = 0; i < ad.sentences.size(); ++i) {
    rows.insert(rows.end(), {doc.id, static_cast<int64_t>(i), Cp(cpi_, doc, ad.sentences[i].begin),
                             Cp(cpi_, doc, ad.sentences[i].end)});
  }
  RASD_RETURN_IF_ERROR(InsertRows("sentences", "doc_id, idx, start, \"end\"", 4, &rows));

  rows.clear();
  rows.reserve(ad.mentions.size() * 15);
  for (size_t i = 0; i < ad.mentions.size(); ++i) {
    const Mention& m = ad.mentions[i];
    const bool coords = m.kind == MentionKind::kPlace && m.has_coords;
    rows.insert(rows.end(),
                {doc.id, static_cast<int64_t>(i), std::string(MentionKindName(m.kind)),
                 std::string(Slice(doc, m.span)), Cp(cpi_, doc, m.span.begin), Cp(cpi_, doc, m.span.end),
                 TextOrNull(m.code), TextOrNull(m.country), TextOrNull(m.name_en),
                 coords ? SqlValue(m.lat) : SqlValue(), coords ? SqlValue(m.lon) : SqlValue(),
                 TextOrNull(m.value), TextOrNull(m.type), TextOrNull(m.rule), TextOrNull(m.note)});
  }
  RASD_RETURN_IF_ERROR(
      InsertRows("mentions",
                 "doc_id, idx, kind, text, start, \"end\", code, country, name_en, lat, lon, "
                 "value, type, rule, note",
                 15, &rows));

  return InsertRows(
      "events",
      "event_id, doc_id, ord, sentence_index, sentence, sentence_start, sentence_end, trigger_text, "
      "trigger_start, trigger_end, source_text, source_code, source_start, source_end, target_text, "
      "target_code, target_start, target_end, cameo, cameo_root, goldstein, quad_class, plover_event, "
      "plover_mode, modality, attribution_text, attribution_kind, attribution_start, attribution_end, "
      "date, date_precision, location_text, location_name_en, location_country, location_lat, "
      "location_lon, location_start, location_end, confidence, rule, sort_date, event_json",
      42, &ev_rows, " ON CONFLICT (event_id) DO NOTHING");
}

// ---- Filters --------------------------------------------------------------

void SqlStore::AddPrefix(const std::string& column, const std::string& prefix, SqlWhere* w) {
  const std::string end = PrefixEnd(prefix);
  if (end.empty()) {
    w->sql += "substr(" + column + ", 1, " + std::to_string(prefix.size()) + ") = ?";
    w->params.emplace_back(prefix);
  } else {
    w->sql += "(" + column + " >= ? AND " + column + " < ?)";
    w->params.emplace_back(prefix);
    w->params.emplace_back(end);
  }
}

Status SqlStore::AddSearch(const std::string& q, const std::string& doc_alias, SqlWhere* w) {
  auto words = ParseSearchQuery(q);
  if (!words.ok()) return Status::InvalidArgument("q: " + words.status().message());
  if (!pg()) {
    w->sql += doc_alias + ".key IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)";
    w->params.emplace_back(Fts5Expression(*words));
    return Status::Ok();
  }
  w->sql += "(";
  for (size_t i = 0; i < words->size(); ++i) {
    const QueryWord& word = (*words)[i];
    if (i) w->sql += " AND ";
    if (!word.prefix) {
      w->sql += doc_alias + ".search_terms && ?::text[]";
      w->params.emplace_back(PgArrayLiteral(word.forms));
      continue;
    }
    w->sql += "EXISTS (SELECT 1 FROM unnest(" + doc_alias + ".search_terms) AS t(term) WHERE ";
    for (size_t j = 0; j < word.forms.size(); ++j) {
      if (j) w->sql += " OR ";
      w->sql += "starts_with(t.term, ?)";
      w->params.emplace_back(word.forms[j]);
    }
    w->sql += ")";
  }
  w->sql += ")";
  return Status::Ok();
}

Status SqlStore::BuildEventWhere(const EventFilter& f, SqlWhere* w) {
  w->sql = "1 = 1";
  auto And = [&]() { w->sql += " AND "; };
  auto In = [&](const char* column, const std::vector<std::string>& values) {
    if (values.empty()) return;
    And();
    w->sql += column;
    w->sql += " IN (";
    for (size_t i = 0; i < values.size(); ++i) {
      w->sql += i ? ",?" : "?";
      w->params.emplace_back(values[i]);
    }
    w->sql += ")";
  };
  if (!f.actor.empty()) {
    And();
    w->sql += "(";
    AddPrefix("e.source_code", f.actor, w);
    w->sql += " OR ";
    AddPrefix("e.target_code", f.actor, w);
    w->sql += ")";
  }
  if (!f.source.empty()) {
    And();
    AddPrefix("e.source_code", f.source, w);
  }
  if (!f.target.empty()) {
    And();
    AddPrefix("e.target_code", f.target, w);
  }
  if (!f.country.empty()) {
    And();
    w->sql += "(";
    AddPrefix("e.source_code", f.country, w);
    w->sql += " OR ";
    AddPrefix("e.target_code", f.country, w);
    w->sql += " OR e.location_country = ?)";
    w->params.emplace_back(f.country);
  }
  if (!f.cameo.empty()) {
    And();
    AddPrefix("e.cameo", f.cameo, w);
  }
  In("e.cameo_root", f.roots);
  In("e.plover_event", f.plover);
  In("e.modality", f.modalities);
  In("e.attribution_kind", f.attributions);
  if (!f.from.empty()) {
    And();
    w->sql += "e.sort_date >= ?";
    w->params.emplace_back(f.from);
  }
  if (!f.to.empty()) {
    And();
    w->sql += "e.sort_date <= ?";
    w->params.emplace_back(f.to);
  }
  if (f.bbox) {
    const BoundingBox& b = *f.bbox;
    And();
    w->sql += "e.location_lat >= ? AND e.location_lat <= ? AND ";
    w->params.insert(w->params.end(), {b.min_lat, b.max_lat});
    // A box across the antimeridian has min_lon > max_lon.
    w->sql += b.min_lon <= b.max_lon ? "e.location_lon >= ? AND e.location_lon <= ?"
                                     : "(e.location_lon >= ? OR e.location_lon <= ?)";
    w->params.insert(w->params.end(), {b.min_lon, b.max_lon});
  }
  if (!f.doc_id.empty()) {
    And();
    w->sql += "e.doc_id = ?";
    w->params.emplace_back(f.doc_id);
  }
  if (!f.q.empty()) {
    And();
    w->sql += "e.doc_id IN (SELECT fd.id FROM documents fd WHERE ";
    RASD_RETURN_IF_ERROR(AddSearch(f.q, "fd", w));
    w->sql += ")";
  }
  return Status::Ok();
}

// ---- Reads ----------------------------------------------------------------

Result<int64_t> SqlStore::CountEvents(const EventFilter& f) {
  SqlWhere w;
  RASD_RETURN_IF_ERROR(BuildEventWhere(f, &w));
  int64_t n = 0;
  RASD_RETURN_IF_ERROR(c_->Query("SELECT COUNT(*) FROM events e WHERE " + w.sql, w.params, [&](const Row& r) {
    n = r.Int(0);
    return false;
  }));
  return n;
}

Status SqlStore::ForEachEvent(const EventFilter& f, size_t offset, size_t limit,
                              const std::function<bool(const StoredEvent&)>& fn) {
  SqlWhere w;
  RASD_RETURN_IF_ERROR(BuildEventWhere(f, &w));
  std::string sql = std::string("SELECT ") + kEventColumns +
                    " FROM events e JOIN documents d ON d.id = e.doc_id WHERE " + w.sql +
                    " ORDER BY e.sort_date " + (pg() ? "DESC NULLS LAST" : "DESC") +
                    ", e.event_id LIMIT ? OFFSET ?";
  w.params.emplace_back(static_cast<int64_t>(limit));
  w.params.emplace_back(static_cast<int64_t>(offset));
  return c_->Query(sql, w.params, [&](const Row& r) { return fn(ReadEvent(r)); });
}

Result<StoredEvent> SqlStore::GetEvent(const std::string& event_id) {
  std::optional<StoredEvent> ev;
  RASD_RETURN_IF_ERROR(c_->Query(
      std::string("SELECT ") + kEventColumns +
          " FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.event_id = ?",
      {event_id},
      [&](const Row& r) {
        ev = ReadEvent(r);
        return false;
      },
      true));
  if (!ev) return Status::NotFound("no event with id '" + event_id + "'");
  return std::move(*ev);
}

Result<StoredDocument> SqlStore::GetDocument(const std::string& id) {
  std::optional<StoredDocument> doc;
  RASD_RETURN_IF_ERROR(c_->Query(
      "SELECT id, title, text, published, url, source, content_hash, engine, ingested_at FROM documents "
      "WHERE id = ?",
      {id},
      [&](const Row& r) {
        doc.emplace();
        doc->id = r.Str(0);
        doc->title = r.Str(1);
        doc->text = r.Str(2);
        doc->published = r.Str(3);
        doc->url = r.Str(4);
        doc->source = r.Str(5);
        doc->content_hash = r.Str(6);
        doc->engine = r.Str(7);
        doc->ingested_at = r.Str(8);
        return false;
      },
      true));
  if (!doc) return Status::NotFound("no document with id '" + id + "'");
  RASD_RETURN_IF_ERROR(c_->Query(
      "SELECT start, \"end\" FROM sentences WHERE doc_id = ? ORDER BY idx", {id},
      [&](const Row& r) {
        doc->sentences.emplace_back(r.Int(0), r.Int(1));
        return true;
      },
      true));
  RASD_RETURN_IF_ERROR(c_->Query(
      "SELECT kind, text, start, \"end\", code, country, name_en, lat, lon, value, type, rule, note FROM "
      "mentions "
      "WHERE doc_id = ? ORDER BY start, \"end\", idx",
      {id},
      [&](const Row& r) {
        StoredMention m;
        m.kind = r.Str(0);
        m.text = r.Str(1);
        m.start = r.Int(2);
        m.end = r.Int(3);
        m.code = r.Str(4);
        m.country = r.Str(5);
        m.name_en = r.Str(6);
        if (!r.IsNull(7)) m.lat = r.Double(7);
        if (!r.IsNull(8)) m.lon = r.Double(8);
        m.value = r.Str(9);
        m.type = r.Str(10);
        m.rule = r.Str(11);
        m.note = r.Str(12);
        doc->mentions.push_back(std::move(m));
        return true;
      },
      true));
  RASD_RETURN_IF_ERROR(c_->Query(
      std::string("SELECT ") + kEventColumns +
          " FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.doc_id = ? "
          "ORDER BY e.sentence_index, e.trigger_start, e.ord",
      {id},
      [&](const Row& r) {
        doc->events.push_back(ReadEvent(r));
        return true;
      },
      true));
  return std::move(*doc);
}

Result<int64_t> SqlStore::CountDocuments(const std::string& q) {
  SqlWhere w;
  w.sql = "1 = 1";
  if (!q.empty()) {
    w.sql += " AND ";
    RASD_RETURN_IF_ERROR(AddSearch(q, "d", &w));
  }
  int64_t n = 0;
  RASD_RETURN_IF_ERROR(
      c_->Query("SELECT COUNT(*) FROM documents d WHERE " + w.sql, w.params, [&](const Row& r) {
        n = r.Int(0);
        return false;
      }));
  return n;
}

Result<std::vector<DocumentSummary>> SqlStore::ListDocuments(const std::string& q, size_t offset,
                                                             size_t limit) {
  SqlWhere w;
  w.sql = "1 = 1";
  std::vector<QueryWord> words;
  if (!q.empty()) {
    auto parsed = ParseSearchQuery(q);
    if (!parsed.ok()) return Status::InvalidArgument("q: " + parsed.status().message());
    words = std::move(parsed.value());
    w.sql += " AND ";
    RASD_RETURN_IF_ERROR(AddSearch(q, "d", &w));
  }
  w.params.emplace_back(static_cast<int64_t>(limit));
  w.params.emplace_back(static_cast<int64_t>(offset));
  std::vector<DocumentSummary> out;
  RASD_RETURN_IF_ERROR(c_->Query(
      "SELECT d.id, d.title, d.published, d.source, d.url, d.n_events, d.text FROM documents d WHERE " +
          w.sql + " ORDER BY d.published " + (pg() ? "DESC NULLS LAST" : "DESC") + ", d.id LIMIT ? OFFSET ?",
      w.params, [&](const Row& r) {
        DocumentSummary s;
        s.id = r.Str(0);
        s.title = r.Str(1);
        s.published = r.Str(2);
        s.source = r.Str(3);
        s.url = r.Str(4);
        s.events = r.Int(5);
        const std::string text = r.Str(6);
        std::optional<std::pair<size_t, size_t>> match;
        if (!words.empty()) match = FirstMatch(text, words);
        MakeSnippet(text, s.title, match, &s);
        out.push_back(std::move(s));
        return true;
      }));
  return out;
}

Result<std::vector<ActorCount>> SqlStore::Actors(const EventFilter& f, ActorRole role, size_t limit) {
  SqlWhere w;
  RASD_RETURN_IF_ERROR(BuildEventWhere(f, &w));
  std::string inner;
  std::vector<SqlValue> params;
  if (role != ActorRole::kTarget) {
    inner +=
        "SELECT e.source_code AS code, 1 AS s, 0 AS t FROM events e WHERE e.source_code IS NOT NULL AND " +
        w.sql;
    params = w.params;
  }
  if (role != ActorRole::kSource) {
    if (!inner.empty()) inner += " UNION ALL ";
    inner +=
        "SELECT e.target_code AS code, 0 AS s, 1 AS t FROM events e WHERE e.target_code IS NOT NULL AND " +
        w.sql;
    params.insert(params.end(), w.params.begin(), w.params.end());
  }
  params.emplace_back(static_cast<int64_t>(limit));
  std::vector<ActorCount> out;
  RASD_RETURN_IF_ERROR(c_->Query("SELECT code, SUM(s), SUM(t) FROM (" + inner +
                                     ") x GROUP BY code ORDER BY SUM(s) + SUM(t) DESC, code LIMIT ?",
                                 params, [&](const Row& r) {
                                   ActorCount a;
                                   a.code = r.Str(0);
                                   a.as_source = r.Int(1);
                                   a.as_target = r.Int(2);
                                   a.count = a.as_source + a.as_target;
                                   out.push_back(std::move(a));
                                   return true;
                                 }));
  return out;
}

Result<std::vector<TimelineSeries>> SqlStore::Timeline(const EventFilter& f, TimelineInterval interval,
                                                       TimelineKey key) {
  SqlWhere w;
  RASD_RETURN_IF_ERROR(BuildEventWhere(f, &w));
  const char* key_sql = key == TimelineKey::kRoot   ? "COALESCE(e.cameo_root, '')"
                        : key == TimelineKey::kQuad ? "CAST(e.quad_class AS TEXT)"
                                                    : "COALESCE(e.plover_event, 'none')";
  std::map<std::string, std::map<std::string, int64_t>> series;
  RASD_RETURN_IF_ERROR(c_->Query(std::string("SELECT e.sort_date, ") + key_sql +
                                     ", COUNT(*) FROM events e WHERE e.sort_date IS NOT NULL AND " + w.sql +
                                     " GROUP BY 1, 2",
                                 w.params, [&](const Row& r) {
                                   std::string date = r.Str(0);
                                   if (interval == TimelineInterval::kWeek) date = WeekStart(date);
                                   series[r.Str(1)][date] += r.Int(2);
                                   return true;
                                 }));
  std::vector<TimelineSeries> out;
  for (auto& [k, points] : series) {
    TimelineSeries s;
    s.key = k;
    for (auto& [date, count] : points) {
      s.points.emplace_back(date, count);
      s.total += count;
    }
    out.push_back(std::move(s));
  }
  return out;
}

Result<Network> SqlStore::ActorNetwork(const EventFilter& f, int64_t min_count, size_t limit) {
  SqlWhere w;
  RASD_RETURN_IF_ERROR(BuildEventWhere(f, &w));
  w.params.emplace_back(min_count);
  w.params.emplace_back(static_cast<int64_t>(limit));
  Network net;
  RASD_RETURN_IF_ERROR(c_->Query(
      "SELECT e.source_code, e.target_code, COUNT(*), AVG(e.goldstein) FROM events e WHERE e.source_code IS "
      "NOT NULL "
      "AND e.target_code IS NOT NULL AND " +
          w.sql + " GROUP BY e.source_code, e.target_code HAVING COUNT(*) >= ? ORDER BY 3 DESC, 1, 2 LIMIT ?",
      w.params, [&](const Row& r) {
        net.edges.push_back(NetworkEdge{r.Str(0), r.Str(1), r.Int(2), r.Double(3)});
        return true;
      }));
  std::map<std::string, int64_t> nodes;
  for (const NetworkEdge& e : net.edges) {
    nodes[e.source] += e.count;
    if (e.target != e.source) nodes[e.target] += e.count;
  }
  for (auto& [id, count] : nodes) net.nodes.push_back(NetworkNode{id, count});
  std::stable_sort(net.nodes.begin(), net.nodes.end(),
                   [](const NetworkNode& a, const NetworkNode& b) { return a.count > b.count; });
  return net;
}

Result<StoreStats> SqlStore::Stats() {
  StoreStats s;
  RASD_RETURN_IF_ERROR(
      c_->Query("SELECT COUNT(*), COALESCE(SUM(n_sentences), 0), COALESCE(SUM(n_mentions), 0) FROM documents",
                {}, [&](const Row& r) {
                  s.documents = r.Int(0);
                  s.sentences = r.Int(1);
                  s.mentions = r.Int(2);
                  return false;
                }));
  RASD_RETURN_IF_ERROR(
      c_->Query("SELECT COUNT(*), MIN(sort_date), MAX(sort_date) FROM events", {}, [&](const Row& r) {
        s.events = r.Int(0);
        s.first_date = r.Str(1);
        s.last_date = r.Str(2);
        return false;
      }));
  RASD_RETURN_IF_ERROR(
      c_->Query("SELECT COALESCE(cameo_root, ''), COUNT(*) FROM events GROUP BY 1", {}, [&](const Row& r) {
        s.roots[r.Str(0)] = r.Int(1);
        return true;
      }));
  auto v = CurrentSchemaVersion(c_.get());
  if (!v.ok()) return v.status();
  s.schema_version = *v;
  return s;
}

}  // namespace rasd::store
