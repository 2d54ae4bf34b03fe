// Schema migrations. Each migration is SQL written once with a few dialect
// placeholders, expanded for SQLite or PostgreSQL:
//   {KEY}   integer surrogate key        INTEGER PRIMARY KEY | BIGSERIAL PRIMARY KEY
//   {INT}   integer                      INTEGER | BIGINT
//   {REAL}  floating point               REAL | DOUBLE PRECISION
//   {CODE}  text compared byte-wise      TEXT | TEXT COLLATE "C"  (prefix ranges on codes and dates)
//   {DESC}  descending, NULLs last       DESC | DESC NULLS LAST
//   {WITHOUT_ROWID}  clustered on the primary key   WITHOUT ROWID | (nothing)
// Never edit a released migration: add a new one at the end of kMigrations.
#include "store/schema.h"

#include <ctime>
#include <string>
#include <string_view>

namespace rasd::store {
namespace {

struct Migration {
  int version;
  const char* name;
  const char* common;    // Both dialects.
  const char* sqlite;    // SQLite only.
  const char* postgres;  // PostgreSQL only.
};

constexpr Migration kMigrations[] = {
    {1, "initial schema",
     R"SQL(
CREATE TABLE documents (
  key {KEY},
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  published {CODE},
  url TEXT,
  source TEXT,
  content_hash TEXT NOT NULL,
  engine TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  n_events {INT} NOT NULL DEFAULT 0,
  n_sentences {INT} NOT NULL DEFAULT 0,
  n_mentions {INT} NOT NULL DEFAULT 0
);
CREATE INDEX documents_published ON documents (published {DESC}, id);
CREATE INDEX documents_counts ON documents (n_events, n_sentences, n_mentions);
CREATE TABLE sentences (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx {INT} NOT NULL,
  start {INT} NOT NULL,
  "end" {INT} NOT NULL,
  PRIMARY KEY (doc_id, idx)
){WITHOUT_ROWID};
CREATE TABLE mentions (
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  idx {INT} NOT NULL,
  kind {CODE} NOT NULL,
  text TEXT NOT NULL,
  start {INT} NOT NULL,
  "end" {INT} NOT NULL,
  code {CODE},
  country {CODE},
  name_en TEXT,
  lat {REAL},
  lon {REAL},
  value TEXT,
  type TEXT,
  rule TEXT,
  note TEXT,
  PRIMARY KEY (doc_id, idx)
){WITHOUT_ROWID};
CREATE TABLE events (
  event_id TEXT NOT NULL PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord {INT} NOT NULL,
  sentence_index {INT} NOT NULL,
  sentence TEXT NOT NULL,
  sentence_start {INT} NOT NULL,
  sentence_end {INT} NOT NULL,
  trigger_text TEXT NOT NULL,
  trigger_start {INT} NOT NULL,
  trigger_end {INT} NOT NULL,
  source_text TEXT,
  source_code {CODE},
  source_start {INT},
  source_end {INT},
  target_text TEXT,
  target_code {CODE},
  target_start {INT},
  target_end {INT},
  cameo {CODE},
  cameo_root {CODE},
  goldstein {REAL},
  quad_class {INT},
  plover_event {CODE},
  plover_mode TEXT,
  modality {CODE} NOT NULL,
  attribution_text TEXT,
  attribution_kind {CODE} NOT NULL,
  attribution_start {INT},
  attribution_end {INT},
  date {CODE},
  date_precision TEXT,
  location_text TEXT,
  location_name_en TEXT,
  location_country {CODE},
  location_lat {REAL},
  location_lon {REAL},
  location_start {INT},
  location_end {INT},
  confidence {REAL},
  rule TEXT,
  sort_date {CODE},
  event_json TEXT NOT NULL
);
CREATE INDEX events_doc ON events (doc_id, ord);
CREATE INDEX events_order ON events (sort_date {DESC}, event_id);
CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_root ON events (cameo_root, sort_date);
CREATE INDEX events_plover ON events (plover_event);
CREATE INDEX events_location_country ON events (location_country);
CREATE INDEX events_location_lat ON events (location_lat);
CREATE INDEX events_modality ON events (modality);
CREATE INDEX events_attribution ON events (attribution_kind);
)SQL",
     // SQLite: FTS5 over the normalised search terms; rowid = documents.key.
     R"SQL(
CREATE VIRTUAL TABLE documents_fts USING fts5 (terms, tokenize = 'ascii', detail = 'none');
)SQL",
     // PostgreSQL: the same terms as an array with a GIN index.
     R"SQL(
ALTER TABLE documents ADD COLUMN search_terms TEXT[] NOT NULL DEFAULT '{}';
CREATE INDEX documents_search_terms ON documents USING GIN (search_terms);
)SQL"},
};

