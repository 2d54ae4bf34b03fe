// `rasd serve`: the JSON API and the analyst UI over a store.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <string>
#include <thread>

#include "command.h"
#include "rasd/store.h"
#include "server/server.h"

namespace rasd::cli {
namespace {

int RunServe(const server::ServerOptions& opts) {
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
    "Prints `rasd: serving http://HOST:PORT/ (database DB)`; Ctrl-C or SIGTERM stops it.",
    60, [](CLI::App* sub, const GlobalOptions* /*g*/, int* exit_code) {
      auto o = std::make_shared<server::ServerOptions>();
      sub->add_option("--db", o->db, "database: a SQLite file (default rasd.db) or postgresql://...")
          ->capture_default_str();
      sub->add_option("--host", o->host, "address to listen on")->capture_default_str();
      sub->add_option("--port", o->port, "port (0: any free port)")
          ->capture_default_str()
          ->check(CLI::Range(0, 65535));
      sub->add_option("--web", o->web_dir,
                      "directory of the built web UI (default: <dir of rasd>/web, else <source>/web/dist)");
      sub->add_option("--threads", o->threads, "request threads")
          ->capture_default_str()
          ->check(CLI::Range(1, 256));
      sub->add_flag("--log", o->log_requests, "log each request on stderr");
      sub->callback([o, exit_code]() { *exit_code = RunServe(*o); });
    });

}  // namespace
}  // namespace rasd::cli
