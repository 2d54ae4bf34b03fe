// The HTTP layer of `rasd serve` (cpp-httplib): routes /api/ to HandleApi
// with a pool of store connections, serves the web UI's files, and turns any
// failure into a JSON error instead of a crash.
#include "server/server.h"

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

}  // namespace

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

  explicit Impl(const ServerOptions& o)
      : opts(o),
        web_dir(o.web_dir.empty() ? DefaultWebDir() : o.web_dir),
        pool(o.db, std::max(o.threads, 1)) {}

  void Json(httplib::Response& res, int status, const std::string& body) {
    res.status = status;
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Cache-Control", "no-store");
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
      res.set_header("Access-Control-Allow-Origin", "*");
      res.set_header("Cache-Control", "no-store");
      res.set_content(std::move(r.body), r.content_type.c_str());
      return;
    }
    // Exports stream: the provider runs after this handler returns, on this
    // thread, with a store connection of its own.
    res.status = 200;
    res.set_header("Access-Control-Allow-Origin", "*");
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

  void Route(const httplib::Request& req, httplib::Response& res) {
    try {
      const bool api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
      if (req.method != "GET" && req.method != "HEAD") {
        res.set_header("Allow", "GET, HEAD");
        ErrorJson(res, 405, "method " + req.method + " not allowed: the API is read-only (GET)");
      } else if (api) {
        Api(req, res);
      } else {
        Static(req, res);
      }
    } catch (const std::exception& e) {
      ErrorJson(res, 500, std::string("internal error: ") + e.what());
    } catch (...) {
      ErrorJson(res, 500, "internal error");
    }
    if (opts.log_requests) {
      std::lock_guard<std::mutex> lock(log_mu);
      std::fprintf(stderr, "rasd: %s %s -> %d\n", req.method.c_str(), req.target.c_str(), res.status);
    }
  }
};

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& opts) {
  StoreOptions so;
  so.create_if_missing = false;
  auto store = Store::Open(opts.db, so);  // Fails early on a missing or unreadable database.
  if (!store.ok()) return store.status();
  auto impl = std::make_unique<Impl>(opts);
  Impl* p = impl.get();
  const int threads = std::max(opts.threads, 1);
  p->http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  auto handler = [p](const httplib::Request& req, httplib::Response& res) { p->Route(req, res); };
  p->http.Get(".*", handler);
  p->http.Post(".*", handler);
  p->http.Put(".*", handler);
  p->http.Delete(".*", handler);
  p->http.Patch(".*", handler);
  p->http.Options(".*", handler);
  p->http.set_keep_alive_timeout(5);
  p->http.set_payload_max_length(1 << 20);
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
