// Test helpers for the store: hand-built annotated documents, and a store on
// each backend (a temp SQLite file; a fresh database on a throwaway local
// PostgreSQL server started with scripts/pg-test-server, or a skip reason).
// Header-only; included by src/store/*_test.cc and src/server/*_test.cc.
#ifndef RASD_STORE_STORE_TESTING_H_
#define RASD_STORE_STORE_TESTING_H_

#include <libpq-fe.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "rasd/document.h"
#include "rasd/store.h"

namespace rasd::store_testing {

// Byte span of the first `needle` in `text` at or after `from` (empty if absent).
inline Span Find(const std::string& text, const std::string& needle, size_t from = 0) {
  const size_t p = text.find(needle, from);
  if (p == std::string::npos) return Span{};
  return Span{static_cast<uint32_t>(p), static_cast<uint32_t>(p + needle.size())};
}

// A document whose sentences are its lines.
inline AnnotatedDocument MakeDoc(const std::string& id, const std::string& text,
                                 const std::string& published) {
  AnnotatedDocument ad;
  ad.doc.id = id;
  ad.doc.text = text;
  ad.doc.title = text.substr(0, text.find('\n'));
  ad.doc.published = published;
  ad.doc.source = "test";
  size_t b = 0;
  while (b <= text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    if (e > b) ad.sentences.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    b = e + 1;
  }
  return ad;
}

inline uint32_t SentenceOf(const AnnotatedDocument& ad, Span s) {
  for (uint32_t i = 0; i < ad.sentences.size(); ++i) {
    if (s.begin >= ad.sentences[i].begin && s.end <= ad.sentences[i].end) return i;
  }
  return 0;
}

struct EventSpec {
  std::string id, trigger, source, source_code, target, target_code, cameo, root;
  double goldstein = 0;
  int quad = 1;
  std::string plover;
  Modality modality = Modality::kAsserted;
  AttributionKind attribution = AttributionKind::kNone;
  std::string attribution_text;
  std::string date;
  std::string place, place_country;
  double lat = 0, lon = 0;
};

// Adds an event (and matching actor/trigger/place mentions) to `ad`.
inline void AddEvent(AnnotatedDocument* ad, const EventSpec& s) {
  const std::string& t = ad->doc.text;
  Event ev;
  ev.doc_id = ad->doc.id;
  ev.event_id = s.id;
  ev.trigger = Find(t, s.trigger);
  ev.sentence_index = SentenceOf(*ad, ev.trigger);
  ev.sentence = ad->sentences.empty() ? Span{} : ad->sentences[ev.sentence_index];
  if (!s.source.empty()) ev.source = ActorRef{Find(t, s.source), s.source_code};
  if (!s.target.empty()) ev.target = ActorRef{Find(t, s.target), s.target_code};
  ev.cameo = s.cameo;
  ev.cameo_root = s.root;
  ev.goldstein = s.goldstein;
  ev.quad_class = s.quad;
  ev.plover_event = s.plover;
  ev.modality = s.modality;
  ev.attribution_kind = s.attribution;
  if (!s.attribution_text.empty()) ev.attribution = Find(t, s.attribution_text);
  ev.date = s.date;
  ev.date_precision = s.date.empty() ? "" : "day";
  if (!s.place.empty()) ev.location = Location{Find(t, s.place), "Place", s.place_country, s.lat, s.lon};
  ev.confidence = 0.8;
  ev.rule = "test";
  ad->events.push_back(ev);
  Mention trig;
  trig.kind = MentionKind::kTrigger;
  trig.span = ev.trigger;
  trig.code = s.cameo;
  ad->mentions.push_back(trig);
  for (const auto* a : {&ev.source, &ev.target}) {
    if (!a->has_value()) continue;
    Mention m;
    m.kind = MentionKind::kActor;
    m.span = (*a)->span;
    m.code = (*a)->code;
    ad->mentions.push_back(m);
  }
  if (ev.location) {
    Mention m;
    m.kind = MentionKind::kPlace;
    m.span = ev.location->span;
    m.country = s.place_country;
    m.name_en = "Place";
    m.lat = s.lat;
    m.lon = s.lon;
    m.has_coords = true;
    ad->mentions.push_back(m);
  }
}

// A throwaway PostgreSQL server shared by the tests of one process.
class PgServer {
 public:
  // The server, started on first use; nullptr with *why set when none can be.
  static PgServer* Get(std::string* why) {
    static PgServer* server = nullptr;
    static std::string reason;
    static bool tried = false;
    if (!tried) {
      tried = true;
      auto s = std::unique_ptr<PgServer>(new PgServer());
      if (s->Start(&reason)) {
        server = s.release();
        std::atexit([] { delete server; });
      }
    }
    *why = reason;
    return server;
  }

