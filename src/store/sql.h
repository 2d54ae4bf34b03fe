// A thin SQL layer under the store: one connection, `?` placeholders, typed
// binds, rows handed to a callback. Two implementations: SQLite (sqlite_conn.cc)
// and PostgreSQL through libpq (pg_conn.cc). The store (sql_store.cc) writes its
// queries once against this interface; the few places where the dialects differ
// ask dialect().
//
// Internal to src/store/. Thread-safety: one thread per connection.
#ifndef RASD_STORE_SQL_H_
#define RASD_STORE_SQL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rasd/status.h"

namespace rasd::store {

enum class Dialect { kSqlite, kPostgres };

// A parameter value: NULL, integer, real or text.
using SqlValue = std::variant<std::monostate, int64_t, double, std::string>;

// A text value, or NULL when empty.
inline SqlValue TextOrNull(std::string_view s) {
  if (s.empty()) return std::monostate{};
  return std::string(s);
}

// Read access to the current row of a result.
class Row {
 public:
  virtual ~Row() = default;
  virtual bool IsNull(int col) const = 0;
  virtual std::string_view Text(int col) const = 0;  // "" for NULL.
  virtual int64_t Int(int col) const = 0;            // 0 for NULL.
  virtual double Double(int col) const = 0;          // 0 for NULL.
  std::string Str(int col) const { return std::string(Text(col)); }
};

// Return false to stop reading rows.
using RowFn = std::function<bool(const Row&)>;

class SqlConn {
 public:
  virtual ~SqlConn() = default;
  virtual Dialect dialect() const = 0;
  // Runs one or more statements without parameters or results.
  virtual Status Exec(const std::string& sql) = 0;
  // Runs one statement with `?` placeholders. `cached`: prepare once and reuse
  // the statement on later calls with the same SQL text (use it for the fixed
  // statements of hot paths, not for ad-hoc query text).
  virtual Status Query(const std::string& sql, const std::vector<SqlValue>& params, const RowFn& fn,
                       bool cached = false) = 0;
  // Like Query, ignoring rows.
  Status Run(const std::string& sql, const std::vector<SqlValue>& params, bool cached = true) {
    return Query(sql, params, nullptr, cached);
  }
};

Result<std::unique_ptr<SqlConn>> OpenSqlite(const std::string& path, bool create);
Result<std::unique_ptr<SqlConn>> OpenPostgres(const std::string& conninfo);

// Rewrites `?` placeholders (outside quotes) as $1, $2 ... for PostgreSQL.
std::string NumberPlaceholders(std::string_view sql);

}  // namespace rasd::store

#endif  // RASD_STORE_SQL_H_
