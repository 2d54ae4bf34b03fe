// `rasd serve`: the JSON API and the analyst UI over a store.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <thread>

#include "command.h"
#include "rasd/store.h"
#include "server/server.h"

namespace rasd::cli {
namespace {

struct ServeOptions {
  server::ServerOptions server;
  std::string token;  // --token (else RASD_TOKEN)
  size_t max_body_kib = 1024;
};

int RunServe(ServeOptions o, const GlobalOptions& g) {
  server::ServerOptions& opts = o.server;
  opts.token = o.token;
  if (opts.token.empty()) {
    const char* env = std::getenv("RASD_TOKEN");
    if (env != nullptr) opts.token = env;
  }
  opts.max_body_bytes = o.max_body_kib << 10;
  opts.pipeline.data_dir = g.data_dir;
  // SIGINT/SIGTERM go to a watcher thread (blocked everywhere else, including
  // the request threads created later), which stops the server cleanly.
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto srv = server::Server::Create(opts);
  if (!srv.ok()) {
    std::fprintf(stderr, "rasd: %s\n", srv.status().message().c_str());
    return kExitFatal;
  }
  auto port = (*srv)->Bind();
  if (!port.ok()) {
    std::fprintf(stderr, "rasd: %s\n", port.status().message().c_str());
    return kExitFatal;
  }
  const std::string host = opts.host.find(':') != std::string::npos ? "[" + opts.host + "]" : opts.host;
  if (!server::IsLoopbackHost(opts.host)) {
    std::fprintf(
        stderr,
        "rasd: warning: listening on %s, reachable from other machines (--allow-remote). The API has "
        "no TLS and reads need no token: serve it behind a TLS proxy or a firewall (docs/security.md)\n",
        host.c_str());
  }
  std::fprintf(stderr, "rasd: write endpoints %s\n",
               opts.token.empty() ? "disabled (no --token or RASD_TOKEN)"
                                  : "enabled (POST /api/documents, DELETE /api/documents/ID with the token)");
  std::printf("rasd: serving http://%s:%d/ (database %s)\n", host.c_str(), *port,
              RedactedUrl(opts.db).c_str());
  std::fflush(stdout);

  std::atomic<bool> done{false};
  server::Server* s = srv->get();
  std::thread watcher([&] {
    const timespec tick{0, 200 * 1000 * 1000};
    while (!done) {
      const int sig = sigtimedwait(&sigs, nullptr, &tick);
      if (sig == SIGINT || sig == SIGTERM) {
        std::fprintf(stderr, "rasd: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
        s->Stop();
        return;
      }
    }
  });
  Status st = s->Run();
  done = true;
  watcher.join();
  if (!st.ok()) {
    std::fprintf(stderr, "rasd: %s\n", st.message().c_str());
    return kExitFatal;
  }
  return kExitOk;
}

const CommandRegistrar kServe(
    "serve",
    "Serve a store over HTTP: the JSON API (docs/api.md) under /api/ and the analyst UI at /.\n"
    "Prints `rasd: serving http://HOST:PORT/ (database DB)`; Ctrl-C or SIGTERM stops it.\n"
    "Listens on 127.0.0.1 only unless --allow-remote; write endpoints need --token or\n"
    "RASD_TOKEN (docs/security.md).",
    60, [](CLI::App* sub, const GlobalOptions* g, int* exit_code) {
      auto o = std::make_shared<ServeOptions>();
      server::ServerOptions* s = &o->server;
      sub->add_option("--db", s->db, "database: a SQLite file (default rasd.db) or postgresql://...")
          ->capture_default_str();
      sub->add_option("--host", s->host, "address to listen on (a non-loopback one needs --allow-remote)")
          ->capture_default_str();
      sub->add_flag("--allow-remote", s->allow_remote,
                    "allow --host to be an address other machines can reach (prints a warning)");
      sub->add_option("--port", s->port, "port (0: any free port)")
          ->capture_default_str()
          ->check(CLI::Range(0, 65535));
      sub->add_option("--web", s->web_dir,
                      "directory of the built web UI (default: <dir of rasd>/web, else <source>/web/dist)");
      sub->add_option("--threads", s->threads, "request threads")
          ->capture_default_str()
          ->check(CLI::Range(1, 256));
      sub->add_option("--token", o->token,
                      "token enabling the write endpoints (default: $RASD_TOKEN; at least 16 characters; "
                      "prefer the variable: options show in ps)");
      sub->add_option("--max-body", o->max_body_kib, "largest request body in KiB (larger: 413)")
          ->capture_default_str()
          ->check(CLI::Range(1, 1 << 20));
      sub->add_option("--cors-origin", s->cors_origin,
                      "send Access-Control-Allow-Origin with this value (default: none; other sites "
                      "cannot read the API from a browser)");
      sub->add_flag("--log", s->log_requests, "log each request on stderr");
      sub->callback([o, g, exit_code]() { *exit_code = RunServe(*o, *g); });
    });

}  // namespace
}  // namespace rasd::cli
