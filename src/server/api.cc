// The API endpoints of docs/api.md over a Store. Every parameter is checked
// here, before the store sees it, so a bad query string is a 400 naming the
// parameter, never a crash or a SQL error.
#include "server/api.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unordered_set>
#include <vector>

#include "rasd/export.h"
#include "rasd/ingest.h"
#include "rasd/output.h"
#include "rasd/text.h"

namespace rasd::server {
namespace {

// ---- Parameters --------------------------------------------------------------

constexpr size_t kMaxQueryBytes = 1000;  // Full-text query `q`.

Status Bad(std::string_view name, const std::string& why) {
  return Status::InvalidArgument("parameter '" + std::string(name) + "': " + why);
}

// Quotes a user value for a message, shortened.
std::string Shown(std::string_view v) {
  std::string s(v.substr(0, 60));
  if (v.size() > 60) s += "...";
  return "'" + s + "'";
}

// The values of `name`, each split at commas, trimmed, empties dropped.
std::vector<std::string> List(const Params& p, const std::string& name) {
  std::vector<std::string> out;
  auto [b, e] = p.equal_range(name);
  for (auto it = b; it != e; ++it) {
    std::string_view v = it->second;
    while (!v.empty()) {
      const size_t comma = v.find(',');
      std::string_view item = v.substr(0, comma);
      while (!item.empty() && std::isspace(static_cast<unsigned char>(item.front()))) item.remove_prefix(1);
      while (!item.empty() && std::isspace(static_cast<unsigned char>(item.back()))) item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      v.remove_prefix(comma + 1);
    }
  }
  return out;
}

// The last non-empty value of `name` (trimmed), or "".
std::string One(const Params& p, const std::string& name) {
  std::string out;
  auto [b, e] = p.equal_range(name);
  for (auto it = b; it != e; ++it) {
    std::string_view v = it->second;
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.remove_prefix(1);
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.remove_suffix(1);
    if (!v.empty()) out = std::string(v);
  }
  return out;
}

bool AllOf(std::string_view s, int (*pred)(int)) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!pred(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

Status Code(const Params& p, const std::string& name, std::string* out) {
  const std::string v = One(p, name);
  if (v.empty()) return Status::Ok();
  if (v.size() > 32 || !AllOf(v, [](int c) { return std::isalnum(c) && c < 0x80 ? 1 : 0; })) {
    return Bad(name,
               "expected an actor code of letters and digits (e.g. USA, USAGOV, IGOUNO), got " + Shown(v));
  }
  *out = Upper(v);
  return Status::Ok();
}

bool ValidDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  const int y = std::atoi(s.substr(0, 4).c_str()), m = std::atoi(s.substr(5, 2).c_str()),
            d = std::atoi(s.substr(8, 2).c_str());
  if (m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

Status Date(const Params& p, const std::string& name, std::string* out) {
  const std::string v = One(p, name);
  if (v.empty()) return Status::Ok();
  if (!ValidDate(v)) return Bad(name, "expected a date YYYY-MM-DD, got " + Shown(v));
  *out = v;
  return Status::Ok();
}

Status Enum(const Params& p, const std::string& name, const std::vector<std::string>& allowed,
            std::vector<std::string>* out) {
  for (const std::string& raw : List(p, name)) {
    std::string v;
    for (char c : raw) v.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    bool ok = false;
    for (const auto& a : allowed) ok = ok || a == v;
    if (!ok) {
      std::string all;
      for (const auto& a : allowed) all += (all.empty() ? "" : ", ") + a;
      return Bad(name, "expected one of " + all + ", got " + Shown(raw));
    }
    out->push_back(v);
  }
  return Status::Ok();
}

// A non-negative integer; `*out` keeps its default when absent.
Status Count(const Params& p, const std::string& name, int64_t max, int64_t* out) {
  const std::string v = One(p, name);
  if (v.empty()) return Status::Ok();
  if (v.size() > 12 || !AllOf(v, [](int c) { return std::isdigit(c) ? 1 : 0; })) {
    return Bad(name, "expected a non-negative integer, got " + Shown(v));
  }
  const int64_t n = std::strtoll(v.c_str(), nullptr, 10);
  if (n > max) return Bad(name, "at most " + std::to_string(max) + ", got " + v);
  *out = n;
  return Status::Ok();
}

// offset/limit: limit is clamped to `max_limit` (the response says so).
Status Page(const Params& p, size_t default_limit, size_t max_limit, size_t* offset, size_t* limit) {
  int64_t o = 0, l = static_cast<int64_t>(default_limit);
  RASD_RETURN_IF_ERROR(Count(p, "offset", 1000000000, &o));
  RASD_RETURN_IF_ERROR(Count(p, "limit", 999999999999, &l));
  *offset = static_cast<size_t>(o);
  *limit = std::min(static_cast<size_t>(l), max_limit);
  return Status::Ok();
}

Status Choice(const Params& p, const std::string& name, const std::vector<std::string>& allowed,
              std::string* out) {
  const std::string v = One(p, name);
  if (v.empty()) return Status::Ok();
  for (const auto& a : allowed) {
    if (a == v) {
      *out = v;
      return Status::Ok();
    }
  }
  std::string all;
  for (const auto& a : allowed) all += (all.empty() ? "" : ", ") + a;
  return Bad(name, "expected one of " + all + ", got " + Shown(v));
}

// ---- Responses ---------------------------------------------------------------

ApiResponse Error(int status, std::string_view message) {
  ApiResponse r;
  r.status = status;
  AppendErrorJson(message, &r.body);
  return r;
}

ApiResponse FromStatus(const Status& st) {
  switch (st.code()) {
    case Status::Code::kInvalidArgument:
      return Error(400, st.message());
    case Status::Code::kNotFound:
      return Error(404, st.message());
    default:
      return Error(500, "store: " + st.message());
  }
}

void Num(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.6g", v);
  out->append(buf, n);
}

void StrOrNull(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
  } else {
    AppendJsonString(s, out);
  }
}

ApiResponse Events(Store* store, const Params& p) {
  std::string format = "json";
  Status st = Choice(p, "format", {"json", "csv", "jsonl", "gdelt"}, &format);
  if (!st.ok()) return FromStatus(st);
  if (format != "json") {
    ExportQuery q;
    st = ParseExportQuery(p, &q);
    if (!st.ok()) return FromStatus(st);
    // Run the count first so that store errors are a 500, not a broken download.
    auto total = store->CountEvents(q.filter);
    if (!total.ok()) return FromStatus(total.status());
    ApiResponse r;
    r.content_type = format == "csv"     ? "text/csv; charset=utf-8"
                     : format == "gdelt" ? "text/tab-separated-values; charset=utf-8"
                                         : "application/x-ndjson; charset=utf-8";
    r.filename = format == "csv" ? "rasd-events.csv" : format == "gdelt" ? "rasd-events.gdelt.tsv" : "rasd-events.jsonl";
    r.export_query = q;
    return r;
  }
  EventFilter f;
  size_t offset = 0, limit = 0;
  st = ParseEventFilter(p, &f);
  if (st.ok()) st = Page(p, kDefaultPageSize, kMaxPageSize, &offset, &limit);
  if (!st.ok()) return FromStatus(st);
  auto total = store->CountEvents(f);
  if (!total.ok()) return FromStatus(total.status());
  ApiResponse r;
  std::string& out = r.body;
  out = "{\"total\":" + std::to_string(*total) + ",\"offset\":" + std::to_string(offset) +
        ",\"limit\":" + std::to_string(limit) + ",\"events\":[";
  bool first = true;
  st = store->ForEachEvent(f, offset, limit, [&](const StoredEvent& e) {
    if (!first) out.push_back(',');
    first = false;
    AppendEventJson(e, &out);
    return true;
  });
  if (!st.ok()) return FromStatus(st);
  out += "]}";
  return r;
}

ApiResponse EventById(Store* store, const std::string& id) {
  if (id.size() > kMaxIdBytes)
    return Error(400, "event id longer than " + std::to_string(kMaxIdBytes) + " bytes");
  auto ev = store->GetEvent(id);
  if (!ev.ok()) return FromStatus(ev.status());
  auto doc = store->GetDocument(ev->doc_id);
  if (!doc.ok()) return FromStatus(doc.status());
  ApiResponse r;
  r.body = "{\"event\":";
  AppendEventJson(*ev, &r.body);
  r.body += ",\"document\":";
  AppendDocumentJson(*doc, &r.body);
  r.body += "}";
  return r;
}

ApiResponse Documents(Store* store, const Params& p) {
  const std::string q = One(p, "q");
  size_t offset = 0, limit = 0;
  Status st = Page(p, kDefaultPageSize, kMaxPageSize, &offset, &limit);
  if (st.ok() && q.size() > kMaxQueryBytes)
    st = Bad("q", "longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  if (st.ok() && !q.empty()) {
    st = ValidateSearchQuery(q);
    if (!st.ok()) st = Bad("q", st.message());
  }
  if (!st.ok()) return FromStatus(st);
  auto total = store->CountDocuments(q);
  if (!total.ok()) return FromStatus(total.status());
  auto docs = store->ListDocuments(q, offset, limit);
  if (!docs.ok()) return FromStatus(docs.status());
  ApiResponse r;
  std::string& out = r.body;
  out = "{\"total\":" + std::to_string(*total) + ",\"offset\":" + std::to_string(offset) +
        ",\"limit\":" + std::to_string(limit) + ",\"documents\":[";
  for (size_t i = 0; i < docs->size(); ++i) {
    const DocumentSummary& d = (*docs)[i];
    if (i) out.push_back(',');
    out += "{\"id\":";
    AppendJsonString(d.id, &out);
    out += ",\"title\":";
    AppendJsonString(d.title, &out);
    out += ",\"published\":";
    StrOrNull(d.published, &out);
    out += ",\"source\":";
    StrOrNull(d.source, &out);
    out += ",\"url\":";
    StrOrNull(d.url, &out);
    out += ",\"events\":" + std::to_string(d.events) + ",\"snippet\":";
    AppendJsonString(d.snippet, &out);
    out += ",\"match\":";
    if (d.match) {
      out += "{\"start\":" + std::to_string(d.match->first) + ",\"end\":" + std::to_string(d.match->second) +
             "}";
    } else {
      out += "null";
    }
    out += "}";
  }
  out += "]}";
  return r;
}

ApiResponse DocumentById(Store* store, const std::string& id) {
  if (id.size() > kMaxIdBytes)
    return Error(400, "document id longer than " + std::to_string(kMaxIdBytes) + " bytes");
  auto doc = store->GetDocument(id);
  if (!doc.ok()) return FromStatus(doc.status());
  ApiResponse r;
  AppendDocumentJson(*doc, &r.body);
  return r;
}

ApiResponse Actors(Store* store, const Params& p) {
  EventFilter f;
  std::string role = "any";
  int64_t limit = 100;
  Status st = ParseEventFilter(p, &f);
  if (st.ok()) st = Choice(p, "role", {"any", "source", "target"}, &role);
  if (st.ok()) st = Count(p, "limit", 999999999999, &limit);
  if (!st.ok()) return FromStatus(st);
  const ActorRole r = role == "source"   ? ActorRole::kSource
                      : role == "target" ? ActorRole::kTarget
                                         : ActorRole::kAny;
  auto actors = store->Actors(f, r, std::min<int64_t>(limit, 1000));
  if (!actors.ok()) return FromStatus(actors.status());
  ApiResponse resp;
  std::string& out = resp.body;
  out = "{\"actors\":[";
  for (size_t i = 0; i < actors->size(); ++i) {
    const ActorCount& a = (*actors)[i];
    if (i) out.push_back(',');
    out += "{\"code\":";
    AppendJsonString(a.code, &out);
    const int64_t count = r == ActorRole::kSource   ? a.as_source
                          : r == ActorRole::kTarget ? a.as_target
                                                    : a.count;
    out += ",\"count\":" + std::to_string(count) + ",\"as_source\":" + std::to_string(a.as_source) +
           ",\"as_target\":" + std::to_string(a.as_target) + "}";
  }
  out += "]}";
  return resp;
}

ApiResponse Timeline(Store* store, const Params& p) {
  EventFilter f;
  std::string interval = "day", by = "root";
  Status st = ParseEventFilter(p, &f);
  if (st.ok()) st = Choice(p, "interval", {"day", "week"}, &interval);
  if (st.ok()) st = Choice(p, "by", {"root", "quad", "plover"}, &by);
  if (!st.ok()) return FromStatus(st);
  auto series = store->Timeline(f, interval == "week" ? TimelineInterval::kWeek : TimelineInterval::kDay,
                                by == "quad"     ? TimelineKey::kQuad
                                : by == "plover" ? TimelineKey::kPlover
                                                 : TimelineKey::kRoot);
  if (!series.ok()) return FromStatus(series.status());
  ApiResponse r;
  std::string& out = r.body;
  out = "{\"interval\":\"" + interval + "\",\"by\":\"" + by + "\",\"series\":[";
  for (size_t i = 0; i < series->size(); ++i) {
    const TimelineSeries& s = (*series)[i];
    if (i) out.push_back(',');
    out += "{\"key\":";
    AppendJsonString(s.key, &out);
    out += ",\"total\":" + std::to_string(s.total) + ",\"points\":[";
    for (size_t j = 0; j < s.points.size(); ++j) {
      if (j) out.push_back(',');
      out += "{\"date\":";
      AppendJsonString(s.points[j].first, &out);
      out += ",\"count\":" + std::to_string(s.points[j].second) + "}";
    }
    out += "]}";
  }
  out += "]}";
  return r;
}

ApiResponse NetworkEndpoint(Store* store, const Params& p) {
  EventFilter f;
  int64_t min = 1, limit = 200;
  Status st = ParseEventFilter(p, &f);
  if (st.ok()) st = Count(p, "min", 1000000000, &min);
  if (st.ok()) st = Count(p, "limit", 999999999999, &limit);
  if (!st.ok()) return FromStatus(st);
  auto net = store->ActorNetwork(f, std::max<int64_t>(min, 1), std::min<int64_t>(limit, 5000));
  if (!net.ok()) return FromStatus(net.status());
  ApiResponse r;
  std::string& out = r.body;
  out = "{\"nodes\":[";
  for (size_t i = 0; i < net->nodes.size(); ++i) {
    if (i) out.push_back(',');
    out += "{\"id\":";
    AppendJsonString(net->nodes[i].id, &out);
    out += ",\"count\":" + std::to_string(net->nodes[i].count) + "}";
  }
  out += "],\"edges\":[";
  for (size_t i = 0; i < net->edges.size(); ++i) {
    const NetworkEdge& e = net->edges[i];
    if (i) out.push_back(',');
    out += "{\"source\":";
    AppendJsonString(e.source, &out);
    out += ",\"target\":";
    AppendJsonString(e.target, &out);
    out += ",\"count\":" + std::to_string(e.count) + ",\"goldstein\":";
    Num(std::round(e.goldstein * 100) / 100, &out);
    out += "}";
  }
  out += "]}";
  return r;
}

ApiResponse Stats(Store* store) {
  auto s = store->Stats();
  if (!s.ok()) return FromStatus(s.status());
  ApiResponse r;
  std::string& out = r.body;
  out = "{\"documents\":" + std::to_string(s->documents) + ",\"events\":" + std::to_string(s->events) +
        ",\"sentences\":" + std::to_string(s->sentences) + ",\"mentions\":" + std::to_string(s->mentions) +
        ",\"roots\":{";
  bool first = true;
  for (const auto& [root, n] : s->roots) {
    if (!first) out.push_back(',');
    first = false;
    AppendJsonString(root, &out);
    out.push_back(':');
    out += std::to_string(n);
  }
  out += "},\"first_date\":";
  StrOrNull(s->first_date, &out);
  out += ",\"last_date\":";
  StrOrNull(s->last_date, &out);
  out += ",\"engine\":";
  AppendJsonString(EngineVersion(), &out);
  out += ",\"backend\":";
  AppendJsonString(store->backend(), &out);
  out += ",\"schema_version\":" + std::to_string(s->schema_version) + "}";
  return r;
}

// ---- Writes -------------------------------------------------------------------

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The JSON documents of an upload body: one object, an array, or JSON lines.
Status SplitUpload(std::string_view body, std::vector<nlohmann::json>* items) {
  body = TrimWs(body);
  if (body.empty()) {
    return Status::InvalidArgument(
        "empty body: send a JSON document {\"id\": ..., \"text\": ...}, an array of them, or JSON lines");
  }
  nlohmann::json whole = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (auto& item : whole) items->push_back(std::move(item));
    } else {
      items->push_back(std::move(whole));
    }
    return Status::Ok();
  }
  size_t lineno = 0;
  while (!body.empty()) {
    const size_t nl = body.find('\n');
    const std::string_view line = TrimWs(body.substr(0, nl));
    body.remove_prefix(nl == std::string_view::npos ? body.size() : nl + 1);
    ++lineno;
    if (line.empty()) continue;
    if (items->size() > kMaxUploadDocuments) break;  // Too many: reported by the caller.
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      return Status::InvalidArgument("line " + std::to_string(lineno) +
                                     ": not valid JSON (send one JSON document, an array, or JSON lines)");
    }
    items->push_back(std::move(j));
  }
  return Status::Ok();
}

