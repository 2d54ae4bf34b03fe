// Store implemented over a SqlConn (SQLite or PostgreSQL). Internal to
// src/store/; everyone else uses Store::Open (include/rasd/store.h).
#ifndef RASD_STORE_SQL_STORE_H_
#define RASD_STORE_SQL_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rasd/store.h"
#include "store/sql.h"

namespace rasd::store {

// A WHERE clause under construction and its parameters.
struct SqlWhere {
  std::string sql;
  std::vector<SqlValue> params;
};

class SqlStore : public Store {
 public:
  SqlStore(std::unique_ptr<SqlConn> conn, std::string engine);
  ~SqlStore() override;

  const char* backend() const override;
  Result<int> SchemaVersion() override;
  Status Begin() override;
  Status Commit() override;
  Status Rollback() override;
  Result<PutOutcome> PutDocument(const AnnotatedDocument& ad, bool force) override;
  Result<bool> DeleteDocument(const std::string& id) override;

  Result<int64_t> CountEvents(const EventFilter& f) override;
  Status ForEachEvent(const EventFilter& f, size_t offset, size_t limit,
                      const std::function<bool(const StoredEvent&)>& fn) override;
  Result<StoredEvent> GetEvent(const std::string& event_id) override;
  Result<StoredDocument> GetDocument(const std::string& id) override;
  Result<int64_t> CountDocuments(const std::string& q) override;
  Result<std::vector<DocumentSummary>> ListDocuments(const std::string& q, size_t offset,
                                                     size_t limit) override;
  Result<std::vector<ActorCount>> Actors(const EventFilter& f, ActorRole role, size_t limit) override;
  Result<std::vector<TimelineSeries>> Timeline(const EventFilter& f, TimelineInterval interval,
                                               TimelineKey key) override;
  Result<Network> ActorNetwork(const EventFilter& f, int64_t min_count, size_t limit) override;
  Result<StoreStats> Stats() override;

 private:
  bool pg() const { return c_->dialect() == Dialect::kPostgres; }
  Status WriteDocument(const AnnotatedDocument& ad, const std::string& hash, std::optional<int64_t> key);
  // Inserts values.size()/ncols rows; `values` is consumed.
  Status InsertRows(const std::string& table, const std::string& columns, size_t ncols,
                    std::vector<SqlValue>* values, const char* suffix = "");
  Status BuildEventWhere(const EventFilter& f, SqlWhere* w);
  // Appends "column starts with prefix" as an index-friendly range.
  void AddPrefix(const std::string& column, const std::string& prefix, SqlWhere* w);
  // Appends "document `doc_alias` matches full-text query q".
  Status AddSearch(const std::string& q, const std::string& doc_alias, SqlWhere* w);

  // SQLite search-index changes waiting for the end of the batch.
  struct PendingFts {
    int64_t key;
    bool remove;
    std::string terms;
  };
  Status FlushSearchIndex();

  std::unique_ptr<SqlConn> c_;
  std::vector<PendingFts> pending_fts_;
  std::string engine_;
  bool in_batch_ = false;
  bool wrote_ = false;
  CodePointIndex cpi_;
};

}  // namespace rasd::store

#endif  // RASD_STORE_SQL_STORE_H_
