// The HTTP layer of `rasd serve` (cpp-httplib): routes /api/ to HandleApi
// with a pool of store connections, serves the web UI's files, and turns any
// failure into a JSON error instead of a crash.
#include "server/server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "rasd/store.h"
#include "rasd/text.h"
#include "server/api.h"

#ifdef RASD_HAVE_HTTPLIB
#include <httplib.h>
#endif

namespace rasd::server {
namespace fs = std::filesystem;

namespace {

constexpr const char* kWebNotBuilt = "web UI not built: run make run or cd web && npm ci && npm run build";

// Store connections shared by the request threads: each request borrows one.
class StorePool {
 public:
  StorePool(std::string url, size_t max) : url_(std::move(url)), max_(max) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (pool_ && store_) pool_->Return(std::move(store_), broken_);
    }
    Store* get() { return store_.get(); }
    void MarkBroken() { broken_ = true; }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
    bool broken_ = false;
  };

  Result<Lease> Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
    ++open_;
    lock.unlock();
    StoreOptions opts;
    opts.create_if_missing = false;
    auto s = Store::Open(url_, opts);
    if (!s.ok()) {
      std::lock_guard<std::mutex> relock(mu_);
      --open_;
      cv_.notify_one();
      return s.status();
    }
    return Lease(this, std::move(s.value()));
  }

 private:
  void Return(std::unique_ptr<Store> s, bool broken) {
    std::lock_guard<std::mutex> lock(mu_);
    if (broken) {
      --open_;  // Dropped: a fresh connection replaces it on demand.
    } else {
      idle_.push_back(std::move(s));
    }
    cv_.notify_one();
  }

  std::string url_;
  size_t max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Store>> idle_;
  size_t open_ = 0;
};

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  *ok = static_cast<bool>(in) || in.eof();
  return ss.str();
}

bool IsFile(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

// A request string for a log line: control characters (a decoded %0A could forge
// a log line) become '?', and it is cut at 300 bytes.
std::string LogSafe(std::string_view s) {
  std::string out(s.substr(0, 300));
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  if (s.size() > 300) out += "...";
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool IsLoopbackHost(const std::string& host) {
  std::string h = Lower(host);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost") return true;
  in_addr v4;
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6;
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) {
    if (IN6_IS_ADDR_LOOPBACK(&v6)) return true;
    // ::ffff:127.x.y.z
    return IN6_IS_ADDR_V4MAPPED(&v6) && v6.s6_addr[12] == 127;
  }
  return false;
}

bool IsLoopbackHostHeader(const std::string& host_header) {
  if (host_header.empty()) return true;  // HTTP/1.0 without Host: not a browser.
  std::string host = host_header;
  if (host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string::npos) return false;
    const std::string rest = host.substr(close + 1);
    if (!rest.empty() && (rest[0] != ':' || rest.find_first_not_of("0123456789", 1) != std::string::npos))
      return false;
    host = host.substr(0, close + 1);
  } else if (const size_t colon = host.find(':'); colon != std::string::npos) {
    if (host.find_first_not_of("0123456789", colon + 1) != std::string::npos) return false;
    host = host.substr(0, colon);
  }
  return !host.empty() && IsLoopbackHost(host);
}

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      // The UI is built to need nothing else: its own scripts, styles, fonts and
      // map data; no inline script, no eval, no other origin.
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  return kHeaders;
}

std::string DefaultWebDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path beside = exe.parent_path() / "web";
    if (IsFile(beside / "index.html")) return beside.string();
  }
  return std::string(RASD_SOURCE_DIR) + "/web/dist";
}

const char* MimeType(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".ttf", "font/ttf"},
      {".otf", "font/otf"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
  };
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash))
    return "application/octet-stream";
  std::string ext = path.substr(dot);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