ApiResponse PostDocuments(Store* store, const Pipeline& pipeline, std::string_view body) {
  std::vector<nlohmann::json> items;
  Status st = SplitUpload(body, &items);
  if (!st.ok()) return FromStatus(st);
  if (items.size() > kMaxUploadDocuments || items.empty()) {
    return Error(400, items.empty()
                          ? std::string("no documents in the body")
                          : "at most " + std::to_string(kMaxUploadDocuments) + " documents per request");
  }
  // Each document needs its own id (a re-upload then replaces, never duplicates).
  std::string jsonl;
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < items.size(); ++i) {
    const nlohmann::json& j = items[i];
    const std::string where = "document " + std::to_string(i + 1);
    if (!j.is_object()) return Error(400, where + ": not a JSON object");
    auto id = j.find("id");
    std::string id_text;
    if (id != j.end() && id->is_string()) {
      id_text = id->get<std::string>();
    } else if (id != j.end() && id->is_number_integer()) {
      id_text = id->dump();
    }
    if (id_text.empty()) return Error(400, where + ": field 'id' (a non-empty string) is required");
    if (id_text.size() > kMaxIdBytes) {
      return Error(400, where + ": 'id' longer than " + std::to_string(kMaxIdBytes) + " bytes");
    }
    if (!seen.insert(id_text).second) return Error(400, where + ": id " + Shown(id_text) + " given twice");
    auto text_it = j.find("text");
    if (text_it == j.end() || !text_it->is_string()) {
      return Error(400, where + ": field 'text' (a string) is required");
    }
    jsonl += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    jsonl += '\n';
  }
  // The file reader turns the records into documents exactly as `rasd ingest` would.
  std::vector<Document> docs;
  std::string first_error;
  DocumentReader reader(
      [&](Document&& d) {
        docs.push_back(std::move(d));
        return true;
      },
      [&](const Status& e) {
        if (first_error.empty()) first_error = e.message();
      });
  reader.ReadBytes(jsonl, "upload.jsonl");
  if (!first_error.empty()) return Error(400, first_error);
  if (docs.size() != items.size()) return Error(400, "could not read every document of the body");

  std::vector<AnnotatedDocument> coded(docs.size());
  Workspace ws;
  for (size_t i = 0; i < docs.size(); ++i) pipeline.Annotate(docs[i], &ws, &coded[i]);

  // All or nothing: one transaction, rolled back on the first failure.
  st = store->Begin();
  if (!st.ok()) return FromStatus(st);
  std::vector<PutOutcome> outcomes;
  for (const AnnotatedDocument& ad : coded) {
    auto r = store->PutDocument(ad);
    if (!r.ok()) {
      (void)store->Rollback();
      return Error(r.status().code() == Status::Code::kInvalidArgument ? 400 : 500,
                   ad.doc.id + ": " + r.status().message());
    }
    outcomes.push_back(*r);
  }
  st = store->Commit();
  if (!st.ok()) return FromStatus(st);

  ApiResponse resp;
  size_t counts[3] = {0, 0, 0};
  std::string& out = resp.body;
  out = "{\"documents\":[";
  for (size_t i = 0; i < coded.size(); ++i) {
    if (i) out.push_back(',');
    counts[static_cast<int>(outcomes[i])]++;
    out += "{\"id\":";
    AppendJsonString(coded[i].doc.id, &out);
    out += ",\"outcome\":\"";
    out += PutOutcomeName(outcomes[i]);
    out += "\",\"events\":" + std::to_string(coded[i].events.size()) + "}";
  }
  out += "],\"new\":" + std::to_string(counts[0]) + ",\"replaced\":" + std::to_string(counts[1]) +
         ",\"unchanged\":" + std::to_string(counts[2]) + "}";
  resp.status = counts[0] > 0 ? 201 : 200;
  return resp;
}