void ReplaceAll(std::string* s, std::string_view from, std::string_view to) {
  for (size_t pos = s->find(from); pos != std::string::npos; pos = s->find(from, pos + to.size())) {
    s->replace(pos, from.size(), to);
  }
}

std::string Expand(std::string sql, Dialect d) {
  const bool pg = d == Dialect::kPostgres;
  ReplaceAll(&sql, "{KEY}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY");
  ReplaceAll(&sql, "{INT}", pg ? "BIGINT" : "INTEGER");
  ReplaceAll(&sql, "{REAL}", pg ? "DOUBLE PRECISION" : "REAL");
  ReplaceAll(&sql, "{CODE}", pg ? "TEXT COLLATE \"C\"" : "TEXT");
  ReplaceAll(&sql, "{DESC}", pg ? "DESC NULLS LAST" : "DESC");
  ReplaceAll(&sql, "{WITHOUT_ROWID}", pg ? "" : " WITHOUT ROWID");
  return sql;
}

}  // namespace

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> CurrentSchemaVersion(SqlConn* conn) {
  int version = 0;
  RASD_RETURN_IF_ERROR(
      conn->Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}, [&](const Row& r) {
        version = static_cast<int>(r.Int(0));
        return false;
      }));
  return version;
}

static Status MigrateLocked(SqlConn* conn);

Status Migrate(SqlConn* conn) {
  const bool pg = conn->dialect() == Dialect::kPostgres;
  // The common case, an up-to-date database, takes no write lock: readers
  // (rasd serve) open while `rasd ingest` holds the writer's lock.
  if (auto v = CurrentSchemaVersion(conn); v.ok() && *v == LatestSchemaVersion()) return Status::Ok();
  if (pg) {
    // Many processes may open a fresh database at once (`rasd ingest --shard
    // K/N` on N machines): CREATE TABLE IF NOT EXISTS is not safe against a
    // concurrent twin in PostgreSQL, so migrators take turns on a session lock.
    RASD_RETURN_IF_ERROR(conn->Exec("SELECT pg_advisory_lock(7262413)"));
    Status st = MigrateLocked(conn);
    Status unlock = conn->Exec("SELECT pg_advisory_unlock(7262413)");
    return st.ok() ? unlock : st;
  }
  return MigrateLocked(conn);
}

static Status MigrateLocked(SqlConn* conn) {
  const bool pg = conn->dialect() == Dialect::kPostgres;
  RASD_RETURN_IF_ERROR(conn->Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)"));
  for (const Migration& m : kMigrations) {
    // One transaction per migration; concurrent migrators wait on the lock
    // and then see the version already applied.
    RASD_RETURN_IF_ERROR(
        conn->Exec(pg ? "BEGIN; LOCK TABLE schema_migrations IN EXCLUSIVE MODE" : "BEGIN IMMEDIATE"));
    auto current = CurrentSchemaVersion(conn);
    Status st = current.status();
    if (st.ok() && *current > LatestSchemaVersion()) {
      st = Status::Unsupported("database schema version " + std::to_string(*current) +
                               " is newer than this rasd understands (" +
                               std::to_string(LatestSchemaVersion()) + "): upgrade rasd");
    }
    if (st.ok() && *current < m.version) {
      st = conn->Exec(Expand(m.common, conn->dialect()));
      if (st.ok()) st = conn->Exec(Expand(pg ? m.postgres : m.sqlite, conn->dialect()));
      if (st.ok()) {
        st = conn->Run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       {int64_t{m.version}, std::string(m.name), NowIso()}, false);
      }
    }
    if (!st.ok()) {
      (void)conn->Exec("ROLLBACK");
      return Status(st.code() == Status::Code::kUnsupported
                        ? st
                        : Status::IoError("migration " + std::to_string(m.version) + " (" + m.name +
                                          "): " + st.message()));
    }
    RASD_RETURN_IF_ERROR(conn->Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace rasd::store