Result<std::string> ResolveStaticPath(const std::string& root, const std::string& request_path) {
  std::string rel = request_path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) {
    return Status::InvalidArgument("bad path");
  }
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    if (slash == std::string::npos) slash = rel.size();
    const std::string_view seg = std::string_view(rel).substr(start, slash - start);
    if (seg == ".." || seg == ".")
      return Status::InvalidArgument("path may not contain '.' or '..' segments");
    start = slash + 1;
  }
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  // Belt and braces: the resolved file must lie inside the root.
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(root, ec);
  const fs::path full = fs::weakly_canonical(fs::path(root) / rel, ec);
  const std::string b = base.string(), f = full.string();
  if (ec || f.compare(0, b.size(), b) != 0 || (f.size() > b.size() && f[b.size()] != '/')) {
    return Status::InvalidArgument("path outside the web directory");
  }
  return f;
}

// ---- The server ---------------------------------------------------------------

#ifdef RASD_HAVE_HTTPLIB

struct Server::Impl {
  ServerOptions opts;
  std::string web_dir;
  StorePool pool;
  httplib::Server http;
  std::mutex log_mu;
  std::unique_ptr<Pipeline> pipeline;  // Loaded when writes are enabled (a token is set).

  explicit Impl(const ServerOptions& o)
      : opts(o),
        web_dir(o.web_dir.empty() ? DefaultWebDir() : o.web_dir),
        pool(o.db, std::max(o.threads, 1)) {}

  void ApiHeaders(httplib::Response& res) {
    if (!opts.cors_origin.empty()) res.set_header("Access-Control-Allow-Origin", opts.cors_origin);
    res.set_header("Cache-Control", "no-store");
  }

  void Json(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    ApiHeaders(res);
    res.set_content(body, kJsonType);
  }

  void ErrorJson(httplib::Response& res, int status, std::string_view message) {
    std::string body;
    AppendErrorJson(CleanText(message), &body);
    Json(res, status, body);
  }

  void Api(const httplib::Request& req, httplib::Response& res) {
    Params params;
    for (const auto& [k, v] : req.params) params.emplace(CleanText(k), CleanText(v));
    const std::string path = CleanText(req.path);
    auto lease = pool.Acquire();
    if (!lease.ok()) {
      ErrorJson(res, 500, "store: " + lease.status().message());
      return;
    }
    ApiResponse r = HandleApi(lease->get(), path, params);
    if (r.status >= 500) {
      lease->MarkBroken();  // A failed connection (PostgreSQL restart ...) is not reused.
      std::lock_guard<std::mutex> lock(log_mu);
      std::fprintf(stderr, "rasd: %s %s: %s\n", req.method.c_str(), path.c_str(), r.body.c_str());
    }
    if (!r.export_query) {
      res.status = r.status;
      ApiHeaders(res);
      res.set_content(std::move(r.body), r.content_type.c_str());
      return;
    }
    // Exports stream: the provider runs after this handler returns, on this
    // thread, with a store connection of its own.
    res.status = 200;
    ApiHeaders(res);
    res.set_header("Content-Disposition", "attachment; filename=\"" + r.filename + "\"");
    auto query = std::make_shared<ExportQuery>(*r.export_query);
    res.set_chunked_content_provider(r.content_type, [this, query](size_t, httplib::DataSink& sink) {
      auto lease = pool.Acquire();
      if (lease.ok()) {
        Status st = WriteExport(lease->get(), *query, [&](std::string_view chunk) {
          return sink.write(chunk.data(), chunk.size());
        });
        if (!st.ok()) {
          lease->MarkBroken();
          std::lock_guard<std::mutex> lock(log_mu);
          std::fprintf(stderr, "rasd: export failed: %s\n", st.message().c_str());
        }
      }
      sink.done();
      return true;
    });
  }