  // URL of a new, empty database on the server.
  std::string NewDatabase(std::string* why) {
    const std::string name = "rasd_test_" + std::to_string(++databases_);
    PGconn* c = PQconnectdb(url_.c_str());
    std::string url;
    if (PQstatus(c) != CONNECTION_OK) {
      *why = std::string("cannot connect to the test server: ") + PQerrorMessage(c);
    } else {
      PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
      if (PQresultStatus(r) == PGRES_COMMAND_OK) {
        url = "postgresql://rasd@/" + name + "?host=" + dir_ + "&port=5432";
      } else {
        *why = std::string("CREATE DATABASE failed: ") + PQresultErrorMessage(r);
      }
      PQclear(r);
    }
    PQfinish(c);
    return url;
  }

  ~PgServer() {
    if (!dir_.empty()) {
      const std::string cmd = Script() + " stop " + dir_ + " >/dev/null 2>&1";
      if (std::system(cmd.c_str()) != 0) std::fprintf(stderr, "pg-test-server stop failed\n");
    }
  }

 private:
  static std::string Script() { return std::string(RASD_SOURCE_DIR) + "/scripts/pg-test-server"; }

  bool Start(std::string* why) {
    char tmpl[] = "/tmp/rasd-pgtest-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
      *why = "cannot create a temporary directory";
      return false;
    }
    const std::string dir = tmpl;
    const std::string log = dir + ".start.log";
    const std::string cmd = Script() + " start " + dir + " >" + dir + ".url 2>" + log;
    const int rc = std::system(cmd.c_str());
    std::string url, err;
    if (FILE* f = std::fopen((dir + ".url").c_str(), "r")) {
      char buf[512];
      if (std::fgets(buf, sizeof buf, f)) url = buf;
      std::fclose(f);
    }
    if (FILE* f = std::fopen(log.c_str(), "r")) {
      char buf[1024];
      while (std::fgets(buf, sizeof buf, f)) err += buf;
      std::fclose(f);
    }
    std::remove((dir + ".url").c_str());
    std::remove(log.c_str());
    while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
    while (!err.empty() && err.back() == '\n') err.pop_back();
    if (rc != 0 || url.empty()) {
      *why = "no local PostgreSQL server could be started (scripts/pg-test-server): " +
             (err.empty() ? "exit status " + std::to_string(rc) : err);
      std::string ignored = Script() + " stop " + dir + " >/dev/null 2>&1";
      if (std::system(ignored.c_str()) != 0) std::filesystem::remove_all(dir);
      return false;
    }
    dir_ = dir;
    url_ = url;
    return true;
  }

  std::string dir_, url_;
  int databases_ = 0;
};

// A fresh store on `backend` ("sqlite" or "postgresql"); nullptr and *skip set
// when the backend is unavailable.
class TempStore {
 public:
  TempStore(const std::string& backend, std::string* skip, const StoreOptions& opts = {}) {
    if (backend == "sqlite") {
      char tmpl[] = "/tmp/rasd-storetest-XXXXXX";
      if (mkdtemp(tmpl) == nullptr) {
        *skip = "mkdtemp failed";
        return;
      }
      dir_ = tmpl;
      url_ = dir_ + "/test.db";
    } else {
      PgServer* server = PgServer::Get(skip);
      if (server == nullptr) return;
      url_ = server->NewDatabase(skip);
      if (url_.empty()) return;
    }
    auto s = Store::Open(url_, opts);
    if (!s.ok()) {
      *skip = "cannot open " + url_ + ": " + s.status().message();
      return;
    }
    store_ = std::move(s.value());
  }
  ~TempStore() {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  Store* get() { return store_.get(); }
  const std::string& url() const { return url_; }

 private:
  std::string dir_, url_;
  std::unique_ptr<Store> store_;
};

}  // namespace rasd::store_testing

#endif  // RASD_STORE_STORE_TESTING_H_
