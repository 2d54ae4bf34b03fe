// JSON and CSV of stored objects, in the shapes of docs/api.md.
#include <cmath>
#include <cstdio>

#include "rasd/output.h"
#include "server/api.h"

namespace rasd::server {
namespace {

void Num(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.6g", v);
  out->append(buf, n);
}

void Int(int64_t v, std::string* out) { out->append(std::to_string(v)); }

void Str(std::string_view s, std::string* out) { AppendJsonString(s, out); }

void StrOrNull(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
  } else {
    AppendJsonString(s, out);
  }
}

void CsvField(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

std::string NumStr(double v) {
  std::string s;
  Num(v, &s);
  return s == "null" ? "" : s;
}

}  // namespace

void AppendEventJson(const StoredEvent& e, std::string* out) {
  // The stored object is exactly `rasd code`'s; add the document's fields.
  std::string_view json = e.json;
  while (!json.empty() && json.back() != '}') json.remove_suffix(1);
  if (json.size() < 2) {
    out->append("{\"event_id\":");
    Str(e.event_id, out);
    out->append(",\"doc_id\":");
    Str(e.doc_id, out);
  } else {
    json.remove_suffix(1);
    out->append(json);
  }
  out->append(",\"doc_title\":");
  Str(e.doc_title, out);
  out->append(",\"published\":");
  StrOrNull(e.published, out);
  out->push_back('}');
}

void AppendDocumentJson(const StoredDocument& d, std::string* out) {
  out->append("{\"id\":");
  Str(d.id, out);
  out->append(",\"title\":");
  Str(d.title, out);
  out->append(",\"text\":");
  Str(d.text, out);
  out->append(",\"published\":");
  StrOrNull(d.published, out);
  out->append(",\"url\":");
  StrOrNull(d.url, out);
  out->append(",\"source\":");
  StrOrNull(d.source, out);
  out->append(",\"sentences\":[");
  for (size_t i = 0; i < d.sentences.size(); ++i) {
    if (i) out->push_back(',');
    out->append("{\"start\":");
    Int(d.sentences[i].first, out);
    out->append(",\"end\":");
    Int(d.sentences[i].second, out);
    out->push_back('}');
  }
  out->append("],\"mentions\":[");
  for (size_t i = 0; i < d.mentions.size(); ++i) {
    const StoredMention& m = d.mentions[i];
    if (i) out->push_back(',');
    out->append("{\"kind\":");
    Str(m.kind, out);
    out->append(",\"text\":");
    Str(m.text, out);
    out->append(",\"start\":");
    Int(m.start, out);
    out->append(",\"end\":");
    Int(m.end, out);
    // Kind-specific fields, as `rasd annotate` writes them.
    if (m.kind == "actor") {
      out->append(",\"code\":");
      Str(m.code, out);
    } else if (m.kind == "place") {
      out->append(",\"country\":");
      StrOrNull(m.country, out);
      out->append(",\"name_en\":");
      StrOrNull(m.name_en, out);
      if (m.lat && m.lon) {
        out->append(",\"lat\":");
        Num(*m.lat, out);
        out->append(",\"lon\":");
        Num(*m.lon, out);
      }
    } else if (m.kind == "date") {
      out->append(",\"value\":");
      StrOrNull(m.value, out);
    } else if (m.kind == "trigger") {
      out->append(",\"cameo\":");
      Str(m.code, out);
    } else if (m.kind == "entity") {
      out->append(",\"type\":");
      Str(m.type, out);
    }
    if (!m.rule.empty()) {
      out->append(",\"rule\":");
      Str(m.rule, out);
    }
    if (!m.note.empty()) {
      out->append(",\"note\":");
      Str(m.note, out);
    }
    out->push_back('}');
  }
  out->append("],\"events\":[");
  for (size_t i = 0; i < d.events.size(); ++i) {
    if (i) out->push_back(',');
    AppendEventJson(d.events[i], out);
  }
  out->append("]}");
}

void AppendErrorJson(std::string_view message, std::string* out) {
  out->append("{\"error\":");
  Str(CleanText(message), out);
  out->push_back('}');
}

const std::string& CsvHeader() {
  static const std::string kHeader =
      "event_id,doc_id,doc_title,published,date,date_precision,sentence_index,source_code,source_text,"
      "target_code,target_text,cameo,cameo_root,goldstein,quad_class,plover_event,plover_mode,modality,"
      "attribution_kind,attribution_text,trigger_text,location_text,location_name_en,location_country,lat,"
      "lon,"
      "confidence,rule,sentence\n";
  return kHeader;
}

void AppendCsvRow(const StoredEvent& e, std::string* out) {
  const std::string fields[] = {e.event_id,
                                e.doc_id,
                                e.doc_title,
                                e.published,
                                e.date,
                                e.date_precision,
                                std::to_string(e.sentence_index),
                                e.source_code,
                                e.source_text,
                                e.target_code,
                                e.target_text,
                                e.cameo,
                                e.cameo_root,
                                NumStr(e.goldstein),
                                std::to_string(e.quad_class),
                                e.plover_event,
                                e.plover_mode,
                                e.modality,
                                e.attribution_kind,
                                e.attribution_text,
                                e.trigger_text,
                                e.location_text,
                                e.location_name_en,
                                e.location_country,
                                e.lat ? NumStr(*e.lat) : "",
                                e.lon ? NumStr(*e.lon) : "",
                                NumStr(e.confidence),
                                e.rule,
                                e.sentence};
  bool first = true;
  for (const std::string& f : fields) {
    if (!first) out->push_back(',');
    first = false;
    CsvField(f, out);
  }
  out->push_back('\n');
}

}  // namespace rasd::server