  void Static(const httplib::Request& req, httplib::Response& res) {
    const fs::path index = fs::path(web_dir) / "index.html";
    if (!IsFile(index)) {
      const bool wants_html = req.get_header_value("Accept").find("text/html") != std::string::npos;
      res.status = 503;
      if (wants_html) {
        res.set_content(std::string("<!doctype html><meta charset=utf-8><title>rasd</title><p>") +
                            kWebNotBuilt + " (looked in " + web_dir + ")</p>\n",
                        "text/html; charset=utf-8");
      } else {
        std::string body;
        AppendErrorJson(std::string(kWebNotBuilt) + " (looked in " + web_dir + ")", &body);
        res.set_content(body, kJsonType);
      }
      return;
    }
    auto file = ResolveStaticPath(web_dir, CleanText(req.path));
    if (!file.ok()) {
      ErrorJson(res, 400, file.status().message());
      return;
    }
    std::string path = *file;
    if (!IsFile(path)) {
      // Client-side routes (no extension) get the app; missing assets a 404.
      const std::string last = fs::path(path).filename().string();
      if (last.find('.') != std::string::npos && last != "index.html") {
        ErrorJson(res, 404, "no such file: " + req.path);
        return;
      }
      path = index.string();
    }
    bool ok = false;
    std::string body = ReadFile(path, &ok);
    if (!ok) {
      ErrorJson(res, 500, "cannot read " + path);
      return;
    }
    res.status = 200;
    res.set_header("Cache-Control", path == index.string() ? "no-cache" : "public, max-age=3600");
    res.set_content(std::move(body), MimeType(path));
  }

  void Log(const httplib::Request& req, int status, std::string_view what) {
    std::lock_guard<std::mutex> lock(log_mu);
    std::fprintf(stderr, "rasd: %s %s from %s -> %d%s%.*s\n", LogSafe(req.method).c_str(),
                 LogSafe(CleanText(req.path)).c_str(), req.remote_addr.c_str(), status,
                 what.empty() ? "" : ": ", static_cast<int>(what.size()), what.data());
  }

  // POST /api/documents, DELETE /api/documents/ID: token first, then the store.
  void Write(const httplib::Request& req, httplib::Response& res) {
    const AuthDecision auth = CheckWriteAuth(opts.token, req.get_header_value("Authorization"));
    if (auth.status != 0) {
      if (auth.status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"rasd\"");
      ErrorJson(res, auth.status, auth.message);
      Log(req, auth.status, auth.message);
      return;
    }
    if (!pipeline) {
      ErrorJson(res, 503, "the pipeline is not loaded");
      return;
    }
    auto lease = pool.Acquire();
    if (!lease.ok()) {
      ErrorJson(res, 500, "store: " + lease.status().message());
      return;
    }
    ApiResponse r = HandleApiWrite(lease->get(), *pipeline, req.method, CleanText(req.path), req.body);
    if (r.status >= 500) lease->MarkBroken();
    // Every write is logged, whatever --log says: who changed the store, and how.
    Log(req, r.status, r.status < 300 ? std::string_view() : std::string_view(r.body).substr(0, 300));
    res.status = r.status;
    ApiHeaders(res);
    res.set_content(std::move(r.body), r.content_type.c_str());
  }

