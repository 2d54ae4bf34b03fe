// Store::Open (choosing the backend from the URL), content hashes, and the
// helpers shared by every backend.
#include "rasd/store.h"

#include <cstdio>

#include "store/schema.h"
#include "store/search.h"
#include "store/sql_store.h"

namespace rasd {

std::string EngineVersion() { return std::string("rasd ") + RASD_VERSION; }

std::string DocumentContentHash(const Document& doc, const std::string& engine) {
  // Two independent 64-bit FNV-1a lanes over length-prefixed fields: 128 bits
  // is plenty to notice a changed document.
  uint64_t a = 1469598103934665603ull, b = 0x84222325cbf29ce4ull;
  auto mix = [&](std::string_view s) {
    const std::string len = std::to_string(s.size()) + ":";
    for (std::string_view part : {std::string_view(len), s}) {
      for (unsigned char c : part) {
        a = (a ^ c) * 1099511628211ull;
        b = (b ^ (c + 0x5bu)) * 0x100000001b3ull ^ (b >> 29);
      }
    }
  };
  mix(doc.text);
  mix(doc.published);
  mix(engine);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

const char* PutOutcomeName(PutOutcome o) {
  switch (o) {
    case PutOutcome::kNew:
      return "new";
    case PutOutcome::kReplaced:
      return "replaced";
    case PutOutcome::kUnchanged:
      return "unchanged";
  }
  return "?";
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& url, const StoreOptions& opts) {
  const std::string engine = opts.engine.empty() ? EngineVersion() : opts.engine;
  std::unique_ptr<store::SqlConn> conn;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    auto c = store::OpenPostgres(url);
    if (!c.ok()) return c.status();
    conn = std::move(c.value());
  } else {
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    // sqlite:///abs/path and sqlite://rel are accepted too.
    if (path.rfind("//", 0) == 0) path = path.substr(2);
    auto c = store::OpenSqlite(path, opts.create_if_missing);
    if (!c.ok()) return c.status();
    conn = std::move(c.value());
  }
  Status st = store::Migrate(conn.get());
  if (!st.ok()) return st;
  return std::unique_ptr<Store>(std::make_unique<store::SqlStore>(std::move(conn), engine));
}

Result<std::vector<StoredEvent>> Store::ListEvents(const EventFilter& f, size_t offset, size_t limit) {
  std::vector<StoredEvent> out;
  Status st = ForEachEvent(f, offset, limit, [&](const StoredEvent& e) {
    out.push_back(e);
    return true;
  });
  if (!st.ok()) return st;
  return out;
}

std::string RedactedUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

Status ValidateSearchQuery(const std::string& q) {
  auto words = store::ParseSearchQuery(q);
  return words.status();
}

}  // namespace rasd
