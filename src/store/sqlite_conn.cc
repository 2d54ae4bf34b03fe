// SqlConn over an embedded SQLite database: WAL journal, synchronous=NORMAL,
// a busy timeout so readers and one writer coexist, and a cache of prepared
// statements keyed by SQL text.
#include <sqlite3.h>
#include <sys/stat.h>

#include <unordered_map>

#include "store/sql.h"

namespace rasd::store {
namespace {

class SqliteRow : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* st) : st_(st) {}
  bool IsNull(int col) const override { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
  std::string_view Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
    if (p == nullptr) return {};
    return std::string_view(p, sqlite3_column_bytes(st_, col));
  }
  int64_t Int(int col) const override { return sqlite3_column_int64(st_, col); }
  double Double(int col) const override { return sqlite3_column_double(st_, col); }

 private:
  sqlite3_stmt* st_;
};

class SqliteConn : public SqlConn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override {
    for (auto& [sql, st] : cache_) sqlite3_finalize(st);
    sqlite3_close_v2(db_);
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

  Status Exec(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      return Status::IoError("sqlite: " + msg);
    }
    return Status::Ok();
  }

  Status Query(const std::string& sql, const std::vector<SqlValue>& params, const RowFn& fn,
               bool cached) override {
    sqlite3_stmt* st = nullptr;
    bool owned = true;
    if (cached) {
      auto it = cache_.find(sql);
      // A statement still being stepped (a nested query) cannot be reused.
      if (it != cache_.end() && !sqlite3_stmt_busy(it->second)) {
        st = it->second;
        owned = false;
      }
    }
    if (st == nullptr) {
      if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) {
        return Status::Internal("sqlite: " + std::string(sqlite3_errmsg(db_)) + " in: " + sql.substr(0, 200));
      }
      if (cached && cache_.find(sql) == cache_.end()) {
        cache_.emplace(sql, st);
        owned = false;
      }
    }
    Status status = BindAndStep(st, params, fn);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (owned) sqlite3_finalize(st);
    return status;
  }

 private:
  Status BindAndStep(sqlite3_stmt* st, const std::vector<SqlValue>& params, const RowFn& fn) {
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(st, idx);
      } else if (const auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(st, idx, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(st, idx, *d);
      } else {
        const std::string& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(st, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return Status::Internal("sqlite: bind: " + std::string(sqlite3_errmsg(db_)));
    }
    SqliteRow row(st);
    while (true) {
      const int rc = sqlite3_step(st);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) {
        const std::string msg = sqlite3_errmsg(db_);
        if (rc == SQLITE_CONSTRAINT) return Status::InvalidArgument("sqlite: " + msg);
        return Status::IoError("sqlite: " + msg);
      }
      if (fn && !fn(row)) return Status::Ok();
    }
  }

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<SqlConn>> OpenSqlite(const std::string& path, bool create) {
  if (path.empty()) return Status::InvalidArgument("sqlite: empty database path");
  struct stat sb;
  if (!create && path != ":memory:" && stat(path.c_str(), &sb) != 0) {
    return Status::NotFound("no database at " + path + " (run `rasd ingest --db " + path +
                            " DOCS...` first)");
  }
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (create) flags |= SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status::IoError("sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 0);
  auto conn = std::make_unique<SqliteConn>(db);
  // WAL lets the server read while `rasd ingest` writes; NORMAL sync is safe
  // in WAL mode (a power loss may drop the last commits, never corrupt).
  Status st = conn->Exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
      "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
  if (!st.ok()) return Status::IoError("cannot open " + path + ": " + st.message());
  return std::unique_ptr<SqlConn>(std::move(conn));
}

}  // namespace rasd::store