  void Route(const httplib::Request& req, httplib::Response& res) {
    try {
      const bool api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
      const std::string host = req.get_header_value("Host");
      if (!opts.allow_remote && !IsLoopbackHostHeader(host)) {
        ErrorJson(res, 421,
                  "Host " + std::string(host.substr(0, 100)) +
                      " is not this machine: a loopback server answers only localhost, 127.0.0.1 and [::1]");
      } else if (req.target.size() > opts.max_target_bytes) {
        ErrorJson(res, 414, "request target longer than " + std::to_string(opts.max_target_bytes) + " bytes");
      } else if (req.method == "GET" || req.method == "HEAD") {
        if (api) {
          Api(req, res);
        } else {
          Static(req, res);
        }
      } else if (IsWriteRequest(req.method, req.path)) {
        Write(req, res);
      } else {
        res.set_header("Allow", "GET, HEAD");
        ErrorJson(res, 405,
                  "method " + req.method.substr(0, 20) +
                      " not allowed: GET and HEAD, plus POST and DELETE on /api/documents with a token");
      }
    } catch (const std::exception& e) {
      ErrorJson(res, 500, std::string("internal error: ") + e.what());
    } catch (...) {
      ErrorJson(res, 500, "internal error");
    }
    if (opts.log_requests) {
      std::lock_guard<std::mutex> lock(log_mu);
      std::fprintf(stderr, "rasd: %s %s -> %d\n", LogSafe(req.method).c_str(),
                   LogSafe(CleanText(req.target)).c_str(), res.status);
    }
  }
};

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& opts) {
  if (!opts.allow_remote && !IsLoopbackHost(opts.host)) {
    return Status::InvalidArgument("refusing to listen on " + opts.host +
                                   ": not a loopback address, so other machines could reach the API; pass "
                                   "--allow-remote to serve them (docs/security.md)");
  }
  if (!opts.token.empty()) {
    if (opts.token.size() < kMinTokenBytes) {
      return Status::InvalidArgument("the write token is too short: use at least " +
                                     std::to_string(kMinTokenBytes) +
                                     " characters (e.g. RASD_TOKEN=$(openssl rand -hex 24))");
    }
    for (char c : opts.token) {
      if (c <= ' ' || c > '~') {
        return Status::InvalidArgument("the write token must be printable ASCII without spaces");
      }
    }
  }
  StoreOptions so;
  so.create_if_missing = false;
  auto store = Store::Open(opts.db, so);  // Fails early on a missing or unreadable database.
  if (!store.ok()) return store.status();
  auto impl = std::make_unique<Impl>(opts);
  Impl* p = impl.get();
  if (!opts.token.empty()) {
    auto pipeline = Pipeline::Load(opts.pipeline);
    if (!pipeline.ok()) {
      return Status::IoError("cannot enable the write endpoints: " + pipeline.status().message());
    }
    p->pipeline = std::move(pipeline.value());
  }
  const int threads = std::max(opts.threads, 1);
  p->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  auto handler = [p](const httplib::Request& req, httplib::Response& res) { p->Route(req, res); };
  // Every path, including ones with a decoded newline (".*" would not match
  // them and httplib would answer on its own).
  static const char* const kAnyPath = "[\\s\\S]*";
  p->http.Get(kAnyPath, handler);
  p->http.Post(kAnyPath, handler);
  p->http.Put(kAnyPath, handler);
  p->http.Delete(kAnyPath, handler);
  p->http.Patch(kAnyPath, handler);
  p->http.Options(kAnyPath, handler);
  p->http.set_keep_alive_timeout(5);
  p->http.set_read_timeout(10);  // A client that stops sending mid-request loses its thread after 10 s.
  p->http.set_write_timeout(30);
  p->http.set_payload_max_length(opts.max_body_bytes);
  httplib::Headers security;
  for (const auto& [name, value] : SecurityHeaders()) security.emplace(name, value);
  p->http.set_default_headers(security);
  // Errors httplib answers itself (413 body too large, 414, 400 malformed
  // request) get a JSON body like every other error.
  const size_t max_body = opts.max_body_bytes;
  p->http.set_error_handler([max_body](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message;
    switch (res.status) {
      case 413:
        message = "request body larger than " + std::to_string(max_body) + " bytes";
        break;
      case 414:
        message = "request target too long";
        break;
      case 404:
        message = "not found";
        break;
      default:
        message = "bad request (HTTP status " + std::to_string(res.status) + ")";
    }
    std::string body;
    AppendErrorJson(message, &body);
    res.set_content(body, kJsonType);
  });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Result<int> Server::Bind() {
  const ServerOptions& o = impl_->opts;
  if (o.port == 0) {
    const int port = impl_->http.bind_to_any_port(o.host);
    if (port <= 0) return Status::IoError("cannot listen on " + o.host + " (any port)");
    return port;
  }
  if (!impl_->http.bind_to_port(o.host, o.port)) {
    return Status::IoError("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                           " (in use? try --port 0 for any free port)");
  }
  return o.port;
}

Status Server::Run() {
  if (!impl_->http.listen_after_bind()) return Status::IoError("server stopped with an error");
  return Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

#else  // !RASD_HAVE_HTTPLIB

struct Server::Impl {
  std::string web_dir;
};

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions&) {
  return Status::Unsupported(
      "this rasd was built without cpp-httplib: install libcpp-httplib-dev (scripts/setup) and rebuild");
}
Result<int> Server::Bind() { return Status::Unsupported("no HTTP support"); }
Status Server::Run() { return Status::Unsupported("no HTTP support"); }
void Server::Stop() {}

#endif  // RASD_HAVE_HTTPLIB

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;
const std::string& Server::web_dir() const { return impl_->web_dir; }

}  // namespace rasd::server