ApiResponse DeleteDocumentById(Store* store, const std::string& id) {
  if (id.size() > kMaxIdBytes)
    return Error(400, "document id longer than " + std::to_string(kMaxIdBytes) + " bytes");
  auto r = store->DeleteDocument(id);
  if (!r.ok()) return FromStatus(r.status());
  if (!*r) return Error(404, "no document with id " + Shown(id));
  ApiResponse resp;
  resp.body = "{\"deleted\":";
  AppendJsonString(id, &resp.body);
  resp.body += "}";
  return resp;
}

}  // namespace

std::string CleanText(std::string_view s) {
  std::string out;
  text::SanitizeUtf8(s, &out);
  if (out.find('\0') == std::string::npos) return out;
  std::string t;
  for (char c : out) {
    if (c == '\0') {
      t += "\xef\xbf\xbd";
    } else {
      t.push_back(c);
    }
  }
  return t;
}

Status ParseEventFilter(const Params& p, EventFilter* f) {
  RASD_RETURN_IF_ERROR(Code(p, "actor", &f->actor));
  RASD_RETURN_IF_ERROR(Code(p, "source", &f->source));
  RASD_RETURN_IF_ERROR(Code(p, "target", &f->target));
  const std::string country = One(p, "country");
  if (!country.empty()) {
    if (country.size() != 3 || !AllOf(country, [](int c) { return std::isalpha(c) && c < 0x80 ? 1 : 0; })) {
      return Bad("country",
                 "expected a three-letter ISO 3166-1 alpha-3 code (e.g. LBY), got " + Shown(country));
    }
    f->country = Upper(country);
  }
  const std::string cameo = One(p, "cameo");
  if (!cameo.empty()) {
    if (cameo.size() > 4 || !AllOf(cameo, [](int c) { return std::isdigit(c) ? 1 : 0; })) {
      return Bad("cameo",
                 "expected a CAMEO code or prefix of 1-4 digits (e.g. 04, 042), got " + Shown(cameo));
    }
    f->cameo = cameo;
  }
  for (const std::string& root : List(p, "root")) {
    if (root.size() > 2 || !AllOf(root, [](int c) { return std::isdigit(c) ? 1 : 0; })) {
      return Bad("root", "expected CAMEO roots 01-20 (comma-separated), got " + Shown(root));
    }
    std::string padded = root;
    if (padded.size() == 1) padded.insert(padded.begin(), '0');
    f->roots.push_back(std::move(padded));
  }
  for (const std::string& pl : List(p, "plover")) {
    if (pl.size() > 40 ||
        !AllOf(pl, [](int c) { return (std::isalpha(c) && c < 0x80) || c == '_' || c == '-' ? 1 : 0; })) {
      return Bad("plover", "expected PLOVER event types such as ASSAULT, got " + Shown(pl));
    }
    f->plover.push_back(Upper(pl));
  }
  RASD_RETURN_IF_ERROR(Enum(p, "modality",
                            {"asserted", "reported", "planned", "conditional", "hypothetical", "negated"},
                            &f->modalities));
  RASD_RETURN_IF_ERROR(
      Enum(p, "attribution", {"named", "anonymous", "official", "media", "none"}, &f->attributions));
  RASD_RETURN_IF_ERROR(Date(p, "from", &f->from));
  RASD_RETURN_IF_ERROR(Date(p, "to", &f->to));
  if (!f->from.empty() && !f->to.empty() && f->from > f->to) {
    return Bad("from", "'" + f->from + "' is after 'to' '" + f->to + "'");
  }
  const std::string bbox = One(p, "bbox");
  if (!bbox.empty()) {
    std::vector<double> v;
    std::string_view rest = bbox;
    bool ok = true;
    while (ok) {
      const size_t comma = rest.find(',');
      const std::string item(rest.substr(0, comma));
      char* end = nullptr;
      const double d = std::strtod(item.c_str(), &end);
      ok = !item.empty() && end != nullptr && *end == '\0' && std::isfinite(d);
      v.push_back(d);
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (!ok || v.size() != 4) {
      return Bad("bbox", "expected four numbers minlon,minlat,maxlon,maxlat, got " + Shown(bbox));
    }
    if (v[0] < -180 || v[0] > 180 || v[2] < -180 || v[2] > 180 || v[1] < -90 || v[1] > 90 || v[3] < -90 ||
        v[3] > 90) {
      return Bad("bbox", "longitudes must lie in [-180, 180] and latitudes in [-90, 90], got " + Shown(bbox));
    }
    if (v[1] > v[3]) return Bad("bbox", "minlat is greater than maxlat in " + Shown(bbox));
    f->bbox = BoundingBox{v[0], v[1], v[2], v[3]};
  }
  const std::string q = One(p, "q");
  if (!q.empty()) {
    if (q.size() > kMaxQueryBytes)
      return Bad("q", "longer than " + std::to_string(kMaxQueryBytes) + " bytes");
    Status st = ValidateSearchQuery(q);
    if (!st.ok()) return Bad("q", st.message());
    f->q = q;
  }
  f->doc_id = One(p, "doc");
  return Status::Ok();
}

Status ParseExportQuery(const Params& p, ExportQuery* q) {
  RASD_RETURN_IF_ERROR(ParseEventFilter(p, &q->filter));
  RASD_RETURN_IF_ERROR(Page(p, kMaxExportRows, kMaxExportRows, &q->offset, &q->limit));
  std::string format = "csv";
  RASD_RETURN_IF_ERROR(Choice(p, "format", {"json", "csv", "jsonl", "gdelt"}, &format));
  q->format = format == "csv" ? ExportFormat::kCsv : format == "gdelt" ? ExportFormat::kGdelt : ExportFormat::kJsonl;
  if (!One(p, "dedup").empty()) {
    int64_t days = 1;
    RASD_RETURN_IF_ERROR(Count(p, "dedup", 3650, &days));
    q->dedup_days = static_cast<int>(days);
  }
  return Status::Ok();
}

Status WriteExport(Store* store, const ExportQuery& q, const std::function<bool(std::string_view)>& write) {
  std::string buf;
  const bool dedup = q.dedup_days >= 0;
  if (q.format == ExportFormat::kCsv) buf = EventCsvHeader(dedup);
  bool writing = true;
  if (dedup) {
    // Groups need every row of the query first (docs/export.md).
    EventDeduplicator dd(DedupOptions{q.dedup_days});
    Status st = store->ForEachEvent(q.filter, q.offset, q.limit, [&](const StoredEvent& e) {
      const std::string outlet = OutletOf(e.doc_source, e.doc_url);
      dd.Add(e, outlet);
      return true;
    });
    if (!st.ok()) return st;
    for (const EventGroup& g : dd.groups()) {
      if (q.format == ExportFormat::kCsv) {
        AppendEventCsv(g.event, &g, &buf);
      } else if (q.format == ExportFormat::kGdelt) {
        AppendGdeltRow(g.event, &g, &buf);
      } else {
        AppendGroupJson(g, &buf);
        buf.push_back('\n');
      }
      if (buf.size() >= (64 << 10)) {
        if (!write(buf)) return Status::Ok();
        buf.clear();
      }
    }
    if (!buf.empty()) write(buf);
    return Status::Ok();
  }
  Status st = store->ForEachEvent(q.filter, q.offset, q.limit, [&](const StoredEvent& e) {
    if (q.format == ExportFormat::kCsv) {
      AppendCsvRow(e, &buf);
    } else if (q.format == ExportFormat::kGdelt) {
      AppendGdeltRow(e, nullptr, &buf);
    } else {
      AppendEventJson(e, &buf);
      buf.push_back('\n');
    }
    if (buf.size() >= (64 << 10)) {
      writing = write(buf);
      buf.clear();
    }
    return writing;
  });
  if (writing && !buf.empty()) write(buf);
  return st;
}

bool IsWriteRequest(std::string_view method, std::string_view path) {
  const bool api = path == "/api" || path.substr(0, 5) == "/api/";
  return api && (method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE");
}

bool ConstantTimeEquals(std::string_view secret, std::string_view given) {
  // Every byte of the secret is compared, whatever `given` holds.
  unsigned diff = secret.size() == given.size() ? 0u : 1u;
  for (size_t i = 0; i < secret.size(); ++i) {
    const unsigned char g = given.empty() ? 0 : static_cast<unsigned char>(given[i % given.size()]);
    diff |= static_cast<unsigned char>(secret[i]) ^ g;
  }
  return diff == 0 && !secret.empty();
}

AuthDecision CheckWriteAuth(std::string_view configured, std::string_view authorization) {
  if (configured.empty()) {
    return {
        403,
        "writes are disabled: start rasd serve with --token or RASD_TOKEN to enable them (docs/security.md)"};
  }
  std::string_view v = TrimWs(authorization);
  constexpr std::string_view kScheme = "bearer";
  bool bearer = v.size() > kScheme.size() && std::isspace(static_cast<unsigned char>(v[kScheme.size()]));
  for (size_t i = 0; bearer && i < kScheme.size(); ++i) {
    bearer = std::tolower(static_cast<unsigned char>(v[i])) == kScheme[i];
  }
  if (!bearer) return {401, "this request writes: send the server's token as 'Authorization: Bearer TOKEN'"};
  if (!ConstantTimeEquals(configured, TrimWs(v.substr(kScheme.size())))) return {401, "wrong token"};
  return {};
}

ApiResponse HandleApiWrite(Store* store, const Pipeline& pipeline, std::string_view method,
                           std::string_view raw_path, std::string_view body) {
  const std::string clean_path = CleanText(raw_path);
  std::string_view path = clean_path;
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  constexpr std::string_view kDocs = "/api/documents";
  if (path == kDocs) {
    if (method == "POST") return PostDocuments(store, pipeline, body);
    return Error(405, "method " + std::string(method) + " not allowed on /api/documents (GET, HEAD, POST)");
  }
  if (path.substr(0, kDocs.size() + 1) == "/api/documents/" && path.size() > kDocs.size() + 1) {
    const std::string id(path.substr(kDocs.size() + 1));
    if (method == "DELETE") return DeleteDocumentById(store, id);
    return Error(405,
                 "method " + std::string(method) + " not allowed on /api/documents/ID (GET, HEAD, DELETE)");
  }
  return Error(405, "method " + std::string(method) + " not allowed on " + std::string(path.substr(0, 200)) +
                        ": only GET and HEAD (docs/api.md)");
}

ApiResponse HandleApi(Store* store, std::string_view raw_path, const Params& raw_params) {
  // Request text reaches SQL parameters and JSON, which accept neither
  // invalid UTF-8 nor NULs.
  Params params;
  for (const auto& [k, v] : raw_params) params.emplace(CleanText(k), CleanText(v));
  const std::string clean_path = CleanText(raw_path);
  std::string_view path = clean_path;
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  auto under = [&](std::string_view prefix, std::string* rest) {
    if (path.substr(0, prefix.size()) != prefix || path.size() == prefix.size()) return false;
    *rest = std::string(path.substr(prefix.size()));
    return true;
  };
  std::string id;
  if (path == "/api/health") return ApiResponse{200, kJsonType, "{\"ok\":true}"};
  if (path == "/api/events") return Events(store, params);
  if (under("/api/events/", &id)) return EventById(store, id);
  if (path == "/api/documents") return Documents(store, params);
  if (under("/api/documents/", &id)) return DocumentById(store, id);
  if (path == "/api/actors") return Actors(store, params);
  if (path == "/api/timeline") return Timeline(store, params);
  if (path == "/api/network") return NetworkEndpoint(store, params);
  if (path == "/api/stats") return Stats(store);
  return Error(404, "no such endpoint: " + std::string(path.substr(0, 200)) + " (see docs/api.md)");
}

}  // namespace rasd::server
