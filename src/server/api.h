// The JSON API of `rasd serve` (docs/api.md) as plain functions over a Store,
// separate from HTTP so that it can be tested and reused (`rasd export`).
//
// Thread-safety: free functions; the Store passed in is used by one thread.
#ifndef RASD_SERVER_API_H_
#define RASD_SERVER_API_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "rasd/pipeline.h"
#include "rasd/status.h"
#include "rasd/store.h"

namespace rasd::server {

// Decoded query parameters (a name may repeat).
using Params = std::multimap<std::string, std::string>;

inline constexpr const char* kJsonType = "application/json; charset=utf-8";

enum class ExportFormat { kCsv, kJsonl, kGdelt };

// An event query written out whole (format=csv|jsonl, `rasd export`).
struct ExportQuery {
  EventFilter filter;
  size_t offset = 0;
  size_t limit = kMaxExportRows;
  ExportFormat format = ExportFormat::kCsv;
  int dedup_days = -1;  // >= 0: deduplicate across articles within this window (rasd/export.h).
};

struct ApiResponse {
  int status = 200;
  std::string content_type = kJsonType;
  std::string body;
  std::string filename;                     // Set: sent as an attachment with this name.
  std::optional<ExportQuery> export_query;  // Set: the body is WriteExport's output.
};

// Answers GET `path` (which starts with /api) with `params`. Never throws;
// bad parameters give 400, unknown ids or paths 404, store failures 500.
ApiResponse HandleApi(Store* store, std::string_view path, const Params& params);

// ---- Writes (docs/api.md, "Writing"; docs/security.md) ----------------------

inline constexpr size_t kMaxUploadDocuments = 1000;  // Per POST /api/documents.
inline constexpr size_t kMaxIdBytes = 512;           // Document and event ids.
inline constexpr size_t kMinTokenBytes = 16;         // Shortest accepted write token.

// Answers a write request, after the caller has checked its token
// (CheckWriteAuth):
//   POST /api/documents      body: one JSON document, a JSON array of them, or
//                            JSON lines (fields of docs/readers.md; `id` and
//                            `text` required): coded with `pipeline` and
//                            stored in one transaction (all or nothing);
//   DELETE /api/documents/ID the document with its sentences, mentions, events.
// Other methods and paths give 405 / 404. Never throws.
ApiResponse HandleApiWrite(Store* store, const Pipeline& pipeline, std::string_view method,
                           std::string_view path, std::string_view body);

// Whether `method` on `path` writes (needs the token): POST, PUT, PATCH, DELETE under /api/.
bool IsWriteRequest(std::string_view method, std::string_view path);

// The token check of write requests. `configured`: the server's token (empty:
// writes are disabled, 403); `authorization`: the request's Authorization
// header, which must be "Bearer <token>" (else 401). status 0: allowed.
struct AuthDecision {
  int status = 0;
  std::string message;
};
AuthDecision CheckWriteAuth(std::string_view configured, std::string_view authorization);

// Compares a secret with a given value in time that depends only on the
// secret's length, not on where they differ.
bool ConstantTimeEquals(std::string_view secret, std::string_view given);

// Parses the event filters of docs/api.md ("Filters"). InvalidArgument names
// the parameter and the reason.
Status ParseEventFilter(const Params& params, EventFilter* out);

// Parses filters + offset/limit/format for an export.
Status ParseExportQuery(const Params& params, ExportQuery* out);

// Streams the rows of an export through `write` (return false to stop): CSV
// with a header line, or one event JSON object a line.
Status WriteExport(Store* store, const ExportQuery& q, const std::function<bool(std::string_view)>& write);

// `s` with invalid UTF-8 and NULs replaced by U+FFFD.
std::string CleanText(std::string_view s);

// JSON of the objects in docs/api.md.
void AppendEventJson(const StoredEvent& e, std::string* out);        // EVENT
void AppendDocumentJson(const StoredDocument& d, std::string* out);  // DOCUMENT
void AppendErrorJson(std::string_view message, std::string* out);

// The CSV header line of event exports (with '\n').
const std::string& CsvHeader();
void AppendCsvRow(const StoredEvent& e, std::string* out);

}  // namespace rasd::server

#endif  // RASD_SERVER_API_H_
