// `rasd serve`: the HTTP server over a store. JSON API under /api/ (see
// src/server/api.h and docs/api.md), the analyst web UI's static files at /.
//
// Thread-safety: Stop() may be called from any thread (e.g. a signal
// watcher) while Run() blocks in another.
#ifndef RASD_SERVER_SERVER_H_
#define RASD_SERVER_SERVER_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "rasd/pipeline.h"
#include "rasd/status.h"

namespace rasd::server {

struct ServerOptions {
  std::string db = "rasd.db";  // Store URL (see Store::Open).
  std::string host = "127.0.0.1";
  int port = 8080;            // 0: any free port.
  std::string web_dir;        // Empty: DefaultWebDir().
  int threads = 8;            // Request threads (and at most as many store connections).
  bool log_requests = false;  // One line per request on stderr.

  // Hardening (docs/security.md).
  // A host that is not a loopback address is refused unless this is set.
  bool allow_remote = false;
  // Write endpoints (POST /api/documents, DELETE /api/documents/ID) need
  // "Authorization: Bearer <token>"; empty: they are disabled (403). At least
  // kMinTokenBytes bytes. Setting it loads the pipeline (`pipeline`) at start.
  std::string token;
  PipelineOptions pipeline;
  size_t max_body_bytes = 1 << 20;  // Larger request bodies: 413.
  size_t max_target_bytes = 4096;   // Longer path + query string: 414.
  // Value of Access-Control-Allow-Origin on API responses; empty: no CORS
  // header, so other web sites cannot read the API from a visitor's browser.
  std::string cors_origin;
};

// True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost.
bool IsLoopbackHost(const std::string& host);

// The security headers every response carries (Content-Security-Policy,
// X-Content-Type-Options, X-Frame-Options, Referrer-Policy ...), as name/value pairs.
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// With a loopback bind, a request's Host header must name this machine
// (localhost, 127.x.y.z, [::1], with any port): a web page that re-points its
// own domain at 127.0.0.1 (DNS rebinding) cannot read or write the API.
bool IsLoopbackHostHeader(const std::string& host_header);

// <dir of the rasd binary>/web when it holds index.html, else
// <source tree>/web/dist (RASD_SOURCE_DIR).
std::string DefaultWebDir();

// MIME type for a file name's extension ("application/octet-stream" if unknown).
const char* MimeType(const std::string& path);

// Maps a request path to a file under `root`, refusing traversal: the
// relative path may not contain "..", "." segments, backslashes or NULs.
// InvalidArgument on a refused path.
Result<std::string> ResolveStaticPath(const std::string& root, const std::string& request_path);

class Server {
 public:
  // Opens the store once to check it (NotFound when a SQLite file is absent).
  static Result<std::unique_ptr<Server>> Create(const ServerOptions& opts);
  ~Server();

  // Binds the socket; returns the port (the real one when opts.port was 0).
  Result<int> Bind();
  // Serves until Stop(). Returns an error if serving failed.
  Status Run();
  void Stop();

  const std::string& web_dir() const;

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::server

#endif  // RASD_SERVER_SERVER_H_
