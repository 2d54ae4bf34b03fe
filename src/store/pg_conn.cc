// SqlConn over PostgreSQL through libpq. Parameters travel as text; fixed
// statements are prepared once per connection (PQprepare) and reused.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "store/sql.h"

namespace rasd::store {
namespace {

class PgRow : public Row {
 public:
  PgRow(const PGresult* res, int row) : res_(res), row_(row) {}
  bool IsNull(int col) const override { return PQgetisnull(res_, row_, col); }
  std::string_view Text(int col) const override {
    return std::string_view(PQgetvalue(res_, row_, col), PQgetlength(res_, row_, col));
  }
  int64_t Int(int col) const override {
    if (IsNull(col)) return 0;
    return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10);
  }
  double Double(int col) const override {
    if (IsNull(col)) return 0;
    return std::strtod(PQgetvalue(res_, row_, col), nullptr);
  }

 private:
  const PGresult* res_;
  int row_;
};

void IgnoreNotice(void*, const char*) {}

std::string PgError(const char* what, PGresult* res, PGconn* conn) {
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return std::string("postgresql: ") + what + msg;
}

class PgConn : public SqlConn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  ~PgConn() override { PQfinish(conn_); }
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Exec(const std::string& sql) override {
    PGresult* res = PQexec(conn_, sql.c_str());
    const auto rc = PQresultStatus(res);
    Status st;
    if (rc != PGRES_COMMAND_OK && rc != PGRES_TUPLES_OK) st = Status::IoError(PgError("", res, conn_));
    PQclear(res);
    return st;
  }

  Status Query(const std::string& sql, const std::vector<SqlValue>& params, const RowFn& fn,
               bool cached) override {
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (const auto* n = std::get_if<int64_t>(&v)) {
        text[i] = std::to_string(*n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        text[i] = buf;
      } else {
        text[i] = std::get<std::string>(v);
      }
      values[i] = text[i].c_str();
    }
    const int n = static_cast<int>(params.size());
    PGresult* res = nullptr;
    if (cached) {
      auto it = prepared_.find(sql);
      if (it == prepared_.end()) {
        std::string name = "rasd_" + std::to_string(prepared_.size());
        PGresult* prep = PQprepare(conn_, name.c_str(), NumberPlaceholders(sql).c_str(), n, nullptr);
        if (PQresultStatus(prep) != PGRES_COMMAND_OK) {
          Status st = Status::Internal(PgError("prepare: ", prep, conn_) + " in: " + sql.substr(0, 200));
          PQclear(prep);
          return st;
        }
        PQclear(prep);
        it = prepared_.emplace(sql, std::move(name)).first;
      }
      res = PQexecPrepared(conn_, it->second.c_str(), n, values.data(), nullptr, nullptr, 0);
    } else {
      res = PQexecParams(conn_, NumberPlaceholders(sql).c_str(), n, nullptr, values.data(), nullptr, nullptr,
                         0);
    }
    const auto rc = PQresultStatus(res);
    if (rc != PGRES_COMMAND_OK && rc != PGRES_TUPLES_OK) {
      const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
      const bool constraint = state != nullptr && state[0] == '2' && state[1] == '3';
      std::string msg = PgError("", res, conn_);
      PQclear(res);
      if (constraint) return Status::InvalidArgument(msg);
      return Status::IoError(msg);
    }
    if (fn) {
      const int rows = PQntuples(res);
      for (int r = 0; r < rows; ++r) {
        if (!fn(PgRow(res, r))) break;
      }
    }
    PQclear(res);
    return Status::Ok();
  }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out.push_back('$');
      out += std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::unique_ptr<SqlConn>> OpenPostgres(const std::string& conninfo) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (conn == nullptr) return Status::IoError("postgresql: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn);
    return Status::IoError("postgresql: cannot connect: " + msg);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  auto c = std::make_unique<PgConn>(conn);
  RASD_RETURN_IF_ERROR(c->Exec("SET client_min_messages = warning; SET client_encoding = 'UTF8'"));
  return std::unique_ptr<SqlConn>(std::move(c));
}

}  // namespace rasd::store
