// Hand-written JSON emitters: the hot path of `rasd code` on whole archives.
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include "rasd/output.h"

namespace rasd {
namespace {

std::string_view Slice(const Document& doc, Span s) {
  if (s.end > doc.text.size() || s.begin > s.end) return {};
  return std::string_view(doc.text).substr(s.begin, s.size());
}

void AppendNumber(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.6g", v);
  out->append(buf, n);
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  int n = std::snprintf(buf, sizeof buf, "%" PRId64, v);
  out->append(buf, n);
}

void AppendSpanFields(Span s, const CodePointIndex& cpi, std::string* out) {
  out->append(",\"start\":");
  AppendInt(cpi(s.begin), out);
  out->append(",\"end\":");
  AppendInt(cpi(s.end), out);
}

void AppendStringOrNull(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->append("null");
  } else {
    AppendJsonString(s, out);
  }
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

void AppendEventJson(const Event& ev, const Document& doc, const CodePointIndex& cpi, std::string* out) {
  out->append("{\"doc_id\":");
  AppendJsonString(ev.doc_id, out);
  out->append(",\"event_id\":");
  AppendJsonString(ev.event_id, out);
  out->append(",\"sentence_index\":");
  AppendInt(ev.sentence_index, out);
  out->append(",\"sentence\":");
  AppendJsonString(Slice(doc, ev.sentence), out);
  out->append(",\"sentence_start\":");
  AppendInt(cpi(ev.sentence.begin), out);
  out->append(",\"trigger\":{\"text\":");
  AppendJsonString(Slice(doc, ev.trigger), out);
  AppendSpanFields(ev.trigger, cpi, out);
  out->push_back('}');
  for (const auto* pair : {&ev.source, &ev.target}) {
    out->append(pair == &ev.source ? ",\"source\":" : ",\"target\":");
    if (!pair->has_value()) {
      out->append("null");
      continue;
    }
    out->append("{\"text\":");
    AppendJsonString(Slice(doc, (*pair)->span), out);
    out->append(",\"code\":");
    AppendJsonString((*pair)->code, out);
    AppendSpanFields((*pair)->span, cpi, out);
    out->push_back('}');
  }
  out->append(",\"cameo\":");
  AppendJsonString(ev.cameo, out);
  out->append(",\"cameo_root\":");
  AppendJsonString(ev.cameo_root, out);
  out->append(",\"goldstein\":");
  AppendNumber(ev.goldstein, out);
  out->append(",\"quad_class\":");
  AppendInt(ev.quad_class, out);
  out->append(",\"plover\":{\"event\":");
  AppendStringOrNull(ev.plover_event, out);
  out->append(",\"mode\":");
  AppendStringOrNull(ev.plover_mode, out);
  out->append("},\"modality\":");
  AppendJsonString(ModalityName(ev.modality), out);
  out->append(",\"attribution\":{\"text\":");
  if (ev.attribution.empty()) {
    out->append("null");
  } else {
    AppendJsonString(Slice(doc, ev.attribution), out);
  }
  out->append(",\"kind\":");
  AppendJsonString(AttributionKindName(ev.attribution_kind), out);
  if (!ev.attribution.empty()) AppendSpanFields(ev.attribution, cpi, out);
  out->append("},\"date\":");
  AppendStringOrNull(ev.date, out);
  out->append(",\"date_precision\":");
  AppendStringOrNull(ev.date_precision, out);
  out->append(",\"location\":");
  if (!ev.location) {
    out->append("null");
  } else {
    const Location& l = *ev.location;
    out->append("{\"text\":");
    AppendJsonString(Slice(doc, l.span), out);
    out->append(",\"name_en\":");
    AppendStringOrNull(l.name_en, out);
    out->append(",\"country\":");
    AppendStringOrNull(l.country, out);
    out->append(",\"lat\":");
    AppendNumber(l.lat, out);
    out->append(",\"lon\":");
    AppendNumber(l.lon, out);
    AppendSpanFields(l.span, cpi, out);
    out->push_back('}');
  }
  out->append(",\"confidence\":");
  AppendNumber(ev.confidence, out);
  out->append(",\"rule\":");
  AppendJsonString(ev.rule, out);
  out->push_back('}');
}

void AppendAnnotationJson(const AnnotatedDocument& ad, const CodePointIndex& cpi, std::string* out) {
  const Document& doc = ad.doc;
  out->append("{\"doc_id\":");
  AppendJsonString(doc.id, out);
  out->append(",\"published\":");
  AppendStringOrNull(doc.published, out);
  if (!doc.url.empty()) {
    out->append(",\"url\":");
    AppendJsonString(doc.url, out);
  }
  if (!doc.source.empty()) {
    out->append(",\"source\":");
    AppendJsonString(doc.source, out);
  }
  out->append(",\"title\":");
  AppendJsonString(doc.title, out);
  out->append(",\"text\":");
  AppendJsonString(doc.text, out);
  out->append(",\"sentences\":[");
  for (size_t i = 0; i < ad.sentences.size(); ++i) {
    if (i) out->push_back(',');
    out->append("{\"start\":");
    AppendInt(cpi(ad.sentences[i].begin), out);
    out->append(",\"end\":");
    AppendInt(cpi(ad.sentences[i].end), out);
    out->push_back('}');
  }
  out->append("],\"mentions\":[");
  for (size_t i = 0; i < ad.mentions.size(); ++i) {
    const Mention& m = ad.mentions[i];
    if (i) out->push_back(',');
    out->append("{\"kind\":");
    AppendJsonString(MentionKindName(m.kind), out);
    out->append(",\"text\":");
    AppendJsonString(Slice(doc, m.span), out);
    AppendSpanFields(m.span, cpi, out);
    switch (m.kind) {
      case MentionKind::kActor:
        out->append(",\"code\":");
        AppendJsonString(m.code, out);
        break;
      case MentionKind::kPlace:
        out->append(",\"country\":");
        AppendStringOrNull(m.country, out);
        out->append(",\"name_en\":");
        AppendStringOrNull(m.name_en, out);
        if (m.has_coords) {
          out->append(",\"lat\":");
          AppendNumber(m.lat, out);
          out->append(",\"lon\":");
          AppendNumber(m.lon, out);
        }
        break;
      case MentionKind::kDate:
        out->append(",\"value\":");
        AppendStringOrNull(m.value, out);
        break;
      case MentionKind::kTrigger:
        out->append(",\"cameo\":");
        AppendJsonString(m.code, out);
        break;
      case MentionKind::kEntity:
        out->append(",\"type\":");
        AppendJsonString(m.type, out);
        break;
    }
    if (!m.rule.empty()) {
      out->append(",\"rule\":");
      AppendJsonString(m.rule, out);
    }
    if (!m.note.empty()) {
      out->append(",\"note\":");
      AppendJsonString(m.note, out);
    }
    out->push_back('}');
  }
  out->append("],\"events\":[");
  for (size_t i = 0; i < ad.events.size(); ++i) {
    if (i) out->push_back(',');
    AppendEventJson(ad.events[i], doc, cpi, out);
  }
  out->append("]}");
}

}  // namespace rasd
