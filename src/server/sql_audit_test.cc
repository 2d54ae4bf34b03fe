// SQL injection audit: every value a request carries reaches the database as
// a bound parameter, never inside SQL text. The store runs over a connection
// that records each statement's text and parameters; every endpoint (reads and
// writes) is called with hostile values holding a marker, and no statement text
// may contain the marker while the parameters must (so the values did get as
// far as the database). Run against SQLite and, where a server can be started,
// PostgreSQL (the dialects build different SQL for search).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "rasd/pipeline.h"
#include "server/api.h"
#include "store/sql.h"
#include "store/sql_store.h"
#include "store/store_testing.h"

namespace rasd::server {
namespace {

using store::SqlConn;
using store::SqlValue;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Forwards to a real connection, keeping every SQL text and text parameter.
class RecordingConn : public SqlConn {
 public:
  RecordingConn(std::unique_ptr<SqlConn> inner, std::vector<std::string>* sql,
                std::vector<std::string>* params)
      : inner_(std::move(inner)), sql_(sql), params_(params) {}
  store::Dialect dialect() const override { return inner_->dialect(); }
  Status Exec(const std::string& sql) override {
    sql_->push_back(sql);
    return inner_->Exec(sql);
  }
  Status Query(const std::string& sql, const std::vector<SqlValue>& params, const store::RowFn& fn,
               bool cached) override {
    sql_->push_back(sql);
    for (const SqlValue& v : params) {
      if (const auto* s = std::get_if<std::string>(&v)) params_->push_back(*s);
    }
    return inner_->Query(sql, params, fn, cached);
  }

 private:
  std::unique_ptr<SqlConn> inner_;
  std::vector<std::string>* sql_;
  std::vector<std::string>* params_;
};

class SqlAuditTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SqlAuditTest, RequestValuesNeverBecomeSqlText) {
  std::string why;
  store_testing::TempStore temp(GetParam(), &why);  // Creates and migrates the schema.
  if (temp.get() == nullptr) {
    if (GetParam() == "sqlite") FAIL() << why;
    GTEST_SKIP() << "PostgreSQL audit skipped: " << why;
  }
  PipelineOptions popts;
  popts.data_dir = std::string(RASD_BUILD_DIR) + "/data";
  auto pipeline = Pipeline::Load(popts);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();

  std::vector<std::string> sql, params;
  Result<std::unique_ptr<SqlConn>> conn =
      GetParam() == "sqlite" ? store::OpenSqlite(temp.url(), false) : store::OpenPostgres(temp.url());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  store::SqlStore audited(std::make_unique<RecordingConn>(std::move(conn.value()), &sql, &params),
                          EngineVersion());

  // The marker, inside values shaped like injections.
  const std::string m = "zqxmark";
  const std::vector<std::string> hostile = {
      m + "' OR '1'='1",
      m + "\"; DROP TABLE documents; --",
      m + "') UNION SELECT * FROM events --",
      m + "\\' --",
      m + "%_*",
  };
  const std::string doc_id = m + "'); DELETE FROM events; --";
  const std::string upload = nlohmann::json{
      {"id", doc_id},
      {"title", m + "' title"},
      {"text", "دعت روسيا الجزائر إلى الحوار " + m + "'; --"},
      {"url", "https://example.com/" + m + "'"},
      {"source", m + "\""}}.dump();
  ApiResponse r = HandleApiWrite(&audited, **pipeline, "POST", "/api/documents", upload);
  ASSERT_EQ(r.status, 201) << r.body;

  size_t requests = 0;
  auto get = [&](const std::string& path, const Params& p) {
    ApiResponse resp = HandleApi(&audited, path, p);
    EXPECT_LT(resp.status, 500) << path << ": " << resp.body;
    if (resp.export_query) {
      EXPECT_TRUE(WriteExport(&audited, *resp.export_query, [](std::string_view) { return true; }).ok());
    }
    ++requests;
  };
  for (const std::string& v : hostile) {
    // Free-text values.
    for (const char* path :
         {"/api/events", "/api/documents", "/api/actors", "/api/timeline", "/api/network"}) {
      get(path, {{"q", v}});
      get(path, {{"q", m + "*"}});
      get(path, {{"doc", v}});
    }
    get("/api/events", {{"doc", v}, {"format", "csv"}});
    get("/api/events/" + v, {});
    get("/api/documents/" + v, {});
  }
  // Values that must pass validation (codes are letters and digits) to reach the store.
  const std::string code = "ZQXMARK";
  for (const char* name : {"actor", "source", "target"}) get("/api/events", {{name, code}});
  get("/api/events", {{"plover", code}, {"root", "19"}, {"modality", "asserted"}});
  get("/api/events", {{"country", "ZQX"}, {"cameo", "0212"}, {"from", "2016-01-01"}, {"to", "2016-12-31"}});
  get("/api/events", {{"bbox", "1,2,3,4"}, {"attribution", "named"}});
  get("/api/documents/" + doc_id, {});
  r = HandleApiWrite(&audited, **pipeline, "DELETE", "/api/documents/" + doc_id, "");
  EXPECT_EQ(r.status, 200) << r.body;
  r = HandleApiWrite(&audited, **pipeline, "DELETE", "/api/documents/" + hostile[0], "");
  EXPECT_EQ(r.status, 404) << r.body;

  ASSERT_GT(sql.size(), requests);
  for (const std::string& text : sql) {
    EXPECT_EQ(Lower(text).find(m), std::string::npos)
        << "request value inside SQL text: " << text.substr(0, 300);
    EXPECT_EQ(text.find("ZQX"), std::string::npos) << "code inside SQL text: " << text.substr(0, 300);
  }
  // The values did reach the database, as parameters.
  const auto in_params = [&](const std::string& needle) {
    return std::any_of(params.begin(), params.end(), [&](const std::string& p) {
      return Lower(p).find(Lower(needle)) != std::string::npos;
    });
  };
  EXPECT_TRUE(in_params(doc_id));
  EXPECT_TRUE(in_params(hostile[1]));
  EXPECT_TRUE(in_params("ZQXMARK"));
  EXPECT_TRUE(in_params(m));  // The search terms (FTS5 expression / text[] literal).
}

INSTANTIATE_TEST_SUITE_P(Backends, SqlAuditTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace rasd::server
