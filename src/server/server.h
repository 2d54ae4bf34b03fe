// `rasd serve`: the HTTP server over a store. JSON API under /api/ (see
// src/server/api.h and docs/api.md), the analyst web UI's static files at /.
//
// Thread-safety: Stop() may be called from any thread (e.g. a signal
// watcher) while Run() blocks in another.
#ifndef RASD_SERVER_SERVER_H_
#define RASD_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "rasd/status.h"

namespace rasd::server {

struct ServerOptions {
  std::string db = "rasd.db";  // Store URL (see Store::Open).
  std::string host = "127.0.0.1";
  int port = 8080;            // 0: any free port.
  std::string web_dir;        // Empty: DefaultWebDir().
  int threads = 8;            // Request threads (and at most as many store connections).
  bool log_requests = false;  // One line per request on stderr.
};

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
